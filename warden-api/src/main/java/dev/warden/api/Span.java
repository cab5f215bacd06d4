package dev.warden.api;

/**
 * A half-open range {@code [start, end)} of UTF-16 offsets into the text a detector scanned.
 *
 * @throws IllegalArgumentException if {@code start < 0} or {@code end < start}
 */
public record Span(int start, int end) implements Comparable<Span> {
  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("span [" + start + ", " + end + ") is not a valid range");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Span other) {
    return start < other.end && other.start < end;
  }

  /** Orders by start, then longer first, so the outermost of two overlapping spans comes first. */
  @Override
  public int compareTo(Span o) {
    return start != o.start ? Integer.compare(start, o.start) : Integer.compare(o.end, end);
  }
}
