package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * A rule's declared {@link Rule#startsAfterNone()} lets the detector skip regex attempts, so a
 * character declared there that the pattern would in fact accept before a match loses that match.
 * For every rule that declares the set, and every true-positive example, each declared character
 * placed right before the match must make the pattern itself refuse that start.
 */
class StartsAfterNoneTest {
  @Test
  void declaredCharactersAreRefusedByThePatternItself() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Rule rule : RuleCatalog.builtin()) {
      String notAfter = rule.startsAfterNone();
      if (notAfter == null) {
        continue;
      }
      for (RuleExample example : rule.truePositives()) {
        String text = example.text();
        int start = matchStart(rule, example);
        assertThat(start)
            .as("%s: example %s matches", rule.id(), example.expected())
            .isNotNegative();
        for (char c : notAfter.toCharArray()) {
          // A space before c: an escaped "\n" exception must not be what refuses the start.
          String probe = text.substring(0, start) + " " + c + text.substring(start);
          Matcher m = rule.pattern().matcher(probe);
          m.useTransparentBounds(true).useAnchoringBounds(false);
          m.region(start + 2, probe.length());
          if (m.lookingAt()) {
            wrong.add(rule.id() + " accepts a start after '" + c + "'");
          }
          checked++;
        }
      }
    }
    assertThat(checked).as("rules declare startsAfterNone").isPositive();
    assertThat(wrong).isEmpty();
  }

  /** Start of the whole match whose secret group is the example's marked span. */
  private static int matchStart(Rule rule, RuleExample example) {
    Matcher m = rule.pattern().matcher(example.text());
    while (m.find()) {
      int s = m.start(rule.secretGroup());
      if (s == example.expected().start()
          && m.end(rule.secretGroup()) == example.expected().end()) {
        return m.start();
      }
    }
    return -1;
  }
}
