package dev.warden.server;

import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.testing.AnthropicStub;
import dev.warden.testing.GeminiStub;
import dev.warden.testing.OllamaStub;
import dev.warden.testing.StubUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

/**
 * A real gateway on loopback with one stub per provider family, each configured as its own upstream
 * in {@code warden.yaml} (the OpenAI stub as the default {@code upstream}).
 */
final class DialectGateway implements AutoCloseable {
  final StubUpstream openai;
  final AnthropicStub anthropic;
  final GeminiStub gemini;
  final OllamaStub ollama;
  final Gateway gateway;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  DialectGateway(
      Path dataDir,
      StubUpstream openai,
      AnthropicStub anthropic,
      GeminiStub gemini,
      OllamaStub ollama) {
    this.openai = openai;
    this.anthropic = anthropic;
    this.gemini = gemini;
    this.ollama = ollama;
    String yaml =
        """
        server: {host: 127.0.0.1, port: 0, drainSeconds: 1}
        upstream: {url: '%s'}
        upstreams:
          anthropic: {url: '%s', dialects: [anthropic-messages]}
          google: {url: '%s', dialects: [gemini]}
          ollama: {url: '%s', dialects: [ollama-chat, ollama-generate]}
        """
            .formatted(openai.url(), anthropic.url(), gemini.url(), ollama.url());
    WardenConfig config = ConfigLoader.fromYaml(yaml).withDataDir(dataDir.toString());
    this.gateway = Gateway.start(config);
  }

  /** Every stub with its defaults, plus {@code suffix} appended to every reply. */
  static DialectGateway start(Path dataDir, String suffix) {
    return new DialectGateway(
        dataDir,
        StubUpstream.builder().appendToReply(suffix).start(),
        AnthropicStub.builder().appendToReply(suffix).start(),
        GeminiStub.builder().appendToReply(suffix).start(),
        OllamaStub.builder().appendToReply(suffix).start());
  }

  String url(String path) {
    return "http://127.0.0.1:" + gateway.port() + path;
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, Map.of());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Base64 of a generated PNG: the real signature, then random bytes. */
  static String pngBase64(int seed) {
    byte[] b = new byte[3000];
    new Random(seed).nextBytes(b);
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(sig, 0, b, 0, sig.length);
    return Base64.getEncoder().encodeToString(b);
  }

  /** Base64 of a generated WAV header and random samples. */
  static String wavBase64(int seed) {
    byte[] b = new byte[2000];
    new Random(seed).nextBytes(b);
    byte[] head = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(head, 0, b, 0, head.length);
    return Base64.getEncoder().encodeToString(b);
  }

  @Override
  public void close() {
    gateway.stop();
    openai.close();
    anthropic.close();
    gemini.close();
    ollama.close();
  }
}
