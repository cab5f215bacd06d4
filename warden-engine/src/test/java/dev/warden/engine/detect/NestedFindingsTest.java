package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A value found inside another value of another type is a fragment of it, not a second value —
 * unless the outer one is allowlisted or the inner one is a hard-block type.
 */
class NestedFindingsTest {
  private static List<String> types(String text) {
    return types(WardenConfig.defaults(), text);
  }

  private static List<String> types(WardenConfig config, String text) {
    return DetectorStack.forConfig(config).detect(ScanInput.text(text)).stream()
        .map(Finding::type)
        .toList();
  }

  @Test
  void theDigitsOfAnIbanAreNotAlsoAPhoneNumber() {
    assertThat(types("the sample on our site (NL91 ABNA 0417 1643 00) is not ours"))
        .containsExactly("iban");
  }

  @Test
  void aValueInsideAnAllowlistedOneIsStillReported() {
    // The fragment rule runs after the allowlist: allowlisting the e-mail must not take the card
    // number written as its local part (a hard-block type); allowlisting an IBAN leaves the phone
    // number its digits also form to the phone rules' own decision.
    WardenConfig allowCorp =
        ConfigLoader.fromYaml(
            "detection:\n  allowlist:\n    - patterns: ['@corp\\.example$']\n      types: [email]\n");
    assertThat(types(allowCorp, "pay to 4111111111111111@corp.example now")).contains("card");
    WardenConfig allowSample =
        ConfigLoader.fromYaml(
            "detection:\n  allowlist:\n    - values: ['NL91 ABNA 0417 1643 00']\n");
    assertThat(types(allowSample, "the sample (NL91 ABNA 0417 1643 00) on our site"))
        .containsExactly("phone");
  }

  @Test
  void aCardNumberInsideASecretUrlGoesWithTheUrl_insideAnEmailItStillBlocks() {
    String webhook =
        "https://discord.com/api/webhooks/656524362537582751/"
            + "Hd1XZ0lZqlO3Y92K9YTuq43THyH1NIStMxRuZ_Y-KKDNoEzXgJqcjto8ALi5x5j5Y4OW";
    assertThat(types("const WEBHOOK_URL = \"" + webhook + "\";"))
        .containsExactly("discord_webhook");
    assertThat(types("pay to 4111111111111111@corp.example now")).contains("card");
  }

  @Test
  void valuesSideBySideAreEachReported() {
    assertThat(types("IBAN NL91 ABNA 0417 1643 00, Tel. 030 1234567"))
        .containsExactly("iban", "phone");
  }

  @Test
  void equalSpansOfTwoTypesStay() {
    // 12 digits passing both the My Number and the Verhoeff check, with no word for either.
    List<String> both = types("番号 2345 6789 0124 です");
    List<String> found = types("2345 6789 0124");
    assertThat(both).isEqualTo(found);
  }
}
