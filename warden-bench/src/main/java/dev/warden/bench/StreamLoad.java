package dev.warden.bench;

import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.server.Gateway;
import dev.warden.testing.StubUpstream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streaming load harness: a real gateway and the SSE stub ({@link StubUpstream}) on loopback in
 * this JVM, driven by raw-socket HTTP/1.1 clients. Bounded in count and time.
 *
 * <p>{@code ttfb}: time to first byte of a streamed chat answer, measured at the client from the
 * request's first written byte to the first byte of the response body, sequentially on one
 * keep-alive connection per target, alternating stub-direct and through Warden ({@code
 * ledger.durability} fsync, the default, and async). Reports p50/p90/p99 of each and the added time
 * (Warden's percentile minus the stub's).
 *
 * <p>{@code memory}: opens {@link #STREAMS} concurrent streamed requests against a stub that
 * trickles a 32-character delta every 50 ms, first straight to the stub, then (after those have
 * been closed) through Warden, and compares the heap after a full GC while they are open: Warden's
 * heap per open stream = (heap with the Warden streams − heap with the direct streams) / streams.
 * Both phases hold the same stub and client state, so the difference is what Warden holds: its two
 * connections, exchange thread, inspector (hold-back full: each stream has run at least 4 s, well
 * past the window) and ledger records in flight.
 *
 * <pre>{@code
 * . scripts/find-jdk.sh && warden_find_jdk
 * flock /tmp/warden-mvn.lock "$JAVA_HOME/bin/java" -Xmx2g -Dwarden.log.level=WARN \
 *     -cp warden-bench/target/benchmarks.jar dev.warden.bench.StreamLoad all
 * }</pre>
 *
 * <p>{@code -Dstreamload.histogram=true} also prints the heap's largest classes in each memory
 * phase, to see what the per-stream bytes are made of.
 */
public final class StreamLoad {
  static final int STREAMS = 1_000;
  static final int TTFB_WARMUP = 1_000;
  static final int TTFB_SAMPLES = 3_000;
  static final Duration PHASE_LIMIT = Duration.ofSeconds(120);
  static final String BODY =
      "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
          + "\"Write a short greeting for the team.\"}]}";

  private StreamLoad() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "all";
    if (!List.of("ttfb", "memory", "all").contains(mode)) {
      throw new IllegalArgumentException("mode must be ttfb, memory or all; got " + mode);
    }
    System.out.printf(
        Locale.ROOT,
        "StreamLoad %s: %d cpus, max heap %d MB, %s%n",
        mode,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.vm.version"));
    if (!mode.equals("memory")) {
      ttfb("fsync");
      ttfb("async");
    }
    if (!mode.equals("ttfb")) {
      memory();
    }
  }

  private static Gateway gateway(StubUpstream stub, String durability) throws IOException {
    Path data = Files.createTempDirectory("warden-streamload");
    String yaml =
        """
        server: {host: 127.0.0.1, port: 0, drainSeconds: 1}
        upstream: {url: '%s'}
        ledger: {durability: %s}
        """
            .formatted(stub.url(), durability);
    WardenConfig config = ConfigLoader.fromYaml(yaml).withDataDir(data.toString());
    return Gateway.start(config);
  }

  // ---- time to first byte ----

  private static void ttfb(String durability) throws Exception {
    try (StubUpstream stub = StubUpstream.builder().streamChunkChars(8).start()) {
      Gateway gw = gateway(stub, durability);
      try (Client direct = new Client(stub.port());
          Client warden = new Client(gw.port())) {
        long[] d = new long[TTFB_SAMPLES];
        long[] w = new long[TTFB_SAMPLES];
        long end = System.nanoTime() + PHASE_LIMIT.toNanos();
        for (int i = 0; i < TTFB_WARMUP && System.nanoTime() < end; i++) {
          direct.exchange();
          warden.exchange();
        }
        int n = 0;
        for (; n < TTFB_SAMPLES && System.nanoTime() < end; n++) {
          // Alternate which goes first, so neither always runs on a warmer cache.
          if ((n & 1) == 0) {
            d[n] = direct.exchange();
            w[n] = warden.exchange();
          } else {
            w[n] = warden.exchange();
            d[n] = direct.exchange();
          }
        }
        d = Arrays.copyOf(d, n);
        w = Arrays.copyOf(w, n);
        Arrays.sort(d);
        Arrays.sort(w);
        System.out.printf(
            Locale.ROOT,
            "ttfb ledger=%s samples=%d (after %d warm-up)%n"
                + "  stub direct  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n"
                + "  via Warden   p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n"
                + "  added        p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n",
            durability,
            n,
            TTFB_WARMUP,
            ms(pct(d, 50)),
            ms(pct(d, 90)),
            ms(pct(d, 99)),
            ms(pct(w, 50)),
            ms(pct(w, 90)),
            ms(pct(w, 99)),
            ms(pct(w, 50) - pct(d, 50)),
            ms(pct(w, 90) - pct(d, 90)),
            ms(pct(w, 99) - pct(d, 99)));
      } finally {
        gw.stop();
      }
    }
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** One keep-alive HTTP/1.1 connection that posts {@link #BODY} and reads the chunked answer. */
  static final class Client implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;

    Client(int port) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      request = request(port);
    }

    static byte[] request(int port) {
      byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      byte[] all = Arrays.copyOf(h, h.length + body.length);
      System.arraycopy(body, 0, all, h.length, body.length);
      return all;
    }

    /** Sends one request, reads the whole answer; returns nanoseconds to the first body byte. */
    long exchange() throws IOException {
      long t0 = System.nanoTime();
      out.write(request);
      out.flush();
      String status = line();
      if (!status.startsWith("HTTP/1.1 200")) {
        throw new IOException("unexpected status: " + status);
      }
      while (!line().isEmpty()) {
        // headers
      }
      int first = in.read();
      long ttfb = System.nanoTime() - t0;
      if (first < 0) {
        throw new IOException("the answer had no body");
      }
      drainChunked((char) first);
      return ttfb;
    }

    /** Reads chunks to the last one and its trailers; {@code first} is the first size digit. */
    private void drainChunked(char first) throws IOException {
      String size = first + line();
      while (true) {
        int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
        if (n == 0) {
          while (!line().isEmpty()) {
            // trailers
          }
          return;
        }
        in.skipNBytes(n + 2L);
        size = line();
      }
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder();
      for (int c; (c = in.read()) >= 0; ) {
        if (c == '\n') {
          int len = b.length();
          return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
        }
        b.append((char) c);
      }
      throw new IOException("connection closed mid-answer");
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  // ---- memory per open stream ----

  private static void memory() throws Exception {
    // Each stream would run 1,200 × 50 ms = 60 s; the phases close them long before.
    try (StubUpstream stub =
        StubUpstream.builder()
            .streamChunkChars(32)
            .streamFillerChunks(1_200)
            .streamDelay(Duration.ofMillis(50))
            .start()) {
      Gateway gw = gateway(stub, "fsync");
      try {
        long idle = heapAfterGc();
        System.out.printf(Locale.ROOT, "memory: idle heap after GC %.1f MB%n", idle / 1e6);
        long direct = openStreams("stub direct", stub.port(), stub);
        long viaWarden = openStreams("via Warden", gw.port(), stub);
        System.out.printf(
            Locale.ROOT,
            "memory: Warden heap per open stream = (%.1f MB − %.1f MB) / %d = %.1f KB%n",
            viaWarden / 1e6,
            direct / 1e6,
            STREAMS,
            (viaWarden - direct) / 1e3 / STREAMS);
      } finally {
        gw.stop();
      }
    }
  }

  /**
   * Opens {@link #STREAMS} streams to {@code port}, waits until every one has received body bytes
   * and has run 4 s, measures the heap after GC, then closes them and waits until the stub has seen
   * every one end. Returns the heap measured.
   */
  private static long openStreams(String label, int port, StubUpstream stub) throws Exception {
    long endedBefore = stub.streamsAborted() + stub.streamsCompleted();
    long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
    CountDownLatch receiving = new CountDownLatch(STREAMS);
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger ended = new AtomicInteger();
    List<Socket> sockets = new ArrayList<>(STREAMS);
    List<Thread> readers = new ArrayList<>(STREAMS);
    byte[] request = Client.request(port);
    for (int i = 0; i < STREAMS; i++) {
      Socket s = new Socket();
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      sockets.add(s);
      readers.add(
          Thread.ofVirtual()
              .start(() -> {
                boolean counted = false;
                try {
                  s.getOutputStream().write(request);
                  s.getOutputStream().flush();
                  InputStream in = s.getInputStream();
                  byte[] buf = new byte[2048];
                  long seen = 0;
                  for (int n; (n = in.read(buf)) >= 0; ) {
                    seen += n;
                    // Past the response head and the first events: the stream is live.
                    if (!counted && seen > 1024) {
                      counted = true;
                      receiving.countDown();
                    }
                  }
                  ended.incrementAndGet();
                } catch (IOException e) {
                  if (!s.isClosed()) {
                    failed.incrementAndGet();
                  }
                } finally {
                  if (!counted) {
                    receiving.countDown();
                  }
                }
              }));
    }
    long started = System.nanoTime();
    if (!receiving.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException(label + ": not every stream started within the limit");
    }
    long opened = System.nanoTime();
    Thread.sleep(4_000);
    if (failed.get() > 0 || ended.get() > 0) {
      throw new IllegalStateException(
          label + ": " + failed.get() + " streams failed, " + ended.get() + " ended early");
    }
    long heap = heapAfterGc();
    if (Boolean.getBoolean("streamload.histogram")) {
      printHistogram(label);
    }
    System.out.printf(
        Locale.ROOT,
        "memory: %-11s %d streams live (all receiving after %.1f s), heap after GC %.1f MB%n",
        label,
        STREAMS,
        (opened - started) / 1e9,
        heap / 1e6);
    for (Socket s : sockets) {
      s.close();
    }
    for (Thread t : readers) {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    while (stub.streamsAborted() + stub.streamsCompleted() < endedBefore + STREAMS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(label + ": the stub's streams did not end in time");
      }
      Thread.sleep(100);
    }
    return heap;
  }

  /** The heap's 25 largest classes by bytes, from the JVM's own class histogram. */
  private static void printHistogram(String label) throws Exception {
    Object out =
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram",
                new Object[] {new String[0]},
                new String[] {String[].class.getName()});
    System.out.println("histogram " + label + ":");
    String[] lines = String.valueOf(out).split("\n");
    for (int i = 0; i < Math.min(lines.length, 28); i++) {
      System.out.println("  " + lines[i]);
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
