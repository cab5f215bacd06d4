package dev.warden.engine.detect;

import com.google.re2j.Matcher;
import dev.warden.api.Detector;
import dev.warden.api.Explanation;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the operator's {@link CustomRule}s over one leaf.
 *
 * <p>Bounded work: RE2J matches in time linear in the text, keywords gate each rule with one
 * lower-cased copy of the leaf, and each rule reports at most {@value #MAX_FINDINGS_PER_RULE}
 * findings per leaf (a pattern that matches everywhere cannot exhaust memory; the leaf is still
 * acted on through the findings it did report). Pure and thread-safe.
 */
public final class CustomRuleDetector implements Detector {
  static final int MAX_FINDINGS_PER_RULE = 1_000;

  private final List<CustomRule> rules;
  private final boolean anyKeywords;

  public CustomRuleDetector(List<CustomRule> rules) {
    this.rules = List.copyOf(rules);
    this.anyKeywords = this.rules.stream().anyMatch(r -> !r.keywords().isEmpty());
  }

  /** The types these rules report, sorted. */
  public Set<String> types() {
    Set<String> types = new TreeSet<>();
    rules.forEach(r -> types.add(r.type()));
    return types;
  }

  @Override
  public List<Finding> detect(ScanInput in) {
    String text = in.text();
    if (text.isEmpty() || rules.isEmpty()) {
      return List.of();
    }
    String lower = anyKeywords ? text.toLowerCase(Locale.ROOT) : text;
    // Lower-casing can change the length (İ → i̇); then keyword gating is skipped, never
    // misapplied.
    boolean gate = lower.length() == text.length();
    List<Finding> found = new ArrayList<>();
    for (CustomRule rule : rules) {
      if (gate && !rule.keywordOccurs(lower)) {
        continue;
      }
      Matcher m = rule.pattern().matcher(text);
      int n = 0;
      while (n < MAX_FINDINGS_PER_RULE && m.find()) {
        int start = rule.valueStart(m);
        int end = rule.valueEnd(m);
        if (start >= 0 && end > start) {
          found.add(
              new Finding(
                  rule.type(),
                  rule.id(),
                  new Span(start, end),
                  rule.confidence(),
                  Explanation.of("custom")));
          n++;
        }
      }
    }
    return found;
  }
}
