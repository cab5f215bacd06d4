package dev.warden.api;

import java.time.Duration;

/**
 * Where rate-limit and token-budget counters live: the gateway's own memory, or a store shared by
 * every gateway instance (Redis, in {@code warden-store-redis}), found through {@link
 * LimitStoreProvider}.
 *
 * <p>A counter is a bucket of {@code capacity} units under a key, full when first used and refilled
 * to full every {@code window} (fixed windows from its first use). Contract: every operation on a
 * key is atomic across all stores over the same backing data, so N units allowed means N, not N per
 * instance. A key names one capacity and window for life: callers put both into the key. Operations
 * throw an unchecked exception when the backing store cannot be reached or answers too late;
 * callers fail closed. Thread-safe.
 */
public interface LimitStore extends AutoCloseable {
  /**
   * Takes {@code amount} units from the bucket under {@code key}, all or nothing.
   *
   * @return whether they were taken, and if not how long until the bucket could cover them
   */
  Take take(String key, long capacity, Duration window, long amount);

  /**
   * Takes {@code amount} units even past zero: a debt the following refills pay off first. For
   * costs known only after the fact (an answer's completion tokens).
   */
  void charge(String key, long capacity, Duration window, long amount);

  /** Releases connections; the store is unusable afterwards. */
  @Override
  void close();

  /**
   * The outcome of {@link #take}.
   *
   * @param taken whether the units were taken
   * @param nanosToWait when not taken, how long until the bucket could cover them (at most one
   *     window when the amount fits the capacity); 0 when taken
   */
  record Take(boolean taken, long nanosToWait) {}
}
