package dev.warden.engine.normalize;

/**
 * Bounds on the work {@link EvasionDetector} does per leaf, so hostile input cannot make decoding
 * expensive. Values beyond a bound are not decoded (they are still scanned as written).
 *
 * @param maxDepth how many layers of encoding are undone (base64 of hex of … counts 2); 0 turns
 *     decoding off and keeps character normalization
 * @param maxDecodedChars total characters all decoded runs of one leaf may produce
 * @param maxCandidates how many encoded-looking runs of one leaf are tried
 * @param maxRunLength longest encoded run tried, in characters; longer runs (an embedded image) are
 *     skipped without decoding
 * @throws IllegalArgumentException naming the field when a value is out of range
 */
public record EvasionLimits(
    int maxDepth, int maxDecodedChars, int maxCandidates, int maxRunLength) {
  public EvasionLimits {
    check("maxDepth", maxDepth, 0, 4);
    check("maxDecodedChars", maxDecodedChars, 0, 16 << 20);
    check("maxCandidates", maxCandidates, 0, 1 << 16);
    check("maxRunLength", maxRunLength, 16, 16 << 20);
  }

  /**
   * Depth 2, 64 Ki decoded characters, 256 candidate runs, runs up to 24 Ki characters (room for a
   * base64-wrapped 4096-bit RSA private key).
   */
  public static EvasionLimits defaults() {
    return new EvasionLimits(2, 65_536, 256, 24_576);
  }

  private static void check(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "evasion limit " + field + " must be in [" + min + ", " + max + "], got " + value);
    }
  }
}
