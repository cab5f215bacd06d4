package dev.warden.engine.config;

import java.util.Map;

/** Reads {@code auth:} into {@link AuthSettings}. */
final class AuthSection {
  private AuthSection() {}

  static AuthSettings read(ConfigNode top, WardenConfig.Server server) {
    return top.section(
        "auth", n -> new AuthSettings(n.choice("mode", "none", Map.of("none", "none"))));
  }
}
