package dev.warden.cli;

import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.server.Gateway;
import dev.warden.testing.StubUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real gateway on loopback in front of a stub model, for CLI tests that need live receipts. */
final class LiveGateway implements AutoCloseable {
  /** What one exchange looked like on the wire. */
  @SuppressWarnings("ArrayRecordComponent") // wire bytes of one exchange, never compared
  record Exchange(int status, byte[] request, byte[] response, String receipt) {}

  private final StubUpstream model;
  private final Gateway gateway;
  private final HttpClient http = HttpClient.newHttpClient();

  LiveGateway(Path dataDir, String yaml) {
    ConfigLoader.registerTypes(DetectorStack.builtinTypes());
    model = StubUpstream.builder().appendToReply(" Reach me at ops.lead@corp.example.net").start();
    WardenConfig base = ConfigLoader.fromYaml(yaml).withDataDir(dataDir.toString());
    WardenConfig.Server s = base.server();
    gateway =
        Gateway.start(
            base.withServer(
                    new WardenConfig.Server("127.0.0.1", 0, s.maxBodyBytes(), s.maxJsonDepth(), 1))
                .withUpstream(
                    new WardenConfig.Upstream(model.url(), 2_000, 10_000, true, List.of())));
  }

  Exchange chat(String content) throws Exception {
    byte[] body =
        ("{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + content
                + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> res =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Exchange(
        res.statusCode(),
        body,
        res.body(),
        res.headers().firstValue("Warden-Receipt").orElseThrow());
  }

  /** A streamed chat exchange: the response is the whole saved stream, receipt event included. */
  Exchange streamChat(String content) throws Exception {
    byte[] body =
        ("{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                + content
                + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> res =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Exchange(res.statusCode(), body, res.body(), "");
  }

  @Override
  public void close() {
    gateway.stop();
    model.close();
  }
}
