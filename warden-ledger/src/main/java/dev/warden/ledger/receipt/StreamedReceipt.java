package dev.warden.ledger.receipt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A saved streamed answer split into what its receipt covers and the receipt itself. Warden ends
 * every stream it relays with a receipt event — SSE the comment line {@code : warden-receipt
 * <base64 DSSE>} then a blank line (a comment, so SDK stream parsers skip it), or the NDJSON line
 * {@code {"warden_receipt":"<base64 DSSE>"}} — whose {@code response} subject is the SHA-256 of
 * every byte before that event.
 *
 * @param covered the stream's bytes before the receipt event, exactly as saved
 * @param receipt the receipt (a {@code Warden-Receipt} value: base64 of the DSSE envelope)
 */
@SuppressWarnings("ArrayRecordComponent") // bytes of a saved stream, never compared
public record StreamedReceipt(byte[] covered, String receipt) {
  private static final String SSE = ": warden-receipt ";
  private static final byte[] NDJSON = "{\"warden_receipt\":\"".getBytes(StandardCharsets.UTF_8);

  /**
   * Finds the receipt event at the end of {@code stream}.
   *
   * @throws InvalidReceiptException if the stream does not end with exactly one receipt event (a
   *     truncated save, a stream from something other than Warden)
   */
  public static StreamedReceipt split(byte[] stream) throws InvalidReceiptException {
    int end = stream.length;
    // The event ends with a blank line (SSE) or a newline (NDJSON); a save may have lost the last.
    while (end > 0 && (stream[end - 1] == '\n' || stream[end - 1] == '\r')) {
      end--;
    }
    int lineStart = end;
    while (lineStart > 0 && stream[lineStart - 1] != '\n') {
      lineStart--;
    }
    String last = new String(stream, lineStart, end - lineStart, StandardCharsets.UTF_8);
    if (last.startsWith(SSE)) {
      return new StreamedReceipt(
          Arrays.copyOf(stream, lineStart), base64(last.substring(SSE.length())));
    } else if (last.startsWith(new String(NDJSON, StandardCharsets.UTF_8))
        && last.endsWith("\"}")) {
      return new StreamedReceipt(
          Arrays.copyOf(stream, lineStart),
          base64(last.substring(NDJSON.length, last.length() - 2)));
    }
    throw new InvalidReceiptException(
        "the saved stream does not end with a Warden receipt event (a ': warden-receipt …' line,"
            + " or a {\"warden_receipt\":…} line); save the whole stream, including its last event");
  }

  private static String base64(String s) throws InvalidReceiptException {
    boolean ok =
        !s.isEmpty()
            && s.chars()
                .allMatch(c ->
                    (c >= 'A' && c <= 'Z')
                        || (c >= 'a' && c <= 'z')
                        || (c >= '0' && c <= '9')
                        || c == '+'
                        || c == '/'
                        || c == '=');
    if (!ok) {
      throw new InvalidReceiptException("the receipt event's data is not base64");
    }
    return s;
  }
}
