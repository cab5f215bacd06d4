package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import dev.warden.testing.StubUpstream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Sends known secrets through the proxy in every position and every failure path, then searches
 * every ledger record and every log line for them. One hit fails the build.
 */
class SecretLeakTest {
  @TempDir Path tmp;

  @Test
  void noSecretReachesLedgerOrLogs() throws Exception {
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new OutputStreamAppender<>();
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(ctx);
    encoder.start();
    appender.setContext(ctx);
    appender.setEncoder(encoder);
    appender.setOutputStream(logs);
    appender.start();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);

    List<String> secrets = secrets();
    try (ProxyHarness proxy =
        new ProxyHarness(
            tmp.resolve("data"),
            StubUpstream.builder().appendToReply(" " + secrets.get(1)).start())) {
      for (String secret : secrets) {
        String json = tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(secret);
        proxy.post("/v1/chat/completions", ProxyHarness.chat("value: " + secret));
        proxy.post("/v1/chat/completions", "{\"model\":" + json + ",\"messages\":[]}");
        proxy.post("/v1/completions", "{\"model\":\"m\",\"prompt\":\"x\"," + json + ":1}");
        // Failure paths: the error body and log must not echo the value either.
        var invalid = proxy.post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[" + json);
        assertThat(invalid.body()).doesNotContain(secret);
        var deep = proxy.post("/v1/chat/completions", "[".repeat(100) + json + "]".repeat(100));
        assertThat(deep.body()).doesNotContain(secret);
        proxy.post(
            "/v1/chat/completions",
            ProxyHarness.chat(secret).getBytes(StandardCharsets.UTF_8),
            Map.of("Warden-Note", "x"));
        proxy.post(
            "/v1/chat/completions?q=" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8),
            ProxyHarness.chat("hi"));
      }
      assertThat(proxy.received())
          .isNotEmpty()
          .allSatisfy(body -> assertThat(body).doesNotContain(secrets));
      String ledger = readAll(proxy.gateway.ledgerDir());
      assertThat(ledger).isNotBlank();
      for (String secret : secrets) {
        assertThat(ledger).as("ledger").doesNotContain(secret).doesNotContain(core(secret));
      }
    } finally {
      root.detachAppender(appender);
      appender.stop();
    }
    String logText = logs.toString(StandardCharsets.UTF_8);
    assertThat(logText).as("log lines were captured").contains("\"correlation_id\"");
    for (String secret : secrets) {
      assertThat(logText).as("logs").doesNotContain(secret).doesNotContain(core(secret));
    }
  }

  /** A distinctive inner piece, so a partially masked copy would still be caught. */
  private static String core(String secret) {
    String flat = secret.replaceAll("\\s", "");
    int start = flat.length() / 3;
    return flat.substring(start, start + Math.min(12, flat.length() - start));
  }

  private static String readAll(Path dir) throws Exception {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        b.append(Files.readString(p, StandardCharsets.ISO_8859_1));
      }
    }
    return b.toString();
  }

  static List<String> secrets() throws Exception {
    List<String> s = new ArrayList<>();
    s.add("dana.whitfield@example.org");
    s.add("AKIAQ4XN7ZP2LM3RT6WB");
    String random = "q8Zr2LmN4vX7pA1sD3fG5hJ6kL9wE0";
    s.add("ghp_" + random + githubChecksum(random));
    s.add("sk-proj-" + "Xa9Lq2Wm4Rt7Yp1Zk3Vn6Bc8Df0Gh5Jj2Kl4Mn7Pq9Rs1Tu3Vw5Xy8Za0Bc2De4Fg6");
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    s.add(
        url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + url.encodeToString(
                "{\"sub\":\"4471\",\"name\":\"Dana\",\"iat\":1700000000}"
                    .getBytes(StandardCharsets.UTF_8))
            + ".Qm9vZ3VzU2lnbmF0dXJlVGhhdElzTG9uZ0Vub3VnaDEyMw");
    s.add("4539 1488 0343 6467");
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
    s.add("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----");
    return s;
  }

  private static String githubChecksum(String random) {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    CRC32 crc = new CRC32();
    crc.update(random.getBytes(StandardCharsets.US_ASCII));
    long v = crc.getValue();
    char[] out = new char[6];
    for (int i = 5; i >= 0; i--) {
      out[i] = alphabet.charAt((int) (v % 62));
      v /= 62;
    }
    return new String(out);
  }
}
