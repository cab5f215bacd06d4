package dev.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.warden.testing.StubUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * langchain4j's OpenAI client ({@code langchain4j-open-ai}) against the real gateway with only its
 * base URL changed: what the application gets back, and what reached the stub.
 */
class LangChain4jOpenAiTest {
  private static final JsonMapper JSON = JsonMapper.shared();

  @TempDir Path tmp;

  @Test
  void chatRedactsTheSecretBeforeTheUpstreamAndInTheReply() {
    String token = FakeSecrets.githubToken();
    String replyEmail = FakeSecrets.email();
    try (StubUpstream stub =
            StubUpstream.builder().appendToReply(" Write to " + replyEmail).start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      String answer = model(warden).chat("Rotate " + token + " tonight");

      assertThat(stub.received()).singleElement().asString().doesNotContain(token);
      assertThat(answer)
          .isEqualTo("You said: Rotate [REDACTED:github_token] tonight Write to [REDACTED:email]");
    }
  }

  @Test
  void blockedRequestIsA403WithWardenBlocked() {
    String card = FakeSecrets.card();
    try (StubUpstream stub = StubUpstream.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      OpenAiChatModel model = model(warden);

      assertThatThrownBy(() -> model.chat("Bill " + card))
          .isInstanceOf(AuthenticationException.class)
          .cause()
          .isInstanceOfSatisfying(
              HttpException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.getMessage()).contains("warden_blocked").doesNotContain(card);
              });
      assertThat(stub.received()).isEmpty();
    }
  }

  @Test
  void toolCallArgumentsComeBackRedactedAndParseable() {
    String to = FakeSecrets.email();
    String token = FakeSecrets.githubToken();
    try (StubUpstream stub =
            StubUpstream.builder()
                .rawReply(OpenAiNodeSdkTest.toolCallReply(to, token), "application/json")
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      ChatResponse response =
          model(warden)
              .chat(
                  ChatRequest.builder()
                      .messages(UserMessage.from("Mail the deploy key to ops."))
                      .toolSpecifications(sendEmail())
                      .build());

      JsonNode sent = JSON.readTree(stub.received().getFirst());
      assertThat(sent.at("/tools/0/function/name").asString()).isEqualTo("send_email");
      assertThat(response.aiMessage().hasToolExecutionRequests()).isTrue();
      ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().getFirst();
      assertThat(call.name()).isEqualTo("send_email");
      assertThat(call.arguments()).doesNotContain(to, token);
      JsonNode args = JSON.readTree(call.arguments());
      assertThat(args.path("to").asString()).isEqualTo("[REDACTED:email]");
      assertThat(args.path("body").asString()).isEqualTo("Your key: [REDACTED:github_token]");
    }
  }

  static ToolSpecification sendEmail() {
    return ToolSpecification.builder()
        .name("send_email")
        .description("Send an e-mail")
        .parameters(
            JsonObjectSchema.builder()
                .addStringProperty("to")
                .addStringProperty("body")
                .required("to", "body")
                .build())
        .build();
  }

  static OpenAiChatModel model(WardenUnderTest warden) {
    return OpenAiChatModel.builder()
        .baseUrl(warden.openAiBaseUrl())
        .apiKey("test-key-for-stub")
        .modelName("gpt-test")
        .maxRetries(0)
        .build();
  }
}
