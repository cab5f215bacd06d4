package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.ledger.LedgerVerifier;
import dev.warden.ledger.VerifyReport;
import dev.warden.testing.StubUpstream;
import dev.warden.vault.LocalKeyring;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProxyTest {
  static final JsonMapper JSON = JsonMapper.shared();
  @TempDir Path tmp;
  ProxyHarness proxy;

  @BeforeEach
  void start() {
    proxy =
        new ProxyHarness(
            tmp.resolve("data"),
            StubUpstream.builder()
                .appendToReply(" Contact the admin at root.admin@corp.example.net")
                .start());
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  static String lastUser(String requestJson) {
    JsonNode messages = JSON.readTree(requestJson).path("messages");
    return messages.get(messages.size() - 1).path("content").asString();
  }

  static JsonNode error(HttpResponse<String> res) {
    return JSON.readTree(res.body()).path("error");
  }

  @Test
  void redactionReachesTheUpstream() throws Exception {
    HttpResponse<String> res =
        proxy.post("/v1/chat/completions", ProxyHarness.chat("Mail jane.doe@example.com today"));

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(proxy.received()).hasSize(1);
    assertThat(lastUser(proxy.received().getFirst()))
        .isEqualTo("Mail [REDACTED:email] today")
        .doesNotContain("jane.doe");
    assertThat(res.headers().firstValue("Warden-Correlation-Id"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("wd-"));
    assertThat(res.headers().firstValue("Warden-Ledger-Seq")).isPresent();
  }

  @Test
  void blockedRequestNeverReachesTheUpstream() throws Exception {
    HttpResponse<String> res =
        proxy.post("/v1/chat/completions", ProxyHarness.chat("charge 4111 1111 1111 1111 now"));

    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(error(res).path("type").asString()).isEqualTo("warden_blocked");
    assertThat(error(res).path("message").asString()).contains("card").doesNotContain("4111");
    assertThat(proxy.received()).isEmpty();
  }

  @Test
  void responsesAreProtected() throws Exception {
    HttpResponse<String> res = proxy.post("/v1/chat/completions", ProxyHarness.chat("hello"));

    assertThat(res.statusCode()).isEqualTo(200);
    String reply =
        JSON.readTree(res.body())
            .path("choices")
            .path(0)
            .path("message")
            .path("content")
            .asString();
    assertThat(reply).contains("[REDACTED:email]").doesNotContain("root.admin@corp.example.net");
  }

  @Test
  void toolCallArgumentsAreScannedAsJson() throws Exception {
    String body =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"send\",\"arguments\":\"{\\\"to\\\":\\\"bob.smith@example.org\\\",\\\"n\\\":1}\"}}]},"
            + "{\"role\":\"user\",\"content\":\"ok\"}]}";
    HttpResponse<String> res = proxy.post("/v1/chat/completions", body);

    assertThat(res.statusCode()).isEqualTo(200);
    String sent = proxy.received().getFirst();
    assertThat(sent).doesNotContain("bob.smith");
    String args =
        JSON.readTree(sent)
            .path("messages")
            .path(0)
            .path("tool_calls")
            .path(0)
            .path("function")
            .path("arguments")
            .asString();
    assertThat(JSON.readTree(args).path("to").asString()).isEqualTo("[REDACTED:email]");
    assertThat(JSON.readTree(args).path("n").asInt()).isEqualTo(1);
  }

  @Test
  void completionsAndEmbeddingsAreProtected() throws Exception {
    assertThat(
            proxy
                .post("/v1/completions", "{\"model\":\"m\",\"prompt\":\"to jane.doe@example.com\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            proxy
                .post(
                    "/v1/embeddings",
                    "{\"model\":\"m\",\"input\":[\"a\",\"jane.doe@example.com\"]}")
                .statusCode())
        .isEqualTo(200);

    assertThat(proxy.received()).hasSize(2).noneMatch(b -> b.contains("jane.doe"));
  }

  @Test
  void secretsInAnyPositionAreProtected() throws Exception {
    String body =
        "{\"model\":\"m\",\"user\":\"jane.doe@example.com\",\"metadata\":{\"jane.doe@example.com\":\"x\"},"
            + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi jane.doe@example.com\"}]}]}";
    HttpResponse<String> res = proxy.post("/v1/chat/completions", body);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(proxy.received().getFirst()).doesNotContain("jane.doe");
  }

  @Test
  void badInputGetsItsStatusAndType() throws Exception {
    record Case(String name, byte[] body, Map<String, String> headers, int status, String type) {}
    byte[] big = new byte[4 * 1024 * 1024 + 10];
    java.util.Arrays.fill(big, (byte) 'a');
    String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
    byte[] notUtf8 =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\u00ff\"}]}"
            .getBytes(StandardCharsets.ISO_8859_1);
    List<Case> cases =
        List.of(
            new Case("oversize", big, Map.of(), 413, "warden_too_large"),
            new Case(
                "deep", deep.getBytes(StandardCharsets.UTF_8), Map.of(), 400, "warden_too_deep"),
            new Case("not utf-8", notUtf8, Map.of(), 400, "warden_invalid_encoding"),
            new Case(
                "invalid json",
                "{\"model\":".getBytes(StandardCharsets.UTF_8),
                Map.of(),
                400,
                "warden_invalid_json"),
            new Case(
                "trailing garbage",
                "{} {}".getBytes(StandardCharsets.UTF_8),
                Map.of(),
                400,
                "warden_invalid_json"),
            new Case(
                "duplicate key",
                "{\"content\":\"a\",\"content\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                Map.of(),
                400,
                "warden_invalid_json"),
            new Case("empty", new byte[0], Map.of(), 400, "warden_invalid_json"),
            new Case(
                "forged marker",
                ProxyHarness.chat("hi").getBytes(StandardCharsets.UTF_8),
                Map.of("Warden-Receipt", "forged"),
                400,
                "warden_forged_header"),
            new Case(
                "form body",
                "a=b".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                415,
                "warden_unsupported_media_type"),
            new Case(
                "gzip body",
                ProxyHarness.chat("hi").getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Encoding", "gzip"),
                400,
                "warden_bad_request"));
    for (Case c : cases) {
      HttpResponse<String> res = proxy.post("/v1/chat/completions", c.body(), c.headers());
      assertThat(res.statusCode()).as(c.name()).isEqualTo(c.status());
      assertThat(error(res).path("type").asString()).as(c.name()).isEqualTo(c.type());
      assertThat(res.headers().firstValue("Content-Type"))
          .as(c.name())
          .hasValue("application/json");
    }
    assertThat(proxy.received()).as("nothing bad was forwarded").isEmpty();
    assertThat(verify().ok()).isTrue();
    assertThat(verify().recordsChecked()).isGreaterThanOrEqualTo(cases.size());
  }

  @Test
  void framingConflictsAreRefusedInJson() throws Exception {
    String raw =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    try (var socket = new java.net.Socket("127.0.0.1", proxy.gateway.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(raw.getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400").contains("\"warden_bad_request\"");
    }
    assertThat(proxy.received()).isEmpty();
    assertThat(verify().ok()).isTrue();
  }

  @Test
  void unknownPathsAndMethodsAreRefused() throws Exception {
    HttpResponse<String> notFound = proxy.get("/v1/models");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(error(notFound).path("type").asString()).isEqualTo("warden_not_found");

    HttpResponse<String> wrongMethod = proxy.get("/v1/chat/completions");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(proxy.received()).isEmpty();
  }

  @Test
  void onlyChosenHeadersCrossTheGateway() throws Exception {
    proxy.close();
    proxy =
        new ProxyHarness(
            tmp.resolve("headers"),
            StubUpstream.builder()
                .responseHeader("x-request-id", "req_123")
                .responseHeader("Set-Cookie", "session=abc")
                .responseHeader("Retry-After", "dana@example.org")
                .start());

    HttpResponse<String> res =
        proxy.post(
            "/v1/chat/completions",
            ProxyHarness.chat("hi").getBytes(StandardCharsets.UTF_8),
            Map.of(
                "Authorization", "Bearer sk-client",
                "OpenAI-Project", "proj_abc",
                "X-Debug", "dana@example.org",
                "Cookie", "a=b"));

    assertThat(res.statusCode()).isEqualTo(200);
    Map<String, String> sent = proxy.upstream.receivedHeaders().getFirst();
    assertThat(sent)
        .containsEntry("authorization", "Bearer sk-client")
        .containsEntry("openai-project", "proj_abc")
        .doesNotContainKeys("x-debug", "cookie");
    assertThat(res.headers().firstValue("x-request-id")).hasValue("req_123");
    assertThat(res.headers().firstValue("set-cookie")).isEmpty();
    assertThat(res.headers().firstValue("retry-after")).as("not a plain token").isEmpty();
  }

  @Test
  void upstreamBasePathsAreKeptAndATrailingV1IsNotDoubled() throws Exception {
    assertThat(Upstream.basePath("")).isEmpty();
    assertThat(Upstream.basePath("/")).isEmpty();
    assertThat(Upstream.basePath("/v1")).isEmpty();
    assertThat(Upstream.basePath("/v1/")).isEmpty();
    assertThat(Upstream.basePath("/openai")).isEqualTo("/openai");
    assertThat(Upstream.basePath("/openai/v1")).isEqualTo("/openai");

    proxy.close();
    StubUpstream stub = StubUpstream.start();
    proxy =
        new ProxyHarness(
            tmp.resolve("v1"),
            stub,
            "",
            c ->
                c.withUpstream(
                    new dev.warden.engine.config.WardenConfig.Upstream(
                        stub.url() + "/v1", 1000, 5000, true, List.of())));
    assertThat(proxy.post("/v1/chat/completions", ProxyHarness.chat("hi")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aResponseCarryingABlockedValueNeverReachesTheClient() throws Exception {
    proxy.close();
    proxy =
        new ProxyHarness(
            tmp.resolve("rb"),
            StubUpstream.builder()
                .appendToReply(" your card 4111 1111 1111 1111 is on file")
                .start());
    HttpResponse<String> json = proxy.post("/v1/chat/completions", ProxyHarness.chat("hi"));
    assertThat(json.statusCode()).isEqualTo(502);
    assertThat(error(json).path("type").asString()).isEqualTo("warden_response_blocked");
    assertThat(json.body()).contains("card").doesNotContain("4111");

    proxy.close();
    proxy =
        new ProxyHarness(
            tmp.resolve("rb2"),
            StubUpstream.builder().rawReply("card 4111 1111 1111 1111", "text/plain").start());
    HttpResponse<String> text = proxy.post("/v1/chat/completions", ProxyHarness.chat("hi"));
    assertThat(text.statusCode()).isEqualTo(502);
    assertThat(text.body()).contains("warden_response_blocked").doesNotContain("4111");
    assertThat(readLedger()).contains("\"event\":\"response\"", "\"blocked\"");
  }

  @Test
  void queryStringsAreRefused() throws Exception {
    HttpResponse<String> res =
        proxy.post("/v1/chat/completions?key=jane.doe@example.com", ProxyHarness.chat("hi"));
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(error(res).path("type").asString()).isEqualTo("warden_query_not_allowed");
    assertThat(proxy.received()).isEmpty();
  }

  @Test
  void healthEndpoints() throws Exception {
    assertThat(proxy.get("/live").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = proxy.get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"ready\"");
  }

  @Test
  void ledgerVerifiesAndHoldsNoPlaintext() throws Exception {
    proxy.post("/v1/chat/completions", ProxyHarness.chat("Mail jane.doe@example.com"));
    proxy.post("/v1/chat/completions", ProxyHarness.chat("card 4111 1111 1111 1111"));

    VerifyReport report = verify();
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.macChecked()).isTrue();
    assertThat(report.recordsChecked())
        .isEqualTo(3); // request + response, then the blocked request
    String ledger = readLedger();
    assertThat(ledger)
        .doesNotContain("jane.doe", "4111 1111", "root.admin")
        .contains("\"valueHash\"", "\"blocked\"");
  }

  @Test
  void upstreamUnreachableIs502() throws Exception {
    int deadPort;
    try (var socket = new java.net.ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    proxy.close();
    StubUpstream stub = StubUpstream.start();
    int port = deadPort;
    proxy =
        new ProxyHarness(
            tmp.resolve("data2"),
            stub,
            "",
            c ->
                c.withUpstream(
                    new dev.warden.engine.config.WardenConfig.Upstream(
                        "http://127.0.0.1:" + port, 1000, 2000, true, List.of())));

    HttpResponse<String> res = proxy.post("/v1/chat/completions", ProxyHarness.chat("hi"));
    assertThat(res.statusCode()).isEqualTo(502);
    assertThat(error(res).path("type").asString()).isEqualTo("warden_upstream_unreachable");
  }

  @Test
  void upstreamTimeoutIs504() throws Exception {
    proxy.close();
    proxy =
        new ProxyHarness(
            tmp.resolve("data3"),
            StubUpstream.builder().delay(Duration.ofSeconds(3)).start(),
            "upstream:\n  timeoutMs: 500\n",
            c -> c);

    HttpResponse<String> res = proxy.post("/v1/chat/completions", ProxyHarness.chat("hi"));
    assertThat(res.statusCode()).isEqualTo(504);
    assertThat(error(res).path("type").asString()).isEqualTo("warden_upstream_timeout");
  }

  @Test
  void unparseableUpstreamJsonIsNotPassedOn() throws Exception {
    proxy.close();
    proxy =
        new ProxyHarness(
            tmp.resolve("data4"),
            StubUpstream.builder()
                .rawReply("{\"choices\":[{\"text\":\"jane.doe@example.com\"", "application/json")
                .start());

    HttpResponse<String> res = proxy.post("/v1/chat/completions", ProxyHarness.chat("hi"));
    assertThat(res.statusCode()).isEqualTo(502);
    assertThat(error(res).path("type").asString()).isEqualTo("warden_upstream_invalid");
    assertThat(res.body()).doesNotContain("jane.doe");
  }

  @Test
  void plainTextUpstreamAnswersAreScannedToo() throws Exception {
    proxy.close();
    proxy =
        new ProxyHarness(
            tmp.resolve("data5"),
            StubUpstream.builder()
                .rawReply("error for jane.doe@example.com", "text/plain")
                .start());

    HttpResponse<String> res = proxy.post("/v1/chat/completions", ProxyHarness.chat("hi"));
    assertThat(res.body()).isEqualTo("error for [REDACTED:email]");
  }

  @Test
  void dryRunForwardsUnchangedButRecords() throws Exception {
    proxy.close();
    proxy = new ProxyHarness(tmp.resolve("data6"), StubUpstream.start(), "mode: dry-run\n", c -> c);

    HttpResponse<String> res =
        proxy.post(
            "/v1/chat/completions",
            ProxyHarness.chat("card 4111 1111 1111 1111 mail jane.doe@example.com"));

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(lastUser(proxy.received().getFirst()))
        .contains("jane.doe@example.com", "4111 1111 1111 1111");
    assertThat(readLedger())
        .contains("\"observed\"", "\"mode\":\"dry-run\"")
        .doesNotContain("jane.doe");
  }

  VerifyReport verify() {
    return LedgerVerifier.verify(
        proxy.gateway.ledgerDir(),
        LocalKeyring.open(proxy.gateway.dataDir()).authenticator(Gateway.LEDGER_KEY));
  }

  String readLedger() throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(proxy.gateway.ledgerDir())) {
      for (Path p : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        all.append(Files.readString(p));
      }
    }
    return all.toString();
  }
}
