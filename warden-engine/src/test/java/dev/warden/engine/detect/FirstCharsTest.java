package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class FirstCharsTest {
  private static @Nullable String allowed(String regex, int flags) {
    boolean[] first = FirstChars.of(Pattern.compile(regex, flags));
    if (first == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int c = 32; c < 127; c++) {
      if (first[c]) {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Test
  void readsTheFirstAtomAfterZeroWidthGroups() {
    assertThat(allowed("(?=\\d)(?:(?<![\\w.\\-]|\\d[ ])|(?<=\\\\[nrt]))[1-478]( )\\d{2}", 0))
        .isEqualTo("0123456789");
    assertThat(allowed("(?:(?<![\\w+])|(?<=\\\\[nrt]))\\+[1-9](?:[ .-]?+\\d)", 0)).isEqualTo("+");
    assertThat(allowed("(?=[STFGM]\\d)(?:(?<![A-Za-z0-9])|(?<=\\\\[nrt]))[STFGM]\\d{7}", 0))
        .isEqualTo("FGMST");
    assertThat(allowed("(?<![a-z])sk-[a-z0-9]{20}", Pattern.CASE_INSENSITIVE)).isEqualTo("Ss");
    assertThat(allowed("\\d{3}([- ])\\d{2}", 0)).isEqualTo("0123456789");
  }

  @Test
  void refusesWhatItCannotProve() {
    assertThat(allowed("a|b", 0)).isNull(); // top-level alternation
    assertThat(allowed("a?b", 0)).isNull(); // optional first atom
    assertThat(allowed("a*b", 0)).isNull();
    assertThat(allowed("\\d{0,2}x", 0)).isNull();
    assertThat(allowed("(?:1[ .-]?)?\\d{3}", 0)).isNull(); // a group first
    assertThat(allowed("[^a]x", 0)).isNull();
    assertThat(allowed("\\w+", 0)).isNull();
    assertThat(allowed("(?=a|b)c", 0)).isEqualTo("c"); // the lookahead is skipped, not trusted
    assertThat(allowed("(?i)abc", 0)).isNull();
    assertThat(allowed("abc", Pattern.LITERAL)).isNull();
  }

  /** Every rule's examples: each match starts with a character the gate lets through. */
  @Test
  void everyBuiltinMatchStartsWhereTheGateAllows() {
    int gated = 0;
    int checked = 0;
    for (Rule rule : RuleCatalog.builtin()) {
      boolean[] first = FirstChars.of(rule.pattern());
      if (first == null) {
        continue;
      }
      gated++;
      for (RuleExample e : rule.truePositives()) {
        Matcher m = rule.pattern().matcher(e.text());
        while (m.find()) {
          char c = e.text().charAt(m.start());
          assertThat(c >= 128 || first[c]).as("%s on %s", rule.id(), e.text()).isTrue();
          checked++;
        }
      }
    }
    assertThat(gated).isGreaterThan(20);
    assertThat(checked).isGreaterThan(gated);
  }
}
