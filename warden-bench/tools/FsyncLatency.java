// The disk's own bound on durable appends (docs/benchmarks.md, "Ledger speed, second pass" and
// "fourth pass"): the latency of one write + FileChannel.force(false) of N bytes, as the ledger's
// group commit does once per batch. No Warden code involved. Modes:
//   append      each write grows the file (what the ledger did before the fourth pass)
//   prealloc    the file is first filled with real zero blocks (forced), then overwritten in place
//   overlap     like prealloc, with two threads each writing its own region and forcing the same
//               file: forces/s above the single-thread figure mean two forces really overlap
// Run: flock /tmp/warden-mvn.lock $JAVA_HOME/bin/java warden-bench/tools/FsyncLatency.java [dir] [bytes] [count] [mode]
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

public class FsyncLatency {
  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a.length > 0 ? a[0] : System.getProperty("java.io.tmpdir"));
    int bytes = a.length > 1 ? Integer.parseInt(a[1]) : 1024;
    int count = a.length > 2 ? Integer.parseInt(a[2]) : 2000;
    String mode = a.length > 3 ? a[3] : "append";
    Path file = Files.createTempFile(dir, "fsync-latency", ".bin");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      int threads = mode.equals("overlap") ? 2 : 1;
      if (!mode.equals("append")) {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        long total = (long) bytes * count * threads;
        for (long at = 0; at < total; at += zeros.capacity()) {
          zeros.clear();
          while (zeros.hasRemaining()) {
            ch.write(zeros, at + zeros.position());
          }
        }
        ch.force(true);
      }
      long[][] nanos = new long[threads][count];
      Thread[] workers = new Thread[threads];
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int id = t;
        workers[t] =
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        ByteBuffer buf = ByteBuffer.allocateDirect(bytes);
                        for (int i = 0; i < count; i++) {
                          buf.clear();
                          long at = ((long) i * threads + id) * bytes;
                          long t0 = System.nanoTime();
                          while (buf.hasRemaining()) {
                            ch.write(buf, at + buf.position());
                          }
                          ch.force(false);
                          nanos[id][i] = System.nanoTime() - t0;
                        }
                      } catch (Exception e) {
                        throw new RuntimeException(e);
                      }
                    });
      }
      for (Thread w : workers) {
        w.join();
      }
      long wall = System.nanoTime() - start;
      long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).sorted().toArray();
      int n = all.length;
      System.out.printf(
          "%s: %d x (write %d B + force) on %d thread(s): mean %.0f µs, p50 %.0f µs, p99 %.0f µs,"
              + " max %.0f µs -> %.0f forces/s%n",
          mode, n, bytes, threads, Arrays.stream(all).sum() / 1e3 / n, all[n / 2] / 1e3,
          all[n * 99 / 100] / 1e3, all[n - 1] / 1e3, n / (wall / 1e9));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
