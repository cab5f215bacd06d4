package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.warden.api.ScanInput;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 200 KB inputs built to hurt a regex engine (backtracking, deep recursion, keyword floods)
 * complete quickly and without an exception.
 */
class HostileInputTest {
  private static final int SIZE = 200 * 1024;

  private static String fill(String unit) {
    StringBuilder sb = new StringBuilder(SIZE + unit.length());
    while (sb.length() < SIZE) {
      sb.append(unit);
    }
    return sb.toString();
  }

  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of("digits", fill("1234567890")),
        Arguments.of("digit groups", fill("4111 ")),
        Arguments.of("dashed digits", fill("010-")),
        Arguments.of("plus digits", fill("+1 ")),
        Arguments.of("at signs", fill("@")),
        Arguments.of("labels then at", fill("a.") + "@x"),
        Arguments.of("domain labels", "a@" + fill("a.")),
        Arguments.of("local parts", fill("a@a.")),
        Arguments.of("at after labels", fill("@a.")),
        Arguments.of("glued credential names", fill("secret=token=session=apikey=")),
        Arguments.of("jwt prefixes", fill("eyJ")),
        Arguments.of("jwt segments", fill("eyJhbGci.")),
        Arguments.of("pem headers", fill("-----BEGIN PRIVATE KEY-----")),
        Arguments.of("pem header and body", "-----BEGIN RSA PRIVATE KEY-----\n" + fill("QUFB\n")),
        Arguments.of("escaped newlines", fill("\\n")),
        Arguments.of("sk prefixes", "api_key=" + fill("sk-")),
        Arguments.of("sk body", "api_key=sk-" + fill("aB3")),
        Arguments.of("github prefixes", fill("ghp_")),
        Arguments.of("aws prefixes", fill("AKIA")),
        Arguments.of("base64 run", fill("QWxhZGRpbjpvcGVuIHNlc2FtZQ")),
        Arguments.of("parentheses", fill("+1 (")),
        Arguments.of("url userinfo", fill("//" + "a".repeat(60) + ":" + "b".repeat(60) + "@")),
        Arguments.of("unicode local parts", fill("ü") + "@x"),
        Arguments.of("unicode labels", "ü@" + fill("ü.")),
        Arguments.of("cjk and latin", fill("メールjane@例え.jp")),
        Arguments.of("decimals", fill("phone +1.4155550172 ")),
        Arguments.of("context words", fill("Bestellnummer ref ver 注文番号 4111111111111111 ")),
        Arguments.of("mixed", fill("card 4111-1111-1111-1111 +1 415 eyJ @ -----BEGIN sk- ")),
        // Vendor rules: names with long tails, structured blocks that never close, prefix floods.
        Arguments.of("vendor names", fill("datadog cohere mistral twilio okta_api_key ")),
        Arguments.of("vendor name tails", fill("DATADOG_" + "A".repeat(40) + " ")),
        Arguments.of("nested credential objects", fill("cohere: {\"api_key\": \"")),
        Arguments.of("putty headers", fill("PuTTY-User-Key-File-3: ssh-ed25519\n")),
        Arguments.of(
            "putty lines",
            "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: c\nPublic-Lines: 2\n"
                + fill("QUFB\n")),
        Arguments.of(
            "service accounts", fill("{\"type\": \"service_account\", \"private_key\": \"")),
        Arguments.of("hex before -us", fill("0123456789abcdef-us")),
        Arguments.of("azure q~", fill("abc1Q~")),
        Arguments.of("slack hooks", fill("https://hooks.slack.com/services/T0123456789/")),
        Arguments.of("discord calls", fill("bot.run('MTIz.")),
        Arguments.of(
            "token prefixes", fill("glpat- xoxb-1 hf_ gsk_ AIza dp.pt. hvs. sntrys_eyJ ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void completesWithoutException(String name, String text) {
    RuleDetector detector = RuleDetector.builtin();
    assertThat(text.length()).isGreaterThanOrEqualTo(SIZE);
    Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatCode(() -> detector.detect(ScanInput.text(text))).doesNotThrowAnyException());
  }
}
