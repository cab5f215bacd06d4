package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.StubUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Backpressure through the real proxy: a client that reads a long streamed answer slowly, or not at
 * all, over a raw socket with a small receive buffer. Warden reads the upstream only as fast as the
 * client takes bytes, so what the upstream has managed to send stops growing while the client is
 * stalled — bounded by socket buffers, not by the answer's length — and a client that never reads
 * again is cut off at the total deadline with that reason in the ledger.
 */
class SlowClientTest {
  /**
   * 32,000 deltas of 2,000 characters: about 70 MB of SSE, far more than any buffer on the path.
   */
  static final int FILLER_CHUNKS = 32_000;

  static final int CHUNK_CHARS = 2_000;

  @TempDir Path tmp;

  /** Sends a streamed chat request over a raw socket whose receive buffer is small. */
  private static Socket open(ProxyHarness proxy) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(8192);
    s.connect(new InetSocketAddress("127.0.0.1", proxy.gateway.port()), 5_000);
    s.setSoTimeout(30_000);
    byte[] body = StreamingProxyTest.streamChat("hello there").getBytes(StandardCharsets.UTF_8);
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\nConnection: close\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return s;
  }

  /**
   * Waits until {@code stub}'s sent bytes stop growing for a second (at most 20 s) and returns
   * them.
   */
  private static long plateau(StubUpstream stub) throws InterruptedException {
    long last = -1;
    for (int i = 0; i < 20; i++) {
      long now = stub.streamedBytes();
      if (now == last && now > 0) {
        return now;
      }
      last = now;
      Thread.sleep(1_000);
    }
    throw new AssertionError("the upstream kept sending while the client did not read: " + last);
  }

  /**
   * Reads the chunked body to its end (the last chunk and the trailers: the connection stays open)
   * and returns its last 64 KiB.
   */
  private static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    for (int n; (n = in.read(buf)) >= 0; ) {
      byte[] kept = tail.toByteArray();
      tail.reset();
      int keep = Math.max(0, Math.min(kept.length, buf.length - n));
      tail.write(kept, kept.length - keep, keep);
      tail.write(buf, 0, n);
      String text = tail.toString(StandardCharsets.ISO_8859_1);
      int receipt = text.lastIndexOf(": warden-receipt ");
      if (receipt >= 0 && text.indexOf("\r\n0\r\n", receipt) >= 0 && text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
    throw new AssertionError("the stream ended without its last chunk");
  }

  private static String correlationId(String head) {
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Warden-Correlation-Id:", 0, 22)) {
        return line.substring(22).trim();
      }
    }
    throw new AssertionError("no correlation id in " + head);
  }

  @Test
  void aStalledReaderPausesTheUpstreamAndResumingFinishesTheStream() throws Exception {
    StubUpstream stub =
        StubUpstream.builder()
            .streamChunkChars(CHUNK_CHARS)
            .streamFillerChunks(FILLER_CHUNKS)
            .start();
    try (ProxyHarness proxy = new ProxyHarness(tmp.resolve("data"), stub, "", c -> c);
        Socket client = open(proxy)) {
      InputStream in = client.getInputStream();
      byte[] first = in.readNBytes(16 * 1024);
      assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");

      long sent = plateau(stub);
      long total = (long) FILLER_CHUNKS * CHUNK_CHARS;
      // What the upstream got out is what the socket buffers on the path hold (loopback
      // autotuning lets them grow to a few MB), not the answer: the rest waits in the upstream.
      assertThat(sent).as("upstream bytes sent while the client read 16 KiB").isLessThan(total / 4);
      assertThat(stub.streamsCompleted()).isZero();
      Thread.sleep(1_000);
      assertThat(stub.streamedBytes()).as("still paused").isEqualTo(sent);

      String tail = readToEnd(in);
      assertThat(tail).contains("data: [DONE]").contains(": warden-receipt ");
      assertThat(stub.streamsCompleted()).isEqualTo(1);
      assertThat(stub.streamedBytes()).isGreaterThan(total);
    }
  }

  @Test
  void aClientThatNeverReadsAgainIsCutOffAtTheDeadlineAndTheReasonRecorded() throws Exception {
    StubUpstream stub =
        StubUpstream.builder()
            .streamChunkChars(CHUNK_CHARS)
            .streamFillerChunks(FILLER_CHUNKS)
            .start();
    try (ProxyHarness proxy =
            new ProxyHarness(
                tmp.resolve("data"), stub, "responses:\n  streamMaxDurationMs: 1500\n", c -> c);
        Socket client = open(proxy)) {
      byte[] first = client.getInputStream().readNBytes(4 * 1024);
      String head = new String(first, StandardCharsets.UTF_8);
      String id = correlationId(head.substring(0, head.indexOf("\r\n\r\n")));
      // Not another byte is read: the deadline closes the upstream, then the client connection.
      StreamingProxyTest.await("the upstream call is cancelled", () -> stub.streamsAborted() == 1);
      StreamingProxyTest.await(
          "the response record is written",
          () -> {
            try {
              StreamingProxyTest.responseRecord(proxy.gateway.ledgerDir(), id);
              return true;
            } catch (Exception | AssertionError e) {
              return false;
            }
          });
      JsonNode rec = StreamingProxyTest.responseRecord(proxy.gateway.ledgerDir(), id);
      assertThat(rec.path("outcome").asString()).isEqualTo("failed");
      assertThat(rec.path("errorType").asString()).isEqualTo("warden_stream_deadline");
      assertThat(stub.streamsCompleted()).isZero();
      assertThat(stub.streamedBytes()).isLessThan((long) FILLER_CHUNKS * CHUNK_CHARS / 4);
    }
  }
}
