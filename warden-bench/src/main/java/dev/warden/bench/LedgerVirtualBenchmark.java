package dev.warden.bench;

import dev.warden.api.Ledger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link LedgerBenchmark#append64} with the 64 writers on <em>virtual</em> threads, which is what
 * the proxy does: Helidon SE 4 runs every request handler on its own virtual thread, and {@code
 * ExchangeHandler} appends to the ledger from it. Same ledger, same records, same modes; only JMH's
 * executor differs ({@code -Djmh.executor=VIRTUAL}, a fork option, hence its own class). Both are
 * reported side by side: the platform-thread figure is the one for embedders with a thread pool.
 *
 * <pre>{@code
 * $JAVA_HOME/bin/java -jar warden-bench/target/benchmarks.jar 'Ledger(Virtual)?Benchmark.append64' -p durability=fsync
 * }</pre>
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djmh.executor=VIRTUAL"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LedgerVirtualBenchmark {

  @Benchmark
  @Threads(64)
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Ledger.Receipt append64(LedgerBenchmark.Appends s) {
    if (!Thread.currentThread().isVirtual()) {
      // Otherwise this would silently measure platform threads again.
      throw new IllegalStateException(
          "not on a virtual thread: the fork needs -Djmh.executor=VIRTUAL (JMH 1.37+); a"
              + " -jvmArgsAppend on the command line replaces this class's, so repeat it there");
    }
    return LedgerBenchmark.appendOne(s);
  }
}
