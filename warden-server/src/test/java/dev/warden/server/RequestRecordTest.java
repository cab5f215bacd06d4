package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.MessageAuthenticator;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.ledger.FileLedger;
import dev.warden.ledger.LedgerVerifier;
import dev.warden.ledger.VerifyReport;
import dev.warden.testing.StubUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The request record of a non-streamed exchange is queued, not waited for, before forwarding: the
 * answer still leaves only once it is durable, and when it cannot be written the client gets a 503
 * instead of an answer (docs/ledger.md, "The request record").
 */
class RequestRecordTest {
  @TempDir Path tmp;

  private static final byte[] KEY_BYTES =
      "request-record-test-key-32-bytes".getBytes(StandardCharsets.US_ASCII);

  /** HMAC-SHA256 that can be told to fail for request records (the writer's MAC input). */
  private static final class FlakyMac implements MessageAuthenticator {
    final AtomicBoolean failRequests = new AtomicBoolean();

    @Override
    public byte[] tag(byte[] data) {
      if (failRequests.get()
          && new String(data, StandardCharsets.UTF_8).contains("\"event\":\"request\"")) {
        throw new IllegalStateException("key store unavailable (simulated)");
      }
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY_BYTES, "HmacSHA256"));
        return mac.doFinal(data);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static WardenConfig config(String upstream, Path data) {
    return ConfigLoader.fromYaml(
            "server: {host: 127.0.0.1, port: 0, drainSeconds: 1}\nupstream: {url: '%s'}\n"
                .formatted(upstream))
        .withDataDir(data.toString());
  }

  private static HttpResponse<String> chat(HttpClient http, Gateway gateway, String text)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(ProxyHarness.chat(text)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String line, String name) {
    int at = line.indexOf("\"" + name + "\":");
    assertThat(at).as(name + " in " + line).isNotNegative();
    int from = at + name.length() + 3;
    int to = from;
    while (to < line.length() && line.charAt(to) != ',' && line.charAt(to) != '}') {
      to++;
    }
    return line.substring(from, to).replace("\"", "");
  }

  @ParameterizedTest(name = "groupCommit={0}")
  @EnumSource(FileLedger.GroupCommit.class)
  void everyAnswerLeavesWithItsRequestRecordAlreadyOnDisk(FileLedger.GroupCommit groupCommit)
      throws Exception {
    Path ledgerDir = tmp.resolve("ledger");
    FlakyMac mac = new FlakyMac();
    try (StubUpstream stub = StubUpstream.builder().start()) {
      FileLedger ledger =
          FileLedger.open(
              ledgerDir, mac, FileLedger.Options.defaults().withGroupCommit(groupCommit));
      Gateway gateway = Gateway.start(config(stub.url(), tmp.resolve("data")), ledger);
      try {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
          HttpResponse<String> res = chat(http, gateway, "mail dana.kim@corp-mail.example.net");
          assertThat(res.statusCode()).isEqualTo(200);
          String id = res.headers().firstValue("Warden-Correlation-Id").orElseThrow();
          long answeredSeq =
              Long.parseLong(res.headers().firstValue("Warden-Ledger-Seq").orElseThrow());
          // Read while the gateway runs: what a crash right after this answer would leave.
          List<String> mine =
              Files.readAllLines(ledgerDir.resolve("ledger-000001.jsonl")).stream()
                  .filter(l -> l.contains("\"correlationId\":\"" + id + "\""))
                  .toList();
          assertThat(mine).hasSize(2);
          assertThat(field(mine.get(0), "event")).isEqualTo("request");
          assertThat(field(mine.get(0), "outcome")).isEqualTo("transformed");
          assertThat(field(mine.get(1), "event")).isEqualTo("response");
          assertThat(Long.parseLong(field(mine.get(1), "seq"))).isEqualTo(answeredSeq);
          assertThat(Long.parseLong(field(mine.get(0), "seq"))).isLessThan(answeredSeq);
        }
      } finally {
        gateway.stop();
      }
    }
    VerifyReport report = LedgerVerifier.verify(ledgerDir, mac);
    assertThat(report.ok()).as(report.message()).isTrue();
  }

  @ParameterizedTest(name = "groupCommit={0}")
  @EnumSource(FileLedger.GroupCommit.class)
  void aRequestRecordThatCannotBeWrittenWithholdsTheAnswer(FileLedger.GroupCommit groupCommit)
      throws Exception {
    Path ledgerDir = tmp.resolve("ledger");
    FlakyMac mac = new FlakyMac();
    long intact;
    try (StubUpstream stub = StubUpstream.builder().start()) {
      FileLedger ledger =
          FileLedger.open(
              ledgerDir, mac, FileLedger.Options.defaults().withGroupCommit(groupCommit));
      Gateway gateway = Gateway.start(config(stub.url(), tmp.resolve("data")), ledger);
      try {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(chat(http, gateway, "hello").statusCode()).isEqualTo(200);
        // Records only: the active segment may end in zero-filled preallocated space.
        intact =
            Files.readAllLines(ledgerDir.resolve("ledger-000001.jsonl")).stream()
                .filter(l -> l.startsWith("{"))
                .count();

        mac.failRequests.set(true);
        HttpResponse<String> lost = chat(http, gateway, "mail dana.kim@corp-mail.example.net");

        // The documented window: the protected request was forwarded while its record was being
        // written; the record failed, so the answer is withheld and nothing proves it.
        assertThat(lost.statusCode()).isEqualTo(503);
        assertThat(lost.body()).contains("warden_ledger_unavailable");
        assertThat(lost.headers().firstValue("Warden-Receipt")).isEmpty();
        assertThat(lost.body()).doesNotContain("dana.kim");
        assertThat(stub.received()).hasSize(2);
        assertThat(stub.lastReceived()).doesNotContain("dana.kim");

        // From then on the ledger refuses, and nothing more is forwarded.
        mac.failRequests.set(false);
        HttpResponse<String> refused = chat(http, gateway, "hello again");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(stub.received()).hasSize(2);
      } finally {
        gateway.stop();
      }
    }
    VerifyReport report = LedgerVerifier.verify(ledgerDir, mac);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).as("the records up to the first answer").isEqualTo(intact);
  }
}
