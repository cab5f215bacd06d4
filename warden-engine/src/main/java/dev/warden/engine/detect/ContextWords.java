package dev.warden.engine.detect;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Words near a match, or in the JSON key of the leaf, that change a rule's verdict.
 *
 * <p>Words are searched, case-insensitively, in the {@value #WINDOW} characters before the match.
 * How a word matches depends on how it is written in the vocabulary:
 *
 * <ul>
 *   <li>{@code ref}: a <b>whole word</b>. It must not continue a word on either side, so {@code
 *       ref} is found in "Ref: 4111…" and "ref#4111…" but not in "Refund", and {@code cc} not in
 *       "account". A word ends at anything that is not a letter or digit of a space-separated
 *       script: punctuation, {@code _}, a space, or a CJK character ("VISAカード" holds {@code visa}).
 *   <li>{@code bestell*}: a <b>stem</b> that may start a compound ({@code Bestellnummer}, {@code
 *       Bestellung}); {@code *schlüssel}: one that may end it ({@code Zugangsschlüssel}). Stems are
 *       declared one by one, for languages that write compounds as one word (German), never as a
 *       general prefix rule: {@code ver} must not match {@code Vertrieb}.
 *   <li>{@code 注文番号}, {@code 전화}: a word containing a CJK character (Han, Hiragana, Katakana,
 *       Hangul) matches <b>anywhere</b>: Japanese has no spaces and Korean glues particles and
 *       compounds ({@code 전화번호로}).
 * </ul>
 *
 * <p>The word nearest to the match decides, because the closest noun is the one that names the
 * number: "paid by card for order 4111…" is an order number, "order paid by card 4111…" is a card.
 * When no word occurs in the window, the first listed word in the {@value #AFTER_WINDOW} characters
 * after the match on its line may name it ("552034095, BSN verified", "| 20533869419 | Steuer-ID
 * |"): only a raise word counts there, and a suppress word nearer than it cancels it, so a word
 * after a value never drops one — it only confirms. Only then does the JSON key decide, by its last
 * listed word ({@code card_order_id} is an order id). A key is split into words at {@code _},
 * {@code -}, {@code .} and camel case ({@code cardNumber} is "card number") and then matched like
 * text.
 *
 * @param raise words that make the value more likely ({@code card}, {@code visa})
 * @param suppress words that say the value is something else ({@code order}, {@code imei})
 * @param required whether a {@code raise} word must be present for the rule to report anything (for
 *     shapes that are only credentials in a credential position)
 */
public record ContextWords(List<String> raise, List<String> suppress, boolean required) {

  /** How many characters before the match are searched. */
  public static final int WINDOW = 40;

  /** How many characters after the match, up to the end of its line, may confirm it. */
  public static final int AFTER_WINDOW = 30;

  /** Marks a stem: at the end of a word it may start a compound, at the start it may end one. */
  public static final char STEM = '*';

  /** A stem needs at least this many letters, so it names something. */
  private static final int MIN_STEM = 4;

  /** No context words: the verdict is the rule's own. */
  public static final ContextWords NONE = new ContextWords(List.of(), List.of(), false);

  /**
   * @throws IllegalArgumentException if a word is blank or not lower-case, a stem marker is
   *     misplaced or marks a CJK word or a stem shorter than {@value #MIN_STEM}, or {@code
   *     required} has no {@code raise} words
   */
  public ContextWords {
    raise = List.copyOf(raise);
    suppress = List.copyOf(suppress);
    for (String word : concat(raise, suppress)) {
      if (word.isBlank() || !word.equals(word.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "context word must be lower-case and not blank: " + word);
      }
      Entry entry = Entry.of(word);
      if (entry.word().indexOf(STEM) >= 0
          || entry.word().isBlank()
          || (entry.stem() && (entry.cjk() || entry.word().length() < MIN_STEM))) {
        throw new IllegalArgumentException(
            "context word stem must be '*' at one end of a non-CJK stem of at least "
                + MIN_STEM
                + " characters: "
                + word);
      }
    }
    if (required && raise.isEmpty()) {
      throw new IllegalArgumentException("required context needs at least one raise word");
    }
  }

  /** Context that raises on {@code raise} and drops the match on {@code suppress}. */
  public static ContextWords of(List<String> raise, List<String> suppress) {
    return new ContextWords(raise, suppress, false);
  }

  /** Context that must contain one of {@code raise} for the match to count. */
  public static ContextWords requiring(List<String> raise) {
    return new ContextWords(raise, List.of(), true);
  }

  /** What the context says about one match. */
  enum Effect {
    NONE,
    RAISE,
    SUPPRESS
  }

  /**
   * The outcome for one match.
   *
   * @param hit the deciding word (from this vocabulary, never from the text), prefixed with {@code
   *     json_key:} when the JSON key decided, or {@code null} when nothing matched
   */
  record Outcome(Effect effect, @Nullable String hit) {
    static final Outcome NOTHING = new Outcome(Effect.NONE, null);
  }

  /**
   * The reference evaluation: one search of the window per vocabulary word. {@link Index} is the
   * fast path rules use; tests compare the two.
   */
  Outcome evaluate(CharSequence text, int matchStart, int matchEnd, @Nullable String jsonKey) {
    if (raise.isEmpty() && suppress.isEmpty()) {
      return Outcome.NOTHING;
    }
    Entry[] entries = concat(raise, suppress).stream().map(Entry::parsed).toArray(Entry[]::new);
    String[] declared = concat(raise, suppress).toArray(String[]::new);
    return evaluate(
        text,
        matchStart,
        matchEnd,
        jsonKey,
        this::decide,
        (s, start, end) -> firstAfter(entries, declared, raise.size(), s, start, end));
  }

  /** How one string's words decide: the word ending last in {@code s[start, end)}. */
  @FunctionalInterface
  private interface Decision {
    Outcome decide(String s, int start, int end, String hitPrefix);
  }

  /** How the words after a match confirm it: the first word starting in {@code s[start, end)}. */
  @FunctionalInterface
  private interface Confirmation {
    Outcome confirm(String s, int start, int end);
  }

  /**
   * In a table row a column header that raises decides ({@link TableHeader}); then the window
   * before the match; then a column header that suppresses; when nothing there does, the JSON key.
   */
  private static Outcome evaluate(
      CharSequence text,
      int matchStart,
      int matchEnd,
      @Nullable String jsonKey,
      Decision decision,
      Confirmation confirmation) {
    // A header that names the value wins over the window (whose words may be other columns'); a
    // header that says it is something else only decides when the window says nothing, so a
    // free-text cell ("ticket_text": "my SSN is …") keeps the words written beside the value.
    Outcome byColumn = Outcome.NOTHING;
    String column = TableHeader.cellAbove(text, matchStart);
    if (column == null) {
      column = SqlColumns.columnAt(text, matchStart); // an INSERT's column list is its header
    }
    if (column != null) {
      String header = lowerCase(splitCamelCase(column));
      byColumn = decision.decide(header, 0, header.length(), "column:");
      if (byColumn.effect() == Effect.RAISE) {
        return byColumn;
      }
    }
    int from = Math.max(0, matchStart - WINDOW);
    // One character on either side of the window, so that a word cut by the window edge is not
    // taken for a whole word and the character after a word is seen.
    int lo = Math.max(0, from - 1);
    int hi = Math.min(text.length(), matchStart + 1);
    String region = lowerCase(text.subSequence(lo, hi));
    Outcome best = decision.decide(region, from - lo, matchStart - lo, "");
    if (best.effect() == Effect.SUPPRESS) {
      best = unlessFromAnEarlierRecord(region, from - lo, matchStart - lo, best, decision);
    }
    if (best.effect() != Effect.NONE) {
      return best;
    }
    if (byColumn.effect() != Effect.NONE) {
      return byColumn;
    }
    Outcome after = confirmAfter(text, matchEnd, confirmation);
    if (after.effect() != Effect.NONE || jsonKey == null) {
      return after;
    }
    String key = lowerCase(splitCamelCase(jsonKey));
    return decision.decide(key, 0, key.length(), "json_key:");
  }

  /**
   * Shortest tail after a suppressing word on an earlier line for that line to read as a record of
   * its own (a log line, "…(Windows NT 10.0; Win64; x64)" rt=0.118"); a shorter one, or one without
   * a digit, is the line's label or heading ("Order #58213 (shipped)").
   */
  private static final int RECORD_TAIL = 24;

  /** A run of this many digits after a suppressing word is a value of its own line. */
  private static final int VALUE_DIGITS = 6;

  /**
   * A suppressing word on an earlier line than the match speaks for that line, not for the match (a
   * log's previous record: "…(Windows NT 10.0; Win64)" rt=0.118⏎77.144.193.58 …"), unless it heads
   * that line as its label ("Order number:⏎4111…", "Order #58213 (shipped)⏎4539…": what follows it
   * there is short or holds no digit, and the line is not longer than the window). Then the words
   * of the match's own line decide.
   */
  private static Outcome unlessFromAnEarlierRecord(
      String region, int start, int end, Outcome suppressed, Decision decision) {
    int lineBreak = region.lastIndexOf('\n', end - 1);
    String hit = suppressed.hit();
    if (lineBreak < start || hit == null) {
      return suppressed;
    }
    int wordEnd = Entry.parsed(hit).lastEnd(region, start, end);
    if (wordEnd < 0 || wordEnd > lineBreak) {
      return suppressed; // on the match's own line
    }
    int tailEnd = lineBreak > 0 && region.charAt(lineBreak - 1) == '\r' ? lineBreak - 1 : lineBreak;
    // A label heads a short line; a line that began before the window is longer than it (a log
    // record: "… "Mozilla/5.0 (Linux; Android 15)"⏎203.0.113.9 - -").
    boolean record = start > 0 && region.lastIndexOf('\n', wordEnd - 1) < 0;
    // A line that holds its own value ("주민등록번호 600822-2790503": a run of six digits) is a
    // record too, whatever its length.
    int run = 0;
    for (int i = wordEnd; !record && i < tailEnd; i++) {
      boolean digit = Character.isDigit(region.charAt(i));
      run = digit ? run + 1 : 0;
      record = run >= VALUE_DIGITS || (digit && tailEnd - wordEnd > RECORD_TAIL);
    }
    return record ? decision.decide(region, lineBreak + 1, end, "") : suppressed;
  }

  /**
   * The confirmation by the words after the match, up to {@link #AFTER_WINDOW} or its line's end.
   */
  private static Outcome confirmAfter(CharSequence text, int matchEnd, Confirmation confirmation) {
    int limit = Math.min(text.length(), matchEnd + AFTER_WINDOW);
    int end = matchEnd;
    while (end < limit && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    if (end == matchEnd || matchEnd <= 0) {
      return Outcome.NOTHING;
    }
    // One character on either side, as for the window before: the value's last character decides
    // whether a word glued to it is a whole word, the next one whether the last word is cut.
    int lo = matchEnd - 1;
    int hi = Math.min(text.length(), end + 1);
    String region = lowerCase(text.subSequence(lo, hi));
    return confirmation.confirm(region, 1, end - lo);
  }

  /**
   * The first entry starting in {@code s[start, end)}, when it is a raise word (a tie goes to the
   * longer word, then to a raise word); nothing when the first is a suppress word.
   */
  private static Outcome firstAfter(
      Entry[] entries, String[] declared, int raiseCount, String s, int start, int end) {
    int best = -1;
    int bestStart = Integer.MAX_VALUE;
    int bestLength = 0;
    for (int i = 0; i < entries.length; i++) {
      int at = entries[i].firstStart(s, start, end);
      int length = entries[i].word().length();
      if (at >= 0 && (at < bestStart || (at == bestStart && length > bestLength))) {
        best = i;
        bestStart = at;
        bestLength = length;
      }
    }
    if (best < 0 || best >= raiseCount) {
      return Outcome.NOTHING;
    }
    return new Outcome(Effect.RAISE, "after:" + declared[best]);
  }

  /**
   * The vocabulary parsed once, for the rule that declares it ({@link Rule} builds one): {@link
   * #evaluate} searched the window once per word, with a map lookup per word for its parsed form.
   *
   * <p>Same outcome as {@link ContextWords#evaluate}, by construction: an entry that is a whole
   * word of word characters only (most of every vocabulary) occurs exactly where a maximal run of
   * word characters equals it, so one pass over the window's runs, each looked up in a hash table
   * of those entries, finds each entry's last end; the other entries (stems, CJK words, words with
   * a space or punctuation) keep their own search. The decision then runs over the per-entry ends
   * in declaration order, as before. {@code ContextWordsIndexTest} compares both on generated
   * windows.
   */
  static final class Index {
    private final Entry[] entries; // raise words, then suppress words
    private final String[] declared;
    private final int raiseCount;

    /** Whole-word entries by hash, open addressing: entry index + 1, 0 when free. */
    private final int[] table;

    private final int mask;

    /** The entries searched one by one: stems, CJK words, words holding a non-word character. */
    private final int[] searched;

    private final boolean any;
    private final Decision decision = this::decide;
    private final Confirmation confirmation = this::confirm;

    Index(ContextWords words) {
      List<String> all = concat(words.raise(), words.suppress());
      this.declared = all.toArray(String[]::new);
      this.raiseCount = words.raise().size();
      this.entries = new Entry[declared.length];
      int size = Integer.highestOneBit(Math.max(1, declared.length) * 4 - 1) << 1;
      this.table = new int[size];
      this.mask = size - 1;
      List<Integer> others = new java.util.ArrayList<>();
      for (int i = 0; i < declared.length; i++) {
        Entry entry = Entry.of(declared[i]);
        entries[i] = entry;
        if (!isWholeWord(entry)) {
          others.add(i);
        } else if (slotOf(entry.word(), 0, entry.word().length()) < 0) {
          // A word declared twice: its later copy ends where the first does and never wins a
          // strictly-later comparison, so only the first is kept.
          table[freeSlot(entry.word())] = i + 1;
        }
      }
      this.searched = others.stream().mapToInt(Integer::intValue).toArray();
      this.any = declared.length > 0;
    }

    private static boolean isWholeWord(Entry entry) {
      if (entry.stem() || entry.cjk()) {
        return false;
      }
      String word = entry.word();
      for (int i = 0; i < word.length(); i++) {
        if (!Boundaries.isWordChar(word.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    /** What a column's header cell {@code name} says about the cells below it. */
    Outcome decideColumn(String name) {
      String header = lowerCase(splitCamelCase(name));
      return decide(header, 0, header.length(), "column:");
    }

    /** What {@link ContextWords#evaluate} returns for the same arguments. */
    Outcome evaluate(CharSequence text, int matchStart, int matchEnd, @Nullable String jsonKey) {
      return any
          ? ContextWords.evaluate(text, matchStart, matchEnd, jsonKey, decision, confirmation)
          : Outcome.NOTHING;
    }

    private Outcome confirm(String s, int start, int end) {
      return firstAfter(entries, declared, raiseCount, s, start, end);
    }

    private Outcome decide(String s, int start, int end, String hitPrefix) {
      int[] ends = new int[entries.length];
      java.util.Arrays.fill(ends, -1);
      boolean mayHoldCjk = mayHoldCjk(s, start, end);
      for (int i : searched) {
        if (mayHoldCjk || !entries[i].cjk()) {
          ends[i] = entries[i].lastEnd(s, start, end);
        }
      }
      wholeWordEnds(s, start, end, ends);
      int best = -1;
      int bestEnd = -1;
      for (int i = 0; i < ends.length; i++) { // raise words first: a raise wins a tie
        if (ends[i] > bestEnd) {
          bestEnd = ends[i];
          best = i;
        }
      }
      if (best < 0) {
        return Outcome.NOTHING;
      }
      Effect effect = best < raiseCount ? Effect.RAISE : Effect.SUPPRESS;
      return new Outcome(effect, hitPrefix + declared[best]);
    }

    /**
     * Whether {@code s[start, end)} may hold a CJK code point: every CJK range starts at or above
     * {@link Boundaries#FIRST_CJK} (a supplementary one is a surrogate pair, above it too). A CJK
     * entry occurs only where its CJK character does, so a Latin window skips their searches.
     */
    private static boolean mayHoldCjk(String s, int start, int end) {
      for (int i = start; i < end; i++) {
        if (s.charAt(i) >= Boundaries.FIRST_CJK) {
          return true;
        }
      }
      return false;
    }

    /**
     * Sets, for each whole-word entry, the end of its last occurrence in {@code s[start, end)}: a
     * maximal run of word characters that starts at or after {@code start}, ends at or before
     * {@code end} and equals the entry ({@link Entry#lastEnd}'s boundary checks, read once per run
     * instead of once per entry).
     */
    private void wholeWordEnds(String s, int start, int end, int[] ends) {
      int i = start;
      if (i > 0 && Boundaries.isWordChar(s.charAt(i - 1))) {
        while (i < end && Boundaries.isWordChar(s.charAt(i))) {
          i++; // a word cut by the window's start is not a whole word
        }
      }
      while (i < end) {
        if (!Boundaries.isWordChar(s.charAt(i))) {
          i++;
          continue;
        }
        int runStart = i;
        while (i < s.length() && Boundaries.isWordChar(s.charAt(i))) {
          i++;
        }
        if (i > end) {
          return; // continues past the window's end (into the match): not a whole word before it
        }
        int slot = slotOf(s, runStart, i);
        if (slot >= 0) {
          ends[table[slot] - 1] = i;
        }
      }
    }

    /** The slot holding the whole-word entry equal to {@code s[from, to)}, or -1. */
    private int slotOf(String s, int from, int to) {
      int length = to - from;
      for (int slot = hash(s, from, to) & mask; ; slot = (slot + 1) & mask) {
        int held = table[slot];
        if (held == 0) {
          return -1;
        }
        String word = entries[held - 1].word();
        if (word.length() == length && s.regionMatches(from, word, 0, length)) {
          return slot;
        }
      }
    }

    private int freeSlot(String word) {
      int slot = hash(word, 0, word.length()) & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    private static int hash(String s, int from, int to) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + s.charAt(i);
      }
      return h ^ (h >>> 16);
    }
  }

  /** The outcome of the word ending last in {@code s[start, end)}; a raise wins a tie. */
  private Outcome decide(String s, int start, int end, String hitPrefix) {
    Outcome best = Outcome.NOTHING;
    int bestEnd = -1;
    // Raise words first so that on a tie (two words ending at the same place) the raise wins:
    // missing a real value costs more than an extra redaction.
    for (String word : raise) {
      int wordEnd = Entry.parsed(word).lastEnd(s, start, end);
      if (wordEnd > bestEnd) {
        bestEnd = wordEnd;
        best = new Outcome(Effect.RAISE, hitPrefix + word);
      }
    }
    for (String word : suppress) {
      int wordEnd = Entry.parsed(word).lastEnd(s, start, end);
      if (wordEnd > bestEnd) {
        bestEnd = wordEnd;
        best = new Outcome(Effect.SUPPRESS, hitPrefix + word);
      }
    }
    return best;
  }

  /**
   * One vocabulary entry, parsed.
   *
   * @param word the text to find, without stem markers
   * @param prefix whether the word may continue after the entry ({@code bestell*})
   * @param suffix whether the word may start before the entry ({@code *schlüssel})
   * @param cjk whether the entry holds a CJK character and so matches anywhere
   */
  record Entry(String word, boolean prefix, boolean suffix, boolean cjk) {
    private static final java.util.concurrent.ConcurrentMap<String, Entry> PARSED =
        new java.util.concurrent.ConcurrentHashMap<>();

    /** {@link #of}, parsed once per word: evaluation runs per match, on the hot path. */
    static Entry parsed(String declared) {
      return PARSED.computeIfAbsent(declared, Entry::of);
    }

    static Entry of(String declared) {
      boolean prefix = declared.length() > 1 && declared.charAt(declared.length() - 1) == STEM;
      boolean suffix = declared.length() > 1 && declared.charAt(0) == STEM;
      String word = declared.substring(suffix ? 1 : 0, declared.length() - (prefix ? 1 : 0));
      return new Entry(word, prefix, suffix, word.codePoints().anyMatch(Boundaries::isCjk));
    }

    boolean stem() {
      return prefix || suffix;
    }

    /**
     * Start of the first occurrence in {@code s} that lies in {@code [start, end)} and respects the
     * entry's boundaries, or -1. {@code s} may hold one character before {@code start} and after
     * {@code end} for the boundary checks.
     */
    int firstStart(String s, int start, int end) {
      int length = word.length();
      int at = s.indexOf(word, start);
      while (at >= 0 && at + length <= end) {
        if (cjk || bounded(s, at, at + length)) {
          return at;
        }
        at = s.indexOf(word, at + 1);
      }
      return -1;
    }

    private boolean bounded(String s, int at, int wordEnd) {
      boolean startOk =
          suffix
              || !Boundaries.isWordChar(word.charAt(0))
              || at == 0
              || !Boundaries.isWordChar(s.charAt(at - 1));
      boolean endOk =
          prefix
              || !Boundaries.isWordChar(word.charAt(word.length() - 1))
              || wordEnd >= s.length()
              || !Boundaries.isWordChar(s.charAt(wordEnd));
      return startOk && endOk;
    }

    /**
     * End of the last occurrence in {@code s} that lies in {@code [start, end)} and respects the
     * entry's boundaries, or -1; for a prefix stem, the end of the whole word it starts. {@code s}
     * may hold one character before {@code start} and after {@code end} for the boundary checks.
     */
    int lastEnd(String s, int start, int end) {
      int length = word.length();
      int at = s.lastIndexOf(word, end - length);
      while (at >= start) {
        int wordEnd = at + length;
        if (cjk) {
          return wordEnd;
        }
        if (bounded(s, at, wordEnd)) {
          if (prefix) {
            while (wordEnd < end && Boundaries.isWordChar(s.charAt(wordEnd))) {
              wordEnd++;
            }
          }
          return wordEnd;
        }
        at = at == 0 ? -1 : s.lastIndexOf(word, at - 1);
      }
      return -1;
    }
  }

  /** Lower-cases one char at a time, so offsets stay those of the input. */
  private static String lowerCase(CharSequence s) {
    char[] chars = new char[s.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(s.charAt(i));
    }
    return new String(chars);
  }

  /** {@code cardNumber} → {@code card Number}, {@code APIKey} → {@code API Key}. */
  static String splitCamelCase(String key) {
    StringBuilder sb = new StringBuilder(key.length() + 8);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        char before = key.charAt(i - 1);
        boolean afterLower = Character.isLowerCase(before) || Character.isDigit(before);
        boolean endsAcronym =
            Character.isUpperCase(before)
                && i + 1 < key.length()
                && Character.isLowerCase(key.charAt(i + 1));
        if (afterLower || endsAcronym) {
          sb.append(' ');
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
