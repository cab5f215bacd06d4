package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.ledger.receipt.ReceiptStatement;
import dev.warden.ledger.receipt.ReceiptVerifier;
import dev.warden.testing.LedgerLines;
import dev.warden.testing.StubUpstream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streamed answers through the real proxy on loopback, against the SSE stub: inspection, receipts,
 * and every way a stream can end badly, with the gateway assembled as in production (the stream
 * engine's inspectors).
 */
class StreamingProxyTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String EMAIL = "root.admin@corp.example.net";

  @TempDir Path tmp;

  private ProxyHarness proxy(StubUpstream stub, String yaml) {
    return new ProxyHarness(tmp.resolve("data"), stub, yaml, c -> c);
  }

  static String streamChat(String content) {
    String body = ProxyHarness.chat(content);
    return body.substring(0, body.length() - 1) + ",\"stream\":true}";
  }

  /** One streamed exchange as the client saw it. */
  record Streamed(int status, byte[] request, byte[] body, Map<String, List<String>> headers) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    /** Index where the receipt event starts; the receipt covers the bytes before it. */
    int receiptStart() {
      byte[] marker = "\n: warden-receipt ".getBytes(StandardCharsets.US_ASCII);
      for (int i = body.length - marker.length; i >= 0; i--) {
        if (Arrays.equals(body, i, i + marker.length, marker, 0, marker.length)) {
          return i + 1;
        }
      }
      throw new AssertionError("no receipt event in: " + text());
    }

    byte[] beforeReceipt() {
      return Arrays.copyOf(body, receiptStart());
    }

    String receipt() {
      String tail =
          new String(body, receiptStart(), body.length - receiptStart(), StandardCharsets.US_ASCII);
      assertThat(tail).endsWith("\n\n");
      return tail.substring(": warden-receipt ".length(), tail.length() - 2);
    }
  }

  static Streamed post(ProxyHarness proxy, String path, String body) throws Exception {
    byte[] request = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(proxy.url(path)))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request))
            .build();
    HttpResponse<byte[]> res = proxy.http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    return new Streamed(res.statusCode(), request, res.body(), res.headers().map());
  }

  private Map<String, PublicKey> publicKeys() throws Exception {
    try (Stream<Path> files = Files.list(tmp.resolve("data/keys/public"))) {
      return ReceiptVerifier.publicKeys(Files.readAllBytes(files.findFirst().orElseThrow()));
    }
  }

  private List<JsonNode> ledger() throws Exception {
    return ledger(tmp.resolve("data/ledger"));
  }

  /** Every record in the ledger segments under {@code ledgerDir}, in order. */
  static List<JsonNode> ledger(Path ledgerDir) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ledgerDir)) {
      for (Path p :
          files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : LedgerLines.read(p)) {
          if (!line.isBlank()) {
            out.add(JSON.readTree(line));
          }
        }
      }
    }
    return out;
  }

  private JsonNode responseRecord(String correlationId) throws Exception {
    return responseRecord(tmp.resolve("data/ledger"), correlationId);
  }

  /** The response record of exchange {@code correlationId}. */
  static JsonNode responseRecord(Path ledgerDir, String correlationId) throws Exception {
    return ledger(ledgerDir).stream()
        .filter(r -> r.path("correlationId").asString("").equals(correlationId))
        .filter(r -> r.path("event").asString("").equals("response"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no response record for " + correlationId));
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never happened: " + what);
  }

  @Test
  void aStreamedAnswerIsInspectedFramedAndEndsWithAReceiptOverTheBytesBeforeIt() throws Exception {
    // Deltas of 3 characters: the address reaches Warden in ten pieces.
    StubUpstream stub =
        StubUpstream.builder().appendToReply(" Write to " + EMAIL).streamChunkChars(3).start();
    try (ProxyHarness proxy = proxy(stub, "")) {
      Streamed s = post(proxy, "/v1/chat/completions", streamChat("hello there"));

      assertThat(s.status()).isEqualTo(200);
      assertThat(s.header("Content-Type")).startsWith("text/event-stream");
      assertThat(s.header("Warden-Correlation-Id")).startsWith("wd-");
      String text = s.text();
      assertThat(text).doesNotContain(EMAIL).contains("[REDACTED:email]");
      assertThat(text).contains("chat.completion.chunk").contains("data: [DONE]\n\n");
      assertThat(text.indexOf("data: [DONE]")).isLessThan(s.receiptStart());

      ReceiptStatement r =
          ReceiptVerifier.verify(s.receipt(), s.request(), s.beforeReceipt(), publicKeys());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.responseOutcome()).isEqualTo("transformed");
      assertThat(r.errorType()).isNull();
      assertThat(r.findings())
          .contains(new ReceiptStatement.FindingCount("response", "email", "redact", 1));

      JsonNode request =
          ledger().stream()
              .filter(n -> n.path("event").asString("").equals("request"))
              .findFirst()
              .orElseThrow();
      assertThat(s.header("Warden-Ledger-Seq")).isEqualTo(request.path("seq").asString());
      JsonNode response = responseRecord(s.header("Warden-Correlation-Id"));
      assertThat(response.path("outcome").asString()).isEqualTo("transformed");
      assertThat(response.path("streamedBytes").asLong()).isEqualTo(s.beforeReceipt().length);
      assertThat(response.path("seq").asLong()).isEqualTo(r.ledgerSeq());
      assertThat(stub.streamsCompleted()).isEqualTo(1);
    }
  }

  /**
   * One streamed exchange read off a raw socket: the de-chunked body and the trailer fields after
   * the last chunk (lower-cased names).
   */
  record Chunked(String head, byte[] body, Map<String, String> trailers) {}

  static Chunked postRaw(ProxyHarness proxy, String body, String extraHeaders) throws Exception {
    byte[] request = body.getBytes(StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.gateway.port())) {
      socket.setSoTimeout(20_000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + request.length
                  + "\r\n"
                  + extraHeaders
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(request);
      out.flush();
      java.io.DataInputStream in =
          new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
      StringBuilder head = new StringBuilder();
      for (String line; !(line = asciiLine(in)).isEmpty(); ) {
        head.append(line).append('\n');
      }
      assertThat(head.toString().toLowerCase(java.util.Locale.ROOT))
          .contains("transfer-encoding: chunked");
      java.io.ByteArrayOutputStream bodyBytes = new java.io.ByteArrayOutputStream();
      for (int size; (size = Integer.parseInt(asciiLine(in).split(";")[0].trim(), 16)) > 0; ) {
        byte[] chunk = new byte[size];
        in.readFully(chunk);
        bodyBytes.write(chunk);
        assertThat(asciiLine(in)).isEmpty();
      }
      Map<String, String> trailers = new java.util.LinkedHashMap<>();
      for (String line; !(line = asciiLine(in)).isEmpty(); ) {
        int colon = line.indexOf(':');
        trailers.put(
            line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      return new Chunked(head.toString(), bodyBytes.toByteArray(), trailers);
    }
  }

  private static String asciiLine(InputStream in) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new java.io.EOFException("the connection ended mid-line after: " + sb);
      }
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  @Test
  void aClientThatAcceptsTrailersGetsTheReceiptAsATrailerToo() throws Exception {
    StubUpstream stub = StubUpstream.builder().appendToReply(" Write to " + EMAIL).start();
    try (ProxyHarness proxy = proxy(stub, "")) {
      String request = streamChat("hello there");
      Chunked c = postRaw(proxy, request, "TE: trailers\r\n");

      assertThat(c.head()).startsWith("HTTP/1.1 200");
      assertThat(c.head().toLowerCase(java.util.Locale.ROOT)).contains("trailer: warden-receipt");
      Streamed s = new Streamed(200, request.getBytes(StandardCharsets.UTF_8), c.body(), Map.of());
      assertThat(c.trailers()).as("trailers").containsKey("warden-receipt");
      String trailer = c.trailers().getOrDefault("warden-receipt", "");
      assertThat(trailer).isEqualTo(s.receipt());
      ReceiptStatement r =
          ReceiptVerifier.verify(trailer, s.request(), s.beforeReceipt(), publicKeys());
      assertThat(r.responseOutcome()).isEqualTo("transformed");
      assertThat(s.text()).doesNotContain(EMAIL);
    }
  }

  @Test
  void aReceiptDoesNotVerifyAgainstAlteredStreamBytes() throws Exception {
    try (ProxyHarness proxy = proxy(StubUpstream.start(), "")) {
      Streamed s = post(proxy, "/v1/chat/completions", streamChat("hello there"));
      byte[] altered = s.beforeReceipt();
      altered[altered.length / 2] ^= 1;
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> ReceiptVerifier.verify(s.receipt(), s.request(), altered, publicKeys())))
          .hasMessageContaining("response");
    }
  }

  @Test
  void completionsStreamToo() throws Exception {
    StubUpstream stub = StubUpstream.builder().appendToReply(" mail " + EMAIL).start();
    try (ProxyHarness proxy = proxy(stub, "")) {
      Streamed s =
          post(proxy, "/v1/completions", "{\"model\":\"m\",\"prompt\":\"Say hi\",\"stream\":true}");
      assertThat(s.status()).isEqualTo(200);
      assertThat(s.text()).contains("text_completion").doesNotContain(EMAIL);
      ReceiptVerifier.verify(s.receipt(), s.request(), s.beforeReceipt(), publicKeys());
    }
  }

  @Test
  void streamAsAStringStreamsAndEmbeddingsWithStreamAreRefused() throws Exception {
    StubUpstream stub = StubUpstream.start();
    try (ProxyHarness proxy = proxy(stub, "")) {
      Streamed s =
          post(
              proxy,
              "/v1/chat/completions",
              ProxyHarness.chat("hi").replace("{\"model\"", "{\"stream\":\"true\",\"model\""));
      assertThat(s.header("Content-Type")).startsWith("text/event-stream");
      ReceiptVerifier.verify(s.receipt(), s.request(), s.beforeReceipt(), publicKeys());
      Streamed e =
          post(proxy, "/v1/embeddings", "{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}");
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.text()).contains("warden_streaming_unsupported");
      assertThat(stub.received()).hasSize(1);
    }
  }

  @Test
  void withoutAStreamInspectorStreamTrueIsRefusedNotPassedUnscanned() throws Exception {
    StubUpstream stub = StubUpstream.start();
    try (ProxyHarness proxy = new ProxyHarness(tmp.resolve("data"), stub, "", c -> c, p -> null)) {
      Streamed s = post(proxy, "/v1/chat/completions", streamChat("hello"));
      assertThat(s.status()).isEqualTo(400);
      assertThat(s.text()).contains("warden_streaming_unsupported");
      assertThat(stub.received()).isEmpty();
    }
  }

  @Test
  void aBlockMidStreamEndsTheStreamCancelsTheUpstreamAndIsRecorded() throws Exception {
    StubUpstream stub =
        StubUpstream.builder()
            .appendToReply(" Write to " + EMAIL)
            .streamChunkChars(5)
            // Long enough that the hold-back window fills and the block comes mid-stream.
            .streamFillerChunks(50_000)
            .streamDelay(Duration.ofMillis(1))
            .start();
    try (ProxyHarness proxy = proxy(stub, "policy:\n  types:\n    email: block\n")) {
      Streamed s = post(proxy, "/v1/chat/completions", streamChat("hello"));
      assertThat(s.status()).isEqualTo(200);
      String text = s.text();
      assertThat(text).doesNotContain(EMAIL).doesNotContain("[DONE]").doesNotContain("lorem");
      assertThat(text).contains("warden_response_blocked").contains("event: warden-abort");
      ReceiptStatement r =
          ReceiptVerifier.verify(s.receipt(), s.request(), s.beforeReceipt(), publicKeys());
      assertThat(r.responseOutcome()).isEqualTo("blocked");
      assertThat(r.errorType()).isEqualTo("warden_response_blocked");
      JsonNode rec = responseRecord(s.header("Warden-Correlation-Id"));
      assertThat(rec.path("outcome").asString()).isEqualTo("blocked");
      assertThat(rec.path("findings").toString()).contains("\"action\":\"block\"");
      assertThat(r.findings())
          .contains(new ReceiptStatement.FindingCount("response", "email", "block", 1));
      await("the stub sees its call cancelled", () -> stub.streamsAborted() == 1);
      assertThat(stub.streamsCompleted()).isZero();
    }
  }

  @Test
  void aClientDisconnectCancelsTheUpstreamCall() throws Exception {
    StubUpstream stub =
        StubUpstream.builder()
            .streamFillerChunks(100_000)
            .streamDelay(Duration.ofMillis(2))
            .start();
    try (ProxyHarness proxy = proxy(stub, "")) {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(proxy.url("/v1/chat/completions")))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(streamChat("hello")))
              .build();
      HttpResponse<InputStream> res =
          proxy.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      String id = res.headers().firstValue("Warden-Correlation-Id").orElseThrow();
      try (InputStream in = res.body()) {
        assertThat(in.readNBytes(500)).hasSize(500);
      }
      await("the stub sees its call cancelled", () -> stub.streamsAborted() == 1);
      assertThat(stub.streamsCompleted()).isZero();
      await(
          "the response record is written",
          () -> {
            try {
              return responseRecord(id) != null;
            } catch (Exception | AssertionError e) {
              return false;
            }
          });
      JsonNode rec = responseRecord(id);
      assertThat(rec.path("outcome").asString()).isEqualTo("failed");
      assertThat(rec.path("errorType").asString()).isEqualTo("warden_client_closed");
    }
  }

  @Test
  void aStalledUpstreamHitsTheIdleTimeoutAndTheStreamEndsWithAnErrorEvent() throws Exception {
    StubUpstream stub = StubUpstream.builder().streamStallAfter(3).start();
    try (ProxyHarness proxy = proxy(stub, "responses:\n  streamIdleTimeoutMs: 300\n")) {
      Streamed s = post(proxy, "/v1/chat/completions", streamChat("hello"));
      assertThat(s.status()).isEqualTo(200);
      assertThat(s.text()).contains("data: {\"error\":{\"type\":\"warden_upstream_timeout\"");
      ReceiptStatement r =
          ReceiptVerifier.verify(s.receipt(), s.request(), s.beforeReceipt(), publicKeys());
      assertThat(r.errorType()).isEqualTo("warden_upstream_timeout");
      assertThat(responseRecord(s.header("Warden-Correlation-Id")).path("outcome").asString())
          .isEqualTo("failed");
    }
  }

  @Test
  void aSteadyButEndlessUpstreamHitsTheTotalDeadline() throws Exception {
    StubUpstream stub =
        StubUpstream.builder()
            .streamFillerChunks(100_000)
            .streamDelay(Duration.ofMillis(20))
            .start();
    try (ProxyHarness proxy = proxy(stub, "responses:\n  streamMaxDurationMs: 600\n")) {
      Streamed s = post(proxy, "/v1/chat/completions", streamChat("hello"));
      assertThat(s.text()).contains("\"type\":\"warden_stream_deadline\"");
      ReceiptVerifier.verify(s.receipt(), s.request(), s.beforeReceipt(), publicKeys());
      await("the stub sees its call cancelled", () -> stub.streamsAborted() == 1);
    }
  }

  @Test
  void malformedUpstreamFramingEndsWithAnErrorEventNeverRawBytes() throws Exception {
    StubUpstream stub =
        StubUpstream.builder()
            .rawReply(
                "data: {\"choices\":[]}\n\ndata: {unfinished " + EMAIL + "\n\n",
                "text/event-stream")
            .start();
    try (ProxyHarness proxy = proxy(stub, "")) {
      Streamed s = post(proxy, "/v1/chat/completions", streamChat("hello"));
      assertThat(s.text()).doesNotContain(EMAIL).doesNotContain("unfinished");
      assertThat(s.text()).contains("\"type\":\"warden_upstream_invalid\"");
      ReceiptVerifier.verify(s.receipt(), s.request(), s.beforeReceipt(), publicKeys());
    }
  }

  @Test
  void aDroppedUpstreamConnectionEndsWithAnErrorEvent() throws Exception {
    StubUpstream stub = StubUpstream.builder().streamDropAfter(4).start();
    try (ProxyHarness proxy = proxy(stub, "")) {
      Streamed s = post(proxy, "/v1/chat/completions", streamChat("hello"));
      assertThat(s.text())
          .contains("data: {\"error\":{\"type\":\"warden_upstream_")
          .doesNotContain("[DONE]");
      ReceiptStatement r =
          ReceiptVerifier.verify(s.receipt(), s.request(), s.beforeReceipt(), publicKeys());
      assertThat(r.responseOutcome()).isEqualTo("failed");
    }
  }

  @Test
  void aCompressedUpstreamStreamIsRefusedBeforeAnyByteIsSent() throws Exception {
    StubUpstream stub = StubUpstream.builder().responseHeader("Content-Encoding", "gzip").start();
    try (ProxyHarness proxy = proxy(stub, "")) {
      Streamed s = post(proxy, "/v1/chat/completions", streamChat("hello"));
      assertThat(s.status()).isEqualTo(502);
      assertThat(s.header("Content-Type")).startsWith("application/json");
      assertThat(s.text()).contains("warden_upstream_encoding").doesNotContain("chunk");
    }
  }
}
