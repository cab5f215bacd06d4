package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.LedgerRecord;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.testing.StubUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway started with a host-supplied ledger records there and leaves the file ledger alone. */
class HostLedgerTest {
  @Test
  void decisionsGoToTheHostLedgerAndNoLedgerFileIsCreated(@TempDir Path tmp) throws Exception {
    FailClosedTest.SwitchableLedger ledger = new FailClosedTest.SwitchableLedger();
    Path data = tmp.resolve("data");
    try (StubUpstream stub = StubUpstream.builder().start()) {
      WardenConfig config =
          ConfigLoader.fromYaml(
                  "server: {host: 127.0.0.1, port: 0, drainSeconds: 1}\nupstream: {url: '%s'}\n"
                      .formatted(stub.url()))
              .withDataDir(data.toString());
      Gateway gateway = Gateway.start(config, ledger);
      HttpResponse<String> res;
      try {
        res =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                                    + "\"content\":\"mail dana.kim@corp-mail.example.net\"}]}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
      } finally {
        gateway.stop();
      }

      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(stub.lastReceived()).doesNotContain("dana.kim");
      List<LedgerRecord> exchanges =
          ledger.records.stream().filter(r -> r.correlationId().length() > 0).toList();
      assertThat(exchanges)
          .anySatisfy(r -> {
            assertThat(r.route()).isEqualTo("/v1/chat/completions");
            assertThat(r.findings()).extracting(LedgerRecord.FindingEntry::type).contains("email");
          });
      assertThat(ledger.closed).isTrue();
      assertThat(Files.exists(Gateway.ledgerDir(data))).isFalse();
    }
  }
}
