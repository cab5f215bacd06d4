package dev.warden.engine.config;

/**
 * Request and token limits ({@code limits:}).
 *
 * @param enabled whether any limit applies
 */
public record LimitSettings(boolean enabled) {
  public static final LimitSettings NONE = new LimitSettings(false);
}
