package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validators against independently computed vectors, bad-checksum rows beside good ones. */
class ValidatorsTest {

  @Test
  void githubChecksumIsBase62OfCrc32PaddedToSix() {
    // CRC32("123456789") = 0xCBF43926, the standard check value; base62 computed independently.
    assertThat(GitHubChecksum.checksum("123456789")).isEqualTo("3jZRME");
    assertThat(GitHubChecksum.checksum("a")).isEqualTo("4GEHKN");
    String token = FakeValues.githubClassic("ghp_", 42);
    assertThat(GitHubChecksum.isValid(token)).isTrue();
    assertThat(GitHubChecksum.isValid(FakeValues.githubClassicBadChecksum("ghp_", 42))).isFalse();
    assertThat(GitHubChecksum.isValid("ghp_short")).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Brands' published test numbers.
    "4111111111111111, true",
    "4222222222222, true",
    "5555555555554444, true",
    "2223003122003222, true",
    "378282246310005, true",
    "6011111111111117, true",
    "3530111333300000, true",
    "30569309025904, true",
    "6200000000000005, true",
    // Luhn off by one, wrong length for the brand, unknown IIN.
    "4111111111111112, false",
    "41111111111111, false",
    "5555555555554, false",
    "378282246310005000, false",
    "9111111111111111, false",
    "490154203237518, false"
  })
  void cardNeedsBrandLengthAndLuhn(String number, boolean valid) {
    assertThat(CardValidator.isCard(number)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "+1 415-555-0172 | true",
        "+1 415-155-0172 | false",
        "+1 911-555-0172 | false",
        "+1 495-555-0172 | false",
        "+82 10-1234-5678 | true",
        "+82 (0)10-1234-5678 | true",
        "+82 10-123-5678 | false",
        "+82 99-1234-5678 | false",
        "+44 (0)20 7946 0958 | true",
        "+49 000 000 | false",
        "+4 123 | false",
        "+44 (20 7946 0958 | false"
      })
  void internationalNumbers(String number, boolean valid) {
    assertThat(PhoneValidators.isInternational(number)).isEqualTo(valid);
  }

  @Test
  void koreanUnbrokenNumbersMustBeMobile() {
    assertThat(PhoneValidators.isKorean("01012345678")).isTrue();
    assertThat(PhoneValidators.isKorean("0212345678")).isFalse();
    assertThat(PhoneValidators.isKorean("02-1234-5678")).isTrue();
    assertThat(PhoneValidators.isKorean("010-123-5678")).isFalse();
  }

  @Test
  void pemBodyMustBeDerOfPlausibleLength() {
    assertThat(PemValidator.isKeyBlock(FakeValues.pem("PRIVATE KEY", 1, 300, "\n"))).isTrue();
    assertThat(PemValidator.isKeyBlock(FakeValues.pem("PRIVATE KEY", 1, 300, "\\n"))).isTrue();
    assertThat(PemValidator.isKeyBlock(FakeValues.pem("PRIVATE KEY", 1, 20, "\n"))).isFalse();
    String truncated = FakeValues.pem("PRIVATE KEY", 1, 300, "\n");
    int lastLine = truncated.lastIndexOf("\n-----END");
    assertThat(
            PemValidator.isKeyBlock(
                truncated.substring(0, lastLine - 4) + truncated.substring(lastLine)))
        .isFalse();
    assertThat(PemValidator.isKeyBlock(FakeValues.openssh(2, "\n"))).isTrue();
    assertThat(PemValidator.isKeyBlock(FakeValues.pem("OPENSSH PRIVATE KEY", 3, 300, "\n")))
        .as("DER body under an OpenSSH label")
        .isFalse();
  }

  @Test
  void legacyEncryptedPemChecksOnlyBase64AndLength() {
    String body = FakeValues.pem("RSA PRIVATE KEY", 4, 600, "\n");
    String encrypted =
        body.replaceFirst(
            "-----\n",
            "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n");
    assertThat(PemValidator.isKeyBlock(encrypted)).isTrue();
    assertThat(RuleDetector.builtin().detect(dev.warden.api.ScanInput.text(encrypted)))
        .extracting(f -> f.span().length())
        .containsExactly(encrypted.length());
  }

  @Test
  void jwtNeedsJsonHeaderWithAlgAndJsonPayload() {
    String header = "{\"alg\":\"HS256\"}";
    assertThat(JwtValidator.isJwt(FakeValues.jwt(header, "{}", 1))).isTrue();
    assertThat(JwtValidator.isJwt(FakeValues.jwt("{\"alg\":1}", "{}", 1))).isFalse();
    assertThat(JwtValidator.isJwt(FakeValues.jwt(header, "[1]", 1))).isFalse();
    assertThat(JwtValidator.isJwt(FakeValues.jwt(header, "{\"a\":", 1))).isFalse();
    assertThat(JwtValidator.isJwt("eyJ%%%.eyJ.x")).isFalse();
  }

  @Test
  void placeholdersAreRecognised() {
    assertThat(Placeholders.isPlaceholder("AKIAIOSFODNN7EXAMPLE")).isTrue();
    assertThat(Placeholders.isPlaceholder("sk-xxxxxxxxxxxxxxxx")).isTrue();
    assertThat(Placeholders.isPlaceholder("${OPENAI_API_KEY}")).isTrue();
    assertThat(Placeholders.isPlaceholder("<token>")).isTrue();
    assertThat(Placeholders.isPlaceholder("ghp_000000000000000000000000000000000000")).isTrue();
    assertThat(Placeholders.isPlaceholder(FakeValues.githubClassic("ghp_", 5))).isFalse();
  }

  @Test
  void digitShapeCountsDigitsAcrossSingleSeparators() {
    assertThat(DigitShape.longestRun("call +1 (415) 555-0172 now")).isEqualTo(11);
    assertThat(DigitShape.longestRun("4111 1111 1111 1111")).isEqualTo(16);
    assertThat(DigitShape.longestRun("a1b2c3")).isEqualTo(1);
    assertThat(DigitShape.longestRun("12 - - 34")).isEqualTo(2);
  }
}
