package dev.warden.engine.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * Buckets in this process's memory. A bucket not touched for longer than the longest window (a day)
 * has refilled completely, so dropping it forgets nothing; that bounds memory by the callers of the
 * last day without ever resetting a live limit early.
 */
public final class MemoryLimitStore implements LimitStore {
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1).plusMinutes(1)).build();

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    return buckets.get(
        key,
        k -> {
          var builder = Bucket.builder();
          for (var bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
          }
          return builder.build();
        });
  }

  @Override
  public void close() {
    buckets.invalidateAll();
  }
}
