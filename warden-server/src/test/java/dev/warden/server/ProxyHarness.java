package dev.warden.server;

import dev.warden.engine.Protector;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.testing.StubUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** A real gateway on loopback in front of a stub upstream, with a temp data directory. */
final class ProxyHarness implements AutoCloseable {
  final StubUpstream upstream;
  final Gateway gateway;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ProxyHarness(
      Path dataDir, StubUpstream upstream, String yaml, UnaryOperator<WardenConfig> tweak) {
    this(dataDir, upstream, yaml, tweak, null);
  }

  ProxyHarness(
      Path dataDir,
      StubUpstream upstream,
      String yaml,
      UnaryOperator<WardenConfig> tweak,
      @Nullable Function<Protector, @Nullable StreamInspection> streams) {
    this.upstream = upstream;
    WardenConfig base =
        groupCommitUnderTest(ConfigLoader.fromYaml(yaml)).withDataDir(dataDir.toString());
    WardenConfig.Server s = base.server();
    WardenConfig config =
        base.withServer(
                new WardenConfig.Server("127.0.0.1", 0, s.maxBodyBytes(), s.maxJsonDepth(), 1))
            .withUpstream(
                new WardenConfig.Upstream(
                    upstream.url(),
                    base.upstream().connectTimeoutMs(),
                    base.upstream().timeoutMs(),
                    base.upstream().forwardAuthorization(),
                    base.upstream().passThrough()));
    // Without an explicit inspection the gateway is assembled exactly as in production.
    this.gateway =
        streams == null
            ? Gateway.start(tweak.apply(config))
            : Gateway.start(tweak.apply(config), streams);
  }

  /**
   * The config with {@code ledger.groupCommit} set from the system property {@code
   * warden.ledger.groupCommit} if given (the {@code leader-group-commit} surefire execution runs
   * the ledger-touching proxy suites once more with {@code leader}); else unchanged.
   */
  static WardenConfig groupCommitUnderTest(WardenConfig c) {
    String g = System.getProperty("warden.ledger.groupCommit");
    if (g == null || g.isEmpty()) {
      return c;
    }
    WardenConfig.LedgerSettings l = c.ledger();
    return c.withLedger(
        new WardenConfig.LedgerSettings(
            l.durability(),
            l.receipts(),
            l.signingAlgorithm(),
            l.timestamp(),
            l.forcesInFlight(),
            l.commitDelayMicros(),
            g.toLowerCase(java.util.Locale.ROOT)));
  }

  ProxyHarness(Path dataDir, StubUpstream upstream) {
    this(dataDir, upstream, "", c -> c);
  }

  String url(String path) {
    return "http://127.0.0.1:" + gateway.port() + path;
  }

  HttpResponse<String> post(String path, byte[] body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!headers.containsKey("Content-Type")) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A chat body whose last user message is {@code content} (JSON-escaped here). */
  static String chat(String content) {
    return "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"system\",\"content\":\"You are helpful.\"},"
        + "{\"role\":\"user\",\"content\":"
        + tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(content)
        + "}]}";
  }

  List<String> received() {
    return upstream.received();
  }

  @Override
  public void close() {
    gateway.stop();
    upstream.close();
  }
}
