package dev.warden.engine.detect;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validators for vendor formats that carry structure beyond their prefix: a checksum (age's
 * bech32), an embedded encoding (Discord's base64 user id, Sentry's base64 JSON claims, PyPI's
 * macaroon) or a line layout (PuTTY key files). Each is pure, never throws and does work linear in
 * the value.
 */
final class VendorValidators {
  private VendorValidators() {}

  /** Upper- and lower-case letters and at least 12 distinct characters (letter-only tokens). */
  static final Validator LETTER_VARIETY =
      Validator.of("letter-variety", VendorValidators::isLetterVaried);

  /**
   * At least 3 bits of entropy per character: not filler such as an all-zero UUID. For values whose
   * shape is fixed (UUIDs), where the generic checks would refuse the shape itself.
   */
  static final Validator VARIED =
      Validator.of("varied-characters", v -> CredentialValues.entropy(v.toString()) >= 3.0);

  /**
   * A random-looking token: at least two of upper case, lower case and digits, and at least 3 bits
   * of entropy per character. Weaker than {@link TextValidators#HIGH_VARIETY} on purpose: a random
   * 20-character body lacks a digit or a case often enough (a few percent) that requiring all three
   * would miss real tokens; filler and words still fail.
   */
  static final Validator RANDOM = Validator.of("random-token", VendorValidators::isRandom);

  static boolean isRandom(CharSequence value) {
    String v = value.toString();
    return CredentialValues.classes(v) >= 2 && CredentialValues.entropy(v) >= 3.0;
  }

  /** A Discord bot token whose first segment is base64 of a numeric user id (a snowflake). */
  static final Validator DISCORD_BOT =
      Validator.of("discord-snowflake", VendorValidators::isDiscordBotToken);

  /** An age X25519 secret key whose bech32 checksum holds. */
  static final Validator AGE_BECH32 = Validator.of("bech32", VendorValidators::isAgeSecretKey);

  /**
   * A Sentry organization token whose middle segment is base64 of a JSON object with {@code iat}.
   */
  static final Validator SENTRY_ORG =
      Validator.of("sentry-claims", VendorValidators::isSentryOrgToken);

  /** A PuTTY key file whose {@code Public-Lines} and {@code Private-Lines} counts hold. */
  static final Validator PUTTY = Validator.of("putty-layout", VendorValidators::isPuttyKey);

  /** A PyPI token whose body decodes to a version-2 macaroon. */
  static final Validator PYPI_MACAROON =
      Validator.of("pypi-macaroon", VendorValidators::isPypiToken);

  /**
   * A PyPI token: a macaroon that parses, or a random-looking tail after the fixed macaroon header.
   * The 20-character header ({@code pypi-AgEIcHlwaS5vcmc}: version byte and location {@code
   * pypi.org}) is distinctive on its own, and a value carrying it that does not parse is a token in
   * a format or with caveats this parser does not know, or a hand-made one; either way it is
   * reported, as a secret should be when in doubt.
   */
  static final Validator PYPI_TOKEN =
      Validator.of("pypi-token", v -> isPypiToken(v) || isRandom(pypiTail(v)));

  private static final List<String> PYPI_HEADERS =
      List.of("pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw");

  /** The part after the fixed macaroon header, whose randomness is the token's own. */
  private static CharSequence pypiTail(CharSequence value) {
    String v = value.toString();
    for (String header : PYPI_HEADERS) {
      if (v.startsWith(header)) {
        return v.substring(header.length());
      }
    }
    return v;
  }

  private static final int MIN_DISTINCT = 12;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static boolean isLetterVaried(CharSequence value) {
    boolean upper = false;
    boolean lower = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    return upper && lower && value.chars().distinct().count() >= MIN_DISTINCT;
  }

