package dev.warden.engine.dialect;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a string really is base64 of a declared binary media type. A value is binary only
 * when every character is in the standard base64 alphabet (padding only at the end) and its first
 * decoded bytes carry the signature ("magic number") of the declared type. So a secret wrapped in
 * {@code data:image/png;base64,…} without a PNG signature is not binary: it is scanned as text like
 * any other string (and the detector's decode-and-rescan looks inside it).
 *
 * <p>Text media types ({@code text/*}, JSON, XML) are never binary, whatever their encoding.
 */
final class Base64Media {
  /** How many base64 characters are decoded to read a signature (12 bytes). */
  private static final int HEAD_CHARS = 16;

  /** Declared spellings that name the same format as a canonical type. */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("image/jpg", "image/jpeg"),
          Map.entry("image/pjpeg", "image/jpeg"),
          Map.entry("audio/mp3", "audio/mpeg"),
          Map.entry("audio/mpeg3", "audio/mpeg"),
          Map.entry("audio/x-mp3", "audio/mpeg"),
          Map.entry("audio/x-wav", "audio/wav"),
          Map.entry("audio/wave", "audio/wav"),
          Map.entry("audio/vnd.wave", "audio/wav"),
          Map.entry("audio/x-flac", "audio/flac"),
          Map.entry("audio/x-aiff", "audio/aiff"),
          Map.entry("audio/x-aac", "audio/aac"),
          Map.entry("audio/m4a", "audio/mp4"),
          Map.entry("audio/x-m4a", "audio/mp4"),
          Map.entry("video/x-matroska", "video/webm"),
          Map.entry("video/mov", "video/quicktime"));

  /** The audio formats recognized by signature, for answers that do not declare theirs. */
  static final String[] AUDIO = {
    "audio/wav", "audio/mpeg", "audio/flac", "audio/ogg", "audio/aac", "audio/mp4", "audio/aiff"
  };

  private static final String[] IMAGES = {"image/png", "image/jpeg", "image/gif", "image/webp"};

  private Base64Media() {}

  /** The lower-case media type without parameters, aliases resolved. */
  static String canonical(String mediaType) {
    int semi = mediaType.indexOf(';');
    String base =
        (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return ALIASES.getOrDefault(base, base);
  }

  /** {@code value} is base64 whose content has the signature of {@code mediaType}. */
  static boolean isBase64Of(String mediaType, String value) {
    String type = canonical(mediaType);
    if (!isBase64(value)) {
      return false;
    }
    byte @Nullable [] head = head(value);
    return head != null && signatureMatches(type, head);
  }

  /** {@code value} is base64 of some image format Warden recognizes (Ollama's bare images). */
  static boolean isBase64Image(String value) {
    return isBase64OfAny(value, IMAGES);
  }

  /** {@code value} is base64 with the signature of one of {@code types}. */
  static boolean isBase64OfAny(String value, String... types) {
    if (!isBase64(value)) {
      return false;
    }
    byte @Nullable [] head = head(value);
    if (head == null) {
      return false;
    }
    for (String t : types) {
      if (signatureMatches(t, head)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code value} is base64 of a whole number of 32-bit floats (an embedding asked for with {@code
   * encoding_format: base64}); there is no signature to check, so the length is the check.
   */
  static boolean isBase64Floats(String value) {
    if (!isBase64(value)) {
      return false;
    }
    int n = value.length();
    int pad = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
    int body = n - pad;
    long bytes = body / 4 * 3L + (body % 4 == 0 ? 0 : body % 4 - 1);
    return bytes % 4 == 0;
  }

  /**
   * A data URL {@code data:<type>[;param…];base64,<payload>} whose type starts with one of {@code
   * families} (e.g. {@code "image/"}) and whose payload is base64 of that type.
   */
  static boolean isDataUrlOf(String value, String... families) {
    if (!value.regionMatches(true, 0, "data:", 0, 5)) {
      return false;
    }
    int comma = value.indexOf(',');
    if (comma < 0 || comma > 200) {
      return false;
    }
    String header = value.substring(5, comma);
    if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
      return false;
    }
    String type = canonical(header.substring(0, header.length() - ";base64".length()));
    boolean allowed = false;
    for (String f : families) {
      allowed |= type.startsWith(f);
    }
    return allowed && isBase64Of(type, value.substring(comma + 1));
  }

  /** Standard alphabet, optional padding at the very end, a whole number of quanta or less. */
  static boolean isBase64(String s) {
    int n = s.length();
    if (n < HEAD_CHARS) {
      return false;
    }
    int pad = 0;
    while (pad < 2 && pad < n && s.charAt(n - 1 - pad) == '=') {
      pad++;
    }
    int body = n - pad;
    if (pad > 0 && n % 4 != 0) {
      return false;
    }
    if (pad == 0 && body % 4 == 1) {
      return false;
    }
    for (int i = 0; i < body; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static byte @Nullable [] head(String value) {
    try {
      return Base64.getDecoder().decode(value.substring(0, HEAD_CHARS));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean signatureMatches(String type, byte[] h) {
    return switch (type) {
      case "image/png" -> starts(h, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
      case "image/jpeg" -> starts(h, 0xFF, 0xD8, 0xFF);
      case "image/gif" -> ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a");
      case "image/webp" -> ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP");
      case "image/heic",
          "image/heif",
          "image/avif",
          "video/mp4",
          "video/quicktime",
          "audio/mp4",
          "video/3gpp" ->
          ascii(h, 4, "ftyp");
      case "application/pdf" -> ascii(h, 0, "%PDF-");
      case "audio/wav" -> ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE");
      case "audio/aiff" -> ascii(h, 0, "FORM") && (ascii(h, 8, "AIFF") || ascii(h, 8, "AIFC"));
      case "audio/mpeg" -> ascii(h, 0, "ID3") || frameSync(h, 0xE0);
      case "audio/aac" -> frameSync(h, 0xF0) && (h[1] & 0x06) == 0;
      case "audio/flac" -> ascii(h, 0, "fLaC");
      case "audio/ogg", "audio/opus", "video/ogg" -> ascii(h, 0, "OggS");
      case "video/webm", "audio/webm" -> starts(h, 0x1A, 0x45, 0xDF, 0xA3);
      default -> false;
    };
  }

  /** MPEG audio frame sync: eleven (MP3) or twelve (ADTS) set bits. */
  private static boolean frameSync(byte[] h, int mask) {
    return h.length > 1 && (h[0] & 0xFF) == 0xFF && (h[1] & mask) == mask;
  }

  private static boolean starts(byte[] h, int... sig) {
    if (h.length < sig.length) {
      return false;
    }
    for (int i = 0; i < sig.length; i++) {
      if ((h[i] & 0xFF) != sig[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] h, int at, String sig) {
    if (h.length < at + sig.length()) {
      return false;
    }
    for (int i = 0; i < sig.length(); i++) {
      if (h[at + i] != sig.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
