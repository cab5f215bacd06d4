package dev.warden.engine.normalize;

import dev.warden.api.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Original ranges already covered by a finding. Encoded runs and split points inside one are left
 * alone: the value there is reported (and rewritten) as a whole already — a JWT's segments are
 * base64url, a PEM body is base64 over several lines.
 */
final class Coverage {
  private int[] starts = new int[0];
  private int[] maxEnds = new int[0];
  private final List<Span> spans = new ArrayList<>();

  void addAll(List<Span> more) {
    if (more.isEmpty()) {
      return;
    }
    spans.addAll(more);
    spans.sort(Comparator.comparingInt(Span::start));
    starts = new int[spans.size()];
    maxEnds = new int[spans.size()];
    int furthest = 0;
    for (int i = 0; i < starts.length; i++) {
      starts[i] = spans.get(i).start();
      furthest = Math.max(furthest, spans.get(i).end());
      maxEnds[i] = furthest;
    }
  }

  /** Whether original range {@code [start, end)} lies inside one covered span. */
  boolean covers(int start, int end) {
    // Some span starting at or before start ends at or after end: the prefix maximum says.
    int lo = 0;
    int hi = starts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo > 0 && maxEnds[lo - 1] >= end;
  }
}
