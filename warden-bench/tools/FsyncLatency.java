// The disk's own bound on durable appends (docs/benchmarks.md, "Ledger speed, second pass"): the
// latency of one write + FileChannel.force(false) of N bytes appended to a file, as the ledger's
// group commit does once per batch. No Warden code involved.
// Run: flock /tmp/warden-mvn.lock $JAVA_HOME/bin/java warden-bench/tools/FsyncLatency.java [dir] [bytes] [count]
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
    Path file = Files.createTempFile(dir, "fsync-latency", ".bin");
    long[] nanos = new long[count];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(bytes);
      for (int i = 0; i < count; i++) {
        buf.clear();
        long t0 = System.nanoTime();
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(false);
        nanos[i] = System.nanoTime() - t0;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    Arrays.sort(nanos);
    long sum = Arrays.stream(nanos).sum();
    System.out.printf(
        "%d x (write %d B + force): mean %.0f µs, p50 %.0f µs, p99 %.0f µs, max %.0f µs -> %.0f forces/s%n",
        count, bytes, sum / 1e3 / count, nanos[count / 2] / 1e3, nanos[count * 99 / 100] / 1e3,
        nanos[count - 1] / 1e3, count / (sum / 1e9));
  }
}
