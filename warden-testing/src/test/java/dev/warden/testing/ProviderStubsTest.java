package dev.warden.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provider stubs speak their providers' wire formats, JSON and streamed. */
class ProviderStubsTest {
  static final JsonMapper JSON = JsonMapper.shared();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code event:} names and {@code data:} payloads of an SSE body, in order. */
  record Event(String name, JsonNode data) {}

  static List<Event> sse(String body) {
    List<Event> out = new ArrayList<>();
    for (String block : body.replace("\r\n", "\n").split("\n\n")) {
      String name = "";
      String data = null;
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (data != null) {
        out.add(new Event(name, JSON.readTree(data)));
      }
    }
    return out;
  }

  @Test
  void anthropicJsonAndStreamedTextInSmallChunks() throws Exception {
    try (AnthropicStub stub = AnthropicStub.builder().chunkChars(3).appendToReply("!").start()) {
      String req =
          "{\"model\":\"claude-x\",\"max_tokens\":9,%s\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello there\"}]}]}";
      HttpResponse<String> json = post(stub.url() + "/v1/messages", req.formatted(""), Map.of());
      JsonNode msg = JSON.readTree(json.body());
      assertThat(msg.path("type").asString()).isEqualTo("message");
      assertThat(msg.at("/content/0/text").asString()).isEqualTo("You said: hello there!");
      assertThat(msg.path("stop_reason").asString()).isEqualTo("end_turn");

      HttpResponse<String> streamed =
          post(stub.url() + "/v1/messages", req.formatted("\"stream\":true,"), Map.of());
      assertThat(streamed.headers().firstValue("content-type")).hasValue("text/event-stream");
      List<Event> events = sse(streamed.body());
      assertThat(events.stream().map(Event::name).distinct())
          .containsExactly(
              "message_start",
              "content_block_start",
              "ping",
              "content_block_delta",
              "content_block_stop",
              "message_delta",
              "message_stop");
      StringBuilder text = new StringBuilder();
      events.stream()
          .filter(e -> e.name().equals("content_block_delta"))
          .forEach(e -> {
            assertThat(e.data().at("/delta/type").asString()).isEqualTo("text_delta");
            assertThat(e.data().at("/delta/text").asString().length()).isLessThanOrEqualTo(3);
            text.append(e.data().at("/delta/text").asString());
          });
      assertThat(text).hasToString("You said: hello there!");
      assertThat(events)
          .allSatisfy(e -> {
            if (!e.name().equals("ping")) {
              assertThat(e.data().path("type").asString()).isEqualTo(e.name());
            }
          });
      assertThat(stub.received()).hasSize(2);
    }
  }

  @Test
  void anthropicToolUseStreamsInputJsonDeltas() throws Exception {
    try (AnthropicStub stub =
        AnthropicStub.builder()
            .chunkChars(4)
            .replyWithToolCall("send_mail", "{\"to\":\"a@example.org\",\"n\":2}")
            .start()) {
      String req =
          "{\"model\":\"c\",\"max_tokens\":9,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
      List<Event> events = sse(post(stub.url() + "/v1/messages", req, Map.of()).body());
      assertThat(events.get(1).data().at("/content_block/type").asString()).isEqualTo("tool_use");
      assertThat(events.get(1).data().at("/content_block/name").asString()).isEqualTo("send_mail");
      StringBuilder json = new StringBuilder();
      events.stream()
          .filter(e -> e.name().equals("content_block_delta"))
          .forEach(e -> json.append(e.data().at("/delta/partial_json").asString()));
      assertThat(JSON.readTree(json.toString()).path("to").asString()).isEqualTo("a@example.org");
      assertThat(events.stream().filter(e -> e.name().equals("message_delta")).findFirst())
          .hasValueSatisfying(
              e -> assertThat(e.data().at("/delta/stop_reason").asString()).isEqualTo("tool_use"));
    }
  }

  @Test
  void geminiJsonSseAndArrayForms() throws Exception {
    try (GeminiStub stub = GeminiStub.builder().chunkChars(5).start()) {
      String req = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"}]}]}";
      JsonNode json =
          JSON.readTree(
              post(stub.url() + "/v1beta/models/gemini-x:generateContent", req, Map.of()).body());
      assertThat(json.at("/candidates/0/content/parts/0/text").asString())
          .isEqualTo("You said: hello");
      assertThat(json.at("/candidates/0/finishReason").asString()).isEqualTo("STOP");

      HttpResponse<String> sseRes =
          post(stub.url() + "/v1beta/models/gemini-x:streamGenerateContent?alt=sse", req, Map.of());
      assertThat(sseRes.body()).contains("\r\n\r\n");
      List<Event> events = sse(sseRes.body());
      assertThat(events).hasSizeGreaterThan(2);
      StringBuilder text = new StringBuilder();
      events.forEach(
          e -> text.append(e.data().at("/candidates/0/content/parts/0/text").asString()));
      assertThat(text).hasToString("You said: hello");
      assertThat(events.getLast().data().at("/candidates/0/finishReason").asString())
          .isEqualTo("STOP");
      assertThat(events.getFirst().data().has("usageMetadata")).isFalse();

      JsonNode array =
          JSON.readTree(
              post(stub.url() + "/v1beta/models/gemini-x:streamGenerateContent", req, Map.of())
                  .body());
      assertThat(array.isArray()).isTrue();
      assertThat(array.size()).isEqualTo(events.size());
      assertThat(stub.receivedPaths())
          .containsExactly(
              "/v1beta/models/gemini-x:generateContent",
              "/v1beta/models/gemini-x:streamGenerateContent?alt=sse",
              "/v1beta/models/gemini-x:streamGenerateContent");
    }
  }

  @Test
  void geminiFunctionCall() throws Exception {
    try (GeminiStub stub = GeminiStub.builder().replyWithToolCall("lookup", "{\"id\":7}").start()) {
      JsonNode json =
          JSON.readTree(
              post(
                      stub.url() + "/v1beta/models/g:generateContent",
                      "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}",
                      Map.of())
                  .body());
      assertThat(json.at("/candidates/0/content/parts/0/functionCall/name").asString())
          .isEqualTo("lookup");
      assertThat(json.at("/candidates/0/content/parts/0/functionCall/args/id").asInt())
          .isEqualTo(7);
    }
  }

  @Test
  void ollamaStreamsNdjsonByDefaultAndJsonWithStreamFalse() throws Exception {
    try (OllamaStub stub = OllamaStub.builder().chunkChars(4).start()) {
      String chat =
          "{\"model\":\"llama\"%s,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
      HttpResponse<String> streamed = post(stub.url() + "/api/chat", chat.formatted(""), Map.of());
      assertThat(streamed.headers().firstValue("content-type")).hasValue("application/x-ndjson");
      String[] lines = streamed.body().split("\n");
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < lines.length; i++) {
        JsonNode o = JSON.readTree(lines[i]);
        assertThat(o.path("done").asBoolean()).isEqualTo(i == lines.length - 1);
        text.append(o.at("/message/content").asString());
      }
      assertThat(text).hasToString("You said: hello");
      assertThat(JSON.readTree(lines[lines.length - 1]).path("done_reason").asString())
          .isEqualTo("stop");

      JsonNode one =
          JSON.readTree(
              post(stub.url() + "/api/chat", chat.formatted(",\"stream\":false"), Map.of()).body());
      assertThat(one.at("/message/content").asString()).isEqualTo("You said: hello");
      assertThat(one.path("done").asBoolean()).isTrue();

      String[] gen =
          post(stub.url() + "/api/generate", "{\"model\":\"l\",\"prompt\":\"hey\"}", Map.of())
              .body()
              .split("\n");
      StringBuilder response = new StringBuilder();
      for (String line : gen) {
        response.append(JSON.readTree(line).path("response").asString());
      }
      assertThat(response).hasToString("You said: hey");
    }
  }

  @Test
  void ollamaToolCallsArriveWhole() throws Exception {
    try (OllamaStub stub =
        OllamaStub.builder().replyWithToolCall("weather", "{\"city\":\"Oslo\"}").start()) {
      JsonNode one =
          JSON.readTree(
              post(
                      stub.url() + "/api/chat",
                      "{\"model\":\"l\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                      Map.of())
                  .body());
      assertThat(one.at("/message/tool_calls/0/function/name").asString()).isEqualTo("weather");
      assertThat(one.at("/message/tool_calls/0/function/arguments/city").asString())
          .isEqualTo("Oslo");
    }
  }

  @Test
  void openAiResponsesEchoesTheLastUserInput() throws Exception {
    try (StubUpstream stub = StubUpstream.builder().appendToReply("!").start()) {
      JsonNode r =
          JSON.readTree(
              post(
                      stub.url() + "/v1/responses",
                      "{\"model\":\"gpt\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]}",
                      Map.of())
                  .body());
      assertThat(r.path("object").asString()).isEqualTo("response");
      assertThat(r.at("/output/0/content/0/type").asString()).isEqualTo("output_text");
      assertThat(r.at("/output/0/content/0/text").asString()).isEqualTo("You said: hi!");
      JsonNode s =
          JSON.readTree(
              post(stub.url() + "/v1/responses", "{\"model\":\"gpt\",\"input\":\"yo\"}", Map.of())
                  .body());
      assertThat(s.at("/output/0/content/0/text").asString()).isEqualTo("You said: yo!");
    }
  }
}
