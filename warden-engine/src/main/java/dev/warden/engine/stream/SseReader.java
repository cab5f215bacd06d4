package dev.warden.engine.stream;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Incremental reader of a WHATWG {@code text/event-stream}. Bytes arrive in chunks split anywhere
 * (inside a line, between CR and LF, inside a UTF-8 sequence); whole events come out.
 *
 * <p>Parsing follows the HTML standard's event-stream interpretation: a leading BOM is dropped;
 * lines end in CRLF, LF or CR; a line starting with {@code :} is a comment; {@code field: value}
 * loses one leading space of the value; {@code data} lines are joined with {@code \n}; a blank line
 * dispatches the event when it has data; {@code id} values containing NUL are ignored; {@code
 * retry} must be digits; other fields are ignored. An event still open at end of stream is
 * discarded, as a browser would.
 *
 * <p>Fail closed: a line or an event longer than {@code maxEventBytes}, or bytes that are not
 * UTF-8, throw {@link StreamFormatException} (the message never quotes the stream). Line breaks are
 * ASCII bytes that never occur inside a multi-byte UTF-8 sequence, so each line is decoded whole.
 * Not thread-safe.
 */
final class SseReader {
  /** Receives what the reader finds, in stream order. */
  interface Listener {
    void event(SseEvent event);

    /** A comment line (without its colon); hosts may forward it as a keep-alive. */
    void comment(String text);
  }

  private final int maxEventBytes;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private byte[] line = new byte[256];
  private int lineLength;
  private boolean lastWasCr;
  private boolean started;
  private int bomSeen;

  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private @Nullable String type;
  private @Nullable String id;
  private @Nullable String retry;
  private long eventBytes;

  SseReader(int maxEventBytes) {
    if (maxEventBytes < 1) {
      throw new IllegalArgumentException("maxEventBytes must be positive, got " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
  }

  /** Feeds the next bytes; calls {@code listener} for each completed event or comment. */
  void feed(byte[] chunk, int offset, int length, Listener listener) {
    java.util.Objects.checkFromIndexSize(offset, length, chunk.length);
    for (int i = offset; i < offset + length; i++) {
      byte b = chunk[i];
      if (!started) {
        // A UTF-8 BOM (EF BB BF) may open the stream; it is not part of the first line.
        byte expected = BOM[bomSeen];
        if (b == expected) {
          bomSeen++;
          if (bomSeen == BOM.length) {
            started = true;
          }
          continue;
        }
        started = true;
        for (int k = 0; k < bomSeen; k++) {
          append(BOM[k]);
        }
      }
      if (b == '\n') {
        if (lastWasCr) {
          lastWasCr = false; // the LF of a CRLF: the line already ended at the CR
          continue;
        }
        endLine(listener);
      } else if (b == '\r') {
        lastWasCr = true;
        endLine(listener);
      } else {
        lastWasCr = false;
        append(b);
      }
    }
  }

  /** The stream ended: an incomplete event is discarded (WHATWG); nothing is dispatched. */
  void finish() {
    started = true;
    lineLength = 0;
    resetEvent();
  }

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private void append(byte b) {
    if (lineLength == line.length) {
      if (line.length >= maxEventBytes) {
        throw tooLong();
      }
      line = java.util.Arrays.copyOf(line, (int) Math.min((long) line.length * 2, maxEventBytes));
    }
    line[lineLength++] = b;
  }

  private StreamFormatException tooLong() {
    return new StreamFormatException(
        "event-stream event is longer than the limit of " + maxEventBytes + " bytes");
  }

  private void endLine(Listener listener) {
    eventBytes += lineLength + 1;
    if (eventBytes > maxEventBytes) {
      throw tooLong();
    }
    if (lineLength == 0) {
      dispatch(listener);
      return;
    }
    String text = decode(line, lineLength);
    lineLength = 0;
    if (text.charAt(0) == ':') {
      listener.comment(text.substring(1));
      eventBytes -= text.length() + 1; // comments are not part of the event
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = "";
    if (colon >= 0) {
      int from = colon + 1;
      if (from < text.length() && text.charAt(from) == ' ') {
        from++;
      }
      value = text.substring(from);
    }
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> type = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          id = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          retry = value;
        }
      }
      default -> {
        // Unknown fields are ignored by every event-stream client, so they carry nothing.
      }
    }
  }

  private void dispatch(Listener listener) {
    if (hasData) {
      listener.event(new SseEvent(type, data.toString(), id, retry));
    }
    resetEvent();
  }

  private void resetEvent() {
    data.setLength(0);
    hasData = false;
    type = null;
    id = null;
    retry = null;
    eventBytes = 0;
  }

  private String decode(byte[] bytes, int length) {
    try {
      return utf8.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new StreamFormatException("event-stream line is not valid UTF-8");
    }
  }

  /** Serializes an event in canonical form: LF line ends, one {@code data:} line per data line. */
  static void write(SseEvent event, StringBuilder out) {
    if (event.type() != null) {
      out.append("event: ").append(event.type()).append('\n');
    }
    if (event.id() != null) {
      out.append("id: ").append(event.id()).append('\n');
    }
    if (event.retry() != null) {
      out.append("retry: ").append(event.retry()).append('\n');
    }
    String d = event.data();
    int from = 0;
    while (true) {
      int nl = d.indexOf('\n', from);
      out.append("data: ").append(d, from, nl < 0 ? d.length() : nl).append('\n');
      if (nl < 0) {
        break;
      }
      from = nl + 1;
    }
    out.append('\n');
  }
}
