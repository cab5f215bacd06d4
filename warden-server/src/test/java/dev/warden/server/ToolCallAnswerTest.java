package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.AnthropicStub;
import dev.warden.testing.GeminiStub;
import dev.warden.testing.OllamaStub;
import dev.warden.testing.StubUpstream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A model's tool call is protected on its way back, in every dialect's answer shape. */
class ToolCallAnswerTest {
  static final JsonMapper JSON = JsonMapper.shared();
  static final String ARGS = "{\"to\":\"ceo.office@corp-mail.example.net\",\"priority\":2}";

  @Test
  void toolCallArgumentsInAnswersAreRedactedAndStayStructured(@TempDir Path tmp) throws Exception {
    try (DialectGateway gw =
        new DialectGateway(
            tmp.resolve("data"),
            StubUpstream.start(),
            AnthropicStub.builder().replyWithToolCall("send_mail", ARGS).start(),
            GeminiStub.builder().replyWithToolCall("send_mail", ARGS).start(),
            OllamaStub.builder().replyWithToolCall("send_mail", ARGS).start())) {
      HttpResponse<String> anthropic =
          gw.post(
              "/v1/messages",
              "{\"model\":\"c\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"mail the ceo\"}]}");
      JsonNode a = JSON.readTree(anthropic.body());
      assertThat(a.at("/content/0/type").asString()).isEqualTo("tool_use");
      assertThat(a.at("/content/0/input/to").asString()).isEqualTo("[REDACTED:email]");
      assertThat(a.at("/content/0/input/priority").asInt()).isEqualTo(2);

      HttpResponse<String> gemini =
          gw.post(
              "/v1beta/models/gemini-2.0-flash:generateContent",
              "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"mail the ceo\"}]}]}");
      JsonNode g = JSON.readTree(gemini.body());
      assertThat(g.at("/candidates/0/content/parts/0/functionCall/args/to").asString())
          .isEqualTo("[REDACTED:email]");

      HttpResponse<String> ollama =
          gw.post(
              "/api/chat",
              "{\"model\":\"l\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"mail the ceo\"}]}");
      JsonNode o = JSON.readTree(ollama.body());
      assertThat(o.at("/message/tool_calls/0/function/arguments/to").asString())
          .isEqualTo("[REDACTED:email]");

      for (HttpResponse<String> res : java.util.List.of(anthropic, gemini, ollama)) {
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).doesNotContain("ceo.office");
      }
    }
  }
}
