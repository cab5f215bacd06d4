package dev.warden.engine;

import dev.warden.api.Detector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.detect.Rule;
import dev.warden.engine.detect.RuleDetector;
import dev.warden.engine.normalize.EvasionDetector;
import dev.warden.engine.normalize.EvasionLimits;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place where the detectors of a configuration are assembled, so hosts (proxy, CLI, library
 * adapters) cannot drift apart in what they detect.
 */
public final class DetectorStack {
  private DetectorStack() {}

  /**
   * The detector a configuration asks for. Thread-safe; build once per configuration. Evasion
   * resistance wraps the composed detectors, so every detector also sees normalized and decoded
   * text (DESIGN §5.1, §5.4).
   */
  public static Detector forConfig(WardenConfig config) {
    Detector composed = RuleDetector.builtin();
    return new EvasionDetector(composed, EvasionLimits.defaults(), keyedRuleIds());
  }

  /** Built-in rules found by a key or word before the value rather than by its format. */
  private static Set<String> keyedRuleIds() {
    return RuleDetector.builtin().rules().stream()
        .filter(r -> r.tier() != Rule.Tier.SPECIFIC)
        .map(Rule::id)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Every type the built-in detectors can report; policy keys are checked against these. */
  public static Set<String> builtinTypes() {
    return RuleDetector.builtin().types();
  }
}
