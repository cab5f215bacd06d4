package dev.warden.engine;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.detect.RuleDetector;
import dev.warden.engine.injection.InjectionDetector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place where the detectors of a configuration are assembled, so hosts (proxy, CLI, library
 * adapters) cannot drift apart in what they detect.
 */
public final class DetectorStack {
  private DetectorStack() {}

  /** The detector a configuration asks for. Thread-safe; build once per configuration. */
  public static Detector forConfig(WardenConfig config) {
    return allOf(List.of(RuleDetector.builtin(), InjectionDetector.builtin()));
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
    return in -> {
      List<Finding> out = new ArrayList<>();
      for (Detector d : all) {
        out.addAll(d.detect(in));
      }
      return out;
    };
  }
}
