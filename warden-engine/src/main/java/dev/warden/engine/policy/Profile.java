package dev.warden.engine.policy;

import dev.warden.api.Identity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A named policy for some callers (a team, an agent class): who it applies to, the policy its
 * exchanges run under, the models they may call and the upstream they go to. Immutable; built from
 * validated configuration ({@code profiles:} in {@code warden.yaml}).
 *
 * @param name the profile's name, recorded on every ledger record of its exchanges
 * @param match who the profile applies to
 * @param policy the complete policy of its exchanges: {@code policy:} with the profile's preset,
 *     privacy set and per-type actions applied, in that order (the later wins)
 * @param privacy the privacy set applied, or {@code null}
 * @param models the models its exchanges may call ({@link ModelAllowlist#ANY}: any)
 * @param upstream the name of the {@code upstreams:} entry its exchanges go to, or {@code null} for
 *     the route's usual upstream
 */
public record Profile(
    String name,
    Match match,
    Policy policy,
    @Nullable PrivacySet privacy,
    ModelAllowlist models,
    @Nullable String upstream) {

  /**
   * Who a profile applies to: an identity granted every listed scope and carrying every listed
   * label with the listed value. At least one scope or label is required, so a profile never
   * applies to everyone by accident.
   */
  public record Match(Set<String> scopes, Map<String, String> labels) {
    public Match {
      scopes = Set.copyOf(scopes);
      labels = Map.copyOf(labels);
      if (scopes.isEmpty() && labels.isEmpty()) {
        throw new IllegalArgumentException("a match needs at least one scope or label");
      }
    }

    public boolean matches(Identity who) {
      if (!who.scopes().containsAll(scopes)) {
        return false;
      }
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!l.getValue().equals(who.labels().get(l.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }

  /** The first of {@code profiles} (in file order) that applies to {@code who}. */
  public static Optional<Profile> firstMatch(List<Profile> profiles, Identity who) {
    for (Profile p : profiles) {
      if (p.match.matches(who)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
