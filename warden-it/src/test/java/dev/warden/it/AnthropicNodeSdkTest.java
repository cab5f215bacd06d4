package dev.warden.it;

import static dev.warden.it.OpenAiNodeSdkTest.input;
import static dev.warden.it.OpenAiNodeSdkTest.sendEmailArguments;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.AnthropicStub;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official {@code @anthropic-ai/sdk} npm package, run by Node against the real gateway with
 * only its {@code baseURL} changed, in front of the Anthropic Messages stub: {@code
 * messages.create}, {@code messages.create({stream: true})}, the {@code messages.stream} helper and
 * {@code tool_use} blocks, non-streamed and streamed; refusals as the SDK's {@code APIError}s.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each scenario is bounded; no hung build
class AnthropicNodeSdkTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String SCRIPT = "anthropic-client.mjs";
  private static final Pattern TOKEN = Pattern.compile("\\[TOKEN:email:[A-Z2-7]{16}]");

  @TempDir Path tmp;

  @BeforeAll
  static void installSdks() {
    NodeClients.installed();
  }

  @Test
  void createRedactsThePromptAndTheReply() throws Exception {
    String token = FakeSecrets.githubToken();
    String replyEmail = FakeSecrets.email();
    try (AnthropicStub stub = AnthropicStub.builder().appendToReply(" Mail " + replyEmail).start();
        WardenUnderTest warden = warden(stub)) {
      JsonNode ok = run(warden, "create", input("prompt", "Rotate " + token + " tonight")).ok();

      assertThat(stub.receivedPaths()).containsExactly("/v1/messages");
      assertThat(stub.received())
          .singleElement()
          .asString()
          .doesNotContain(token)
          .contains("[REDACTED:github_token]");
      assertThat(ok.path("text").asString())
          .isEqualTo("You said: Rotate [REDACTED:github_token] tonight Mail [REDACTED:email]");
      assertThat(ok.path("stopReason").asString()).isEqualTo("end_turn");
      assertThat(ok.path("id").asString()).startsWith("msg_stub_");
      assertThat(warden.ledgerText()).doesNotContain(token, replyEmail);
    }
  }

  /** Configured the other usual way: no {@code baseURL} option, {@code ANTHROPIC_BASE_URL} set. */
  @Test
  void baseUrlFromTheEnvironmentReachesTheGateway() {
    String email = FakeSecrets.email();
    try (AnthropicStub stub = AnthropicStub.start();
        WardenUnderTest warden = warden(stub)) {
      ObjectNode in = input("prompt", "Ask " + email);
      in.put("baseUrlFromEnv", true);
      JsonNode ok = run(warden, "create", in).ok();

      assertThat(ok.path("text").asString()).isEqualTo("You said: Ask [REDACTED:email]");
      assertThat(stub.received()).singleElement().asString().doesNotContain(email);
      assertThat(stub.receivedHeaders().getFirst())
          .as("the SDK's own headers reach the upstream")
          .containsEntry("authorization", "Bearer test-key-for-stub") // what SDK 1.x sends
          .containsKey("anthropic-version");
    }
  }

  /** The SDK's {@code messages.stream} helper: text deltas and the final message it assembles. */
  @Test
  void messagesStreamAssemblesTheProtectedTextFromSplitDeltas() throws Exception {
    String token = FakeSecrets.githubToken();
    String promptEmail = FakeSecrets.email();
    try (AnthropicStub stub =
            AnthropicStub.builder().chunkChars(3).appendToReply(" Use " + token).start();
        WardenUnderTest warden = warden(stub)) {
      JsonNode ok = run(warden, "stream", input("prompt", "Mail " + promptEmail)).ok();

      String expected = "You said: Mail [REDACTED:email] Use [REDACTED:github_token]";
      assertThat(ok.path("deltas").asString()).isEqualTo(expected);
      assertThat(ok.path("text").asString()).isEqualTo(expected);
      assertThat(ok.path("stopReason").asString()).isEqualTo("end_turn");
      assertThat(ok.path("events").asInt()).isGreaterThan(20);
      assertThat(stub.received()).singleElement().asString().doesNotContain(promptEmail);
      assertThat(warden.ledgerText()).doesNotContain(token, promptEmail);
    }
  }

  /** {@code messages.create({stream: true})}: every event of the Messages stream, in order. */
  @Test
  void createWithStreamTrueYieldsTheEventSequenceWithProtectedText() {
    String email = FakeSecrets.email();
    try (AnthropicStub stub =
            AnthropicStub.builder().chunkChars(4).appendToReply(" or " + email).start();
        WardenUnderTest warden = warden(stub)) {
      JsonNode ok = run(warden, "create-stream", input("prompt", "Who?")).ok();

      assertThat(ok.path("text").asString()).isEqualTo("You said: Who? or [REDACTED:email]");
      assertThat(ok.path("stopReason").asString()).isEqualTo("end_turn");
      JsonNode types = ok.path("types");
      assertThat(types.get(0).asString()).isEqualTo("message_start");
      assertThat(types.get(types.size() - 1).asString()).isEqualTo("message_stop");
      assertThat(types.toString()).contains("content_block_delta", "message_delta");
    }
  }

  @Test
  void blockedRequestIsPermissionDeniedWithWardenBlocked() {
    String card = FakeSecrets.card();
    try (AnthropicStub stub = AnthropicStub.start();
        WardenUnderTest warden = warden(stub)) {
      JsonNode error = run(warden, "create", input("prompt", "Charge " + card)).error();

      assertThat(error.path("sdkClass").asString()).isEqualTo("PermissionDeniedError");
      assertThat(error.path("status").asInt()).isEqualTo(403);
      assertThat(error.path("type").asString()).isEqualTo("warden_blocked");
      assertThat(error.path("errorType").asString()).isEqualTo("warden_blocked");
      assertThat(error.path("message").asString()).doesNotContain(card, card.replace(" ", ""));
      assertThat(stub.received()).as("a blocked request never leaves the gateway").isEmpty();
    }
  }

  @Test
  void valueBlockedMidStreamSurfacesAsAnSdkApiError() throws Exception {
    String card = FakeSecrets.card();
    try (AnthropicStub stub =
            AnthropicStub.builder().chunkChars(4).appendToReply(" Card: " + card).start();
        WardenUnderTest warden = warden(stub)) {
      JsonNode error = run(warden, "stream", input("prompt", "Which card is on file?")).error();

      // The stream's `event: error` becomes the SDK's base APIError (the response began with
      // 200), whose type is Warden's.
      assertThat(error.path("sdkClass").asString()).isEqualTo("APIError");
      assertThat(error.path("status").isNull()).isTrue();
      assertThat(error.path("type").asString()).isEqualTo("warden_response_blocked");
      warden.assertBlockedMidStreamLeavingNothingOf(card, error);
    }
  }

  /**
   * Up: an earlier {@code tool_use} block's input and the {@code tool_result} are redacted before
   * the stub. Down: the model's {@code tool_use} input reaches the application redacted.
   */
  @Test
  void toolUseInputIsProtectedInBothDirections() {
    String email = FakeSecrets.email();
    String token = FakeSecrets.githubToken();
    String replyEmail = FakeSecrets.email();
    String replyToken = FakeSecrets.githubToken();
    try (AnthropicStub stub =
            AnthropicStub.builder()
                .replyWithToolCall(
                    "send_email", sendEmailArguments(replyEmail, "Your key: " + replyToken))
                .start();
        WardenUnderTest warden = warden(stub)) {
      JsonNode ok = run(warden, "tools", toolConversation(email, token)).ok();

      JsonNode sent = JSON.readTree(stub.received().getFirst());
      assertThat(sent.toString()).doesNotContain(email, token);
      assertThat(sent.at("/messages/1/content/0/input/to").asString())
          .isEqualTo("[REDACTED:email]");
      assertThat(sent.at("/messages/2/content/0/content").asString())
          .contains("[REDACTED:github_token]");
      assertThat(sent.at("/tools/0/name").asString()).isEqualTo("send_email");

      assertThat(ok.path("stopReason").asString()).isEqualTo("tool_use");
      JsonNode block = ok.path("content").get(0);
      assertThat(block.path("type").asString()).isEqualTo("tool_use");
      assertThat(block.path("name").asString()).isEqualTo("send_email");
      assertThat(block.at("/input/to").asString()).isEqualTo("[REDACTED:email]");
      assertThat(block.at("/input/body").asString()).isEqualTo("Your key: [REDACTED:github_token]");
    }
  }

  /** {@code input_json_delta} pieces of five characters, assembled by the SDK into the input. */
  @Test
  void streamedToolUseInputIsAssembledRedacted() {
    String replyEmail = FakeSecrets.email();
    String replyToken = FakeSecrets.githubToken();
    try (AnthropicStub stub =
            AnthropicStub.builder()
                .chunkChars(5)
                .replyWithToolCall(
                    "send_email", sendEmailArguments(replyEmail, "Your key: " + replyToken))
                .start();
        WardenUnderTest warden = warden(stub)) {
      JsonNode ok =
          run(warden, "stream-tools", toolConversation(FakeSecrets.email(), "nothing")).ok();

      assertThat(ok.path("stopReason").asString()).isEqualTo("tool_use");
      JsonNode block = ok.path("content").get(0);
      assertThat(block.path("type").asString()).isEqualTo("tool_use");
      assertThat(block.toString()).doesNotContain(replyEmail, replyToken);
      assertThat(block.at("/input/to").asString()).isEqualTo("[REDACTED:email]");
      assertThat(block.at("/input/body").asString()).isEqualTo("Your key: [REDACTED:github_token]");
      assertThat(ok.path("inputJsonDeltas").asInt()).isPositive();
    }
  }

  /**
   * A vault token the model puts into a streamed {@code tool_use} input comes back to the SDK as
   * the address it stands for. The first gateway issues the token (scope {@code global}); the
   * second, on the same data directory, serves a model that calls a tool with it, cut into
   * 6-character {@code input_json_delta} pieces.
   */
  @Test
  void tokenInStreamedToolUseInputIsRestored() {
    String email = FakeSecrets.email();
    Path data = tmp.resolve("data");
    String vault = "policy: {types: {email: tokenize}}\nvault: {scope: global}";
    String token;
    try (AnthropicStub first = AnthropicStub.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOfAnthropic(first.url(), data, vault)) {
      JsonNode ok = run(warden, "create", input("prompt", "Remember " + email)).ok();
      assertThat(ok.path("text").asString()).isEqualTo("You said: Remember " + email);
      Matcher m = TOKEN.matcher(first.received().getFirst());
      assertThat(m.find()).as("the first stub saw a vault token").isTrue();
      token = m.group();
    }
    try (AnthropicStub stub =
            AnthropicStub.builder()
                .chunkChars(6)
                .replyWithToolCall("send_email", sendEmailArguments(token, "Hello"))
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOfAnthropic(stub.url(), data, vault)) {
      JsonNode ok = run(warden, "stream-tools", toolConversation(email, "nothing")).ok();

      assertThat(stub.received().getFirst()).doesNotContain(email).contains(token);
      JsonNode block = ok.path("content").get(0);
      assertThat(block.at("/input/to").asString()).isEqualTo(email);
      assertThat(block.at("/input/body").asString()).isEqualTo("Hello");
    }
  }

  private WardenUnderTest warden(AnthropicStub stub) {
    return WardenUnderTest.inFrontOfAnthropic(stub.url(), tmp.resolve("data"), "");
  }

  private NodeClients.Outcome run(WardenUnderTest warden, String scenario, JsonNode input) {
    // The Anthropic SDK appends /v1/messages itself: its base URL is the gateway root.
    return NodeClients.installed().run(SCRIPT, scenario, warden.root(), input);
  }

  /** A conversation with a tool, an earlier {@code tool_use} block and its {@code tool_result}. */
  static ObjectNode toolConversation(String email, String token) {
    ObjectNode in = JSON.createObjectNode();
    ArrayNode messages = in.putArray("messages");
    messages.addObject().put("role", "user").put("content", "Mail the deploy key to ops.");
    ObjectNode use =
        messages
            .addObject()
            .put("role", "assistant")
            .putArray("content")
            .addObject()
            .put("type", "tool_use")
            .put("id", "toolu_prev")
            .put("name", "send_email");
    use.set("input", JSON.readTree(sendEmailArguments(email, "Deploy key attached.")));
    messages
        .addObject()
        .put("role", "user")
        .putArray("content")
        .addObject()
        .put("type", "tool_result")
        .put("tool_use_id", "toolu_prev")
        .put("content", "sent; the key was " + token);
    ObjectNode tool = in.putArray("tools").addObject();
    tool.put("name", "send_email");
    tool.put("description", "Send an e-mail");
    ObjectNode schema = tool.putObject("input_schema").put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props.putObject("to").put("type", "string");
    props.putObject("body").put("type", "string");
    schema.putArray("required").add("to").add("body");
    return in;
  }
}
