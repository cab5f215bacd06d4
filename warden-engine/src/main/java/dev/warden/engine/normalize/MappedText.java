package dev.warden.engine.normalize;

import dev.warden.api.Span;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A text derived from an original leaf, with every character mapped back to the range of original
 * characters it came from.
 *
 * <p>Guarantees: for every derived range {@code [s, e)} with {@code s < e}, {@link #toOriginal}
 * returns the smallest original range that holds every original character the derived characters
 * came from; it lies within the original text and is monotonic (a derived range that starts later
 * never maps to an original range that starts earlier). A derived character produced by a
 * transformation (a decoded run, a folded look-alike) maps to the whole original run it came from,
 * so a finding inside decoded text covers the entire encoded value. Characters removed from the
 * original (zero-width characters, line breaks joining a split value) have no derived character;
 * they are covered when a range spans across them.
 *
 * <p>Derived texts compose: a text derived from a {@code MappedText} maps straight to the original
 * leaf. Immutable and thread-safe.
 */
public final class MappedText {
  private final String text;
  private final int[] starts;
  private final int[] ends;
  // Per derived character: the evasions that produced it (bit set of Evasion.bit()).
  private final int[] kinds;
  // Per derived character: the evasions whose removed characters sit right before it.
  private final int[] joins;

  private MappedText(String text, int[] starts, int[] ends, int[] kinds, int[] joins) {
    this.text = text;
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
    this.joins = joins;
  }

  /** The derived text. */
  public String text() {
    return text;
  }

  /**
   * The original range that derived range {@code [start, end)} came from.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= start < end <= text().length()}
   */
  public Span toOriginal(int start, int end) {
    if (start < 0 || end > text.length() || start >= end) {
      throw new IndexOutOfBoundsException(
          "derived range [" + start + ", " + end + ") is not within [0, " + text.length() + ")");
    }
    // Both arrays are non-decreasing: sources are consumed left to right.
    return new Span(starts[start], ends[end - 1]);
  }

  /** Original start of derived character {@code i}. */
  int originalStart(int i) {
    return starts[i];
  }

  /** Original end of derived character {@code i}. */
  int originalEnd(int i) {
    return ends[i];
  }

  /**
   * The evasions that derived range {@code [start, end)} had undone: those that produced one of its
   * characters or removed characters between two of them. Zero when the range reads as in the
   * original.
   */
  int evasionsIn(int start, int end) {
    int mask = 0;
    for (int i = start; i < end; i++) {
      mask |= kinds[i];
      if (i > start) {
        mask |= joins[i];
      }
    }
    return mask;
  }

  @Override
  public String toString() {
    return "MappedText[length=" + text.length() + "]";
  }

  /**
   * Builds a derived text from a source: the original leaf ({@code parent == null}) or an earlier
   * derived text. Appends copy or replace consecutive source ranges, left to right.
   */
  static final class Builder {
    private final @Nullable MappedText parent;
    private final CharSequence source;
    private final StringBuilder out;
    private int[] starts;
    private int[] ends;
    private int[] kinds;
    private int[] joins;
    private int pendingJoin;
    private boolean changed;

    Builder(@Nullable MappedText parent, CharSequence source) {
      this.parent = parent;
      this.source = source;
      int capacity = source.length() + 16;
      this.out = new StringBuilder(capacity);
      this.starts = new int[capacity];
      this.ends = new int[capacity];
      this.kinds = new int[capacity];
      this.joins = new int[capacity];
    }

    /** Appends source characters {@code [from, to)} unchanged. */
    void copy(int from, int to) {
      for (int i = from; i < to; i++) {
        int at = append(source.charAt(i));
        starts[at] = sourceStart(i);
        ends[at] = sourceEnd(i);
        kinds[at] = sourceKind(i);
        joins[at] |= sourceJoin(i);
      }
    }

    /**
     * Appends {@code replacement} in place of source range {@code [from, to)}; every appended
     * character maps to the whole range and carries {@code kind}. An empty replacement removes the
     * range.
     */
    void replace(int from, int to, CharSequence replacement, Evasion kind) {
      changed = true;
      int mask = kind.bit();
      for (int i = from; i < to; i++) {
        mask |= sourceKind(i) | (i > from ? sourceJoin(i) : 0);
      }
      if (replacement.isEmpty()) {
        pendingJoin |= mask;
        return;
      }
      int start = sourceStart(from);
      int end = sourceEnd(to - 1);
      int leadingJoin = sourceJoin(from);
      for (int k = 0; k < replacement.length(); k++) {
        int at = append(replacement.charAt(k));
        starts[at] = start;
        ends[at] = end;
        kinds[at] = mask;
        if (k == 0) {
          joins[at] |= leadingJoin;
        }
      }
    }

    /** Removes source range {@code [from, to)}, remembering it joins its neighbours. */
    void remove(int from, int to, Evasion kind) {
      replace(from, to, "", kind);
    }

    /** Whether anything was replaced or removed. */
    boolean changed() {
      return changed;
    }

    int length() {
      return out.length();
    }

    MappedText build() {
      int n = out.length();
      return new MappedText(
          out.toString(),
          Arrays.copyOf(starts, n),
          Arrays.copyOf(ends, n),
          Arrays.copyOf(kinds, n),
          Arrays.copyOf(joins, n));
    }

    private int append(char c) {
      int at = out.length();
      if (at == starts.length) {
        int grown = Math.max(16, at + (at >> 1));
        starts = Arrays.copyOf(starts, grown);
        ends = Arrays.copyOf(ends, grown);
        kinds = Arrays.copyOf(kinds, grown);
        joins = Arrays.copyOf(joins, grown);
      }
      out.append(c);
      joins[at] = pendingJoin;
      pendingJoin = 0;
      return at;
    }

    private int sourceStart(int i) {
      return parent == null ? i : parent.starts[i];
    }

    private int sourceEnd(int i) {
      return parent == null ? i + 1 : parent.ends[i];
    }

    private int sourceKind(int i) {
      return parent == null ? 0 : parent.kinds[i];
    }

    private int sourceJoin(int i) {
      return parent == null ? 0 : parent.joins[i];
    }
  }
}
