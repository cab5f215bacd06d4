package dev.warden.bench;

import dev.warden.api.Restorer;
import dev.warden.api.VaultSession;
import dev.warden.vault.TokenVault;
import dev.warden.vault.VaultScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The token vault's cost per value, on the real SQLite store in a temp directory:
 *
 * <ul>
 *   <li>{@code tokenizeNew}: a value never seen (AES-SIV id + AES-GCM seal + one SQLite insert)
 *   <li>{@code tokenizeRepeat}: the same value again (same work; the insert is an upsert that
 *       refreshes the expiry)
 *   <li>{@code restoreIssued}: restoring a 100-character answer holding one token issued in the
 *       same exchange (the common case: no store read)
 *   <li>{@code restoreStored}: the same with a fresh session, so the entry is read from SQLite and
 *       opened (a token from an earlier turn of the conversation)
 *   <li>{@code restoreNoToken}: a 100-character answer without a token (the scan alone)
 * </ul>
 *
 * <p>Run: {@code java -jar warden-bench/target/benchmarks.jar VaultBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VaultBenchmark {
  private static final VaultScope SCOPE = VaultScope.GLOBAL;

  @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
  private Path dir;

  @SuppressWarnings("NullAway.Init")
  private TokenVault vault;

  @SuppressWarnings("NullAway.Init")
  private VaultSession session;

  private String answer = "";
  private String plain = "";
  private long n;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("warden-vault-bench");
    vault = TokenVault.open(dir, Duration.ofHours(24));
    session = vault.session(SCOPE);
    String token = session.tokenize("email", "dana.k@example.org");
    answer = ("Sure, I will write to " + token + " and copy the team lead on it. ").repeat(1);
    answer = answer + "x".repeat(Math.max(0, 100 - answer.length()));
    plain = "Sure, I will write to them and copy the team lead on it. ".repeat(2).substring(0, 100);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    vault.close();
    TempTrees.delete(dir);
  }

  @Benchmark
  public String tokenizeNew() {
    return vault.tokenize("email", "user" + n++ + "@example.org", SCOPE);
  }

  @Benchmark
  public String tokenizeRepeat() {
    return vault.tokenize("email", "dana.k@example.org", SCOPE);
  }

  @Benchmark
  public String restoreIssued() {
    return session.restorer().restore(answer);
  }

  @Benchmark
  public String restoreStored() {
    Restorer fresh = vault.session(SCOPE).restorer();
    return fresh.restore(answer);
  }

  @Benchmark
  public String restoreNoToken() {
    return session.restorer().restore(plain);
  }
}
