package dev.warden.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer fuzz tests of the SSE and NDJSON readers. In a normal build {@code @FuzzTest} replays its
 * seed inputs; {@code JAZZER_FUZZ=1} fuzzes for real. Properties: the only exception is {@link
 * StreamFormatException}, and the events do not depend on where the bytes were split.
 */
class StreamReadersFuzzer {
  @FuzzTest(maxDuration = "30s")
  void sseReader(FuzzedDataProvider data) {
    int split = data.consumeInt(0, 64);
    byte[] bytes = data.consumeRemainingAsBytes();
    List<SseEvent> whole = readSse(bytes, bytes.length);
    List<SseEvent> chunked = readSse(bytes, Math.max(1, split));
    assertThat(chunked).isEqualTo(whole);
  }

  @FuzzTest(maxDuration = "30s")
  void ndjsonReader(FuzzedDataProvider data) {
    int split = data.consumeInt(1, 64);
    byte[] bytes = data.consumeRemainingAsBytes();
    assertThat(readNdjson(bytes, split)).isEqualTo(readNdjson(bytes, Math.max(1, bytes.length)));
  }

  /** Events (or the failure) of reading {@code bytes} in chunks of {@code size}. */
  private static List<SseEvent> readSse(byte[] bytes, int size) {
    List<SseEvent> out = new ArrayList<>();
    SseReader reader = new SseReader(4096);
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
    try {
      for (int i = 0; i < bytes.length; i += size) {
        reader.feed(bytes, i, Math.min(size, bytes.length - i), l);
      }
      reader.finish();
    } catch (StreamFormatException e) {
      out.add(new SseEvent("(failed)", "", null, null));
    }
    return out;
  }

  private static List<String> readNdjson(byte[] bytes, int size) {
    List<String> out = new ArrayList<>();
    NdjsonReader reader = new NdjsonReader(4096);
    try {
      for (int i = 0; i < bytes.length; i += size) {
        reader.feed(bytes, i, Math.min(size, bytes.length - i), out::add);
      }
      reader.finish(out::add);
    } catch (StreamFormatException e) {
      out.add("(failed)");
    }
    return out;
  }
}
