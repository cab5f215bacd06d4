package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A value found by its format inside another value found by its format is not a second value. */
class NestedFindingsTest {
  private static List<String> types(String text) {
    return RuleDetector.builtin().detect(ScanInput.text(text)).stream().map(Finding::type).toList();
  }

  @Test
  void theDigitsOfAnIbanAreNotAlsoAPhoneNumber() {
    assertThat(types("the sample on our site (NL91 ABNA 0417 1643 00) is not ours"))
        .containsExactly("iban");
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
