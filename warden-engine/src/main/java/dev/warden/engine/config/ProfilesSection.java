package dev.warden.engine.config;

/** Reads {@code profiles:} and {@code shadow:} into {@link ProfileSettings}. */
final class ProfilesSection {
  private ProfilesSection() {}

  static ProfileSettings read(
      ConfigNode top,
      dev.warden.engine.policy.Policy policy,
      java.util.Map<String, WardenConfig.Upstream> upstreams) {
    return ProfileSettings.NONE;
  }
}
