package dev.warden.engine.detect;

import java.lang.ref.WeakReference;
import org.jspecify.annotations.Nullable;

/**
 * The header cell above a value in a delimited table — CSV, TSV, semicolon-separated, a Markdown
 * table: the word that names the value's column. In a table the words just before a value belong to
 * the cells to its left ({@code ssn,phone\n…,598-66-9197} puts "phone" right before an SSN), so the
 * column's header says what the value is, not the window.
 *
 * <p>A table aligned with spaces is read too ({@link #aligned}). A row is a line with at least one
 * delimiter outside double quotes; the delimiter is the one of {@code \t | ; ,} occurring most on
 * the value's line. The header is the first line of the block of lines directly above that hold the
 * same number of that delimiter (a Markdown separator row {@code |---|---|} counts as one of them;
 * with {@code |}, a rule line such as psql's {@code ----+----} or MySQL's {@code +----+} is part of
 * the block). The value's line must not be the header itself. {@link #columnBelow} reads the other
 * way, from a header down its column.
 *
 * <p>Bounded: lines longer than {@value #MAX_LINE} characters are not table rows, and the walk up
 * stops after {@value #MAX_BACK} characters. A line is read once per thread and kept for the next
 * lookup on it (candidates come line by line), so each lookup costs at most one walk up.
 */
final class TableHeader {
  static final int MAX_LINE = 1024;
  static final int MAX_BACK = 4096;
  private static final String DELIMITERS = "\t|;,";

  /** A header names columns: more digits than this and the line is data. */
  private static final int MAX_HEADER_DIGITS = 4;

  /** A column name is short; a longer cell is prose that happens to hold the delimiter. */
  private static final int MAX_CELL = 40;

  private static final int MAX_CELL_WORDS = 4;

  private TableHeader() {}

  /** The last line read on this thread: the candidates of one text come line by line. */
  private static final ThreadLocal<@Nullable Line> LAST = new ThreadLocal<>();

  /**
   * What one line says: {@code [from, to)} of {@code text} shares it; {@code header} holds the
   * usable header cells by column ({@code null} entries: too long to be a name), or is {@code null}
   * when the line is no table row under a header.
   */
  private record Line(
      WeakReference<CharSequence> text,
      int from,
      int to,
      int[] delimiters,
      @Nullable String @Nullable [] header) {
    boolean covers(CharSequence t, int position) {
      return text.get() == t && position >= from && position < to;
    }
  }

  /**
   * The header cell of the column holding {@code position}, trimmed and unquoted, or {@code null}
   * when {@code position} is not in a row under a header.
   */
  static @Nullable String cellAbove(CharSequence text, int position) {
    Line line = LAST.get();
    if (line == null || !line.covers(text, position)) {
      line = read(text, position);
      LAST.set(line);
    }
    @Nullable String[] header = line.header();
    if (header == null) {
      return null;
    }
    int column = RuleDetector.lowerBound(line.delimiters(), position);
    return column < header.length ? header[column] : null;
  }

  private static Line read(CharSequence text, int position) {
    int lineStart = lineStart(text, position);
    if (lineStart < 0) {
      // The line began too far back; so did it for every later position before its end.
      int to = position + 1;
      while (to < text.length() && to - position < MAX_LINE && text.charAt(to) != '\n') {
        to++;
      }
      return none(text, position, to);
    }
    int lineEnd = lineEnd(text, position);
    if (lineEnd < 0 || lineStart == 0) {
      return none(text, lineStart, lineEnd < 0 ? position + 1 : lineEnd + 1);
    }
    char delimiter = dominant(text, lineStart, lineEnd);
    int count = delimiter == 0 ? 0 : count(text, lineStart, lineEnd, delimiter);
    int header = count == 0 ? -1 : headerStart(text, lineStart, delimiter, count);
    int headerEnd = header < 0 ? -1 : lineEndFrom(text, header);
    if (header < 0 || digits(text, header, headerEnd) > MAX_HEADER_DIGITS) {
      // No header, or a row of data, not of names, on top: "Yilmaz, Emre" holds a comma, yet its
      // row may be one of a table aligned with spaces.
      Line aligned = aligned(text, lineStart, lineEnd);
      return aligned != null ? aligned : none(text, lineStart, lineEnd + 1);
    }
    return new Line(
        new WeakReference<>(text),
        lineStart,
        lineEnd + 1,
        positions(text, lineStart, lineEnd, delimiter),
        names(text, header, headerEnd, positions(text, header, headerEnd, delimiter)));
  }

