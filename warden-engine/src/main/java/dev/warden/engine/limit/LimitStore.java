package dev.warden.engine.limit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where limit counters live: this process ({@link MemoryLimitStore}) or a store shared by every
 * gateway instance (Redis, from the {@code warden-store-redis} module).
 *
 * <p>Contract: every {@link Bucket} returned for the same key, by this store or by another
 * instance's store over the same backing data, draws from the same tokens, and its operations are
 * atomic across all of them — so N requests allowed means N, not N per instance. Bucket operations
 * throw an unchecked exception when the store cannot be reached; callers fail closed.
 */
public interface LimitStore extends AutoCloseable {
  /**
   * The bucket stored under {@code key}, created full with {@code configuration} on first use. A
   * key names its configuration for life: callers put the limit into the key, so a changed limit
   * starts a new bucket instead of reshaping a live one.
   */
  Bucket bucket(String key, BucketConfiguration configuration);

  /** Releases connections; buckets handed out before must not be used afterwards. */
  @Override
  void close();
}
