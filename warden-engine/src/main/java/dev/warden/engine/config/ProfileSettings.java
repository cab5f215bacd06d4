package dev.warden.engine.config;

import dev.warden.api.Action;
import dev.warden.api.Identity;
import dev.warden.engine.policy.Policy;
import dev.warden.engine.policy.Profile;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Named profiles bound by scope or label ({@code profiles:}) and the shadow policy ({@code
 * shadow:}). Both are live: a reload replaces them with the policy.
 *
 * @param profiles in match order (file order): the first that applies to a caller wins
 * @param shadow a candidate policy evaluated beside the one in force and recorded, never applied;
 *     {@code null} when none is configured
 */
public record ProfileSettings(List<Profile> profiles, @Nullable Policy shadow) {
  public static final ProfileSettings NONE = new ProfileSettings(List.of(), null);

  public ProfileSettings {
    profiles = List.copyOf(profiles);
  }

  /** The profile names, in match order. */
  public List<String> names() {
    return profiles.stream().map(Profile::name).toList();
  }

  /** The profile that applies to {@code who}, or empty for the default policy. */
  public Optional<Profile> resolve(Identity who) {
    return Profile.firstMatch(profiles, who);
  }

  public Optional<Profile> byName(String name) {
    return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Whether a profile's policy tokenizes or encrypts (the gateway then opens the vault). */
  public boolean usesVault() {
    return profiles.stream().anyMatch(p -> reversible(p.policy()));
  }

  private static boolean reversible(Policy p) {
    java.util.function.Predicate<Action> r =
        a -> a instanceof Action.Tokenize || a instanceof Action.Encrypt;
    return r.test(p.defaultAction()) || p.actions().values().stream().anyMatch(r);
  }
}
