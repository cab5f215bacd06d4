package dev.warden.engine.config;

/**
 * How callers authenticate ({@code auth:}).
 *
 * @param mode {@code none}, {@code api-key}, {@code jwt} or {@code mtls}
 */
public record AuthSettings(String mode) {
  /** No authentication: every caller is anonymous; allowed on loopback binds only. */
  public static final AuthSettings NONE = new AuthSettings("none");
}
