package dev.warden.engine;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.detect.CustomRuleDetector;
import dev.warden.engine.detect.RuleDetector;
import dev.warden.engine.policy.FindingFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place where the detectors of a configuration are assembled, so hosts (proxy, CLI, library
 * adapters) cannot drift apart in what they detect.
 */
public final class DetectorStack {
  private DetectorStack() {}

  /**
   * The detector a configuration asks for: the built-in rules and the operator's custom rules, then
   * the {@link FindingFilter} (per-type minimum confidence, allowlists). Thread-safe; build once
   * per configuration.
   */
  public static Detector forConfig(WardenConfig config) {
    Detector detector = RuleDetector.builtin();
    detector = withCustomRules(detector, config);
    return new FindingFilter(config.policy(), config.detection().allowlist()).around(detector);
  }

  private static Detector withCustomRules(Detector detector, WardenConfig config) {
    if (config.detection().customRules().isEmpty()) {
      return detector;
    }
    CustomRuleDetector custom = new CustomRuleDetector(config.detection().customRules());
    return in -> {
      List<Finding> a = detector.detect(in);
      List<Finding> b = custom.detect(in);
      if (b.isEmpty()) {
        return a;
      }
      List<Finding> all = new ArrayList<>(a.size() + b.size());
      all.addAll(a);
      all.addAll(b);
      return all;
    };
  }

  /** Every type {@link #forConfig} can report for {@code config}: built-in and custom, sorted. */
  public static Set<String> types(WardenConfig config) {
    Set<String> types = new java.util.TreeSet<>(builtinTypes());
    config.detection().customRules().forEach(r -> types.add(r.type()));
    return types;
  }

  /** Every type the built-in detectors can report; policy keys are checked against these. */
  public static Set<String> builtinTypes() {
    return RuleDetector.builtin().types();
  }
}
