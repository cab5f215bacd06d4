package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.cut;
import static dev.warden.engine.stream.StreamFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamReadersTest {
  /** Reads {@code chunks}; comments are recorded as events of type "(comment)". */
  static List<SseEvent> sse(List<byte[]> chunks, int max) {
    List<SseEvent> out = new ArrayList<>();
    SseReader reader = new SseReader(max);
    SseReader.Listener l =
        new SseReader.Listener() {
          @Override
          public void event(SseEvent event) {
            out.add(event);
          }

          @Override
          public void comment(String text) {
            out.add(new SseEvent("(comment)", text, null, null));
          }
        };
    for (byte[] c : chunks) {
      reader.feed(c, 0, c.length, l);
    }
    reader.finish();
    return out;
  }

  static List<SseEvent> sse(String whole) {
    return sse(List.of(utf8(whole)), 1 << 16);
  }

  @Test
  void whatwgFieldsLineEndsAndBom() {
    String stream =
        "\uFEFF: hello\r\n"
            + "event: first\r\nid: 7\r\nretry: 1500\r\ndata: a\r\ndata:  b\r\n\r\n"
            + "data: cr only\rdata\r\r"
            + "event: empty-is-dropped\n\n"
            + "unknown: x\ndata: {\"k\":1}\nid: bad\0id\n\n"
            + "data: open at the end";

    List<SseEvent> events = sse(stream);

    assertThat(events)
        .containsExactly(
            new SseEvent("(comment)", " hello", null, null),
            new SseEvent("first", "a\n b", "7", "1500"),
            new SseEvent(null, "cr only\n", null, null),
            new SseEvent(null, "{\"k\":1}", null, null));
  }

  @Test
  void everySplitGivesTheSameEventsAlsoInsideUtf8AndCrLf() {
    String stream = "event: t\r\ndata: Grüße 日本 🙂\r\n\r\n: c\r\ndata: x\rdata: y\r\r\ndata: z\n\n";
    byte[] bytes = utf8(stream);
    List<SseEvent> whole = sse(stream);
    assertThat(whole).hasSize(4);
    for (int i = 1; i < bytes.length; i++) {
      assertThat(sse(cut(bytes, i), 1 << 16)).as("split at " + i).isEqualTo(whole);
      for (int j = i + 1; j < bytes.length; j++) {
        assertThat(sse(cut(bytes, i, j), 1 << 16)).as("split at " + i + "," + j).isEqualTo(whole);
      }
    }
  }

  @Test
  void oversizedEventFailsClosed() {
    String big = "data: " + "x".repeat(100) + "\n" + "data: " + "y".repeat(100) + "\n\n";
    assertThatThrownBy(() -> sse(List.of(utf8(big)), 150))
        .isInstanceOf(StreamFormatException.class)
        .hasMessageContaining("150")
        .hasMessageNotContaining("xxx");
    assertThatThrownBy(() -> sse(List.of(utf8("data: " + "z".repeat(500))), 150))
        .isInstanceOf(StreamFormatException.class);
  }

  @Test
  void invalidUtf8FailsClosed() {
    byte[] bad = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n', '\n'};
    assertThatThrownBy(() -> sse(List.of(bad), 1 << 10))
        .isInstanceOf(StreamFormatException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void canonicalWriteRoundTrips() {
    SseEvent e = new SseEvent("delta", "line one\nline two", "42", null);
    StringBuilder out = new StringBuilder();
    SseReader.write(e, out);

    assertThat(out.toString())
        .isEqualTo("event: delta\nid: 42\ndata: line one\ndata: line two\n\n");
    assertThat(sse(out.toString())).containsExactly(e);
  }

  static List<String> ndjson(List<byte[]> chunks, int max) {
    List<String> out = new ArrayList<>();
    NdjsonReader reader = new NdjsonReader(max);
    for (byte[] c : chunks) {
      reader.feed(c, 0, c.length, out::add);
    }
    reader.finish(out::add);
    return out;
  }

  @Test
  void ndjsonLinesAnySplitCrLfBlankAndLastLineWithoutBreak() {
    String stream = "{\"a\":\"ä\"}\r\n\n  \n{\"b\":\"日本\"}\n{\"c\":3}";
    byte[] bytes = utf8(stream);
    List<String> expected = List.of("{\"a\":\"ä\"}", "{\"b\":\"日本\"}", "{\"c\":3}");
    assertThat(ndjson(List.of(bytes), 1 << 10)).isEqualTo(expected);
    for (int i = 1; i < bytes.length; i++) {
      for (int j = i + 1; j < bytes.length; j++) {
        assertThat(ndjson(cut(bytes, i, j), 1 << 10))
            .as("split at " + i + "," + j)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void ndjsonOversizedOrInvalidLineFailsClosed() {
    assertThatThrownBy(() -> ndjson(List.of(utf8("{\"a\":\"" + "x".repeat(300) + "\"}\n")), 256))
        .isInstanceOf(StreamFormatException.class)
        .hasMessageContaining("256");
    assertThatThrownBy(() -> ndjson(List.of(new byte[] {'{', (byte) 0xFF, '}', '\n'}), 256))
        .isInstanceOf(StreamFormatException.class);
  }
}
