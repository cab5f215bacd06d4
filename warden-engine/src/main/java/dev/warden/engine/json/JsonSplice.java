package dev.warden.engine.json;

import java.util.Arrays;

/**
 * The leaf rewrites of one body, applied to the body's own bytes: every byte outside a rewritten
 * leaf is copied as it arrived, and a rewritten leaf (a string value, a whole number, an object
 * key) is written as a JSON string the way {@link JsonBodies#write} writes it.
 *
 * <p>A leaf is named by its <em>ordinal</em>: its place among the body's scalar tokens (object
 * keys, strings, numbers, {@code true}, {@code false}, {@code null}) in document order, which is
 * the order {@link JsonWalker} meets them in the parsed tree (object members keep their order, and
 * duplicate keys are refused at parse time, so token and tree leaf correspond one to one).
 *
 * <p>Why not write the tree back: the tree is the body as parsed, so writing it encodes every
 * string again (the write was ≈ 7 % of a dense chat body's time); copying the untouched ranges
 * sends the upstream the same bytes Warden parsed and scanned, as an unchanged body is sent. The
 * result parses to the same tree as writing the rewritten tree, and is byte-identical to it when
 * the body arrived in that written form (compact, Jackson's escapes): {@code JsonSpliceTest}.
 *
 * <p>Not thread-safe; one instance per body.
 */
public final class JsonSplice {
  private int[] ordinals = new int[8];
  private String[] texts = new String[8];
  private int size;

  /** Records that the leaf at {@code ordinal} becomes the JSON string {@code text}. */
  void add(int ordinal, String text) {
    if (size == ordinals.length) {
      ordinals = Arrays.copyOf(ordinals, size * 2);
      texts = Arrays.copyOf(texts, size * 2);
    }
    ordinals[size] = ordinal;
    texts[size] = text;
    size++;
  }

  /** How many leaves are rewritten. */
  public int size() {
    return size;
  }

