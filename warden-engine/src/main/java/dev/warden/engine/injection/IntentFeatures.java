package dev.warden.engine.injection;

/**
 * The hashed features {@link IntentModel} weighs: lower-cased words and word pairs of alphabetic
 * scripts, character pairs and triples of Hangul, kana and Han runs (which do not separate words by
 * spaces, or glue particles to them), and short runs of symbols ({@code <|}, {@code ###}, {@code
 * ](}). Digits read as {@code 0}, so numbers generalize.
 *
 * <p>Training and scoring call the same {@link #forEach} — there is no second implementation that
 * could drift. Each feature is a bucket index in {@code [0, }{@link #BUCKETS}{@code )}; collisions
 * are accepted (the model is trained on the hashed space).
 */
final class IntentFeatures {
  /** Number of hash buckets: a power of two. */
  static final int BUCKETS = 1 << 18;

  private static final int MASK = BUCKETS - 1;
  private static final int WORD = 0x2f1a3b;
  private static final int PAIR = 0x51ed27;
  private static final int CJK2 = 0x7c3d91;
  private static final int CJK3 = 0x1b873f;
  private static final int SYMBOL = 0x6a09e6;

  /** Longest word hashed whole; the rest of a longer run is ignored (bounded work per token). */
  private static final int MAX_WORD = 24;

  /** Longest symbol run hashed. */
  private static final int MAX_SYMBOL = 4;

  /** Receives one feature bucket. */
  @FunctionalInterface
  interface Sink {
    void accept(int bucket);
  }

  private IntentFeatures() {}

  /** Calls {@code sink} once per feature occurrence of {@code text[start, end)}, in text order. */
  static void forEach(CharSequence text, int start, int end, Sink sink) {
    int previousWord = 0; // hash of the last word, 0 at the start and after a break
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      if (isCjk(c)) {
        int runEnd = i + 1;
        while (runEnd < end && isCjk(text.charAt(runEnd))) {
          runEnd++;
        }
        for (int j = i; j + 1 < runEnd; j++) {
          int h2 = mix(mix(CJK2 ^ text.charAt(j)) ^ text.charAt(j + 1));
          sink.accept(h2 & MASK);
          if (j + 2 < runEnd) {
            sink.accept(mix(h2 ^ CJK3 ^ text.charAt(j + 2)) & MASK);
          }
        }
        if (runEnd - i == 1) {
          sink.accept(mix(CJK2 ^ c) & MASK); // a lone character still says something
        }
        previousWord = 0;
        i = runEnd;
      } else if (c < 128 ? ASCII_FOLD[c] != 0 : Character.isLetterOrDigit(c)) {
        int h = WORD;
        int length = 0;
        int j = i;
        for (; j < end; j++) {
          char w = text.charAt(j);
          int folded;
          if (w < 128) {
            folded = ASCII_FOLD[w];
            if (folded == 0) {
              break;
            }
          } else if (!Character.isLetterOrDigit(w) || isCjk(w)) {
            break;
          } else {
            folded = fold(w);
          }
          if (length++ < MAX_WORD) {
            h = (h ^ folded) * 0x01000193;
          }
        }
        int word = mix(h);
        sink.accept(word & MASK);
        if (previousWord != 0) {
          sink.accept(mix((previousWord * 31 + word) ^ PAIR) & MASK);
        }
        previousWord = word;
        i = j;
      } else if (c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        i++;
      } else {
        int h = SYMBOL;
        int length = 0;
        int j = i;
        for (; j < end; j++) {
          char s = text.charAt(j);
          if (Character.isLetterOrDigit(s)
              || Character.isWhitespace(s)
              || Character.isSpaceChar(s)
              || isCjk(s)) {
            break;
          }
          if (length++ < MAX_SYMBOL) {
            h = (h ^ s) * 0x01000193;
          }
        }
        // Commas, stops and lone quotes are everywhere; only runs and rarer symbols carry a sign.
        if (length > 1 || !commonPunctuation(c)) {
          sink.accept(mix(h) & MASK);
        }
        if (length > 1 || (c != ',' && c != '\'' && c != '’')) {
          previousWord = 0; // a sentence or bracket break, not a comma, ends a word pair
        }
        i = j;
      }
    }
  }

  private static boolean commonPunctuation(char c) {
    return c == ',' || c == '.' || c == '\'' || c == '’' || c == '"' || c == '-' || c == '('
        || c == ')' || c == ';' || c == '、' || c == '。';
  }

  /** Per ASCII character: its folded form when it belongs to a word, else 0. */
  private static final char[] ASCII_FOLD = new char[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII_FOLD[c] = c;
      ASCII_FOLD[c - 32] = c;
    }
    for (char c = '0'; c <= '9'; c++) {
      ASCII_FOLD[c] = '0';
    }
  }

  /** Lower case, and every digit as {@code 0}. */
  private static int fold(char c) {
    if (c < 128) {
      return ASCII_FOLD[c];
    }
    return Character.isDigit(c) ? '0' : Character.toLowerCase(c);
  }

  /** Hangul (syllables and jamo), hiragana, katakana and the CJK ideographs. */
  static boolean isCjk(char c) {
    return (c >= '\uAC00' && c <= '\uD7A3')
        || (c >= '\u3040' && c <= '\u30FF')
        || (c >= '\u4E00' && c <= '\u9FFF')
        || (c >= '\u1100' && c <= '\u11FF')
        || (c >= '\u3130' && c <= '\u318F')
        || (c >= '\u3400' && c <= '\u4DBF');
  }

  /** The 32-bit finalizer of MurmurHash3: spreads every input bit over the bucket bits. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
