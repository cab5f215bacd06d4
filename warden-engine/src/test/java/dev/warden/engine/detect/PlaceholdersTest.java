package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Placeholder values are documentation; a random value that happens to hold x's is not. */
class PlaceholdersTest {
  @Test
  void runsOfXAreFillerInAShortValueOrWhenLong() {
    assertThat(Placeholders.isPlaceholder("sk-xxxx")).isTrue();
    assertThat(Placeholders.isPlaceholder("AKIAXXXXXXXXXXXXXXXX")).isTrue();
    assertThat(Placeholders.isPlaceholder("ghp_" + FakeValues.base62(7101, 20) + "xxxxxxxx"))
        .isTrue();
    assertThat(Placeholders.isPlaceholder("<your-api-key>")).isTrue();
  }

  @Test
  void fourXsByChanceInALongRandomValueAreNot() {
    // an RSA key's body is ~2,600 characters: "xXxx" turns up in about one in 400 of them
    String body = FakeValues.base62(7102, 1300) + "xXxx" + FakeValues.base62(7103, 1300);
    assertThat(Placeholders.isPlaceholder(body)).isFalse();
    String key = FakeValues.pem("RSA PRIVATE KEY", 7104, 1900, "\n");
    int cut = key.indexOf('\n', 200) + 1;
    String withXs = key.substring(0, cut) + "xXxx" + key.substring(cut + 4);
    assertThat(Placeholders.isPlaceholder(withXs)).isFalse();
  }
}