  /**
   * The body with the recorded leaves rewritten.
   *
   * @param body the exact bytes the walked tree was parsed from (valid JSON: token boundaries are
   *     found without validating again)
   * @return {@code body} itself when nothing was recorded
   * @throws IllegalStateException when a recorded ordinal lies past the body's last token (the
   *     edits do not belong to this body; the caller must refuse the message, not send it on)
   */
  public byte[] apply(byte[] body) {
    if (size == 0) {
      return body;
    }
    int[] order = byOrdinal();
    int[] starts = new int[size];
    int[] ends = new int[size];
    int next = 0;
    int ordinal = 0;
    int i = startOfContent(body);
    int n = body.length;
    while (next < size && i < n) {
      byte b = body[i];
      if (b == '"' || isScalarStart(b)) {
        int end = b == '"' ? stringEnd(body, i) : scalarEnd(body, i);
        if (ordinal == ordinals[order[next]]) {
          starts[next] = i;
          ends[next] = end;
          next++;
        }
        ordinal++;
        i = end;
      } else {
        i++;
      }
    }
    if (next < size) {
      throw new IllegalStateException(
          "JSON rewrite: leaf "
              + ordinals[order[next]]
              + " is past the body's last token ("
              + ordinal
              + " tokens); the body was not rewritten");
    }
    byte[][] quoted = new byte[size][];
    long length = n;
    for (int k = 0; k < size; k++) {
      quoted[k] = quote(texts[order[k]]);
      length += quoted[k].length - (ends[k] - starts[k]);
    }
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("JSON rewrite: the rewritten body exceeds 2 GiB");
    }
    byte[] out = new byte[(int) length];
    int from = 0;
    int to = 0;
    for (int k = 0; k < size; k++) {
      int copy = starts[k] - from;
      System.arraycopy(body, from, out, to, copy);
      to += copy;
      System.arraycopy(quoted[k], 0, out, to, quoted[k].length);
      to += quoted[k].length;
      from = ends[k];
    }
    System.arraycopy(body, from, out, to, n - from);
    return out;
  }

  /** Indexes of the recorded edits sorted by ordinal (the walker records a key after its value). */
  private int[] byOrdinal() {
    long[] keyed = new long[size];
    for (int k = 0; k < size; k++) {
      keyed[k] = ((long) ordinals[k] << 32) | k;
    }
    Arrays.sort(keyed);
    int[] order = new int[size];
    for (int k = 0; k < size; k++) {
      order[k] = (int) keyed[k];
    }
    return order;
  }

  /** A UTF-8 byte order mark is not a token (the parser skips it). */
  private static int startOfContent(byte[] body) {
    return body.length >= 3
            && (body[0] & 0xFF) == 0xEF
            && (body[1] & 0xFF) == 0xBB
            && (body[2] & 0xFF) == 0xBF
        ? 3
        : 0;
  }

  /** The first byte of a number, {@code true}, {@code false} or {@code null}. */
  private static boolean isScalarStart(byte b) {
    return (b >= '0' && b <= '9') || b == '-' || b == 't' || b == 'f' || b == 'n';
  }

  /**
   * The index after the closing quote of the string opened at {@code start}. Reads eight bytes at a
   * time while none of them is a quote or a backslash: message text is most of a chat body's bytes,
   * and a byte-by-byte loop over it was half of the rewrite's time.
   */
  static int stringEnd(byte[] body, int start) {
    int j = start + 1;
    int n = body.length;
    while (true) {
      while (j + Long.BYTES <= n) {
        long word = (long) LONGS.get(body, j);
        if (hasByte(word, QUOTES) || hasByte(word, BACKSLASHES)) {
          break;
        }
        j += Long.BYTES;
      }
      if (j >= n) {
        return n;
      }
      byte c = body[j];
      if (c == '"') {
        return j + 1;
      }
      j += c == '\\' ? 2 : 1;
    }
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long QUOTES = '"' * ONES;
  private static final long BACKSLASHES = '\\' * ONES;

  /** Whether one of the eight bytes of {@code word} equals the byte repeated in {@code pattern}. */
  private static boolean hasByte(long word, long pattern) {
    long x = word ^ pattern; // a zero byte where they are equal
    return ((x - ONES) & ~x & (ONES << 7)) != 0;
  }

  /** The index after a number or literal: they end at a structural character or whitespace. */
  private static int scalarEnd(byte[] body, int start) {
    int j = start + 1;
    int n = body.length;
    while (j < n) {
      byte c = body[j];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        return j;
      }
      j++;
    }
    return n;
  }

  private static final byte[] HEX =
      "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * {@code text} as a quoted JSON string in UTF-8, escaped as {@link JsonBodies#write} escapes it:
   * {@code "} and {@code \} with a backslash, {@code \b \t \n \f \r} by name, other control
   * characters and lone surrogates as {@code \}{@code uXXXX}; everything else as UTF-8.
   */
  static byte[] quote(String text) {
    int n = text.length();
    // Three bytes a character hold any text but escapes: grown when one would not fit (an escape
    // takes six), instead of sizing every leaf for the worst case.
    byte[] out = new byte[n * 3 + 2];
    int o = 0;
    out[o++] = '"';
    for (int i = 0; i < n; i++) {
      if (out.length - o < 7) {
        out = Arrays.copyOf(out, out.length * 2 + 7);
      }
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          out[o++] = (byte) c;
        } else {
          o = escape(out, o, c);
        }
      } else if (c < 0x800) {
        out[o++] = (byte) (0xC0 | (c >> 6));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        out[o++] = (byte) (0xF0 | (cp >> 18));
        out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        o = unicodeEscape(out, o, c);
      } else {
        out[o++] = (byte) (0xE0 | (c >> 12));
        out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    out[o++] = '"';
    return Arrays.copyOf(out, o);
  }

  private static int escape(byte[] out, int o, char c) {
    char named =
        switch (c) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '\b' -> 'b';
          case '\t' -> 't';
          case '\n' -> 'n';
          case '\f' -> 'f';
          case '\r' -> 'r';
          default -> 0;
        };
    if (named == 0) {
      return unicodeEscape(out, o, c);
    }
    out[o++] = '\\';
    out[o++] = (byte) named;
    return o;
  }

  private static int unicodeEscape(byte[] out, int o, char c) {
    out[o++] = '\\';
    out[o++] = 'u';
    out[o++] = HEX[(c >> 12) & 0xF];
    out[o++] = HEX[(c >> 8) & 0xF];
    out[o++] = HEX[(c >> 4) & 0xF];
    out[o++] = HEX[c & 0xF];
    return o;
  }
}
