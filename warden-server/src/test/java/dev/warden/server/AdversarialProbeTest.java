package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.config.WardenConfig;
import dev.warden.testing.StubUpstream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions of the adversarial probes of 2026-11-24 (docs/security.md, "Adversarial probes"):
 * each test replays one probe that found a defect, over real HTTP on loopback.
 */
class AdversarialProbeTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

  @TempDir Path tmp;

  /** What a raw connection received, and whether the gateway closed it within the bound. */
  record Exchange(String text, boolean closedByServer) {
    List<String> statuses() {
      Matcher m = STATUS_LINE.matcher(text);
      List<String> out = new java.util.ArrayList<>();
      while (m.find()) {
        out.add(m.group(1));
      }
      return out;
    }
  }

  /** Sends raw bytes on a fresh connection and reads until the gateway closes it or 3 s pass. */
  static Exchange raw(int port, byte[] request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(3000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      long deadline = System.nanoTime() + 3_000_000_000L;
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
          if (System.nanoTime() > deadline) {
            return new Exchange(got.toString(StandardCharsets.ISO_8859_1), false);
          }
        }
        return new Exchange(got.toString(StandardCharsets.ISO_8859_1), true);
      } catch (SocketTimeoutException e) {
        return new Exchange(got.toString(StandardCharsets.ISO_8859_1), false);
      } catch (java.net.SocketException e) {
        return new Exchange(got.toString(StandardCharsets.ISO_8859_1), true); // reset: closed
      }
    }
  }

  static byte[] request(String method, String path, String contentType, String body, String extra) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + b.length
            + "\r\n"
            + extra
            + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[h.length + b.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(b, 0, out, h.length, b.length);
    return out;
  }

  /**
   * Probe: a request with {@code Connection: close} refused before its body is read (415, 404, 405,
   * a forged header) whose body is itself a complete request. Before the fix Helidon answered the
   * refusal, skipped the body and parsed it as a second request, which was forwarded.
   */
  @Test
  void anUnreadBodyOfAClosingRequestIsNeverParsedAsASecondRequest() throws Exception {
    try (ProxyHarness proxy = new ProxyHarness(tmp.resolve("d"), StubUpstream.start())) {
      String inner =
          new String(
              request("POST", CHAT, "application/json", ProxyHarness.chat("smuggled"), ""),
              StandardCharsets.ISO_8859_1);
      List<byte[]> refusedFirst =
          List.of(
              request("POST", CHAT, "text/plain", inner, "Connection: close\r\n"),
              request("POST", "/admin", "application/json", inner, "Connection: close\r\n"),
              request("GET", CHAT, "application/json", inner, "Connection: close\r\n"),
              request(
                  "POST",
                  CHAT,
                  "application/json",
                  inner,
                  "Warden-Note: x\r\nConnection: keep-alive, close\r\n"));
      for (byte[] probe : refusedFirst) {
        Exchange ex = raw(proxy.gateway.port(), probe);
        assertThat(ex.statuses()).as(ex.text()).hasSize(1);
        assertThat(ex.statuses().getFirst()).isIn("400", "404", "405", "415");
        assertThat(ex.closedByServer()).as("closed after the answer, as announced").isTrue();
      }
      // A pipelined request after an answered one that asked to close is not served either.
      Exchange answered =
          raw(
              proxy.gateway.port(),
              (new String(
                          request(
                              "POST",
                              CHAT,
                              "application/json",
                              ProxyHarness.chat("first"),
                              "Connection: close\r\n"),
                          StandardCharsets.ISO_8859_1)
                      + inner)
                  .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(answered.statuses()).containsExactly("200");
      assertThat(answered.closedByServer()).isTrue();
      assertThat(proxy.received()).hasSize(1).noneMatch(body -> body.contains("smuggled"));
      // Without Connection: close the connection stays usable and a body is still drained.
      Exchange keptAlive =
          raw(proxy.gateway.port(), request("POST", CHAT, "text/plain", inner, ""));
      assertThat(keptAlive.statuses()).containsExactly("415");
      assertThat(proxy.received()).noneMatch(body -> body.contains("smuggled"));
    }
  }

  /**
   * Probe: a GitHub token in {@code OpenAI-Organization} and an AWS key id in {@code
   * OpenAI-Project}. Before the fix both were forwarded upstream unscanned.
   */
  @Test
  void aForwardedHeaderHoldingASecretIsRefused() throws Exception {
    List<String> secrets = SecretLeakTest.secrets();
    String awsKeyId = secrets.get(1);
    String githubToken = secrets.get(2);
    try (ProxyHarness proxy = new ProxyHarness(tmp.resolve("h"), StubUpstream.start())) {
      for (Map.Entry<String, String> header :
          Map.of("OpenAI-Organization", githubToken, "OpenAI-Project", awsKeyId).entrySet()) {
        HttpResponse<String> res =
            proxy.post(
                CHAT,
                ProxyHarness.chat("hi").getBytes(StandardCharsets.UTF_8),
                Map.of(header.getKey(), header.getValue()));
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
            .contains("warden_header_sensitive")
            .contains(header.getKey().toLowerCase(java.util.Locale.ROOT))
            .doesNotContain(header.getValue());
      }
      assertThat(proxy.received()).isEmpty();
      // A plain selector still passes.
      HttpResponse<String> plain =
          proxy.post(
              CHAT,
              ProxyHarness.chat("hi").getBytes(StandardCharsets.UTF_8),
              Map.of("OpenAI-Organization", "org-acme"));
      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(proxy.upstream.receivedHeaders().getLast())
          .containsEntry("openai-organization", "org-acme");
      String ledger = ledgerText(proxy);
      assertThat(ledger)
          .contains("request/header/openai-organization")
          .doesNotContain(githubToken)
          .doesNotContain(awsKeyId);
    }
  }

  /**
   * Probe: the upstream answers with a GitHub token in {@code x-request-id}, whole and streamed.
   * Before the fix the header reached the client as sent.
   */
  @Test
  void aReturnedHeaderHoldingASecretIsWithheld() throws Exception {
    String githubToken = SecretLeakTest.secrets().get(2);
    try (ProxyHarness proxy =
        new ProxyHarness(
            tmp.resolve("r"),
            StubUpstream.builder()
                .responseHeader("x-request-id", githubToken)
                .responseHeader("x-ratelimit-remaining-requests", "99")
                .start())) {
      HttpResponse<String> whole = proxy.post(CHAT, ProxyHarness.chat("hi"));
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.headers().firstValue("x-request-id")).isEmpty();
      assertThat(whole.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("99");
      HttpResponse<String> streamed =
          proxy.post(
              CHAT,
              "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertThat(streamed.statusCode()).isEqualTo(200);
      assertThat(streamed.headers().firstValue("x-request-id")).isEmpty();
      assertThat(streamed.headers().map().toString()).doesNotContain(githubToken);
      assertThat(ledgerText(proxy))
          .contains("response/header/x-request-id")
          .doesNotContain(githubToken);
    }
  }

  /**
   * Probe: headers, then the first bytes of a declared body, then nothing. Before the fix the
   * exchange waited for the rest without bound (still waiting after 40 s), holding its thread and
   * in-flight slot; now {@code server.bodyReadTimeoutMs} ends it, recorded as a refusal.
   */
  @Test
  void aBodyThatStopsArrivingIsCutOffAtTheBound() throws Exception {
    try (ProxyHarness proxy =
        new ProxyHarness(
            tmp.resolve("b"),
            StubUpstream.start(),
            "",
            c -> {
              WardenConfig.Server s = c.server();
              return c.withServer(
                  new WardenConfig.Server(
                      s.host(), s.port(), s.maxBodyBytes(), s.maxJsonDepth(), 1, 800));
            })) {
      byte[] whole = request("POST", CHAT, "application/json", ProxyHarness.chat("hi"), "");
      byte[] partial = java.util.Arrays.copyOf(whole, whole.length - 20);
      long started = System.nanoTime();
      Exchange ex = raw(proxy.gateway.port(), partial);
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertThat(ex.closedByServer()).as("the gateway ended the stalled exchange").isTrue();
      assertThat(millis).isBetween(700L, 2_900L);
      assertThat(proxy.received()).isEmpty();
      // The client sees the close as the deadline fires; the refusal is recorded just after.
      String ledger = ledgerText(proxy);
      for (int i = 0; i < 30 && !ledger.contains("warden_body_timeout"); i++) {
        Thread.sleep(100);
        ledger = ledgerText(proxy);
      }
      assertThat(ledger).contains("warden_body_timeout");
      // The interrupt that ended the read did not reach the ledger append: still ready.
      assertThat(proxy.get("/ready").statusCode()).isEqualTo(200);
      assertThat(proxy.post(CHAT, ProxyHarness.chat("hi")).statusCode()).isEqualTo(200);
    }
  }

  /**
   * Probe: an AWS key id as the Gemini model name in the path. Before the fix it was forwarded in
   * the upstream's URL and written in clear as the route of the ledger record and the access log.
   */
  @Test
  void aModelNameInThePathHoldingASecretIsRefusedAndNeverRecorded() throws Exception {
    String awsKeyId = SecretLeakTest.secrets().get(1);
    try (DialectGateway gw = DialectGateway.start(tmp.resolve("g"), "")) {
      String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
      HttpResponse<String> res = gw.post("/v1beta/models/" + awsKeyId + ":generateContent", body);

      assertThat(res.statusCode()).isEqualTo(400);
      assertThat(res.body()).contains("warden_path_sensitive").doesNotContain(awsKeyId);
      assertThat(gw.gemini.received()).isEmpty();
      String ledger = ledgerText(gw.gateway);
      assertThat(ledger).contains("request/path/model").doesNotContain(awsKeyId);
      // A plain model name still passes.
      assertThat(gw.post("/v1beta/models/gemini-2.0-flash:generateContent", body).statusCode())
          .isEqualTo(200);
    }
  }

  /**
   * Probe: a card number as a JSON number in floating-point form, as a tool or a model serializing
   * a number writes it. Before the fix only integer numbers were scanned and it was forwarded.
   */
  @Test
  void aCardWrittenAsAFloatingPointNumberIsBlocked() throws Exception {
    try (ProxyHarness proxy = new ProxyHarness(tmp.resolve("f"), StubUpstream.start())) {
      for (String card : List.of("4.111111111111111e15", "4111111111111111.0")) {
        String body =
            "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"metadata\":{\"card_number\":"
                + card
                + "}}";
        HttpResponse<String> res = proxy.post(CHAT, body);

        assertThat(res.statusCode()).as(card).isEqualTo(403);
        assertThat(res.body()).contains("warden_blocked").doesNotContain("4111");
      }
      assertThat(proxy.received()).isEmpty();
      // A price is no card: still forwarded.
      String price =
          "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
              + "\"metadata\":{\"amount\":4111.0,\"card_number_last4\":1111.0}}";
      assertThat(proxy.post(CHAT, price).statusCode()).isEqualTo(200);
      assertThat(proxy.received()).hasSize(1);
    }
  }

  private static String ledgerText(ProxyHarness proxy) throws Exception {
    return ledgerText(proxy.gateway);
  }

  private static String ledgerText(Gateway gateway) throws Exception {
    StringBuilder b = new StringBuilder();
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(gateway.ledgerDir())) {
      for (Path p : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        b.append(java.nio.file.Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return b.toString();
  }
}
