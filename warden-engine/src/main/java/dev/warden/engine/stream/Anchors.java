package dev.warden.engine.stream;

import dev.warden.engine.detect.StreamAnchor;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The open long-span holds of one channel: where a long match (a PEM block, a JWT, a service
 * account key) could still be in progress, found from the rules' {@link StreamAnchor}s as the text
 * arrives. One pass over each character; matching folds case and full-width forms and skips
 * invisible (format) characters, as the normalizer does before the rules run.
 *
 * <p>A hold opened by an anchor at {@code a} keeps everything from {@code a - before} until {@code
 * a + literal + after + context} characters have arrived, or, once the anchor's closer has arrived,
 * until {@code closeReach + context} characters after the closer. Not thread-safe.
 */
final class Anchors {
  private final StreamAnchor[] anchors;
  private final char[][] literals;
  private final char[][] closers; // empty: no closer
  private final int context;
  private final int cap;
  private final char[] tail;
  private final int[] tailPos;
  private int n;
  private final ArrayDeque<int[]>[] open;

  @SuppressWarnings("unchecked")
  Anchors(List<StreamAnchor> anchors, int context) {
    this.anchors = anchors.toArray(StreamAnchor[]::new);
    this.literals = new char[this.anchors.length][];
    this.closers = new char[this.anchors.length][];
    this.open = new ArrayDeque[this.anchors.length];
    int longest = 1;
    for (int i = 0; i < this.anchors.length; i++) {
      StreamAnchor a = this.anchors[i];
      literals[i] = a.literal().toCharArray();
      String closer = a.closer();
      closers[i] = closer == null ? new char[0] : closer.toCharArray();
      longest = Math.max(longest, a.literal().length());
      if (closer != null) {
        longest = Math.max(longest, closer.length());
      }
      open[i] = new ArrayDeque<>(2);
    }
    this.context = context;
    this.cap = longest;
    this.tail = new char[2 * longest];
    this.tailPos = new int[2 * longest];
  }

  /** Feeds the character at channel position {@code pos}. */
  void accept(char raw, int pos) {
    if (anchors.length == 0 || Character.getType(raw) == Character.FORMAT) {
      return;
    }
    char c = raw >= '\uFF01' && raw <= '\uFF5E' ? (char) (raw - 0xFEE0) : raw;
    c = Character.toLowerCase(c);
    if (n == tail.length) {
      System.arraycopy(tail, n - cap + 1, tail, 0, cap - 1);
      System.arraycopy(tailPos, n - cap + 1, tailPos, 0, cap - 1);
      n = cap - 1;
    }
    tail[n] = c;
    tailPos[n] = pos;
    n++;
    for (int i = 0; i < anchors.length; i++) {
      char[] closer = closers[i];
      if (closer.length > 0 && !open[i].isEmpty() && endsWith(closer)) {
        int until = pos + 1 + anchors[i].closeReach() + context;
        for (int[] h : open[i]) {
          h[1] = Math.min(h[1], until);
        }
      }
      char[] lit = literals[i];
      if (endsWith(lit)) {
        int start = tailPos[n - lit.length];
        StreamAnchor a = anchors[i];
        open[i].addLast(new int[] {Math.max(0, start - a.before()), pos + 1 + a.after() + context});
      }
    }
  }

  private boolean endsWith(char[] lit) {
    int len = lit.length;
    if (len > n || tail[n - 1] != lit[len - 1]) {
      return false;
    }
    for (int k = 0; k < len - 1; k++) {
      if (tail[n - len + k] != lit[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The earliest position still held once {@code received} characters have arrived, or {@link
   * Integer#MAX_VALUE} when no hold is open. Expired holds are dropped.
   */
  int holdFrom(int received) {
    int from = Integer.MAX_VALUE;
    // Per anchor, holds open in order: both their starts and their ends never decrease.
    for (ArrayDeque<int[]> q : open) {
      int[] h = q.peekFirst();
      while (h != null && h[1] <= received) {
        q.pollFirst();
        h = q.peekFirst();
      }
      if (h != null) {
        from = Math.min(from, h[0]);
      }
    }
    return from;
  }
}
