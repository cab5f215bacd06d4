package dev.warden.bench;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.json.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Detection throughput of the full built-in detector stack ({@link DetectorStack#forConfig} with
 * the default configuration, exactly what the proxy runs), one thread, by input kind and size.
 *
 * <ul>
 *   <li>{@code plain}: narrative en/ko/de/ja prose (few digits, no credential or instruction words)
 *       with a real value about every 8 KiB ({@link DetectionInputs#plain}).
 *   <li>{@code prose}: technical en/ko/de/ja prose dense in dates, versions, numbers and trigger
 *       words used innocently ("ignore the typos", "the key point", "act as if") with a real value
 *       about every 8 KiB ({@link DetectionInputs#prose}), scanned as one text leaf.
 *   <li>{@code json}: a dense chat body (many messages, tool-call arguments as JSON in strings)
 *       through {@link Protector#protectJson}: parse, walk, detect, decide, rewrite.
 *   <li>{@code digits}, {@code at}, {@code base64}, {@code pairs}: adversarial texts (random
 *       digits, only {@code @}, random base64 alphabet, {@code keyN=secretN} pairs).
 * </ul>
 *
 * <p>Throughput in MB/s is {@code size / time}; {@code docs/benchmarks.md} shows both. Run:
 *
 * <pre>{@code
 * java -jar warden-bench/target/benchmarks.jar DetectionBenchmark
 * java -jar warden-bench/target/benchmarks.jar DetectionBenchmark -p kind=prose -p size=1048576
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Xss4m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DetectionBenchmark {

  @Param({"plain", "prose", "json", "digits", "at", "base64", "pairs", "keys"})
  public String kind = "prose";

  /** Input size in UTF-8 bytes: 1 KiB, 64 KiB, 1 MiB, 16 MiB. */
  @Param({"1024", "65536", "1048576", "16777216"})
  public int size = 1024;

  /**
   * The ledger value hasher: {@code perThread} keeps one keyed {@code Mac} per thread (as a
   * production authenticator does); {@code perCall} is the hasher of the runs before the eighth
   * pass, which made a {@code Mac} per value (≈ 5 % of a dense chat body), for comparisons.
   */
  @Param({"perThread"})
  public String hasher = "perThread";

  private String text = "";
  private byte[] json = new byte[0];

  @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
  private Detector detector;

  @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
  private Protector protector;

  @Setup(Level.Trial)
  public void setup() {
    WardenConfig config = WardenConfig.defaults();
    detector = DetectorStack.forConfig(config);
    // The proxy caps bodies (server.maxBodyBytes); the benchmark lifts the cap to measure 16 MiB.
    protector =
        new Protector(
            detector,
            config.policy(),
            switch (hasher) {
              case "perThread" -> ProtectBenchmark.hmacHasher();
              case "perCall" -> ProtectBenchmark.hmacHasherPerCall();
              default ->
                  throw new IllegalArgumentException(
                      "-p hasher must be perThread or perCall, got " + hasher);
            },
            new JsonBodies(config.server().maxJsonDepth(), Integer.MAX_VALUE));
    switch (kind) {
      case "plain" -> text = DetectionInputs.plain(size);
      case "prose" -> text = DetectionInputs.prose(size);
      case "json" -> json = DetectionInputs.chatJson(size);
      default -> text = DetectionInputs.adversarial(kind, size);
    }
    long bytes = kind.equals("json") ? json.length : text.getBytes(StandardCharsets.UTF_8).length;
    int findings =
        kind.equals("json") ? protector.protectJson(json).replacements().size() : scan().size();
    System.err.printf("%n[setup] kind=%s bytes=%d findings=%d%n", kind, bytes, findings);
  }

  @Benchmark
  public Object detect() {
    return kind.equals("json") ? protector.protectJson(json) : scan();
  }

  private List<Finding> scan() {
    return detector.detect(new ScanInput(text, null, "$"));
  }
}
