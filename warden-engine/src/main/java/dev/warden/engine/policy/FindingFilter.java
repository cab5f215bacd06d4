package dev.warden.engine.policy;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The one stage that drops findings before any decision: findings below their type's {@linkplain
 * Policy#minConfidence(String) minimum confidence}, and findings an {@link Allowlist} covers —
 * except findings of {@linkplain Policy#isHardBlock hard-block types}, which an allowlist never
 * suppresses, whatever it says.
 *
 * <p>{@link dev.warden.engine.DetectorStack#forConfig} wraps the configured detectors in it, so
 * every host (proxy, {@code warden scan}, {@code warden bench detection}) filters the same way.
 * Pure and thread-safe.
 */
public final class FindingFilter {
  private final Policy policy;
  private final Allowlist allowlist;

  public FindingFilter(Policy policy, Allowlist allowlist) {
    this.policy = policy;
    this.allowlist = allowlist;
  }

  /** The findings of {@code in} that survive, in their original order. */
  public List<Finding> apply(ScanInput in, List<Finding> findings) {
    if (findings.isEmpty()) {
      return findings;
    }
    List<Finding> kept = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (f.confidence() < policy.minConfidence(f.type())) {
        continue;
      }
      if (!allowlist.isEmpty()
          && !policy.isHardBlock(f.type())
          && allowlist.allows(
              f.type(), in.text().substring(f.span().start(), f.span().end()), in.path())) {
        continue;
      }
      kept.add(f);
    }
    return kept.size() == findings.size() ? findings : List.copyOf(kept);
  }

  /** {@code detector} followed by this filter. */
  public Detector around(Detector detector) {
    return in -> apply(in, detector.detect(in));
  }
}
