package dev.warden.engine.normalize;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Joins the text of a streamed answer pasted or logged whole — server-sent events ({@code data:
 * {"choices":[{"delta":{"content":"…"}}]}}, Anthropic's {@code content_block_delta} with {@code
 * "text"}, the Responses API's {@code "delta":"…"}) or NDJSON lines (Ollama's {@code "response"}) —
 * so a value the model wrote over two chunks ({@code "AIza1Gkh5q-BQvqt9oe"} then {@code
 * "LocZEmix44…"}) reads whole. The derived text is the chunks' text alone, in order; a finding
 * there maps back over the chunks it spans.
 *
 * <p>Only lines that start with {@code data:} or <code>{</code>, at least two of them holding a
 * chunk; from each, the last string value of {@code content}, {@code text}, {@code delta}, {@code
 * partial_json} or {@code response}. Cost: a search for line breaks, and the lines' starts.
 */
final class StreamDeltas {
  private StreamDeltas() {}

  private static final String[] MARKERS = {
    "\"content\":\"", "\"text\":\"", "\"delta\":\"", "\"partial_json\":\"", "\"response\":\""
  };

  /** {@code text} as the chunks of its stream joined, or null when it holds no stream. */
  static @Nullable MappedText joinOrNull(String text, @Nullable MappedText parent) {
    List<int[]> chunks = null;
    int n = text.length();
    for (int line = 0; line < n; ) {
      int end = text.indexOf('\n', line);
      if (end < 0) {
        end = n;
      }
      if (text.startsWith("data:", line) || (line < n && text.charAt(line) == '{')) {
        int[] chunk = lastValue(text, line, end);
        if (chunk != null) {
          if (chunks == null) {
            chunks = new ArrayList<>();
          }
          chunks.add(chunk);
        }
      }
      line = end + 1;
    }
    if (chunks == null || chunks.size() < 2) {
      return null;
    }
    MappedText.Builder b = new MappedText.Builder(parent, text);
    int copied = 0;
    for (int[] chunk : chunks) {
      if (chunk[0] > copied) {
        b.remove(copied, chunk[0], Evasion.STREAM);
      }
      b.copy(chunk[0], chunk[1]);
      copied = chunk[1];
    }
    if (copied < n) {
      b.remove(copied, n, Evasion.STREAM);
    }
    return b.build();
  }

  /** The {@code [start, end)} of the last chunk value on the line {@code [from, to)}, or null. */
  private static int @Nullable [] lastValue(String text, int from, int to) {
    int best = -1;
    for (String marker : MARKERS) {
      // Backwards within the line only: lastIndexOf would search on through every line before.
      for (int at = to - marker.length(); at >= from && at + marker.length() > best; at--) {
        if (text.startsWith(marker, at)) {
          best = at + marker.length();
          break;
        }
      }
    }
    if (best < 0) {
      return null;
    }
    for (int k = best; k < to; k++) {
      char c = text.charAt(k);
      if (c == '\\') {
        k++; // an escaped character, the quote included
      } else if (c == '"') {
        return k > best ? new int[] {best, k} : null;
      }
    }
    return null;
  }
}
