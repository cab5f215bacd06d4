// What one durable write of a ledger group costs on this disk, by the way it is made durable
// (docs/benchmarks.md, "Ledger speed, sixth pass"). No Warden code involved. Each mode appends
// COUNT groups of BYTES bytes one after another into a file pre-filled with forced zero blocks (as
// the ledger's padded active segment), so no write changes the file's size; per group it records
// the wall time until the write is durable, and over the run the thread's user and system CPU.
//   force        write + FileChannel.force(false) (fdatasync): what the ledger does today
//   dsync        a channel opened with StandardOpenOption.DSYNC: each write returns once durable
//   direct       ExtendedOpenOption.DIRECT + DSYNC: block-aligned writes from an aligned buffer,
//                rewriting the partial tail block each group, as a database's WAL does
//   direct-force DIRECT without DSYNC, then force(false) (where DIRECT is allowed but DSYNC is not)
// Run (bounded: COUNT groups per mode, at most LIMIT seconds per mode):
//   flock /tmp/warden-mvn.lock $JAVA_HOME/bin/java warden-bench/tools/DurableWrite.java \
//     [dir] [bytes] [count] [modes, comma-separated] [limit seconds]
import com.sun.nio.file.ExtendedOpenOption;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public class DurableWrite {
  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a.length > 0 ? a[0] : System.getProperty("java.io.tmpdir"));
    int bytes = a.length > 1 ? Integer.parseInt(a[1]) : 4096;
    int count = a.length > 2 ? Integer.parseInt(a[2]) : 3000;
    String[] modes = (a.length > 3 ? a[3] : "force,dsync,direct,direct-force").split(",");
    long limitNanos = (a.length > 4 ? Long.parseLong(a[4]) : 20) * 1_000_000_000L;
    for (int round = 0; round < 2; round++) { // round 0 warms up the JIT and the disk
      for (String mode : modes) {
        run(dir, bytes, round == 0 ? Math.min(count, 300) : count, mode, limitNanos, round == 1);
      }
    }
  }

  static void run(Path dir, int bytes, int count, String mode, long limitNanos, boolean report)
      throws Exception {
    Path file = Files.createTempFile(dir, "durable-write", ".bin");
    try {
      long size = ((long) bytes * count + (1 << 20)) & -4096L;
      try (FileChannel fill = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < size; at += zeros.capacity()) {
          zeros.clear();
          while (zeros.hasRemaining()) {
            fill.write(zeros, at + zeros.position());
          }
        }
        fill.force(true);
      }
      List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.WRITE));
      boolean direct = mode.startsWith("direct");
      boolean force = mode.equals("force") || mode.equals("direct-force");
      if (mode.equals("dsync") || mode.equals("direct")) {
        options.add(StandardOpenOption.DSYNC);
      }
      if (direct) {
        options.add(ExtendedOpenOption.DIRECT);
      }
      if (!List.of("force", "dsync", "direct", "direct-force").contains(mode)) {
        throw new IllegalArgumentException("unknown mode " + mode);
      }
      FileChannel ch;
      try {
        ch = FileChannel.open(file, options.toArray(OpenOption[]::new));
      } catch (Exception e) {
        System.out.printf("%s: refused by this file system: %s%n", mode, e);
        return;
      }
      int block = direct ? (int) Files.getFileStore(file).getBlockSize() : 1;
      byte[] group = new byte[bytes];
      Arrays.fill(group, (byte) 'x');
      group[bytes - 1] = '\n';
      // DIRECT: the tail block in memory, aligned; each group rewrites it plus its new blocks.
      ByteBuffer aligned =
          direct ? ByteBuffer.allocateDirect(bytes + 2 * block).alignedSlice(block) : null;
      ByteBuffer heap = ByteBuffer.wrap(group);
      long[] nanos = new long[count];
      var threads = ManagementFactory.getThreadMXBean();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long user0 = threads.getCurrentThreadUserTime();
      long started = System.nanoTime();
      long end = 0; // bytes of records in the file
      int n = 0;
      long written = 0;
      try (ch) {
        for (; n < count && System.nanoTime() - started < limitNanos; n++) {
          long t0 = System.nanoTime();
          if (direct) {
            long tailStart = end & -block;
            int tailLen = (int) (end - tailStart);
            // The tail's bytes are already in the buffer's first block from the previous group.
            aligned.clear();
            aligned.position(tailLen);
            aligned.put(group);
            int len = (tailLen + bytes + block - 1) & -block;
            aligned.limit(len).position(0);
            while (aligned.hasRemaining()) {
              written += ch.write(aligned, tailStart + aligned.position());
            }
            end += bytes;
            int keep = (int) (end - (end & -block));
            // Move the new partial tail block to the front for the next group.
            ByteBuffer tail = aligned.duplicate().limit(len).position(len - block);
            if (keep > 0) {
              aligned.clear();
              aligned.put(tail);
            }
          } else {
            heap.clear();
            while (heap.hasRemaining()) {
              written += ch.write(heap, end + heap.position());
            }
            end += bytes;
          }
          if (force) {
            ch.force(false);
          }
          nanos[n] = System.nanoTime() - t0;
        }
      }
      long wall = System.nanoTime() - started;
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      long user = threads.getCurrentThreadUserTime() - user0;
      if (!report) {
        return;
      }
      long[] done = Arrays.copyOf(nanos, n);
      Arrays.sort(done);
      System.out.printf(
          "%-12s %d x %d B (%d B written incl. rewritten tail): p50 %.0f µs, p99 %.0f µs, mean"
              + " %.0f µs -> %.0f durable writes/s; CPU per write: user %.1f µs, system %.1f µs%n",
          mode, n, bytes, written, done[n / 2] / 1e3, done[n * 99 / 100] / 1e3,
          Arrays.stream(done).sum() / 1e3 / n, n / (wall / 1e9), user / 1e3 / n,
          (cpu - user) / 1e3 / n);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
