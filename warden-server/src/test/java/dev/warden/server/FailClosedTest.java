package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Ledger;
import dev.warden.api.LedgerRecord;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.testing.StubUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The proxy refuses rather than forwards when a part it depends on fails, and drains on stop. */
class FailClosedTest {
  @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp;

  /** An in-memory ledger that can be told to fail, to test fail-closed paths. */
  static final class SwitchableLedger implements Ledger {
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicLong seq = new AtomicLong();
    final AtomicBoolean closed = new AtomicBoolean();
    final java.util.List<LedgerRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Receipt append(LedgerRecord record) {
      if (failing.get()) {
        throw new LedgerException("disk full (simulated)");
      }
      records.add(record);
      return new Receipt(seq.incrementAndGet(), "0".repeat(64));
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  static WardenConfig config(String upstreamUrl) {
    WardenConfig base = ConfigLoader.fromYaml("");
    return base.withServer(new WardenConfig.Server("127.0.0.1", 0, 1 << 20, 32, 5))
        .withUpstream(new WardenConfig.Upstream(upstreamUrl, 1000, 10_000, true, List.of()));
  }

  static HttpResponse<String> post(HttpClient http, int port, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void ledgerFailureRefusesTrafficAndNothingIsForwarded() throws Exception {
    SwitchableLedger ledger = new SwitchableLedger();
    try (StubUpstream upstream = StubUpstream.start()) {
      WardenConfig config = config(upstream.url());
      Gateway server = Gateway.start(config.withDataDir(tmp.toString()), ledger);
      try {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(post(http, server.port(), ProxyHarness.chat("hi")).statusCode()).isEqualTo(200);

        ledger.failing.set(true);
        HttpResponse<String> refused = post(http, server.port(), ProxyHarness.chat("hi again"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("warden_ledger_unavailable");
        assertThat(upstream.received()).hasSize(1);
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("ledger not writable");
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void stopDrainsInFlightRequests() throws Exception {
    SwitchableLedger ledger = new SwitchableLedger();
    try (StubUpstream upstream = StubUpstream.builder().delay(Duration.ofMillis(800)).start()) {
      WardenConfig config = config(upstream.url());
      Gateway server = Gateway.start(config.withDataDir(tmp.toString()), ledger);
      HttpClient http = HttpClient.newHttpClient();
      CompletableFuture<HttpResponse<String>> inFlight =
          CompletableFuture.supplyAsync(() -> {
            try {
              return post(http, server.port(), ProxyHarness.chat("slow one"));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      while (upstream.received().isEmpty()) {
        Thread.sleep(10);
      }
      server.stop();

      assertThat(inFlight.get().statusCode()).isEqualTo(200);
      assertThat(ledger.records)
          .extracting(LedgerRecord::event)
          .containsExactly("request", "response");
    }
  }
}
