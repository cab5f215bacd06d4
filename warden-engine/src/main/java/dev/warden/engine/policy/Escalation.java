package dev.warden.engine.policy;

import dev.warden.api.Action;
import dev.warden.engine.transform.Replacement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code escalate} action's rules in one place. A request holding an escalated value is held
 * for review (hosts answer with a ticket and do not forward it); block is stronger and wins when
 * both occur. An answer or a stream cannot be held — the request already went out — so on that side
 * escalate acts as block ({@link #forAnswers}).
 */
public final class Escalation {
  private Escalation() {}

  /** The first finding decided {@code escalate}, if any. */
  public static Optional<Replacement> firstEscalated(List<Replacement> replacements) {
    for (Replacement r : replacements) {
      if (r.decision().action() instanceof Action.Escalate) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code policy} escalates any type (or by default). */
  public static boolean uses(Policy policy) {
    return policy.defaultAction() instanceof Action.Escalate
        || policy.actions().values().stream().anyMatch(a -> a instanceof Action.Escalate);
  }

  /**
   * The policy for upstream answers: {@code policy} with every escalate turned into block, or
   * {@code policy} itself when it escalates nothing.
   */
  public static Policy forAnswers(Policy policy) {
    if (!uses(policy)) {
      return policy;
    }
    Map<String, Action> actions = new LinkedHashMap<>();
    policy.actions().forEach((type, a) -> actions.put(type, blocking(a)));
    return new Policy(
        policy.mode(),
        policy.minConfidence(),
        blocking(policy.defaultAction()),
        actions,
        policy.minConfidenceByType());
  }

  private static Action blocking(Action a) {
    return a instanceof Action.Escalate ? Action.block() : a;
  }
}
