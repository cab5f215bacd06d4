package dev.warden.engine.config;

/** Reads {@code limits:} into {@link LimitSettings}. */
final class LimitsSection {
  private LimitsSection() {}

  static LimitSettings read(ConfigNode top, ProfileSettings profiles) {
    return LimitSettings.NONE;
  }
}
