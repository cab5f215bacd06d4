package dev.warden.server;

import dev.warden.engine.dialect.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Stream framing as the proxy sees it: whether an upstream answer is a stream at all, and Warden's
 * receipt event, always the last bytes of a stream. (Error events are the dialect's own: {@link
 * Dialect#errorEvent}.)
 *
 * <p>SSE: the comment line {@code : warden-receipt <base64 of the DSSE envelope>} and a blank line.
 * A comment, not an event: every SSE parser skips comments, while the official SDKs parse the data
 * of every event they do not stop at as JSON (the Anthropic and OpenAI Responses SDKs read on after
 * the last event and would fail on a base64 {@code data:} line). NDJSON: a last line {@code
 * {"warden_receipt": "…"}}.
 */
final class StreamFraming {
  private StreamFraming() {}

  /** The framing of an upstream answer's media type, or null when it is not a stream. */
  static Dialect.@Nullable Framing of(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (base) {
      case "text/event-stream" -> Dialect.Framing.SSE;
      case "application/x-ndjson", "application/ndjson", "application/jsonl" ->
          Dialect.Framing.NDJSON;
      default -> null;
    };
  }

  /** The receipt event carrying {@code receiptBase64} (a {@code Warden-Receipt} value). */
  static byte[] receipt(Dialect.Framing framing, String receiptBase64) {
    return switch (framing) {
      case SSE ->
          (": warden-receipt " + receiptBase64 + "\n\n").getBytes(StandardCharsets.US_ASCII);
      case NDJSON ->
          ("{\"warden_receipt\":\"" + receiptBase64 + "\"}\n").getBytes(StandardCharsets.US_ASCII);
    };
  }
}
