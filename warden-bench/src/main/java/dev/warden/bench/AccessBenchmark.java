package dev.warden.bench;

import dev.warden.api.Identity;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.LimitSettings;
import dev.warden.engine.config.ProfileSettings;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.policy.Profile;
import dev.warden.server.limit.Limiter;
import dev.warden.server.limit.MemoryLimitStore;
import dev.warden.vault.ApiKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What issue 7's checks add to one request together, in the order the gateway runs them: verify an
 * API key against a store of 100 keys on disk, choose the caller's profile among 16, check the
 * per-minute rate and reserve a 250-token prompt estimate in memory. The parts are measured alone
 * by {@link AuthBenchmark}, {@link ProfileBenchmark} and {@link LimitBenchmark}; this is the sum as
 * one operation, so the 50 µs budget is checked against one figure rather than an addition.
 *
 * <p>Run: {@code java -jar warden-bench/target/benchmarks.jar AccessBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class AccessBenchmark {
  private static final int PROFILES = 16;

  @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
  private Path dir;

  @SuppressWarnings("NullAway.Init")
  private ApiKeyStore keys;

  @SuppressWarnings("NullAway.Init")
  private ProfileSettings profiles;

  @SuppressWarnings("NullAway.Init")
  private Limiter limiter;

  private String key = "";

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("warden-access-bench");
    keys = AuthBenchmark.storeOfOthers(dir);
    // the caller matches the last profile, so every earlier match is tried first
    key =
        keys.issue(
                "bench",
                Identity.Kind.SERVICE,
                Set.of("chat"),
                Map.of("team", "t" + (PROFILES - 1), "region", "kr"))
            .key();
    WardenConfig config = ConfigLoader.fromYaml(ProfileBenchmark.teamProfiles(PROFILES, ""));
    profiles = config.access().profiles();
    LimitSettings limits =
        new LimitSettings(
            new LimitSettings.Rates(60_000_000L, 1_000_000_000_000L),
            Map.of(),
            Map.of(),
            0,
            "memory",
            LimitSettings.Redis.NONE);
    limiter = Limiter.over(limits, new MemoryLimitStore());
    if (admitOnce() == null) {
      throw new IllegalStateException("the benchmark caller was not admitted; setup is wrong");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    limiter.close();
    TempTrees.delete(dir);
  }

  /** The profile name the request runs under, or null when any check refused it. */
  private @Nullable String admitOnce() {
    ApiKeyStore.Verdict verdict = keys.verify(key);
    ApiKeyStore.Entry entry = verdict.entry();
    if (verdict.status() != ApiKeyStore.Status.VALID || entry == null) {
      return null;
    }
    Identity who = entry.identity();
    String profile = profiles.resolve(who).map(Profile::name).orElse(null);
    if (profile == null
        || limiter.admit(who.id(), profile) != null
        || limiter.reserve(who.id(), profile, 250) != null) {
      return null;
    }
    return profile;
  }

  @Benchmark
  public @Nullable String apiKeyProfileLimits() {
    return admitOnce();
  }
}
