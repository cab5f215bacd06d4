package dev.warden.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a streamed answer is framed on the wire, and the two kinds of event Warden itself adds to a
 * stream: an error event (the stream ends in failure) and the receipt event (always last).
 *
 * <p>SSE: errors are {@code event: error} with an OpenAI/Anthropic-shaped JSON body — the official
 * SDKs of both raise it as an API error — and the receipt is {@code event: warden-receipt} with the
 * DSSE envelope's base64 as data, after the upstream's own end marker (OpenAI's {@code data:
 * [DONE]}), where SDKs no longer look. NDJSON: errors are a line {@code {"error": "…",
 * "warden_error": {…}}} (Ollama's shape plus Warden's type), the receipt a last line {@code
 * {"warden_receipt": "…"}}.
 */
enum StreamFraming {
  SSE("text/event-stream"),
  NDJSON("application/x-ndjson");

  private final String contentType;

  StreamFraming(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /** The framing of an upstream answer's media type, or null when it is not a stream. */
  static @Nullable StreamFraming of(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (base) {
      case "text/event-stream" -> SSE;
      case "application/x-ndjson", "application/ndjson", "application/jsonl" -> NDJSON;
      default -> null;
    };
  }

  /** The {@code Accept} header for a streamed call in dialect {@code dialectId}. */
  static String accept(String dialectId) {
    return dialectId.startsWith("ollama-") ? NDJSON.contentType : SSE.contentType;
  }

  /** An error that ends the stream; never quotes upstream bytes. */
  byte[] error(ErrorBody err) {
    String json = new String(err.json(), StandardCharsets.UTF_8);
    // {"error":{...}} → {"type":"error","error":{...}}: OpenAI's SDK reads .error, Anthropic's
    // .type.
    String inner = json.substring("{\"error\":".length(), json.length() - 1);
    return switch (this) {
      case SSE ->
          ("event: error\ndata: {\"type\":\"error\",\"error\":" + inner + "}\n\n")
              .getBytes(StandardCharsets.UTF_8);
      case NDJSON ->
          ("{\"error\":" + quote(err.message()) + ",\"warden_error\":" + inner + "}\n")
              .getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The receipt event: always the last bytes of the stream. */
  byte[] receipt(String receiptBase64) {
    return switch (this) {
      case SSE ->
          ("event: warden-receipt\ndata: " + receiptBase64 + "\n\n")
              .getBytes(StandardCharsets.US_ASCII);
      case NDJSON ->
          ("{\"warden_receipt\":\"" + receiptBase64 + "\"}\n").getBytes(StandardCharsets.US_ASCII);
    };
  }

  private static String quote(String s) {
    return "\"" + ErrorBody.escape(s) + "\"";
  }
}
