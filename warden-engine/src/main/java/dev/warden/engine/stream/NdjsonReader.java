package dev.warden.engine.stream;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental reader of newline-delimited JSON (Ollama's stream format): one value per line, lines
 * end in LF or CRLF, blank lines are skipped, a last line without a line break counts at end of
 * stream. Chunks may split anywhere, also inside a UTF-8 sequence (each line is decoded whole).
 *
 * <p>Fail closed: a line longer than {@code maxLineBytes} or bytes that are not UTF-8 throw {@link
 * StreamFormatException}; the message never quotes the stream. Whether a line is JSON is the
 * codec's business. Not thread-safe.
 */
final class NdjsonReader {
  private final int maxLineBytes;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] line = new byte[256];
  private int length;

  NdjsonReader(int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, got " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  void feed(byte[] chunk, int offset, int count, Consumer<String> lines) {
    java.util.Objects.checkFromIndexSize(offset, count, chunk.length);
    for (int i = offset; i < offset + count; i++) {
      byte b = chunk[i];
      if (b == '\n') {
        emit(lines);
      } else {
        if (length == line.length) {
          if (line.length >= maxLineBytes) {
            throw new StreamFormatException(
                "NDJSON line is longer than the limit of " + maxLineBytes + " bytes");
          }
          line =
              java.util.Arrays.copyOf(line, (int) Math.min((long) line.length * 2, maxLineBytes));
        }
        line[length++] = b;
      }
    }
  }

  /** The stream ended: a last line without a line break is emitted. */
  void finish(Consumer<String> lines) {
    emit(lines);
  }

  private void emit(Consumer<String> lines) {
    int n = length;
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    length = 0;
    String text;
    try {
      text = utf8.reset().decode(ByteBuffer.wrap(line, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw new StreamFormatException("NDJSON line is not valid UTF-8");
    }
    if (!text.isBlank()) {
      lines.accept(text);
    }
  }
}
