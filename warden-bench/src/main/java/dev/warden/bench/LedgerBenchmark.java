package dev.warden.bench;

import dev.warden.api.Ledger;
import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.FileLedger;
import dev.warden.ledger.LedgerVerifier;
import dev.warden.ledger.VerifyReport;
import dev.warden.server.Gateway;
import dev.warden.vault.LocalKeyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision ledger's two speeds: how many records per second concurrent writers make durable
 * through {@link FileLedger}'s group commit, and how fast {@link LedgerVerifier} checks a large
 * ledger.
 *
 * <p>Appends ({@code append1}, {@code append16}, {@code append64}: 1, 16 and 64 JMH threads, each
 * an independent writer blocked in {@link FileLedger#append} exactly like a proxy request thread):
 * reported twice, as records/s ({@code thrpt}, summed over threads) and as the latency distribution
 * of one append ({@code sample}: p50, p99, p99.9). JMH's threads are platform threads; {@link
 * LedgerVirtualBenchmark} runs {@code append64} on virtual threads, as the proxy's handlers are.
 * The ledger is opened the way {@code Gateway} opens it — keyring HMAC key, signed checkpoints
 * (default every 10 000 records or 10 s) — in a fresh temporary data directory per trial, with
 * {@code durability} {@code fsync} (an append returns after the batch's {@code force}) or {@code
 * async} (after {@code write}). Records have the shape the proxy writes for the reference request
 * body: a {@code request} decision with three findings (email, phone, an {@code openai_key}), path,
 * rule, action, length and a 64-hex value hash — about 800 bytes per line.
 *
 * <p>{@code verify}: {@link LedgerVerifier#verify} over a ledger of {@link #VERIFY_RECORDS} records
 * built once per trial (async, 64 writers) in a temporary directory, with the HMAC key ({@code
 * keyed=true}: both chains) or without ({@code keyed=false}: SHA-256 chain and checkpoint digests
 * only). Reported in records/s ({@code @OperationsPerInvocation}); each invocation also checks the
 * report is OK and counts every record, so a broken verifier cannot look fast.
 *
 * <p>Run (about 10 minutes; 1 fork, short iterations; each verify trial builds its ledger):
 *
 * <pre>{@code
 * ./build -q -B -pl warden-bench -am install -DskipTests
 * . scripts/find-jdk.sh && warden_find_jdk
 * $JAVA_HOME/bin/java -jar warden-bench/target/benchmarks.jar LedgerBenchmark
 * # appends only, fsync:  ... 'LedgerBenchmark.append' -p durability=fsync
 * # where the time goes:  ... -prof stack
 * }</pre>
 *
 * <p>The temporary directories live under {@code java.io.tmpdir} (set {@code -Djava.io.tmpdir=} to
 * measure another disk) and are deleted at the end of each trial.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LedgerBenchmark {

  /** Records in the ledger the {@code verify} benchmark checks. */
  static final int VERIFY_RECORDS = 1_000_000;

  private static final AtomicLong IDS = new AtomicLong();

  /** One ledger in a fresh data directory per trial, shared by all writer threads. */
  @State(Scope.Benchmark)
  public static class Appends {
    /** {@code fsync} (the default: returns after the batch's force) or {@code async}. */
    @Param({"fsync", "async"})
    public String durability = "fsync";

    /** FSYNC groups in {@code force} at once ({@link FileLedger.Options#forcesInFlight}). */
    @Param({"1"})
    public int forcesInFlight = 1;

    /** FSYNC group commit delay in µs ({@link FileLedger.Options#commitDelay}). */
    @Param({"0"})
    public int commitDelayMicros = 0;

    /**
     * FSYNC: who writes and forces, {@code threads} or {@code leader} ({@link
     * FileLedger.GroupCommit}).
     */
    @Param({"threads"})
    public String groupCommit = "threads";

    @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
    private Path dataDir;

    @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
    private FileLedger ledger;

    private long firstId;

    @Setup(Level.Trial)
    public void setup() throws IOException {
      dataDir = Files.createTempDirectory("warden-ledger-bench");
      ledger =
          open(
              dataDir,
              durability,
              forcesInFlight,
              commitDelayMicros,
              FileLedger.GroupCommit.valueOf(groupCommit.toUpperCase(java.util.Locale.ROOT)));
      firstId = IDS.get();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      // Records per force over the whole trial (warm-up included): how well group commit grouped.
      long appends = IDS.get() - firstId;
      long forces = ledger.forceCount();
      System.err.printf(
          "%n[teardown] %d appends, %d forces, %.1f records per force%n",
          appends, forces, forces == 0 ? 0.0 : (double) appends / forces);
      ledger.close();
      TempTrees.delete(dataDir);
    }
  }

  /** A ledger of {@link #VERIFY_RECORDS} records, built once per trial. */
  @State(Scope.Benchmark)
  public static class Verify {
    /** With the HMAC key (both chains) or without (SHA-256 chain and checkpoints only). */
    @Param({"true", "false"})
    public boolean keyed = true;

    @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
    private Path dataDir;

    @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
    private Path ledgerDir;

    private @Nullable MessageAuthenticator key;

    @Setup(Level.Trial)
    public void setup() throws Exception {
      dataDir = Files.createTempDirectory("warden-ledger-verify-bench");
      long started = System.nanoTime();
      try (FileLedger l = open(dataDir, "async");
          ExecutorService pool = Executors.newFixedThreadPool(64)) {
        List<Future<?>> jobs = new ArrayList<>();
        AtomicLong next = new AtomicLong();
        for (int t = 0; t < 64; t++) {
          jobs.add(
              pool.submit(() -> {
                for (long id = next.incrementAndGet();
                    id <= VERIFY_RECORDS;
                    id = next.incrementAndGet()) {
                  l.append(proxyRecord(id));
                }
              }));
        }
        for (Future<?> f : jobs) {
          f.get();
        }
      }
      ledgerDir = dataDir.resolve("ledger");
      key = keyed ? LocalKeyring.open(dataDir).authenticator(Gateway.LEDGER_KEY) : null;
      long bytes;
      try (Stream<Path> s = Files.list(ledgerDir)) {
        bytes =
            s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                .mapToLong(LedgerBenchmark::size)
                .sum();
      }
      System.err.printf(
          "%n[setup] built %d records (%d MiB of segments) in %.1f s%n",
          VERIFY_RECORDS, bytes >> 20, (System.nanoTime() - started) / 1e9);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      TempTrees.delete(dataDir);
    }
  }

  /** The ledger as {@code Gateway.start} opens it: keyring MAC key, signed checkpoints. */
  static FileLedger open(Path dataDir, String durability) {
    FileLedger.Options defaults = FileLedger.Options.defaults();
    return open(
        dataDir,
        durability,
        defaults.forcesInFlight(),
        (int) (defaults.commitDelay().toNanos() / 1000),
        defaults.groupCommit());
  }

  /** As {@link #open(Path, String)}, with the FSYNC group commit's settings. */
  static FileLedger open(
      Path dataDir,
      String durability,
      int forcesInFlight,
      int commitDelayMicros,
      FileLedger.GroupCommit groupCommit) {
    LocalKeyring keys = LocalKeyring.open(dataDir);
    FileLedger.Options options =
        FileLedger.Options.defaults()
            .withDurability(
                switch (durability) {
                  case "fsync" -> FileLedger.Durability.FSYNC;
                  case "async" -> FileLedger.Durability.ASYNC;
                  default ->
                      throw new IllegalArgumentException("unknown durability: " + durability);
                })
            .withSigner(keys.signingKeys().active())
            .withGroupCommit(forcesInFlight, java.time.Duration.ofNanos(commitDelayMicros * 1000L))
            .withGroupCommit(groupCommit);
    return FileLedger.open(
        dataDir.resolve("ledger"), keys.authenticator(Gateway.LEDGER_KEY), options);
  }

  /**
   * A record of the shape {@code ExchangeHandler} writes for the reference request body: the
   * request decision, three findings, a fresh correlation id, random 64-hex value hashes.
   */
  static LedgerRecord proxyRecord(long id) {
    HexFormat hex = HexFormat.of();
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new LedgerRecord(
        "request",
        "c" + hex.toHexDigits(id) + hex.toHexDigits(r.nextLong()),
        "/v1/chat/completions",
        "gpt-4o-mini",
        "enforce",
        "transformed",
        200,
        null,
        List.of(
            finding("email", "email-address", "redact", 22, r),
            finding("phone", "phone-number", "mask", 15, r),
            finding("openai_key", "openai-generic-key", "redact", 51, r)));
  }

  private static LedgerRecord.FindingEntry finding(
      String type, String rule, String action, int length, ThreadLocalRandom r) {
    byte[] hash = new byte[32];
    r.nextBytes(hash);
    return new LedgerRecord.FindingEntry(
        type, rule, action, "request$.messages[1].content", length, HexFormat.of().formatHex(hash));
  }

  @Benchmark
  @Threads(1)
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Ledger.Receipt append1(Appends s) {
    return appendOne(s);
  }

  @Benchmark
  @Threads(16)
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Ledger.Receipt append16(Appends s) {
    return appendOne(s);
  }

  @Benchmark
  @Threads(64)
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Ledger.Receipt append64(Appends s) {
    return appendOne(s);
  }

  /** One append of a fresh proxy-shaped record, from the calling (benchmark) thread. */
  static Ledger.Receipt appendOne(Appends s) {
    return s.ledger.append(proxyRecord(IDS.incrementAndGet()));
  }

  /** Verifies the whole ledger; records/s. Fails the run unless every record verified. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(VERIFY_RECORDS)
  @Warmup(iterations = 1, time = 1)
  @Measurement(iterations = 3, time = 1)
  public VerifyReport verify(Verify s) {
    VerifyReport report = LedgerVerifier.verify(s.ledgerDir, s.key);
    if (!report.ok() || report.recordsChecked() != VERIFY_RECORDS) {
      throw new IllegalStateException("the benchmark ledger did not verify: " + report.message());
    }
    return report;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
