package dev.warden.engine.normalize;

import static dev.warden.engine.normalize.EvasionDetectorTest.assertFoundExactly;
import static dev.warden.engine.normalize.EvasionDetectorTest.detect;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A value named by a sibling field, found by the rules keyed on that name. */
class NamedValuesTest {
  static final String PASSWORD = "Tq8v#Lm2xNz4Rp7K";
  static final String TOKEN = Fakes.chars(4301, Fakes.BASE62, 32);

  @Test
  void aKubernetesEnvironmentEntryNamesItsValue() {
    String manifest =
        "env:\n"
            + "  - name: LOG_LEVEL\n"
            + "    value: info\n"
            + "  - name: DB_PASSWORD\n"
            + "    value: \""
            + PASSWORD
            + "\"\n"
            + "  - name: DB_HOST\n"
            + "    valueFrom:\n"
            + "      configMapKeyRef: {name: db, key: host}\n";
    assertFoundExactly(manifest, PASSWORD, "password", "named-value");
  }

  @Test
  void jsonNameValuePairsAndOtherSpellings() {
    assertFoundExactly(
        "[{\"key\": \"base_url\", \"value\": \"https://api.example.com\"},"
            + " {\"key\": \"api_token\", \"value\": \""
            + TOKEN
            + "\", \"type\": \"secret\"}]",
        TOKEN,
        "generic_secret",
        "named-value");
    assertFoundExactly(
        "\"environment\": [\n  {\n    \"name\": \"STRIPE_SECRET\",\n    \"value\": \""
            + TOKEN
            + "\"\n  }\n]",
        TOKEN,
        "generic_secret",
        "named-value");
    assertFoundExactly(
        "Parameters:\n- ParameterKey: DbPassword\n  ParameterValue: " + PASSWORD + "\n",
        PASSWORD,
        "password",
        "named-value");
    assertFoundExactly(
        "set_sensitive {\n  name  = \"auth.password\"\n  value = \"" + PASSWORD + "\"\n}",
        PASSWORD,
        "password",
        "named-value");
    assertFoundExactly(
        "<property>\n  <name>fs.s3a.secret.key</name>\n  <value>" + TOKEN + "</value>\n</property>",
        TOKEN,
        "generic_secret",
        "named-value");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: password}",
        "{\"name\": \"Dana Whitfield\", \"value\": \"Tq8v#Lm2xNz4Rp7K\"}",
        "{\"value\": \"Tq8v#Lm2xNz4Rp7K\", \"name\": \"color\"}",
        "name: api_token\n\n\n# unrelated\nvalue: 7",
        "The name DB_PASSWORD has no value here."
      })
  void nothingIsJoinedWithoutANameRightBeforeAValue(String text) {
    assertThat(detect(text)).isEmpty();
    assertThat(NamedValues.joinOrNull(text, null)).isNull();
  }

  @Test
  void aJoinedValueThatIsNoSecretStaysUnreported() {
    String counter = "{\"name\": \"token_count\", \"value\": \"48213\"}";
    assertThat(NamedValues.joinOrNull(counter, null)).isNotNull();
    assertThat(detect(counter)).isEmpty();
  }

  @Test
  void theJoinedTextDropsOnlyWhatLiesBetween() {
    MappedText joined =
        Objects.requireNonNull(
            NamedValues.joinOrNull("- name: DB_PASSWORD\n  value: \"" + PASSWORD + "\"", null));
    assertThat(joined.text()).isEqualTo("- name: DB_PASSWORD: \"" + PASSWORD + "\"");
  }
}
