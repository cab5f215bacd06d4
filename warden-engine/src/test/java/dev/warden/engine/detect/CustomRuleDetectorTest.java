package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomRuleDetectorTest {
  static CustomRule rule(String regex, List<String> keywords) {
    return CustomRule.of("r", "t", regex, keywords, 0.9, List.of("ab"), List.of("zz"));
  }

  @Test
  void findingsPerRuleAndLeafAreCapped() {
    CustomRuleDetector d = new CustomRuleDetector(List.of(rule("[a-b]", List.of())));
    List<Finding> found = d.detect(ScanInput.text("ab".repeat(5_000)));
    assertThat(found).hasSize(CustomRuleDetector.MAX_FINDINGS_PER_RULE);
  }

  @Test
  void emptyMatchesAndAnEmptyValueGroupAreNeverFindings() {
    CustomRule optional =
        CustomRule.of("r", "t", "x(?P<value>[a-b]*)", List.of(), 0.9, List.of("xab"), List.of("x"));
    CustomRuleDetector d = new CustomRuleDetector(List.of(optional));
    assertThat(d.detect(ScanInput.text("x x x"))).isEmpty();
    Finding f = d.detect(ScanInput.text("..xab")).get(0);
    assertThat(f.span().start()).isEqualTo(3);
    assertThat(f.span().end()).isEqualTo(5);
  }

  @Test
  void keywordsAreCaseInsensitiveAndOffsetsAreUtf16() {
    CustomRuleDetector d =
        new CustomRuleDetector(
            List.of(
                CustomRule.of(
                    "r", "t", "ab", List.of("KEY"), 0.9, List.of("Key: ab"), List.of("ab"))));
    String text = "\uD83D\uDE00 key ab";
    assertThat(d.detect(ScanInput.text(text)))
        .singleElement()
        .satisfies(
            f -> assertThat(text.substring(f.span().start(), f.span().end())).isEqualTo("ab"));
    assertThat(d.detect(ScanInput.text("no gate word ab"))).isEmpty();
  }

  @Test
  void aNamedGroupOtherThanValueIsRefused() {
    assertThatThrownBy(() ->
            CustomRule.of("r", "t", "(?P<v>ab)", List.of(), 0.9, List.of("ab"), List.of("zz")))
        .isInstanceOf(CustomRule.Invalid.class)
        .hasMessageContaining("(?P<value>…)");
  }

  @Test
  void linearTimeOnAPatternThatBacktracksElsewhere() {
    // (a|a)*b is exponential for a backtracking engine on a run of a's without b; RE2J is linear.
    CustomRule r =
        CustomRule.of("r", "t", "(a|aa)*b", List.of(), 0.9, List.of("aab"), List.of("c"));
    List<Finding> found =
        new CustomRuleDetector(List.of(r)).detect(ScanInput.text("a".repeat(20_000)));
    assertThat(found).isEmpty();
  }
}
