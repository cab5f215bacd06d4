package dev.warden.engine;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.detect.CustomRuleDetector;
import dev.warden.engine.detect.Rule;
import dev.warden.engine.detect.RuleDetector;
import dev.warden.engine.detect.SharedKeywordScan;
import dev.warden.engine.injection.InjectionDetector;
import dev.warden.engine.normalize.EvasionDetector;
import dev.warden.engine.normalize.EvasionLimits;
import dev.warden.engine.policy.FindingFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one place where the detectors of a configuration are assembled, so hosts (proxy, CLI, library
 * adapters) cannot drift apart in what they detect.
 *
 * <p>The stack, inside out: the built-in rules, the prompt-injection detector and the operator's
 * custom rules run side by side; evasion resistance wraps them, so every detector also sees
 * normalized and decoded text (DESIGN §5.1, §5.4); the {@link FindingFilter} (per-type minimum
 * confidence, allowlists) sees the final findings.
 */
public final class DetectorStack {
  private DetectorStack() {}

  /** The detector a configuration asks for. Thread-safe; build once per configuration. */
  public static Detector forConfig(WardenConfig config) {
    List<Detector> detectors = new ArrayList<>();
    detectors.add(BuiltinScannedOnce.INSTANCE);
    if (!config.detection().customRules().isEmpty()) {
      detectors.add(new CustomRuleDetector(config.detection().customRules()));
    }
    Detector evasive =
        new EvasionDetector(
            allOf(detectors),
            EvasionLimits.defaults(),
            keyedRuleIds(),
            InjectionDetector.builtin().types());
    return new Stack(evasive, new FindingFilter(config.policy(), config.detection().allowlist()));
  }

  /**
   * The assembled stack. Below the {@link FindingFilter} every detector reads only a leaf's text
   * and JSON key, never its path (the filter's allowlist is the one path-dependent stage), so the
   * same text under the same key always yields the same findings: {@link #forOneBody} uses that to
   * scan the leaves a JSON body repeats ({@code role}, {@code content}, {@code "user"}) once.
   */
  static final class Stack implements Detector {
    private final Detector unfiltered;
    private final FindingFilter filter;

    Stack(Detector unfiltered, FindingFilter filter) {
      this.unfiltered = unfiltered;
      this.filter = filter;
    }

    @Override
    public List<Finding> detect(ScanInput in) {
      return filter.apply(in, unfiltered.detect(in));
    }

    /**
     * A detector for the leaves of one body, with the same findings as this stack: it remembers
     * what the unfiltered stack found on short leaves and filters per leaf (by path). Not
     * thread-safe; drop it with the body, so no leaf text outlives the request.
     */
    Detector forOneBody() {
      ShortLeafMemo memo = new ShortLeafMemo(unfiltered);
      return in -> filter.apply(in, memo.detect(in));
    }

    @Override
    public String toString() {
      return "DetectorStack[" + unfiltered + "]";
    }
  }

  /**
   * The built-in rules, then the injection detector, with one keyword scan per text for both: the
   * union of their words in one automaton ({@link SharedKeywordScan}), each detector handed the
   * hits its own scanner would have found. Their findings are those of the two run one after the
   * other; the text is read once instead of twice.
   */
  static final class ScannedOnce implements Detector {
    private final RuleDetector rules;
    private final InjectionDetector injection;
    private final SharedKeywordScan keywords;

    ScannedOnce(RuleDetector rules, InjectionDetector injection) {
      this.rules = rules;
      this.injection = injection;
      this.keywords =
          new SharedKeywordScan(List.of(rules.keywordScanner(), injection.keywordScanner()));
    }

    @Override
    public List<Finding> detect(ScanInput in) {
      SharedKeywordScan.Hits hits = keywords.scan(in.text());
      List<Finding> out = new ArrayList<>(rules.detect(in, hit -> hits.replay(0, hit)));
      out.addAll(injection.detect(in, hit -> hits.replay(1, hit)));
      return out;
    }

    @Override
    public String toString() {
      return "ScannedOnce[" + rules + ", " + injection + "]";
    }
  }

  private static final class BuiltinScannedOnce {
    static final ScannedOnce INSTANCE =
        new ScannedOnce(RuleDetector.builtin(), InjectionDetector.builtin());
  }

  /** Built-in rules found by a key or word before the value rather than by its format. */
  private static Set<String> keyedRuleIds() {
    return RuleDetector.builtin().rules().stream()
        .filter(r -> r.tier() != Rule.Tier.SPECIFIC)
        .map(Rule::id)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Every type {@link #forConfig} can report for {@code config}: built-in and custom, sorted. */
  public static Set<String> types(WardenConfig config) {
    Set<String> types = new TreeSet<>(builtinTypes());
    config.detection().customRules().forEach(r -> types.add(r.type()));
    return Collections.unmodifiableSet(types);
  }

  /** Every type the built-in detectors can report; policy keys are checked against these. */
  public static Set<String> builtinTypes() {
    Set<String> types = new TreeSet<>(RuleDetector.builtin().types());
    types.addAll(InjectionDetector.builtin().types());
    return Collections.unmodifiableSet(types);
  }

  /** Runs every detector on the same input and reports all their findings. */
  static Detector allOf(List<Detector> detectors) {
    List<Detector> all = List.copyOf(detectors);
    if (all.size() == 1) {
      return all.get(0);
    }
    return in -> {
      List<Finding> out = new ArrayList<>();
      for (Detector d : all) {
        out.addAll(d.detect(in));
      }
      return out;
    };
  }
}
