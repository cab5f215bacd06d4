package dev.warden.engine.detect;

import java.lang.ref.WeakReference;
import org.jspecify.annotations.Nullable;

/**
 * The column an SQL {@code INSERT} names for a value of its {@code VALUES} tuples: in {@code INSERT
 * INTO customers (id, name, email, ssn) VALUES (1, 'Ana', 'a@x.org', '598669197'), …} the value
 * {@code 598669197} stands in the column {@code ssn}, however far the column list is from it — what
 * a table's header is to a row ({@link TableHeader}), the column list is to a tuple.
 *
 * <p>Bounded and linear: the {@code VALUES} keyword is looked for at most {@value #MAX_BACK}
 * characters back, and a thread keeps how far it has read the current text — the keyword last seen
 * and the state of the tuple being read — so candidates that come in ascending order, as a rule's
 * do, read each character once.
 */
final class SqlColumns {
  /** How far before a value its statement's {@code VALUES} may stand. */
  static final int MAX_BACK = 4096;

  private static final int MAX_COLUMNS = 256;

  private SqlColumns() {}

  /** Where a thread has read one text to. */
  private static final class Cursor {
    final WeakReference<CharSequence> text;
    int scannedTo; // the text before this is searched for VALUES
    int values = -1; // the last VALUES keyword's end before scannedTo, -1 when none
    @Nullable String @Nullable [] names; // its statement's column list, null when it has none
    int parsedTo; // the tuples after `values` are read up to here
    int depth;
    boolean quoted;
    int column;

    Cursor(CharSequence text) {
      this.text = new WeakReference<>(text);
    }
  }

  private static final ThreadLocal<@Nullable Cursor> LAST = new ThreadLocal<>();

  /** The last text asked about on this thread, and whether it holds the keyword at all. */
  private record Presence(WeakReference<CharSequence> text, boolean values) {}

  private static final ThreadLocal<@Nullable Presence> PRESENCE = new ThreadLocal<>();

  /**
   * Whether {@code text} holds {@code values} in any of its usual cases: two or three vectorized
   * searches per text, so text without an INSERT pays nothing per candidate.
   */
  private static boolean mayHoldValues(CharSequence text) {
    Presence p = PRESENCE.get();
    if (p == null || p.text().get() != text) {
      String s = text.toString();
      p =
          new Presence(
              new WeakReference<>(text),
              s.contains("VALUES") || s.contains("values") || s.contains("Values"));
      PRESENCE.set(p);
    }
    return p.values();
  }

  /**
   * The name in the column list of the {@code INSERT} whose {@code VALUES} tuple holds {@code
   * position}, unquoted; {@code null} when {@code position} is in no such tuple.
   */
  static @Nullable String columnAt(CharSequence text, int position) {
    if (!mayHoldValues(text)) {
      return null;
    }
    Cursor c = LAST.get();
    if (c == null || c.text.get() != text || position < c.scannedTo) {
      c = new Cursor(text);
      c.scannedTo = Math.max(0, position - MAX_BACK);
      LAST.set(c);
    }
    for (int i = Math.max(c.scannedTo, position - MAX_BACK); i < position; i++) {
      if (isValuesAt(text, i)) {
        c.values = i + 6;
        c.names = columnList(text, i);
        c.parsedTo = c.values;
        c.depth = 0;
        c.quoted = false;
        c.column = 0;
      }
    }
    c.scannedTo = position;
    @Nullable String @Nullable [] names = c.names;
    if (c.values < 0 || names == null || position - c.values > MAX_BACK * 16) {
      return null;
    }
    for (int i = c.parsedTo; i < position; i++) {
      char ch = text.charAt(i);
      if (c.quoted) {
        if (ch == '\'') {
          c.quoted = false; // a doubled quote reopens at the next character
        }
      } else if (ch == '\'') {
        c.quoted = true;
      } else if (ch == '(') {
        if (++c.depth == 1) {
          c.column = 0;
        }
      } else if (ch == ')') {
        c.depth = Math.max(0, c.depth - 1);
      } else if (ch == ',' && c.depth == 1) {
        c.column++;
      } else if (ch == ';' && c.depth == 0) {
        c.values = -1; // the statement ended
        return null;
      }
    }
    c.parsedTo = position;
    return c.depth == 1 && c.column < names.length ? names[c.column] : null;
  }

  /** {@code VALUES} as a whole word at {@code i}, any case. */
  private static boolean isValuesAt(CharSequence text, int i) {
    if (i + 6 > text.length()
        || (text.charAt(i) | 0x20) != 'v'
        || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
      return false;
    }
    String word = "values";
    for (int k = 1; k < 6; k++) {
      if ((text.charAt(i + k) | 0x20) != word.charAt(k)) {
        return false;
      }
    }
    return i + 6 == text.length() || !Character.isLetterOrDigit(text.charAt(i + 6));
  }

  /**
   * The names of the parenthesized column list right before {@code VALUES} at {@code at}, each
   * without its quotes ({@code "}, {@code `}, {@code [ ]}); null when there is none.
   */
  private static @Nullable String @Nullable [] columnList(CharSequence text, int at) {
    int close = at - 1;
    while (close >= 0 && Character.isWhitespace(text.charAt(close))) {
      close--;
    }
    if (close < 0 || text.charAt(close) != ')') {
      return null;
    }
    int open = close - 1;
    while (open >= 0 && close - open < MAX_BACK && text.charAt(open) != '(') {
      char ch = text.charAt(open);
      if (ch == ')' || ch == '\'' || ch == ';') {
        return null; // not a plain list of names
      }
      open--;
    }
    if (open < 0 || text.charAt(open) != '(') {
      return null;
    }
    String[] parts = text.subSequence(open + 1, close).toString().split(",", -1);
    if (parts.length < 2 || parts.length > MAX_COLUMNS) {
      return null;
    }
    @Nullable String[] names = new String[parts.length];
    for (int k = 0; k < parts.length; k++) {
      String name = parts[k].strip().replaceAll("^[\"`\\[]|[\"`\\]]$", "");
      names[k] = name.isEmpty() || name.length() > 64 ? null : name;
    }
    return names;
  }
}
