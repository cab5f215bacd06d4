package dev.warden.store.redis;

import dev.warden.api.LimitStore;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * Buckets kept in Redis through bucket4j's compare-and-swap proxy manager over one multiplexed
 * Lettuce connection: each operation is an optimistic read-modify-write, retried on conflict, so
 * concurrent instances never both take the last unit.
 *
 * <p>Fails closed and fast: commands time out after the configured timeout and are rejected at once
 * while disconnected (instead of queueing until Redis returns), so a Redis outage turns into
 * refusals, never into unlimited traffic or stalled requests. Keys expire once their bucket would
 * have refilled, so Redis holds only callers of the current windows.
 */
public final class RedisLimitStore implements LimitStore {
  /** How long a refilled bucket stays in Redis before it expires (it is full by then). */
  private static final Duration KEEP_AFTER_REFILL = Duration.ofMinutes(1);

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final LettuceBasedProxyManager<String> buckets;

  private RedisLimitStore(
      RedisClient client,
      StatefulRedisConnection<String, byte[]> connection,
      LettuceBasedProxyManager<String> buckets) {
    this.client = client;
    this.connection = connection;
    this.buckets = buckets;
  }

  /**
   * Connects to the Redis at {@code url}.
   *
   * @throws IllegalArgumentException when Redis cannot be reached; the message names the host and
   *     port, never the URL (it may hold a password)
   */
  public static RedisLimitStore connect(String url, Duration timeout) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(timeout);
    RedisClient client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .build());
    StatefulRedisConnection<String, byte[]> connection;
    try {
      connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    } catch (RuntimeException e) {
      shutdown(client);
      throw new IllegalArgumentException(
          "limits.redis.url: cannot connect to Redis at "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + " ("
              + e.getClass().getSimpleName()
              + "); check that Redis runs there and that the URL and password are right");
    }
    LettuceBasedProxyManager<String> buckets =
        Bucket4jLettuce.casBasedBuilder(connection)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    KEEP_AFTER_REFILL))
            .build();
    return new RedisLimitStore(client, connection, buckets);
  }

  @Override
  public Take take(String key, long capacity, Duration window, long amount) {
    ConsumptionProbe probe = bucket(key, capacity, window).tryConsumeAndReturnRemaining(amount);
    return new Take(probe.isConsumed(), probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill());
  }

  @Override
  public void charge(String key, long capacity, Duration window, long amount) {
    bucket(key, capacity, window).consumeIgnoringRateLimits(amount);
  }

  private BucketProxy bucket(String key, long capacity, Duration window) {
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(capacity)
                    .refillIntervally(capacity, window)
                    .initialTokens(capacity)
                    .build())
            .build();
    return buckets.builder().build(key, () -> configuration);
  }

  @Override
  public void close() {
    connection.close();
    shutdown(client);
  }

  private static void shutdown(RedisClient client) {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