  /**
   * A row of a table aligned with spaces — report and terminal output, {@code column -t}, a form
   * laid out in a fixed-width font — under its header: cells are separated by runs of {@value
   * #ALIGNED_GAP} or more spaces, at least three cells a line; the header is the first line of the
   * block of lines directly above with as many cells (a rule of dashes under it skipped). A row's
   * cells count the same however wide its characters are drawn, so a column of CJK text is found
   * where character offsets would not line up. {@code null} when the line is no such row.
   */
  private static @Nullable Line aligned(CharSequence text, int lineStart, int lineEnd) {
    int[] gaps = gaps(text, lineStart, lineEnd);
    if (gaps.length < 2) {
      return null;
    }
    int header =
        blockTop(text, lineStart, true, (from, to) -> gaps(text, from, to).length == gaps.length);
    if (header < 0) {
      return null;
    }
    int headerEnd = lineEndFrom(text, header);
    if (digits(text, header, headerEnd) > MAX_HEADER_DIGITS) {
      return null; // a row of data, not of names
    }
    return new Line(
        new WeakReference<>(text),
        lineStart,
        lineEnd + 1,
        gaps,
        names(text, header, headerEnd, gaps(text, header, headerEnd)));
  }

  /** Spaces that separate the cells of a table aligned with spaces. */
  private static final int ALIGNED_GAP = 2;

