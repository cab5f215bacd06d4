package dev.warden.engine.normalize;

import java.text.Normalizer;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * Undoes character-level disguises: NFKC (full-width and other compatibility forms), removal of
 * invisible characters, and folding of Cyrillic and Greek look-alikes of Latin letters.
 *
 * <ul>
 *   <li><b>NFKC</b> per character cluster (a character and the combining marks after it), so {@code
 *       ＡＫＩＡ} reads {@code AKIA}, {@code ＠} reads {@code @}, {@code ﬁ} reads {@code fi}.
 *   <li><b>Invisible characters</b> are removed: every format character (Unicode category Cf: zero
 *       width space and joiners U+200B–U+200F, word joiner and invisible operators U+2060–U+2064,
 *       U+FEFF, soft hyphen U+00AD, bidi controls U+202A–U+202E and U+2066–U+2069, tag characters
 *       U+E0000–U+E007F), variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF, U+180B–U+180F), the
 *       combining grapheme joiner U+034F, the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0),
 *       unpaired surrogates (invalid UTF-16 that a JSON {@code \ud800} escape decodes to), and the
 *       control characters a JSON escape can slip into a value ({@code \u0000}–{@code \u001f} but
 *       tab, line feed and carriage return; DEL).
 *   <li><b>Tag characters that spell ASCII</b> (U+E0020–U+E007E, text a reader cannot see): a run
 *       spelling at least {@value #MIN_TAG_TEXT} characters reads as that ASCII, set apart by a
 *       space on each side so the hidden text is read on its own; a shorter run is removed.
 *   <li><b>Digits</b> of other scripts ({@code ٤١١١}) read as ASCII digits.
 *   <li><b>Look-alikes</b> ({@code а} → {@code a}, {@code Α} → {@code A}) are folded only inside a
 *       token (a run of letters, digits, marks and {@code _-.@+/=:%}) that holds a Latin letter or
 *       an ASCII digit and whose every other-script letter has a Latin look-alike: a Latin word
 *       with a Cyrillic letter slipped in is folded, a Russian or Greek word is left alone, so
 *       Russian prose never turns into Latin gibberish.
 * </ul>
 *
 * <p>Cost: text that is all ASCII, or holds only characters none of the above applies to (Korean,
 * Japanese, Chinese prose and its everyday full-width punctuation, {@link #CJK_PUNCTUATION}), is
 * recognized in one vectorized pass (a fixed 2 KiB scratch block, nothing proportional to the text)
 * and returns {@code null}.
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  /** Lower bound of the look-alike table. */
  private static final int FOLD_BASE = 0x0370;

  /** Latin look-alikes of Greek and Cyrillic letters, indexed by {@code cp - FOLD_BASE}. */
  private static final char[] FOLD = new char[0x0530 - FOLD_BASE];

  static {
    String pairs =
        // Greek capitals and small letters
        "ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXϹCͿJ"
            + "αaιiκkνvοoρpυuχxϲcϳjγy"
            // Cyrillic capitals and small letters
            + "АAВBЕEКKМMНHОOРPСCТTУYХXЅSІIЈJԚQԜWҮYҺHӀIЗ3"
            + "аaеeоoрpсcуyхxѕsіiјjһhԁdԛqԝwӏlүyкkѵv";
    for (int i = 0; i < pairs.length(); i += 2) {
      FOLD[pairs.charAt(i) - FOLD_BASE] = pairs.charAt(i + 1);
    }
  }

  /**
   * Full-width punctuation of everyday Chinese and Japanese prose — {@code （）！？，；：［］～} — that no
   * rule needs in ASCII form (the rules that use a colon accept {@code ：} as written). Treating it
   * as plain keeps CJK prose on the fast path instead of normalizing and rescanning nearly every
   * message.
   */
  static final String CJK_PUNCTUATION = "（）！？，；：［］～";

  /**
   * The BMP characters that need no work on their own: NFKC leaves them unchanged, they are not
   * removed, not a look-alike and not a non-ASCII digit; plus {@link #CJK_PUNCTUATION}. Built once
   * (a pass over the BMP).
   */
  private static final class Plain {
    /** The plain characters as 1,024 words of bits, read without a branch by {@link #notPlain}. */
    private static final long[] WORDS =
        java.util.Arrays.copyOf(build().toLongArray(), 0x10000 / 64);

    /** 1 when {@code c} is not plain, else 0 (ASCII is plain). */
    static long notPlain(char c) {
      return ~(WORDS[c >>> 6] >>> c) & 1; // a long's shift count is read mod 64
    }

    static boolean contains(char c) {
      return notPlain(c) == 0;
    }

    private static BitSet build() {
      BitSet plain = new BitSet(0x10000);
      CJK_PUNCTUATION.chars().forEach(plain::set);
      for (int c = 0; c < 0x10000; c++) {
        if (c < 0x80) {
          plain.set(c);
        } else if (!Character.isSurrogate((char) c)
            && !removable(c)
            && foldOf(c) == 0
            && !(Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER)) {
          String s = String.valueOf((char) c);
          if (Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
            plain.set(c);
          }
        }
      }
      return plain;
    }
  }

  /**
   * {@code text} normalized, or {@code null} when normalization changes nothing (the common case).
   */
  public static @Nullable MappedText normalizeOrNull(String text) {
    return normalizeOrNull(text, null);
  }

  /** As {@link #normalizeOrNull(String)}, for a text already derived from the original. */
  static @Nullable MappedText normalizeOrNull(String text, @Nullable MappedText parent) {
    if (!needsWork(text)) {
      return null;
    }
    MappedText first = characters(text, parent);
    MappedText current = first == null ? parent : first;
    String currentText = first == null ? text : first.text();
    MappedText folded = foldLookAlikes(currentText, current);
    return folded != null ? folded : first;
  }

  /** One table lookup per character: does any character need a closer look? */
  static boolean needsWork(String text) {
    int n = text.length();
    if (n == 0) {
      return false;
    }
    if (n <= SHORT) {
      // A JSON leaf is mostly short: reading it in place costs less than a scratch block.
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (c >= 0x80 ? !Plain.contains(c) : hiddenControl(c) != 0) {
          return true;
        }
      }
      return false;
    }
    // Copy blocks out (an intrinsic) and OR them up in a loop without an early exit, which the
    // JIT vectorizes; only a block holding a non-ASCII character is looked at closely.
    char[] block = new char[Math.min(n, BLOCK)];
    for (int from = 0; from < n; from += BLOCK) {
      int length = Math.min(BLOCK, n - from);
      text.getChars(from, from + length, block, 0);
      int or = 0;
      int hidden = 0;
      for (int i = 0; i < length; i++) {
        char c = block[i];
        or |= c;
        hidden |= hiddenControl(c);
      }
      if (hidden != 0) {
        return true;
      }
      if (or >= 0x80) {
        // Branch-free over the block: CJK text is all non-ASCII, and a test per character
        // mispredicts at every change of script.
        long notPlain = 0;
        for (int i = 0; i < length; i++) {
          notPlain |= Plain.notPlain(block[i]);
        }
        if (notPlain != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Tab, line feed and carriage return: the control characters text is made of. */
  private static final int TEXT_CONTROLS = (1 << '\t') | (1 << '\n') | (1 << '\r');

  /**
   * 1 when {@code c} is a control character that only hides a value (below U+0020 but tab, line
   * feed and carriage return; DEL), else 0; branch-free, so the block loop stays vectorized.
   */
  static int hiddenControl(char c) {
    int belowSpace = (c - 0x20) >>> 31;
    int notText = ~(TEXT_CONTROLS >>> c) & 1; // c's shift count is read mod 32: only c < 32 counts
    int del = ((c ^ 0x7F) - 1) >>> 31;
    return (belowSpace & notText) | del;
  }

  private static final int BLOCK = 1024;
  private static final int SHORT = 256;

  /** Pass 1: removal, NFKC and digits; null when nothing changed. */
  private static @Nullable MappedText characters(String text, @Nullable MappedText parent) {
    MappedText.Builder b = new MappedText.Builder(parent, text);
    int n = text.length();
    int plainFrom = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c < 0x80 ? hiddenControl(c) == 0 : Plain.contains(c) && !startsCluster(text, i + 1)) {
        i++;
        continue;
      }
      b.copy(plainFrom, i);
      int cp = Character.codePointAt(text, i);
      int next = i + Character.charCount(cp);
      int tagsEnd = isTag(cp) ? tagRunEnd(text, i) : i;
      if (tagsEnd > i) {
        String spelled = tagText(text, i, tagsEnd);
        if (spelled.length() >= MIN_TAG_TEXT) {
          b.replace(i, tagsEnd, " " + spelled + " ", Evasion.ZERO_WIDTH);
        } else {
          b.remove(i, tagsEnd, Evasion.ZERO_WIDTH); // a few inside a value only split it
        }
        next = tagsEnd;
      } else if (removable(cp)) {
        b.remove(i, next, Evasion.ZERO_WIDTH);
      } else {
        int end = clusterEnd(text, next);
        String cluster = text.subSequence(i, end).toString();
        String nfkc = Normalizer.normalize(cluster, Normalizer.Form.NFKC);
        if (!nfkc.equals(cluster)) {
          b.replace(i, end, nfkc, Evasion.NFKC);
        } else if (end == next && Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
          b.replace(
              i, next, String.valueOf((char) ('0' + Character.digit(cp, 10))), Evasion.CONFUSABLE);
        } else {
          b.copy(i, end);
        }
        next = end;
      }
      i = next;
      plainFrom = i;
    }
    b.copy(plainFrom, n);
    return b.changed() ? b.build() : null;
  }

  /** Whether the character at {@code i} would join the cluster before it. */
  private static boolean startsCluster(String text, int i) {
    return i < text.length() && continuesCluster(Character.codePointAt(text, i));
  }

  private static int clusterEnd(String text, int from) {
    int i = from;
    while (i < text.length()) {
      int cp = Character.codePointAt(text, i);
      if (!continuesCluster(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  /** A combining mark (not an invisible one), or a half-width kana voicing mark. */
  private static boolean continuesCluster(int cp) {
    if (cp < 0x300) {
      return false;
    }
    if (cp == 0xFF9E || cp == 0xFF9F) {
      return true;
    }
    int type = Character.getType(cp);
    return (type == Character.NON_SPACING_MARK
            || type == Character.COMBINING_SPACING_MARK
            || type == Character.ENCLOSING_MARK)
        && !removable(cp);
  }

  private static final int TAG_SPACE = 0xE0020;
  private static final int TAG_TILDE = 0xE007E;

  /**
   * Tag characters spelling fewer than this many ASCII characters are removed like any invisible
   * character (slipped inside a value, {@code 4111}+tag+{@code 1111…}); a longer run is hidden text
   * and is read as what it spells.
   */
  static final int MIN_TAG_TEXT = 3;

  private static boolean isTag(int cp) {
    return cp >= 0xE0000 && cp <= 0xE007F;
  }

  /** The end of the run of tag characters (U+E0000–U+E007F) starting at {@code i}. */
  private static int tagRunEnd(String text, int i) {
    int end = i;
    while (end < text.length()) {
      int cp = Character.codePointAt(text, end);
      if (!isTag(cp)) {
        break;
      }
      end += Character.charCount(cp);
    }
    return end;
  }

  /** The ASCII that the tag characters in {@code text[from, to)} spell. */
  private static String tagText(String text, int from, int to) {
    StringBuilder ascii = new StringBuilder((to - from) / 2);
    for (int i = from; i < to; ) {
      int cp = Character.codePointAt(text, i);
      if (cp >= TAG_SPACE && cp <= TAG_TILDE) {
        ascii.append((char) (cp - 0xE0000));
      }
      i += Character.charCount(cp);
    }
    return ascii.toString();
  }

  /** Invisible characters that only serve to split a value. */
  static boolean removable(int cp) {
    if (cp < 0xAD) {
      return cp < 0x80 && hiddenControl((char) cp) != 0;
    }
    int type = Character.getType(cp);
    return type == Character.FORMAT
        || type == Character.SURROGATE // only ever unpaired here: codePointAt joins a pair
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0xE0100 && cp <= 0xE01EF)
        || (cp >= 0x180B && cp <= 0x180F)
        || cp == 0x034F
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x3164
        || cp == 0xFFA0;
  }

  /** The Latin look-alike of {@code cp}, or 0. */
  static char foldOf(int cp) {
    int k = cp - FOLD_BASE;
    return k >= 0 && k < FOLD.length ? FOLD[k] : 0;
  }

  /** Pass 2: look-alikes inside tokens that are otherwise Latin; null when nothing changed. */
  private static @Nullable MappedText foldLookAlikes(String text, @Nullable MappedText parent) {
    int n = text.length();
    MappedText.Builder b = null;
    int copied = 0;
    int i = 0;
    while (i < n) {
      if (!isTokenChar(text, i)) {
        i++;
        continue;
      }
      int start = i;
      boolean latin = false;
      boolean foldable = false;
      boolean foreign = false;
      while (i < n && isTokenChar(text, i)) {
        int cp = Character.codePointAt(text, i);
        if (cp < 0x80) {
          latin |= Character.isLetterOrDigit(cp);
        } else if (foldOf(cp) != 0) {
          foldable = true;
        } else if (Character.isLetter(cp)) {
          if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
            latin = true;
          } else {
            foreign = true;
          }
        }
        i += Character.charCount(cp);
      }
      if (foldable && latin && !foreign) {
        if (b == null) {
          b = new MappedText.Builder(parent, text);
        }
        b.copy(copied, start);
        for (int k = start; k < i; k++) {
          char f = foldOf(text.charAt(k));
          if (f != 0) {
            b.replace(k, k + 1, String.valueOf(f), Evasion.CONFUSABLE);
          } else {
            b.copy(k, k + 1);
          }
        }
        copied = i;
      }
    }
    if (b == null) {
      return null;
    }
    b.copy(copied, n);
    return b.build();
  }

  private static boolean isTokenChar(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "_-.@+/=:%".indexOf(c) >= 0;
    }
    int cp = Character.codePointAt(text, i);
    return Character.isLetterOrDigit(cp)
        || Character.getType(cp) == Character.NON_SPACING_MARK
        || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
  }
}
