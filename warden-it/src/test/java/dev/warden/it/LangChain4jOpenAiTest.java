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
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.warden.testing.StubUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * langchain4j's OpenAI client ({@code langchain4j-open-ai}) against the real gateway with only its
 * base URL changed: what the application gets back, and what reached the stub.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each scenario is bounded; no hung build
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

  /**
   * {@code OpenAiStreamingChatModel} with three-character deltas: the partial responses the handler
   * receives concatenate to the protected text, equal to the completed message.
   */
  @Test
  void streamingPartialResponsesReassembleToTheProtectedText() throws Exception {
    String token = FakeSecrets.githubToken();
    String replyEmail = FakeSecrets.email();
    try (StubUpstream stub =
            StubUpstream.builder()
                .streamChunkChars(3)
                .appendToReply(" Write to " + replyEmail)
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      Streamed streamed =
          Streamed.of(
              streamingModel(warden),
              ChatRequest.builder()
                  .messages(UserMessage.from("Rotate " + token + " tonight"))
                  .build());

      String expected =
          "You said: Rotate [REDACTED:github_token] tonight Write to [REDACTED:email]";
      assertThat(streamed.partials()).isEqualTo(expected);
      assertThat(streamed.response().aiMessage().text()).isEqualTo(expected);
      assertThat(streamed.response().finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(stub.received())
          .singleElement()
          .asString()
          .doesNotContain(token)
          // the body is rewritten in the client's own layout (langchain4j pretty-prints it)
          .containsPattern("\"stream\"\\s*:\\s*true");
    }
  }

  /**
   * A streamed tool call ({@code ToolSpecification} in the request, argument deltas of four
   * characters): the {@code ToolExecutionRequest} langchain4j assembles has redacted, parseable
   * arguments.
   */
  @Test
  void streamingToolCallArgumentsAreAssembledRedacted() throws Exception {
    String to = FakeSecrets.email();
    String token = FakeSecrets.githubToken();
    try (StubUpstream stub =
            StubUpstream.builder()
                .streamChunkChars(4)
                .streamToolCall(
                    "send_email", OpenAiNodeSdkTest.sendEmailArguments(to, "Your key: " + token))
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      Streamed streamed =
          Streamed.of(
              streamingModel(warden),
              ChatRequest.builder()
                  .messages(UserMessage.from("Mail the deploy key to ops."))
                  .toolSpecifications(sendEmail())
                  .build());

      assertThat(JSON.readTree(stub.received().getFirst()).at("/tools/0/function/name").asString())
          .isEqualTo("send_email");
      ChatResponse response = streamed.response();
      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
      ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().getFirst();
      assertThat(call.name()).isEqualTo("send_email");
      assertThat(call.arguments()).doesNotContain(to, token);
      JsonNode args = JSON.readTree(call.arguments());
      assertThat(args.path("to").asString()).isEqualTo("[REDACTED:email]");
      assertThat(args.path("body").asString()).isEqualTo("Your key: [REDACTED:github_token]");
    }
  }

  /**
   * A value blocked mid-stream: Warden ends the stream with OpenAI's error event ({@code data:
   * {"error":…}}), which langchain4j 1.19.0 does not map to {@code onError}: the call completes
   * with the text released before the block, none of the card number, and no finish reason (the
   * upstream's finishing chunk never went out). Applications that must tell a cut-off answer from a
   * finished one check {@code finishReason() == null}.
   */
  @Test
  void streamingBlockMidStreamCompletesWithoutTheValueAndWithoutFinishReason() throws Exception {
    String card = FakeSecrets.card();
    try (StubUpstream stub =
            StubUpstream.builder().streamChunkChars(4).appendToReply(" Card: " + card).start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      Streamed streamed =
          Streamed.of(
              streamingModel(warden),
              ChatRequest.builder().messages(UserMessage.from("Which card?")).build());

      assertThat(streamed.partials()).doesNotContain(card, card.substring(0, 9));
      ChatResponse response = streamed.response();
      assertThat(String.valueOf(response.aiMessage().text()))
          .doesNotContain(card, card.substring(0, 9));
      assertThat(response.finishReason()).isNull();
      assertThat(warden.ledgerText()).contains("warden_response_blocked");
    }
  }

  /** What a streaming call handed its handler, collected with a bounded wait. */
  record Streamed(String partials, @Nullable ChatResponse completed, @Nullable Throwable error) {
    static Streamed of(OpenAiStreamingChatModel model, ChatRequest request) throws Exception {
      StringBuilder partials = new StringBuilder();
      CompletableFuture<Streamed> done = new CompletableFuture<>();
      model.chat(
          request,
          new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
              synchronized (partials) {
                partials.append(partial);
              }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
              synchronized (partials) {
                done.complete(new Streamed(partials.toString(), response, null));
              }
            }

            @Override
            public void onError(Throwable error) {
              synchronized (partials) {
                done.complete(new Streamed(partials.toString(), null, error));
              }
            }
          });
      return done.get(60, TimeUnit.SECONDS);
    }

    /** The completed response; fails the test with the error otherwise. */
    ChatResponse response() {
      if (completed == null) {
        throw new AssertionError("the stream did not complete: " + error, error);
      }
      return completed;
    }
  }

  static OpenAiStreamingChatModel streamingModel(WardenUnderTest warden) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(warden.openAiBaseUrl())
        .apiKey("test-key-for-stub")
        .modelName("gpt-test")
        .timeout(Duration.ofSeconds(30))
        .build();
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
