package dev.warden.server.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.api.LimitStore;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * bucket4j buckets in this process's memory. A bucket not touched for longer than the longest
 * window (a day) has refilled completely, so dropping it forgets nothing; that bounds memory by the
 * callers of the last day without ever resetting a live limit early.
 */
public final class MemoryLimitStore implements LimitStore {
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1).plusMinutes(1)).build();

  @Override
  public Take take(String key, long capacity, Duration window, long amount) {
    ConsumptionProbe probe = bucket(key, capacity, window).tryConsumeAndReturnRemaining(amount);
    return new Take(probe.isConsumed(), probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill());
  }

  @Override
  public void charge(String key, long capacity, Duration window, long amount) {
    bucket(key, capacity, window).consumeIgnoringRateLimits(amount);
  }

  private Bucket bucket(String key, long capacity, Duration window) {
    return buckets.get(
        key,
        k ->
            Bucket.builder()
                .addLimit(
                    Bandwidth.builder()
                        .capacity(capacity)
                        .refillIntervally(capacity, window)
                        .initialTokens(capacity)
                        .build())
                .build());
  }

  @Override
  public void close() {
    buckets.invalidateAll();
  }
}
