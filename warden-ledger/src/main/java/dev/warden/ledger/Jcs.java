package dev.warden.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for the JSON subset the ledger writes: objects,
 * arrays, strings, integers, booleans and {@code null}.
 *
 * <p>Guarantees: object members are sorted by their names compared as UTF-16 code units, no
 * insignificant whitespace is emitted, strings are escaped exactly as ECMAScript's {@code
 * JSON.stringify} does ({@code \"}, {@code \\}, {@code \b \t \n \f \r}, other controls below U+0020
 * as lowercase {@code &#92;u00xx}, everything else literal, including non-ASCII and astral
 * characters), and integers are written in plain decimal.
 *
 * <p>Failures: {@link IllegalArgumentException} for input outside the subset: fractional or
 * exponent numbers, integers beyond ±(2<sup>53</sup>−1) (not exactly representable as the IEEE
 * doubles JCS is defined over), lone surrogates (they have no UTF-8 encoding, so two different
 * strings would hash alike), and non-JSON node types. Messages never contain the input's text.
 */
public final class Jcs {
  /** Largest integer an IEEE 754 double holds exactly (2^53 - 1). */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private Jcs() {}

  /** Returns the canonical form of {@code node}. */
  public static String canonicalize(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  /**
   * The canonical form of {@code object} together with the position of each top-level member, so
   * that the canonical form of the same object with members removed or (string) members added can
   * be cut from it instead of serialized again. Fails as {@link #canonicalize} does.
   */
  static Members members(ObjectNode object) {
    List<String> names = new ArrayList<>(object.propertyNames());
    names.sort(null);
    StringBuilder out = new StringBuilder(256);
    int[] starts = new int[names.size()];
    int[] ends = new int[names.size()];
    out.append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String name = names.get(i);
      starts[i] = out.length();
      writeString(name, out, true);
      out.append(':');
      write(object.required(name), out);
      ends[i] = out.length();
    }
    out.append('}');
    return new Members(out.toString(), names, starts, ends);
  }

  /**
   * A canonical object and the span {@code [starts[i], ends[i])} of its i-th member ({@code
   * "name":value}, without separators) in {@code text}; {@code names} is in canonical order.
   */
  static final class Members {
    private final String text;
    private final List<String> names;
    private final int[] starts;
    private final int[] ends;

    private Members(String text, List<String> names, int[] starts, int[] ends) {
      this.text = text;
      this.names = names;
      this.starts = starts;
      this.ends = ends;
    }

    /** The canonical form of the whole object. */
    String text() {
      return text;
    }

    /** The canonical form of this object without the top-level members named in {@code omit}. */
    String without(Set<String> omit) {
      StringBuilder out = new StringBuilder(text.length());
      out.append('{');
      boolean first = true;
      for (int i = 0; i < names.size(); i++) {
        if (omit.contains(names.get(i))) {
          continue;
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(text, starts[i], ends[i]);
      }
      return out.append('}').toString();
    }

    /**
     * The canonical form of this object with the string members {@code name1: value1} and {@code
     * name2: value2} added ({@code name1} must sort before {@code name2}; neither may be present).
     */
    String with(String name1, String value1, String name2, String value2) {
      if (name1.compareTo(name2) >= 0 || names.contains(name1) || names.contains(name2)) {
        throw new IllegalArgumentException("added member names must be new and in order");
      }
      StringBuilder out = new StringBuilder(text.length() + name1.length() + value1.length() + 64);
      out.append('{');
      boolean first = true;
      int added = 0;
      for (int i = 0; i <= names.size(); i++) {
        // Added members go before the first existing member that sorts after them.
        while (added < 2
            && (i == names.size() || (added == 0 ? name1 : name2).compareTo(names.get(i)) < 0)) {
          if (!first) {
            out.append(',');
          }
          first = false;
          writeString(added == 0 ? name1 : name2, out, true);
          out.append(':');
          writeString(added == 0 ? value1 : value2, out, true);
          added++;
        }
        if (i < names.size()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          out.append(text, starts[i], ends[i]);
        }
      }
      return out.append('}').toString();
    }
  }

  /**
   * Throws {@link IllegalArgumentException} if {@code s} cannot be canonicalized (it contains a
   * lone surrogate).
   */
  public static void checkString(String s) {
    writeString(s, new StringBuilder(0), false);
  }

  /**
   * Appends the canonical form of the string {@code s} (quoted and escaped) to {@code out}.
   *
   * @throws IllegalArgumentException if {@code s} holds a lone surrogate
   */
  static void appendString(String s, StringBuilder out) {
    writeString(s, out, true);
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>(node.propertyNames());
        names.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 requires
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          String name = names.get(i);
          writeString(name, out, true);
          out.append(':');
          write(node.required(name), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        boolean first = true;
        for (JsonNode element : node) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(element, out);
        }
        out.append(']');
      }
      case STRING -> writeString(node.stringValue(), out, true);
      case NUMBER -> writeInteger(node, out);
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      default ->
          throw new IllegalArgumentException("unsupported JSON node type " + node.getNodeType());
    }
  }

  private static void writeInteger(JsonNode node, StringBuilder out) {
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new IllegalArgumentException("only integers are supported");
    }
    long value = node.longValue();
    if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("integer outside +-(2^53-1)");
    }
    out.append(value);
  }

  private static void writeString(String s, StringBuilder out, boolean emit) {
    if (emit && isPlain(s)) {
      // The common case (hashes, ids, types): nothing to escape or check, one bulk append.
      out.append('"').append(s).append('"');
      return;
    }
    if (emit) {
      out.append('"');
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
        if (!paired) {
          throw new IllegalArgumentException("lone surrogate at index " + i);
        }
        if (emit) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
      } else if (emit) {
        escape(c, out);
      }
    }
    if (emit) {
      out.append('"');
    }
  }

  /** No character that needs an escape or a surrogate check. */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static void escape(char c, StringBuilder out) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\b' -> out.append("\\b");
      case '\t' -> out.append("\\t");
      case '\n' -> out.append("\\n");
      case '\f' -> out.append("\\f");
      case '\r' -> out.append("\\r");
      default -> {
        if (c < 0x20) {
          out.append("\\u00")
              .append(Character.forDigit(c >> 4, 16))
              .append(Character.forDigit(c & 0xF, 16));
        } else {
          out.append(c);
        }
      }
    }
  }
}
