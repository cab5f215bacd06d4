package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.config.WardenConfig;
import dev.warden.testing.StubUpstream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstreams and clients that bend the protocol: none of it may hang Warden or slip past it. */
class MisbehavingUpstreamTest {
  @TempDir Path tmp;

  /** Answers every connection with headers, then one body byte every 200 ms, forever. */
  static final class DrippingUpstream implements AutoCloseable {
    final ServerSocket server;
    final AtomicBoolean open = new AtomicBoolean(true);
    final Thread acceptor;

    DrippingUpstream() throws Exception {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor =
          Thread.ofVirtual()
              .start(() -> {
                while (open.get()) {
                  try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> drip(s));
                  } catch (Exception e) {
                    return;
                  }
                }
              });
    }

    void drip(Socket s) {
      try (s) {
        InputStream in = s.getInputStream();
        in.read(new byte[65536]);
        OutputStream out = s.getOutputStream();
        out.write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"a\":\""
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < 600 && open.get(); i++) {
          Thread.sleep(200);
          out.write('x');
          out.flush();
        }
      } catch (Exception e) {
        // the proxy hung up, as it should
      }
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      open.set(false);
      server.close();
    }
  }

  @Test
  void aDrippingUpstreamHitsTheTotalDeadline() throws Exception {
    try (DrippingUpstream drip = new DrippingUpstream();
        ProxyHarness proxy =
            new ProxyHarness(
                tmp.resolve("d"),
                StubUpstream.start(),
                "upstream:\n  timeoutMs: 1500\n",
                c ->
                    c.withUpstream(
                        new WardenConfig.Upstream(drip.url(), 1000, 1500, true, List.of())))) {
      long started = System.nanoTime();
      HttpResponse<String> res = proxy.post("/v1/chat/completions", ProxyHarness.chat("hi"));
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertThat(res.statusCode()).isEqualTo(504);
      assertThat(res.body()).contains("warden_upstream_timeout");
      assertThat(millis).as("bounded by the total deadline, not 600 drips").isLessThan(10_000);
      // The thread that was interrupted serves the next request normally.
      HttpResponse<String> health = proxy.get("/ready");
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void pathVariantsOfProtectedRoutesNeverBypassProtection() throws Exception {
    try (ProxyHarness proxy = new ProxyHarness(tmp.resolve("p"), StubUpstream.start())) {
      for (String path :
          List.of(
              "/v1/chat/completions/",
              "/V1/chat/completions",
              "/v1//chat/completions",
              "/v1/chat/completions%2F",
              "/v1/chat/./completions",
              "/v1/chat/completions;x")) {
        HttpResponse<String> res = proxy.post(path, ProxyHarness.chat("mail jane.doe@example.com"));
        // Refused, or normalized onto the route and protected like it; never forwarded raw.
        assertThat(res.statusCode()).as(path).isIn(200, 400, 404);
      }
      assertThat(proxy.received()).allSatisfy(body -> assertThat(body).doesNotContain("jane.doe"));
    }
  }
}
