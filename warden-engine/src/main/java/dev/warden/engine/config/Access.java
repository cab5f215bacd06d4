package dev.warden.engine.config;

/**
 * Who may call and what they may do: authentication ({@code auth:}), profiles and shadow policy
 * ({@code profiles:}, {@code shadow:}) and limits ({@code limits:}). Each part is read by its own
 * section reader ({@link AuthSection}, {@link ProfilesSection}, {@link LimitsSection}) so the parts
 * evolve independently.
 */
public record Access(AuthSettings auth, ProfileSettings profiles, LimitSettings limits) {
  /** No authentication (loopback only), no profiles, no limits. */
  public static final Access OPEN =
      new Access(AuthSettings.NONE, ProfileSettings.NONE, LimitSettings.NONE);

  public Access withAuth(AuthSettings a) {
    return new Access(a, profiles, limits);
  }

  public Access withProfiles(ProfileSettings p) {
    return new Access(auth, p, limits);
  }

  public Access withLimits(LimitSettings l) {
    return new Access(auth, profiles, l);
  }
}
