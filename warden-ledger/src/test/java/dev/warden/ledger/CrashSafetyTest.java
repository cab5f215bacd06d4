package dev.warden.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Ledger;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety under concurrent load: a child JVM appends from many threads and reports every
 * acknowledged record on standard output; the test kills it with SIGKILL at a random moment, then
 * reopens the ledger (recovery) and checks that every acknowledged record is present with the hash
 * it was acknowledged with, and that the whole ledger verifies.
 */
class CrashSafetyTest {
  private static final int RUNS = 20;
  private static final int WRITERS = 16;

  @Test
  void everyAcknowledgedRecordSurvivesSigkill(@TempDir Path root) throws Exception {
    SplittableRandom random = new SplittableRandom(20261123L);
    long totalAcked = 0;
    for (int run = 0; run < RUNS; run++) {
      Path dir = root.resolve("run-" + run);
      Map<Long, String> acked = crashOnce(dir, 30 + random.nextInt(400));
      totalAcked += acked.size();
      assertThat(acked).as("run %d acknowledged something before the kill", run).isNotEmpty();

      long recovered;
      try (FileLedger ledger = FileLedger.open(dir, Ledgers.KEY, FileLedger.Options.defaults())) {
        recovered = ledger.recoveredTornBytes();
        Ledger.Receipt after = ledger.append(Ledgers.sample(0));
        assertThat(after.seq()).as("run %d: appends continue after recovery", run).isPositive();
      }
      VerifyReport report = LedgerVerifier.verify(dir, Ledgers.KEY);
      assertThat(report.ok())
          .as("run %d (torn bytes recovered: %d): %s", run, recovered, report.message())
          .isTrue();

      Map<Long, String> onDisk = hashesBySeq(dir);
      for (Map.Entry<Long, String> e : acked.entrySet()) {
        assertThat(onDisk.get(e.getKey()))
            .as("run %d: acknowledged record seq %d", run, e.getKey())
            .isEqualTo(e.getValue());
      }
    }
    assertThat(totalAcked).isGreaterThan(RUNS);
  }

  /**
   * Starts the writer, kills it with SIGKILL {@code afterMillis} after its first ack, and returns
   * what it acknowledged. Acks go to a file, written with one {@code write} call each: a killed
   * process's completed writes stay in the page cache, so the file holds every ack it made.
   */
  private static Map<Long, String> crashOnce(Path dir, int afterMillis) throws Exception {
    Files.createDirectories(dir);
    Path acks = dir.resolveSibling(dir.getFileName() + ".acks");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Writer.class.getName(),
                dir.toString(),
                acks.toString(),
                Integer.toString(WRITERS))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(acks) || Files.size(acks) == 0) {
        assertThat(child.isAlive()).as("writer is running").isTrue();
        assertThat(System.nanoTime()).as("writer acknowledged within 60 s").isLessThan(deadline);
        Thread.sleep(5);
      }
      Thread.sleep(afterMillis);
      child.toHandle().destroyForcibly(); // SIGKILL: no shutdown hooks, nothing flushed
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("writer died").isTrue();
    } finally {
      child.destroyForcibly();
    }
    Map<Long, String> acked = new HashMap<>();
    for (String line : Files.readAllLines(acks, StandardCharsets.UTF_8)) {
      record(acked, line);
    }
    return acked;
  }

  private static void record(Map<Long, String> acked, String line) {
    int space = line.indexOf(' ');
    if (space > 0 && line.startsWith("ack:")) {
      acked.put(Long.parseLong(line.substring(4, space)), line.substring(space + 1));
    }
  }

  private static Map<Long, String> hashesBySeq(Path dir) throws IOException {
    Map<Long, String> out = new HashMap<>();
    List<Path> segments;
    try (Stream<Path> files = Files.list(dir)) {
      segments = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
    for (Path segment : segments) {
      for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
        long seq = Long.parseLong(field(line, "\"seq\":", ','));
        out.put(seq, field(line, "\"hash\":\"", '"'));
      }
    }
    return out;
  }

  private static String field(String line, String key, char end) {
    int from = line.indexOf(key);
    assertThat(from).as("field %s in a ledger line", key).isNotNegative();
    from += key.length();
    return line.substring(from, line.indexOf(end, from));
  }

  /**
   * The child: appends from {@code writers} threads until killed, printing {@code ack:<seq> <hash>}
   * for each append that returned (that is, was durable).
   */
  public static final class Writer {
    private Writer() {}

    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      int writers = Integer.parseInt(args[2]);
      // Unbuffered: println is one write(2) per ack, complete before the next append starts.
      PrintStream out =
          new PrintStream(new FileOutputStream(args[1], true), false, StandardCharsets.UTF_8);
      FileLedger ledger = FileLedger.open(dir, Ledgers.KEY, FileLedger.Options.defaults());
      Ledger.Receipt first = ledger.append(Ledgers.sample(1));
      synchronized (out) {
        out.println("ack:" + first.seq() + " " + first.hash());
        out.flush();
      }
      for (int w = 0; w < writers; w++) {
        int id = w;
        Thread.ofPlatform()
            .start(() -> {
              for (int i = 0; ; i++) {
                Ledger.Receipt r = ledger.append(Ledgers.sample(id * 1_000_000 + i));
                synchronized (out) {
                  out.println("ack:" + r.seq() + " " + r.hash());
                  out.flush();
                }
              }
            });
      }
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
