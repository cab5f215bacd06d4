package dev.warden.engine.detect;

/**
 * The checksum GitHub embeds in classic tokens ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code
 * ghs_}, {@code ghr_}): 30 random base62 characters, then the CRC32 of those 30 characters encoded
 * in base62 ({@code 0-9A-Za-z}) and left-padded with {@code 0} to 6 characters. A random string
 * passes with probability about 1 in 4 billion (2^32), which is why a passing token is reported
 * with near-certain confidence.
 */
final class GitHubChecksum {
  static final Validator INSTANCE = Validator.of("github-crc32", GitHubChecksum::isValid);

  private static final int RANDOM_LENGTH = 30;
  private static final int CHECKSUM_LENGTH = 6;

  private GitHubChecksum() {}

  /** Whether a whole token {@code gh?_<36 chars>} carries a valid checksum. */
  static boolean isValid(CharSequence token) {
    int underscore = token.toString().indexOf('_');
    if (underscore < 0 || token.length() - underscore - 1 != RANDOM_LENGTH + CHECKSUM_LENGTH) {
      return false;
    }
    String body = token.subSequence(underscore + 1, token.length()).toString();
    return checksum(body.substring(0, RANDOM_LENGTH)).equals(body.substring(RANDOM_LENGTH));
  }

  /** The 6-character base62 checksum of {@code random} (Warden's own keys use the same). */
  static String checksum(String random) {
    return dev.warden.api.ApiKeyFormat.checksum(random);
  }
}