  /**
   * Where each run of {@value #ALIGNED_GAP} or more spaces between the first and last non-blank
   * characters of {@code [from, to)} starts.
   */
  private static int[] gaps(CharSequence text, int from, int to) {
    while (from < to && isBlank(text.charAt(from))) {
      from++;
    }
    while (to > from && isBlank(text.charAt(to - 1))) {
      to--;
    }
    int[] out = new int[8];
    int n = 0;
    int run = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == ' ') {
        run++;
        continue;
      }
      if (run >= ALIGNED_GAP) {
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, n * 2);
        }
        out[n++] = i - run;
      }
      run = 0;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * The header's cells between its {@code delimiters}, trimmed and unquoted, in one pass; {@code
   * null} for a cell that is empty or too long to be a column name.
   */
  private static @Nullable String[] names(CharSequence text, int from, int to, int[] delimiters) {
    @Nullable String[] names = new String[delimiters.length + 1];
    int cellStart = from;
    for (int column = 0; column <= delimiters.length; column++) {
      int cellEnd = column < delimiters.length ? delimiters[column] : to;
      String cell = text.subSequence(cellStart, cellEnd).toString().strip();
      if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
        cell = cell.substring(1, cell.length() - 1).strip();
      }
      names[column] =
          cell.isEmpty() || cell.length() > MAX_CELL || words(cell) > MAX_CELL_WORDS ? null : cell;
      cellStart = cellEnd + 1;
    }
    return names;
  }

  private static Line none(CharSequence text, int from, int to) {
    return new Line(new WeakReference<>(text), from, to, new int[0], null);
  }

  /** The first line of the block of lines above {@code lineStart} with {@code count} delimiters. */
  private static int headerStart(CharSequence text, int lineStart, char delimiter, int count) {
    // psql's "----+----" under its header is part of the block, not a row
    return blockTop(
        text, lineStart, delimiter == '|', (from, to) -> count(text, from, to, delimiter) == count);
  }

  /** Whether the line {@code [from, to)} has a table block's shape. */
  @FunctionalInterface
  private interface RowShape {
    boolean fits(int from, int to);
  }

  /**
   * The first line of the block of lines directly above {@code lineStart} that {@code shape}
   * accepts ({@link #rule} lines passed over when {@code skipRules}), or -1 when there is none or
   * the block's first line is out of reach ({@value #MAX_BACK} characters): its header is unknown.
   */
  private static int blockTop(CharSequence text, int lineStart, boolean skipRules, RowShape shape) {
    int top = -1;
    int end = lineStart - 1; // the '\n' ending the line above
    while (end >= 0) {
      if (lineStart - end > MAX_BACK) {
        return -1;
      }
      int start = end;
      while (start > 0 && text.charAt(start - 1) != '\n' && end - start < MAX_LINE) {
        start--;
      }
      if (start > 0 && text.charAt(start - 1) != '\n') {
        break; // a line too long to be a row: the block ends below it
      }
      if (!(skipRules && rule(text, start, end))) {
        if (!shape.fits(start, end)) {
          break; // a line of another shape: the block ends below it
        }
        top = start;
      }
      end = start - 1;
    }
    return top;
  }

  /**
   * A rule under a header: only {@code -}, {@code +}, {@code =}, {@code :}, {@code |} and spaces,
   * at least three dashes ({@code ----+-----} from psql, {@code |---|:--|} from Markdown).
   */
  private static boolean rule(CharSequence text, int from, int to) {
    int dashes = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '-') {
        dashes++;
      } else if ("+=:| \t\r".indexOf(c) < 0) {
        return false;
      }
    }
    return dashes >= 3;
  }

  /** How far below its header a column's cells are read. */
  static final int MAX_ROWS = 65_536;

  /** A header cell's name and the cells below it, {@code {start, end}} pairs in the text. */
  record Column(String name, java.util.List<int[]> cells) {}

  /**
   * The column whose header cell holds {@code position}, with the cells of the rows below it
   * (trimmed, unquoted from {@code "…"}, {@code '…'} or {@code `…`}, empty ones left out); null
   * when {@code position} is not in the first line of a table. That line has a delimiter, at most
   * {@value #MAX_HEADER_DIGITS} digits and two or more names; the line above it (rule lines such as
   * psql's skipped) is not of its shape, and the cell holding {@code position} is a name (no {@code
   * :}, {@code =}, quote or bracket: code or a key and its value). The rows are the lines below
   * with as many of the header's delimiter (rule lines skipped), up to the first other line or
   * {@value #MAX_ROWS} characters. Cost: the header line, the line above, and the rows once.
   */
  static @Nullable Column columnBelow(CharSequence text, int position) {
    int lineStart = lineStart(text, position);
    int lineEnd = lineStart < 0 ? -1 : lineEnd(text, position);
    if (lineEnd < 0 || lineEnd >= text.length()) {
      return null;
    }
    char delimiter = dominant(text, lineStart, lineEnd);
    int count = delimiter == 0 ? 0 : count(text, lineStart, lineEnd, delimiter);
    if (count == 0
        || digits(text, lineStart, lineEnd) > MAX_HEADER_DIGITS
        || aboveHasShape(text, lineStart, delimiter, count)) {
      return null; // no table, a row of data, or a row of a table that began above
    }
    // counted over the whole line: its quotes decide whether quoting applies, not those before
    // the position
    int[] headerDelimiters = positions(text, lineStart, lineEnd, delimiter);
    int column = RuleDetector.lowerBound(headerDelimiters, position);
    @Nullable String[] names = names(text, lineStart, lineEnd, headerDelimiters);
    String name = names[column];
    int named = 0;
    for (String n : names) {
      named += n == null ? 0 : 1;
    }
    if (named < 2 || name == null || !isName(name)) {
      return null; // code or a key-value line ("Password: \"x\","), not a header
    }
    java.util.List<int[]> cells = new java.util.ArrayList<>();
    int at = lineEnd + 1;
    while (at < text.length() && at - lineEnd <= MAX_ROWS) {
      int end = at;
      while (end < text.length() && text.charAt(end) != '\n' && end - at <= MAX_LINE) {
        end++;
      }
      if (end - at > MAX_LINE) {
        break;
      }
      if (!(delimiter == '|' && rule(text, at, end))) {
        int[] delimiters = positions(text, at, end, delimiter);
        if (delimiters.length != count) {
          break;
        }
        int[] cell =
            trimmed(
                text,
                column == 0 ? at : delimiters[column - 1] + 1,
                column < count ? delimiters[column] : end);
        if (cell[1] > cell[0]) {
          cells.add(cell);
        }
      }
      at = end + 1;
    }
    return new Column(name, cells);
  }

  /** The delimiter of {@code \t | ; ,} occurring most in {@code [from, to)}, or 0 for none. */
  private static char dominant(CharSequence text, int from, int to) {
    char delimiter = 0;
    int count = 0;
    for (int d = 0; d < DELIMITERS.length(); d++) {
      int n = count(text, from, to, DELIMITERS.charAt(d));
      if (n > count) {
        count = n;
        delimiter = DELIMITERS.charAt(d);
      }
    }
    return delimiter;
  }

  /** Whether the line above {@code lineStart}, rule lines skipped, has {@code count} delimiters. */
  private static boolean aboveHasShape(
      CharSequence text, int lineStart, char delimiter, int count) {
    int end = lineStart - 1; // the '\n' ending the line above
    while (end >= 0) {
      int start = end;
      while (start > 0 && text.charAt(start - 1) != '\n' && end - start < MAX_LINE) {
        start--;
      }
      if (start > 0 && text.charAt(start - 1) != '\n') {
        return false; // a line too long to be a row
      }
      if (delimiter == '|' && rule(text, start, end)) {
        end = start - 1;
        continue;
      }
      return count(text, start, end, delimiter) == count;
    }
    return false;
  }

  /** {@code [from, to)} without surrounding blanks and one pair of enclosing quotes. */
  private static int[] trimmed(CharSequence text, int from, int to) {
    while (from < to && isBlank(text.charAt(from))) {
      from++;
    }
    while (to > from && isBlank(text.charAt(to - 1))) {
      to--;
    }
    if (to - from >= 2
        && "\"'`".indexOf(text.charAt(from)) >= 0
        && text.charAt(to - 1) == text.charAt(from)) {
      from++;
      to--;
    }
    return new int[] {from, to};
  }

  /** A column's name holds no assignment, quote, call or brace. */
  private static boolean isName(String cell) {
    for (int i = 0; i < cell.length(); i++) {
      if (":=\"'(){}[]<>".indexOf(cell.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  /** Where {@code delimiter} stands in {@code [from, to)} outside double quotes, ascending. */
  private static int[] positions(CharSequence text, int from, int to, char delimiter) {
    int[] out = new int[count(text, from, to, delimiter)];
    scan(text, from, to, delimiter, out);
    return out;
  }

  private static int digits(CharSequence text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  private static int words(String cell) {
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < cell.length(); i++) {
      boolean space = Character.isWhitespace(cell.charAt(i));
      if (!space && !inWord) {
        n++;
      }
      inWord = !space;
    }
    return n;
  }

  private static int lineStart(CharSequence text, int position) {
    int i = Math.min(position, text.length());
    int floor = Math.max(0, position - MAX_LINE);
    while (i > 0 && text.charAt(i - 1) != '\n') {
      if (--i < floor) {
        return -1;
      }
    }
    return i;
  }

  private static int lineEnd(CharSequence text, int position) {
    int ceiling = Math.min(text.length(), position + MAX_LINE);
    for (int i = position; i < ceiling; i++) {
      if (text.charAt(i) == '\n') {
        return i;
      }
    }
    return ceiling == text.length() ? ceiling : -1;
  }

  private static int lineEndFrom(CharSequence text, int start) {
    int i = start;
    while (i < text.length() && text.charAt(i) != '\n') {
      i++;
    }
    return i;
  }

  private static int quotes(CharSequence text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += text.charAt(i) == '"' ? 1 : 0;
    }
    return n;
  }

  /** Occurrences of {@code delimiter} in {@code [from, to)} outside double-quoted fields. */
  private static int count(CharSequence text, int from, int to, char delimiter) {
    return scan(text, from, to, delimiter, null);
  }

  /**
   * Counts {@code delimiter} in {@code [from, to)} outside double-quoted fields and, when {@code
   * positions} is given, records where each stands.
   */
  private static int scan(
      CharSequence text, int from, int to, char delimiter, int @Nullable [] positions) {
    int n = 0;
    boolean quoted = false;
    // An odd number of quotes is no CSV quoting: a table opening a JSON string ("text": "id | …)
    // or a quote mark in a cell. Its delimiters all count.
    boolean quoting = quotes(text, from, to) % 2 == 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '"' && quoting) {
        quoted = !quoted;
      } else if (c == delimiter && !quoted) {
        if (positions != null) {
          positions[n] = i;
        }
        n++;
      }
    }
    return n;
  }
}
