package dev.warden.bench;

import dev.warden.api.Identity;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.ProfileSettings;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.policy.ModelAllowlist;
import dev.warden.engine.policy.Policy;
import dev.warden.engine.policy.Profile;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What choosing a caller's profile adds to an exchange: resolving the identity against {@value
 * #PROFILES} profiles (first match in file order) and picking the policy that then runs, plus the
 * model allowlist check. Sample time, so JMH reports p50 and the tail.
 *
 * <ul>
 *   <li>{@code resolveFirst}: the identity matches the first profile
 *   <li>{@code resolveLast}: it matches only the last (every earlier match is tried)
 *   <li>{@code resolveNone}: no profile matches; the default policy applies
 *   <li>{@code modelAllowed}: a model checked against a three-glob allowlist
 * </ul>
 *
 * <p>Run: {@code java -jar warden-bench/target/benchmarks.jar ProfileBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProfileBenchmark {
  static final int PROFILES = 16;

  @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
  private ProfileSettings profiles;

  @SuppressWarnings("NullAway.Init")
  private Policy defaultPolicy;

  @SuppressWarnings("NullAway.Init")
  private ModelAllowlist models;

  @SuppressWarnings("NullAway.Init")
  private Identity first;

  @SuppressWarnings("NullAway.Init")
  private Identity last;

  @SuppressWarnings("NullAway.Init")
  private Identity none;

  @Setup(Level.Trial)
  public void setup() {
    WardenConfig config =
        ConfigLoader.fromYaml(
            teamProfiles(
                PROFILES, "    models: [\"gpt-4o*\", claude-3-haiku, \"llama-3.?-8b\"]\n"));
    profiles = config.access().profiles();
    defaultPolicy = config.policy();
    models = profiles.profiles().getFirst().models();
    first = identity("t0");
    last = identity("t" + (PROFILES - 1));
    none = identity("search");
  }

  /**
   * {@code count} profiles {@code team-<i>}, each matching scope {@code chat} and labels {@code
   * team: t<i>, region: kr}, alternately {@code kr-pipa} and {@code eu-gdpr}, each followed by
   * {@code extra} (YAML lines indented as profile keys).
   */
  static String teamProfiles(int count, String extra) {
    StringBuilder yaml = new StringBuilder("profiles:\n");
    for (int i = 0; i < count; i++) {
      yaml.append("  team-")
          .append(i)
          .append(":\n    match: {scopes: [chat], labels: {team: t")
          .append(i)
          .append(", region: kr}}\n    privacy: ")
          .append(i % 2 == 0 ? "kr-pipa" : "eu-gdpr")
          .append('\n')
          .append(extra);
    }
    return yaml.toString();
  }

  private static Identity identity(String team) {
    return new Identity(
        "svc-" + team,
        Identity.Kind.SERVICE,
        Set.of("chat", "embeddings"),
        Map.of("team", team, "region", "kr", "env", "prod"),
        "api-key");
  }

  private Policy policyFor(Identity who) {
    return profiles.resolve(who).map(Profile::policy).orElse(defaultPolicy);
  }

  @Benchmark
  public Policy resolveFirst() {
    return policyFor(first);
  }

  @Benchmark
  public Policy resolveLast() {
    return policyFor(last);
  }

  @Benchmark
  public Policy resolveNone() {
    return policyFor(none);
  }

  @Benchmark
  public boolean modelAllowed() {
    return models.allows("claude-3-haiku");
  }
}
