package dev.warden.api;

import java.time.Duration;

/**
 * A shared {@link LimitStore} implementation, found with {@link java.util.ServiceLoader} so the
 * gateway needs no client library for it: a module on the class path declares one in {@code
 * META-INF/services/dev.warden.api.LimitStoreProvider}.
 */
public interface LimitStoreProvider {
  /** The {@code limits.store} value this provider serves, e.g. {@code redis}. */
  String name();

  /**
   * Connects to the store at {@code url}.
   *
   * @param url the store's URL; it may carry a password, so no message, log line or exception may
   *     quote it
   * @param timeout how long one operation may wait for the store before it fails
   * @throws IllegalArgumentException when the store cannot be reached; the message names the key
   *     path {@code limits.redis.url}, the host and port, never the URL
   */
  LimitStore open(String url, Duration timeout);
}
