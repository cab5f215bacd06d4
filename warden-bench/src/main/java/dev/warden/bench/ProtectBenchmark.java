package dev.warden.bench;

import dev.warden.api.KeyedHasher;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.policy.Mode;
import dev.warden.server.Gateway;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's per-request cost: {@link Protector#protectJson} on the exact request body of the
 * reference load workload ({@code shared/bench/chat-1kb.lua}), so the figure can be set against the
 * proxy's per-request budget measured by {@code warden-bench/load.sh}.
 *
 * <p>Bodies ({@link #body}):
 *
 * <ul>
 *   <li>{@code sensitive}: byte-for-byte the 1024-byte body {@code chat-1kb.lua} sends (an email, a
 *       phone number and an {@code api_key=} secret, padded with prose). In enforce mode every call
 *       finds, decides, rewrites and re-serializes the body.
 *   <li>{@code clean}: 1024 bytes of the same shape with the sensitive sentence left out (padding
 *       only): parse + scan, the original bytes go on unchanged.
 *   <li>{@code sensitive4k}: the {@code chat-1kb.lua} construction with {@code BODY_BYTES=4096}.
 *   <li>{@code response}: the reply {@code shared/bench/stub-upstream.mjs} sends for {@code
 *       sensitive} as Warden forwards it (in enforce the already-protected text, in dry-run the
 *       original) plus the stub's leaked {@code secret_key=…} note, about 1.2 KiB: what response
 *       protection scans per proxied request. One proxied request costs about {@code sensitive +
 *       response} of engine time.
 * </ul>
 *
 * <p>{@link #mode}: {@code enforce} (the default policy) or {@code dry-run} (same detection and
 * hashing, no rewrite and no re-serialization).
 *
 * <p>Keyed hashing uses HMAC-SHA256 over a random key made in {@link #setup}, with a new {@link
 * Mac} per value exactly as the gateway's keyring does, so hashing costs what it costs in
 * production.
 *
 * <p>Run (from the repository root; about 1.5 minutes for the 8 combinations):
 *
 * <pre>{@code
 * ./build -q -B -pl warden-bench -am install -DskipTests    # JDK 25; builds target/benchmarks.jar
 * . scripts/find-jdk.sh && warden_find_jdk
 * $JAVA_HOME/bin/java -jar warden-bench/target/benchmarks.jar ProtectBenchmark
 * # one body only:  ... ProtectBenchmark -p body=sensitive -p mode=enforce
 * # allocation too: ... ProtectBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProtectBenchmark {

  /** Body kind, see the class comment. */
  @Param({"sensitive", "clean", "sensitive4k", "response"})
  public String body = "sensitive";

  /** Policy mode: {@code enforce} or {@code dry-run}. */
  @Param({"enforce", "dry-run"})
  public String mode = "enforce";

  private byte[] bytes = new byte[0];

  @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
  private Protector protector;

  @Setup(Level.Trial)
  public void setup() {
    Mode m =
        switch (mode) {
          case "enforce" -> Mode.ENFORCE;
          case "dry-run" -> Mode.DRY_RUN;
          default -> throw new IllegalArgumentException("unknown mode: " + mode);
        };
    WardenConfig config = WardenConfig.defaults();
    config = config.withPolicy(config.policy().withMode(m));
    protector = Gateway.protector(config, hmacHasher());
    bytes =
        switch (body) {
          case "sensitive" -> ChatBodies.sensitive(ChatBodies.BODY_BYTES);
          case "clean" -> ChatBodies.clean(ChatBodies.BODY_BYTES);
          case "sensitive4k" -> ChatBodies.sensitive(4096);
          case "response" -> {
            // What the stub sends back for the request as Warden forwarded it: the protected text
            // in enforce, the original in dry-run.
            String sent = ChatBodies.sensitiveUserContent(ChatBodies.BODY_BYTES);
            yield ChatBodies.stubReply(
                m == Mode.ENFORCE ? protector.protectText(sent).text() : sent);
          }
          default -> throw new IllegalArgumentException("unknown body kind: " + body);
        };

    // Sanity: the benchmark measures what it claims to.
    Protector.Result r = protector.protectJson(bytes);
    Protector.Outcome expected =
        switch (body) {
          case "clean" -> Protector.Outcome.CLEAN;
          case "response" -> r.outcome(); // whatever the catalog finds in the upstream's reply
          default -> m == Mode.ENFORCE ? Protector.Outcome.TRANSFORMED : Protector.Outcome.OBSERVED;
        };
    System.err.printf(
        "%n[setup] body=%s mode=%s bytes=%d outcome=%s findings=%s%n",
        body,
        mode,
        bytes.length,
        r.outcome(),
        r.replacements().stream().map(x -> x.finding().type()).toList());
    if (r.outcome() != expected) {
      throw new IllegalStateException(
          "body " + body + " in " + mode + ": expected " + expected + ", got " + r.outcome());
    }
  }

  @Benchmark
  public Protector.Result protect() {
    return protector.protectJson(bytes);
  }

  /** HMAC-SHA256 keyed hasher, a fresh {@link Mac} per value like the keyring's. */
  /**
   * HMAC-SHA256 under a random key with one keyed {@link Mac} per thread, reused ({@code doFinal}
   * resets it), as the ledger's authenticator keeps it ({@code LocalKeyring.authenticator}): a
   * provider lookup and key schedule per value was ≈ 5 % of a dense chat body's time in the
   * benchmark, a cost of the harness, not of Warden.
   */
  static KeyedHasher hmacHasher() {
    Mac prototype = keyedMac(randomKey());
    ThreadLocal<Mac> perThread =
        ThreadLocal.withInitial(() -> {
          try {
            return (Mac) prototype.clone();
          } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's HmacSHA256 cannot be cloned", e);
          }
        });
    return (domain, value) -> {
      Mac mac = perThread.get();
      mac.update(domain.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(value.toString().getBytes(StandardCharsets.UTF_8));
    };
  }

  /**
   * The hasher the benchmarks used up to the eighth detection pass: {@code Mac.getInstance} and
   * {@code init} for every value. Kept to compare figures with earlier runs ({@code
   * DetectionBenchmark -p hasher=perCall}).
   */
  static KeyedHasher hmacHasherPerCall() {
    SecretKeySpec spec = randomKey();
    return (domain, value) -> {
      Mac mac = keyedMac(spec);
      mac.update(domain.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(value.toString().getBytes(StandardCharsets.UTF_8));
    };
  }

  private static SecretKeySpec randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new SecretKeySpec(key, "HmacSHA256");
  }

  private static Mac keyedMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
  }
}
