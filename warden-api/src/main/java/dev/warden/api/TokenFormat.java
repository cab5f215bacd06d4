package dev.warden.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of the two reversible actions, shared by the engine (which must not re-detect
 * them), the vault (which issues them) and restorers (which find them). Documented in {@code
 * docs/tokens.md}.
 *
 * <ul>
 *   <li>token: {@code [TOKEN:<type>:<id>]} where {@code id} is 16 characters of RFC 4648 base32
 *       ({@code A-Z2-7}, 80 bits)
 *   <li>envelope: {@code [ENC:<type>:<key id, 8 hex>:<base64url ciphertext>]}
 * </ul>
 *
 * <p>{@code type} is a detection type: lower_snake, at most {@value #MAX_TYPE_LENGTH} characters.
 * Matching a form says nothing about authenticity; only the vault can tell a genuine token from a
 * fake one.
 */
public final class TokenFormat {
  /** Longest detection type (the custom rule limit). */
  public static final int MAX_TYPE_LENGTH = 40;

  /** Characters in a token's id. */
  public static final int ID_LENGTH = 16;

  /** The longest possible token: {@code [TOKEN:} + type + {@code :} + id + {@code ]}. */
  public static final int MAX_TOKEN_LENGTH =
      "[TOKEN:".length() + MAX_TYPE_LENGTH + 1 + ID_LENGTH + 1;

  private static final String TYPE = "[a-z][a-z0-9_]{0," + (MAX_TYPE_LENGTH - 1) + "}";
  private static final Pattern TYPE_PATTERN = Pattern.compile(TYPE);
  private static final Pattern TOKEN =
      Pattern.compile("\\[TOKEN:(" + TYPE + "):([A-Z2-7]{" + ID_LENGTH + "})]");
  private static final Pattern ENVELOPE =
      Pattern.compile("\\[ENC:(" + TYPE + "):([0-9a-f]{8}):([A-Za-z0-9_-]{16,})]");

  private TokenFormat() {}

  /** A token or envelope found in a text, with its place. */
  public record Marker(Kind kind, int start, int end, String type, String text) {}

  /** Which form a marker has. */
  public enum Kind {
    TOKEN,
    ENVELOPE
  }

  /** Whether {@code type} may appear in a token (lower_snake, at most 40 characters). */
  public static boolean isValidType(String type) {
    return TYPE_PATTERN.matcher(type).matches();
  }

  /** Renders a token; {@code id} must already be 16 base32 characters. */
  public static String token(String type, String id) {
    return "[TOKEN:" + type + ":" + id + "]";
  }

  /** Renders an envelope. */
  public static String envelope(String type, String keyIdHex, String base64UrlCiphertext) {
    return "[ENC:" + type + ":" + keyIdHex + ":" + base64UrlCiphertext + "]";
  }

  /** Every token in {@code text}, in order. Linear; cheap when the text has no {@code [TOKEN:}. */
  public static List<Marker> tokens(CharSequence text) {
    return find(text, "[TOKEN:", TOKEN, Kind.TOKEN);
  }

  /** Every token and envelope in {@code text}, tokens first. */
  public static List<Marker> markers(CharSequence text) {
    List<Marker> out = new ArrayList<>(tokens(text));
    out.addAll(find(text, "[ENC:", ENVELOPE, Kind.ENVELOPE));
    return out;
  }

  private static List<Marker> find(CharSequence text, String prefix, Pattern p, Kind kind) {
    if (text.toString().indexOf(prefix) < 0) {
      return List.of();
    }
    List<Marker> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(new Marker(kind, m.start(), m.end(), m.group(1), m.group()));
    }
    return out;
  }
}
