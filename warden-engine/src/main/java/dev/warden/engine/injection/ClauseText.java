package dev.warden.engine.injection;

/**
 * One clause of a text seen as a whole input, without a copy: a matcher over it sees the clause's
 * bounds as the input's, as a region with opaque, anchoring bounds would, yet may start at any
 * position inside it with the characters before that position still visible to {@code \b} and
 * lookbehinds (transparent bounds over this sequence). Mutable, reused per clause; one thread.
 */
final class ClauseText implements CharSequence {
  private String text = "";
  private int offset;
  private int length;

  /** Points this sequence at {@code text[start, end)}. */
  ClauseText set(String text, int start, int end) {
    this.text = text;
    this.offset = start;
    this.length = end - start;
    return this;
  }

  int offset() {
    return offset;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException("index " + index + ", length " + length);
    }
    return text.charAt(offset + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    if (start < 0 || end > length || start > end) {
      throw new IndexOutOfBoundsException("[" + start + ", " + end + "), length " + length);
    }
    return text.substring(offset + start, offset + end);
  }

  @Override
  public String toString() {
    return text.substring(offset, offset + length);
  }
}
