package dev.warden.engine.detect;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parses IP address candidates and sorts them into address classes, so that rules can report
 * addresses that identify someone's machine with more confidence than addresses that cannot.
 *
 * <ul>
 *   <li>{@link Scope#PUBLIC}: globally routed unicast.
 *   <li>{@link Scope#PRIVATE}: addresses that reveal an internal network (RFC 1918 {@code 10/8},
 *       {@code 172.16/12}, {@code 192.168/16}; shared {@code 100.64/10}; link-local {@code
 *       169.254/16}; IPv6 unique-local {@code fc00::/7} and link-local {@code fe80::/10}).
 *   <li>{@link Scope#RESERVED}: addresses that identify nothing: unspecified, loopback, the
 *       documentation ranges ({@code 192.0.2/24}, {@code 198.51.100/24}, {@code 203.0.113/24},
 *       {@code 2001:db8::/32}), benchmarking {@code 198.18/15}, IETF {@code 192.0.0/24}, multicast,
 *       {@code 240/4} (which holds {@code 255.255.255.255} and the netmasks written like
 *       addresses).
 * </ul>
 *
 * Pure, never throws; work is linear in the candidate, which the patterns bound to 54 characters.
 */
final class IpValidators {
  private IpValidators() {}

  /** Address class; see the class comment. */
  enum Scope {
    PUBLIC,
    PRIVATE,
    RESERVED
  }

  /** Public IPv4 with at least one octet of two or more digits. */
  static final Validator V4_PUBLIC =
      Validator.of("ipv4-public", v -> !singleDigitOctets(v) && scope4(v) == Scope.PUBLIC);

  /** Public IPv4 whose octets are all single digits ({@code 1.2.3.4}, {@code 8.8.8.8}). */
  static final Validator V4_SHORT =
      Validator.of("ipv4-public", v -> singleDigitOctets(v) && scope4(v) == Scope.PUBLIC);

  static final Validator V4_PRIVATE = Validator.of("ipv4-private", v -> scope4(v) == Scope.PRIVATE);

  static final Validator V4_RESERVED =
      Validator.of("ipv4-reserved", v -> scope4(v) == Scope.RESERVED);

  static final Validator V6_PUBLIC = Validator.of("ipv6-public", v -> scope6(v) == Scope.PUBLIC);

  static final Validator V6_PRIVATE = Validator.of("ipv6-private", v -> scope6(v) == Scope.PRIVATE);

  static final Validator V6_RESERVED =
      Validator.of("ipv6-reserved", v -> scope6(v) == Scope.RESERVED);

  /** The four octets of a dotted-quad IPv4 address (no leading zeros), or {@code null}. */
  static int @Nullable [] parse4(CharSequence value) {
    int[] octets = new int[4];
    int part = 0;
    int digits = 0;
    int current = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 3 || (digits == 1 && current == 0)) {
          return null; // four digits, or a leading zero (octal in some parsers)
        }
        current = current * 10 + (c - '0');
        digits++;
      } else if (c == '.' && digits > 0 && part < 3) {
        if (current > 255) {
          return null;
        }
        octets[part++] = current;
        current = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    if (part != 3 || digits == 0 || current > 255) {
      return null;
    }
    octets[3] = current;
    return octets;
  }

  /** The class of an IPv4 candidate, or {@code null} when it is not an address. */
  static @Nullable Scope scope4(CharSequence value) {
    int @Nullable [] o = parse4(value);
    return o == null ? null : scope4(o[0], o[1], o[2]);
  }

  private static Scope scope4(int a, int b, int c) {
    if (a == 0
        || a == 127
        || a >= 224
        || (a == 192 && b == 0 && (c == 0 || c == 2))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
        || (a == 198 && (b == 18 || b == 19))) {
      return Scope.RESERVED;
    }
    if (a == 10
        || (a == 172 && b >= 16 && b <= 31)
        || (a == 192 && b == 168)
        || (a == 100 && b >= 64 && b <= 127)
        || (a == 169 && b == 254)) {
      return Scope.PRIVATE;
    }
    return Scope.PUBLIC;
  }

  /**
   * Whether every octet has one digit: such quads are far more often outline or version numbers
   * ({@code 1.2.3.4}) than addresses, so their rule needs a word that names an address.
   */
  static boolean singleDigitOctets(CharSequence value) {
    return value.length() == 7;
  }

  /**
   * The eight 16-bit groups of an IPv6 address (RFC 4291 text forms: full, {@code ::}-compressed,
   * with a dotted IPv4 tail), or {@code null}. Refused as well, because they are words or
   * identifiers rather than addresses: a group mixing upper and lower case ({@code Abc::Def}), a
   * text without any decimal digit ({@code add::face}), and eight groups of exactly two digits
   * ({@code 95:FD:B5:99:69:A3:CE:B3}, a certificate fingerprint's bytes).
   */
  static int @Nullable [] parse6(CharSequence value) {
    String s = value.toString();
    if (s.length() < 2 || s.length() > 45 || s.chars().noneMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    int @Nullable [] tail = null;
    int lastColon = s.lastIndexOf(':');
    if (lastColon < 0) {
      return null;
    }
    String hex = s;
    if (s.indexOf('.') >= 0) {
      int @Nullable [] v4 = parse4(s.substring(lastColon + 1));
      if (v4 == null) {
        return null;
      }
      tail = new int[] {v4[0] << 8 | v4[1], v4[2] << 8 | v4[3]};
      // Keep the colon(s) before the tail: "::1.2.3.4" → "::", "::ffff:1.2.3.4" → "::ffff:".
      hex = s.substring(0, lastColon + 1);
      if (hex.endsWith(":") && !hex.endsWith("::")) {
        hex = hex.substring(0, hex.length() - 1);
      }
    }
    int compress = hex.indexOf("::");
    if (compress >= 0 && hex.indexOf("::", compress + 1) >= 0) {
      return null;
    }
    if (compress < 0 && tail == null && hex.length() == 23 && everyGroupTwoDigits(hex)) {
      return null; // eight groups of two hex digits: bytes (a fingerprint, an EUI-64), not groups
    }
    int @Nullable [] head;
    int @Nullable [] rest;
    if (compress >= 0) {
      head = groups(hex.substring(0, compress));
      rest = groups(hex.substring(compress + 2));
    } else {
      head = groups(hex);
      rest = new int[0];
    }
    if (head == null || rest == null) {
      return null;
    }
    int tailGroups = tail == null ? 0 : 2;
    int explicit = head.length + rest.length + tailGroups;
    if (compress >= 0 ? explicit > 7 : explicit != 8) {
      return null;
    }
    int[] out = new int[8];
    System.arraycopy(head, 0, out, 0, head.length);
    int restAt = 8 - tailGroups - rest.length;
    System.arraycopy(rest, 0, out, restAt, rest.length);
    if (tail != null) {
      out[6] = tail[0];
      out[7] = tail[1];
    }
    return out;
  }

  /** "xx:xx:xx:xx:xx:xx:xx:xx": a colon after every second character. */
  private static boolean everyGroupTwoDigits(String hex) {
    for (int i = 2; i < hex.length(); i += 3) {
      if (hex.charAt(i) != ':') {
        return false;
      }
    }
    return true;
  }

  /** Colon-separated groups of 1–4 hex digits in one letter case; "" is no group. */
  private static int @Nullable [] groups(String part) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] pieces = part.split(":", -1);
    int[] out = new int[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      String g = pieces[i];
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
      boolean upper = !g.equals(g.toLowerCase(Locale.ROOT));
      boolean lower = !g.equals(g.toUpperCase(Locale.ROOT));
      if (upper && lower) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < g.length(); k++) {
        int d = Character.digit(g.charAt(k), 16);
        if (d < 0) {
          return null;
        }
        v = v << 4 | d;
      }
      out[i] = v;
    }
    return out;
  }

  /** The class of an IPv6 candidate, or {@code null} when it is not an address. */
  static @Nullable Scope scope6(CharSequence value) {
    int @Nullable [] g = parse6(value);
    if (g == null) {
      return null;
    }
    boolean zeroHead = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
    if (zeroHead && g[5] == 0xffff) {
      return scope4(g[6] >> 8, g[6] & 0xff, g[7] >> 8); // IPv4-mapped
    }
    if (zeroHead && g[5] == 0 && g[6] == 0 && g[7] <= 1) {
      return Scope.RESERVED; // :: and ::1
    }
    if ((g[0] == 0x2001 && g[1] == 0x0db8) || (g[0] & 0xff00) == 0xff00) {
      return Scope.RESERVED; // documentation, multicast
    }
    if ((g[0] & 0xfe00) == 0xfc00 || (g[0] & 0xffc0) == 0xfe80) {
      return Scope.PRIVATE; // unique-local, link-local
    }
    return Scope.PUBLIC;
  }
}