  static boolean isDiscordBotToken(CharSequence value) {
    String token = value.toString();
    int dot = token.indexOf('.');
    if (dot < 0) {
      return false;
    }
    byte[] id = decodeBase64(token.substring(0, dot));
    if (id == null || id.length < 17 || id.length > 20) {
      return false;
    }
    for (byte b : id) {
      if (b < '0' || b > '9') {
        return false;
      }
    }
    return id[0] != '0';
  }

  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
  };

  static boolean isAgeSecretKey(CharSequence value) {
    String lower = value.toString().toLowerCase(Locale.ROOT);
    int separator = lower.lastIndexOf('1');
    if (separator < 1 || lower.length() - separator - 1 < 6) {
      return false;
    }
    int[] data = new int[lower.length() - separator - 1];
    for (int i = 0; i < data.length; i++) {
      int v = BECH32.indexOf(lower.charAt(separator + 1 + i));
      if (v < 0) {
        return false;
      }
      data[i] = v;
    }
    return bech32Polymod(lower.substring(0, separator), data) == 1;
  }

  /** The BIP-173 checksum state over the expanded human-readable part and {@code data}. */
  static int bech32Polymod(String hrp, int[] data) {
    int chk = 1;
    for (int i = 0; i < hrp.length(); i++) {
      chk = polymodStep(chk, hrp.charAt(i) >> 5);
    }
    chk = polymodStep(chk, 0);
    for (int i = 0; i < hrp.length(); i++) {
      chk = polymodStep(chk, hrp.charAt(i) & 31);
    }
    for (int v : data) {
      chk = polymodStep(chk, v);
    }
    return chk;
  }

  private static int polymodStep(int chk, int value) {
    int top = chk >>> 25;
    int next = ((chk & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < GENERATOR.length; i++) {
      if (((top >>> i) & 1) != 0) {
        next ^= GENERATOR[i];
      }
    }
    return next;
  }

  /** The bech32 alphabet, for generating examples. */
  static String bech32Alphabet() {
    return BECH32;
  }

  static boolean isSentryOrgToken(CharSequence value) {
    String token = value.toString();
    int start = token.indexOf('_');
    int end = token.lastIndexOf('_');
    if (start < 0 || end <= start + 1) {
      return false;
    }
    byte[] claims = decodeBase64(token.substring(start + 1, end));
    if (claims == null) {
      return false;
    }
    try {
      JsonNode node = JSON.readTree(claims);
      return node.isObject() && node.get("iat") != null && node.get("iat").isNumber();
    } catch (JacksonException e) {
      return false;
    }
  }

  static boolean isPuttyKey(CharSequence value) {
    String[] lines =
        value
            .toString()
            .replace("\\r\\n", "\n")
            .replace("\\n", "\n")
            .replace("\r\n", "\n")
            .split("\n", -1);
    int publicAt = indexOfField(lines, "Public-Lines:", 0);
    if (publicAt < 0) {
      return false;
    }
    int publicCount = count(lines[publicAt]);
    int privateAt = publicAt + 1 + publicCount;
    if (publicCount < 1
        || !base64Lines(lines, publicAt + 1, publicCount)
        || privateAt >= lines.length
        || !lines[privateAt].startsWith("Private-Lines:")) {
      return false;
    }
    int privateCount = count(lines[privateAt]);
    int macAt = privateAt + 1 + privateCount;
    return privateCount >= 1
        && base64Lines(lines, privateAt + 1, privateCount)
        && macAt < lines.length
        && lines[macAt].startsWith("Private-MAC:");
  }

  private static int indexOfField(String[] lines, String field, int from) {
    for (int i = from; i < lines.length; i++) {
      if (lines[i].startsWith(field)) {
        return i;
      }
    }
    return -1;
  }

  private static int count(String line) {
    String digits = line.substring(line.indexOf(':') + 1).strip();
    if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(digits);
  }

  private static boolean base64Lines(String[] lines, int from, int count) {
    if (from + count > lines.length) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.length() > 64 || !line.chars().allMatch(VendorValidators::isB64)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isB64(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '=';
  }

  static boolean isPypiToken(CharSequence value) {
    String token = value.toString();
    int dash = token.indexOf('-');
    byte[] macaroon = dash < 0 ? null : decodeBase64(token.substring(dash + 1));
    return macaroon != null && isMacaroonV2(macaroon);
  }

  /**
   * The version-2 binary macaroon layout: version byte 2; header fields (type, varint length, data)
   * up to an end byte, with an identifier (type 2) among them; caveat sections, each ending with an
   * end byte; an empty section; then the signature field (type 6, 32 bytes) and nothing after it.
   * Random bytes after a valid-looking prefix fail this within a few fields.
   */
  static boolean isMacaroonV2(byte[] b) {
    if (b.length < 40 || b[0] != 2) {
      return false;
    }
    int[] at = {1};
    boolean identifier = false;
    int type;
    while ((type = readVarint(b, at)) > 0) {
      identifier |= type == 2;
      if (!skipField(b, at)) {
        return false;
      }
    }
    if (type < 0 || !identifier) {
      return false;
    }
    for (int sections = 0; ; sections++) {
      int first = readVarint(b, at);
      if (first < 0 || sections > 64) {
        return false;
      }
      if (first == 0) {
        break; // the empty section: caveats are over
      }
      if (!skipField(b, at)) {
        return false;
      }
      while ((type = readVarint(b, at)) > 0) {
        if (!skipField(b, at)) {
          return false;
        }
      }
      if (type < 0) {
        return false;
      }
    }
    return readVarint(b, at) == 6 && readVarint(b, at) == 32 && at[0] + 32 == b.length;
  }

  private static boolean skipField(byte[] b, int[] at) {
    int length = readVarint(b, at);
    if (length < 0 || at[0] + length > b.length) {
      return false;
    }
    at[0] += length;
    return true;
  }

  /** An unsigned LEB128 varint of at most 3 bytes at {@code at[0]}, or -1. */
  private static int readVarint(byte[] b, int[] at) {
    int value = 0;
    for (int shift = 0; shift < 21; shift += 7) {
      if (at[0] >= b.length) {
        return -1;
      }
      int next = b[at[0]++] & 0xff;
      value |= (next & 0x7f) << shift;
      if ((next & 0x80) == 0) {
        return value;
      }
    }
    return -1;
  }

  /** Standard or URL-safe base64, padded or not; {@code null} when it is neither. */
  static byte @Nullable [] decodeBase64(String s) {
    if (s.isEmpty() || s.length() > 8192) {
      return null;
    }
    String unpadded = s.endsWith("==") ? s.substring(0, s.length() - 2) : s;
    unpadded = unpadded.endsWith("=") ? unpadded.substring(0, unpadded.length() - 1) : unpadded;
    if (unpadded.length() % 4 == 1) {
      return null;
    }
    boolean url = unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0;
    try {
      return (url ? Base64.getUrlDecoder() : Base64.getDecoder())
          .decode(unpadded + "=".repeat((4 - unpadded.length() % 4) % 4));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
