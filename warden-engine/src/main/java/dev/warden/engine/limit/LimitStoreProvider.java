package dev.warden.engine.limit;

import dev.warden.engine.config.LimitSettings;

/**
 * A {@link LimitStore} implementation found with {@link java.util.ServiceLoader}, so the core needs
 * no client library for a shared store: a module on the class path declares one in {@code
 * META-INF/services/dev.warden.engine.limit.LimitStoreProvider}.
 */
public interface LimitStoreProvider {
  /** The {@code limits.store} value this provider serves, e.g. {@code redis}. */
  String name();

  /**
   * Opens the store; fails when the backing service cannot be reached (the gateway then does not
   * start). Exception messages must not quote the connection URL: it may hold a password.
   */
  LimitStore open(LimitSettings settings);
}
