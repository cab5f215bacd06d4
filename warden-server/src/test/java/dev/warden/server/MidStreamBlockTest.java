package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.AnthropicStub;
import dev.warden.testing.GeminiStub;
import dev.warden.testing.OllamaStub;
import dev.warden.testing.StubUpstream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A value the default policy blocks (a card number) arrives late in a long streamed answer, after
 * prose that has already gone out, for the non-OpenAI dialects (OpenAI chat is covered by {@link
 * StreamingProxyTest}): the client gets the released prose, then the dialect's own error event and
 * Warden's abort marker, and no byte of the value nor of anything after it; the upstream call is
 * cancelled and the ledger records the block with its finding.
 */
class MidStreamBlockTest {
  static final JsonMapper JSON = JsonMapper.shared();
  static final String CARD = "4111 1111 1111 1111";
  static final String SUFFIX = " The card on file is " + CARD + ", expiring soon.";

  /** Prose long enough that the window fills and releases some of it before the card arrives. */
  static final String PROSE = "The quarterly report is ready for review by the team. ".repeat(40);

  @TempDir Path tmp;
  DialectGateway gw;

  @BeforeEach
  void start() {
    // The filler keeps each stub writing for far longer than the test: a completed stream would
    // mean Warden never cancelled the call.
    Duration delay = Duration.ofMillis(1);
    gw =
        new DialectGateway(
            tmp.resolve("data"),
            StubUpstream.start(),
            AnthropicStub.builder()
                .appendToReply(SUFFIX)
                .chunkChars(7)
                .fillerChunks(30_000)
                .chunkDelay(delay)
                .start(),
            GeminiStub.builder()
                .appendToReply(SUFFIX)
                .chunkChars(7)
                .fillerChunks(30_000)
                .chunkDelay(delay)
                .start(),
            OllamaStub.builder()
                .appendToReply(SUFFIX)
                .chunkChars(7)
                .fillerChunks(30_000)
                .chunkDelay(delay)
                .start());
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  private HttpResponse<String> blockedStream(
      String path, String body, Map<String, String> headers, LongSupplier aborted)
      throws Exception {
    HttpResponse<String> res = gw.post(path, body, headers);
    assertThat(res.statusCode()).isEqualTo(200);
    String text = res.body();
    assertThat(text).contains("quarterly report"); // prose before the value went out
    assertThat(text).doesNotContain("4111").doesNotContain("1111 1111").doesNotContain("lorem");
    assertThat(text).doesNotContain("expiring");
    StreamingProxyTest.await("the upstream call is cancelled", () -> aborted.getAsLong() == 1);

    String id = res.headers().firstValue("Warden-Correlation-Id").orElseThrow();
    JsonNode rec = StreamingProxyTest.responseRecord(gw.gateway.ledgerDir(), id);
    assertThat(rec.path("outcome").asString()).isEqualTo("blocked");
    assertThat(rec.path("errorType").asString()).isEqualTo("warden_response_blocked");
    assertThat(rec.path("findings").toString())
        .contains("\"action\":\"block\"")
        .contains("card")
        .doesNotContain("4111");
    return res;
  }

  /** The JSON of every SSE {@code data:} line that holds an object. */
  private static List<JsonNode> sseData(String text) {
    return text.lines()
        .filter(l -> l.startsWith("data: {"))
        .map(l -> JSON.readTree(l.substring(6)))
        .toList();
  }

  @Test
  void ollamaChatGetsItsErrorLineAndTheAbortMarker() throws Exception {
    HttpResponse<String> res =
        blockedStream(
            "/api/chat",
            "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":"
                + JSON.writeValueAsString(PROSE)
                + "}]}",
            Map.of(),
            gw.ollama::streamsAborted);
    assertThat(res.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/x-ndjson");
    List<JsonNode> lines =
        res.body().lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
    int error = indexOf(lines, "error");
    assertThat(error).as("an error line").isPositive();
    assertThat(lines.get(error).path("error").asString()).contains("card");
    assertThat(lines.get(error + 1).at("/warden_abort/reason").asString()).isEqualTo("blocked");
    assertThat(lines.get(error + 1).at("/warden_abort/type").asString()).isEqualTo("card");
    assertThat(lines.get(error + 2).has("warden_receipt")).isTrue();
    assertThat(lines).noneMatch(l -> l.path("done").asBoolean(false));
  }

  @Test
  void ollamaGenerateToo() throws Exception {
    HttpResponse<String> res =
        blockedStream(
            "/api/generate",
            "{\"model\":\"llama3.2\",\"prompt\":" + JSON.writeValueAsString(PROSE) + "}",
            Map.of(),
            gw.ollama::streamsAborted);
    List<JsonNode> lines =
        res.body().lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
    int error = indexOf(lines, "error");
    assertThat(lines.get(error + 1).at("/warden_abort/rule").asString()).isNotEmpty();
  }

  @Test
  void geminiGetsGooglesErrorEventAndTheAbortMarker() throws Exception {
    HttpResponse<String> res =
        blockedStream(
            "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":"
                + JSON.writeValueAsString(PROSE)
                + "}]}]}",
            Map.of("x-goog-api-key", "AIzaFakeKeyForTests-000000000000000000"),
            gw.gemini::streamsAborted);
    List<JsonNode> data = sseData(res.body());
    JsonNode error = data.stream().filter(d -> d.has("error")).findFirst().orElseThrow();
    assertThat(error.at("/error/code").asInt()).isEqualTo(403);
    assertThat(error.at("/error/status").asString()).isEqualTo("PERMISSION_DENIED");
    assertThat(res.body()).contains("event: warden-abort\ndata: {\"warden_abort\":");
    assertThat(data).noneMatch(d -> d.at("/candidates/0/finishReason").isString());
  }

  @Test
  void anthropicGetsItsErrorEventAndTheAbortMarker() throws Exception {
    HttpResponse<String> res =
        blockedStream(
            "/v1/messages",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":"
                + JSON.writeValueAsString(PROSE)
                + "}]}",
            Map.of("x-api-key", "sk-ant-fake-key-for-tests", "anthropic-version", "2023-06-01"),
            gw.anthropic::streamsAborted);
    String body = res.body();
    assertThat(body).contains("event: error\ndata: {\"type\":\"error\",\"error\":");
    JsonNode error =
        sseData(body).stream()
            .filter(d -> d.path("type").asString("").equals("error"))
            .findFirst()
            .orElseThrow();
    assertThat(error.at("/error/type").asString()).isEqualTo("warden_response_blocked");
    assertThat(body).contains("event: warden-abort").doesNotContain("message_stop");
  }

  private static int indexOf(List<JsonNode> lines, String field) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).has(field)) {
        return i;
      }
    }
    return -1;
  }
}
