package dev.warden.bench;

import dev.warden.engine.config.LimitSettings;
import dev.warden.server.limit.Limiter;
import dev.warden.server.limit.MemoryLimitStore;
import dev.warden.store.redis.RedisLimitStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.embedded.RedisServer;

/**
 * What the limit checks add to one request: a requests-per-minute check plus a token reservation,
 * for one of 64 callers in turn, with limits so high nothing is refused (the common case).
 *
 * <ul>
 *   <li>{@code store=memory}: bucket4j buckets in this process
 *   <li>{@code store=redis}: the same through {@link RedisLimitStore} against a real redis-server
 *       (the embedded-redis binary) on loopback: two compare-and-swap round trips
 * </ul>
 *
 * <p>Sample mode, so the JMH summary gives p50 and p99 per check. Run: {@code java -jar
 * warden-bench/target/benchmarks.jar LimitBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class LimitBenchmark {
  private static final int CALLERS = 64;

  @Param({"memory", "redis"})
  public String store = "memory";

  private @Nullable RedisServer redis;

  @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
  private Limiter limiter;

  private final String[] callers = new String[CALLERS];
  private int next;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    for (int i = 0; i < CALLERS; i++) {
      callers[i] = "caller-" + i;
    }
    LimitSettings settings =
        new LimitSettings(
            new LimitSettings.Rates(60_000_000L, 1_000_000_000_000L),
            Map.of(),
            Map.of(),
            0,
            store,
            LimitSettings.Redis.NONE);
    if (store.equals("memory")) {
      limiter = Limiter.over(settings, new MemoryLimitStore());
      return;
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    RedisServer server =
        RedisServer.builder().port(port).bind("127.0.0.1").setting("save \"\"").build();
    server.start();
    redis = server;
    limiter =
        Limiter.over(
            settings,
            RedisLimitStore.connect("redis://127.0.0.1:" + port, java.time.Duration.ofSeconds(1)));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    limiter.close();
    if (redis != null) {
      redis.stop();
    }
  }

  /** One request's checks: a request from the per-minute rate and a 250-token reservation. */
  @Benchmark
  public boolean check() {
    String caller = callers[next++ & (CALLERS - 1)];
    return limiter.admit(caller, null) == null && limiter.reserve(caller, null, 250) == null;
  }
}
