package dev.warden.engine.policy;

import dev.warden.api.Action;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a profile's policy starts before its privacy set and per-type actions ({@code preset:}).
 */
public enum Preset {
  /** The {@code policy:} section as it is. */
  INHERIT("inherit"),
  /**
   * Every finding blocks, whatever its type (explicit {@code allow} entries of {@code policy:}
   * included): for callers that must never send personal data or secrets, such as untrusted agents.
   */
  STRICT("strict"),
  /**
   * {@code policy:} in dry-run: findings are recorded (what block or escalate would have done
   * included), bodies go on unchanged. The model allowlist still applies: it is access control, not
   * detection.
   */
  OBSERVE("observe");

  private final String id;

  Preset(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The starting policy for a profile built on {@code base}. */
  public Policy apply(Policy base) {
    return switch (this) {
      case INHERIT -> base;
      case OBSERVE -> base.withMode(Mode.DRY_RUN);
      case STRICT -> {
        Map<String, Action> all = new LinkedHashMap<>();
        base.actions().keySet().forEach(type -> all.put(type, Action.block()));
        yield new Policy(
            base.mode(), base.minConfidence(), Action.block(), all, base.minConfidenceByType());
      }
    };
  }
}
