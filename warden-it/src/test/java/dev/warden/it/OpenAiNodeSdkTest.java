package dev.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ledger.receipt.InvalidReceiptException;
import dev.warden.ledger.receipt.ReceiptVerifier;
import dev.warden.testing.StubUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official {@code openai} npm package, run by Node against the real gateway with only its
 * {@code baseURL} changed, in front of the OpenAI-compatible stub from {@code warden-testing}. Each
 * test checks both ends: what the SDK handed the application, and what reached the stub.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each scenario is bounded; no hung build
class OpenAiNodeSdkTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String SCRIPT = "openai-client.mjs";

  @TempDir Path tmp;

  @BeforeAll
  static void installSdks() {
    NodeClients.installed();
  }

  @Test
  void chatAnswersThroughTheGatewayUnchanged() {
    try (StubUpstream stub = StubUpstream.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode ok = run(warden, "chat", input("prompt", "What is the capital of France?")).ok();

      assertThat(ok.path("content").asString())
          .isEqualTo("You said: What is the capital of France?");
      assertThat(ok.path("finishReason").asString()).isEqualTo("stop");
      assertThat(stub.received())
          .singleElement()
          .asString()
          .contains("What is the capital of France?");
    }
  }

  /** Configured the other usual way: no {@code baseURL} option, {@code OPENAI_BASE_URL} set. */
  @Test
  void baseUrlFromTheEnvironmentReachesTheGateway() {
    String email = FakeSecrets.email();
    try (StubUpstream stub = StubUpstream.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      ObjectNode in = input("prompt", "Ask " + email);
      in.put("baseUrlFromEnv", true);
      JsonNode ok = run(warden, "chat", in).ok();

      assertThat(ok.path("content").asString()).isEqualTo("You said: Ask [REDACTED:email]");
      assertThat(ok.at("/wire/0/correlationId").asString()).isNotBlank();
      assertThat(stub.received()).singleElement().asString().doesNotContain(email);
    }
  }

  @Test
  void secretInThePromptIsRedactedBeforeTheUpstreamSeesIt() throws Exception {
    String token = FakeSecrets.githubToken();
    String email = FakeSecrets.email();
    try (StubUpstream stub = StubUpstream.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode ok =
          run(warden, "chat", input("prompt", "Deploy with " + token + " and notify " + email))
              .ok();

      assertThat(stub.received())
          .singleElement()
          .asString()
          .doesNotContain(token, email)
          .contains("[REDACTED:github_token]", "[REDACTED:email]");
      // The stub echoes what it got, so the SDK shows the application what the model saw.
      assertThat(ok.path("content").asString())
          .isEqualTo("You said: Deploy with [REDACTED:github_token] and notify [REDACTED:email]");
      assertThat(warden.ledgerText()).doesNotContain(token, email);
    }
  }

  @Test
  void secretInTheModelsReplyIsRedactedInWhatTheSdkParses() {
    String token = FakeSecrets.githubToken();
    try (StubUpstream stub = StubUpstream.builder().appendToReply(" Use " + token).start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode ok = run(warden, "chat", input("prompt", "Which token?")).ok();

      assertThat(ok.path("content").asString())
          .isEqualTo("You said: Which token? Use [REDACTED:github_token]");
    }
  }

  @Test
  void blockedRequestSurfacesAsApiErrorWith403AndWardenBlocked() {
    String card = FakeSecrets.card();
    try (StubUpstream stub = StubUpstream.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode error = run(warden, "chat", input("prompt", "Charge " + card + " today")).error();

      assertThat(error.path("isApiError").asBoolean()).isTrue();
      assertThat(error.path("sdkClass").asString()).isEqualTo("PermissionDeniedError");
      assertThat(error.path("status").asInt()).isEqualTo(403);
      assertThat(error.path("type").asString()).isEqualTo("warden_blocked");
      assertThat(error.path("message").asString())
          .contains("card")
          .doesNotContain(card, card.replace(" ", ""));
      assertThat(stub.received()).as("a blocked request never leaves the gateway").isEmpty();
    }
  }

  /** The receipt an SDK user gets verifies against exactly the bytes the SDK sent and received. */
  @Test
  void receiptVerifiesAgainstWhatTheSdkSentAndReceived() throws Exception {
    String email = FakeSecrets.email();
    try (StubUpstream stub = StubUpstream.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode exchange =
          run(warden, "chat", input("prompt", "Forward to " + email)).ok().path("wire").get(0);

      assertThat(exchange.path("correlationId").asString()).isNotBlank();
      assertThat(warden.ledgerText()).contains(exchange.path("correlationId").asString());
      String receipt = exchange.path("receipt").asString();
      byte[] request = exchange.path("request").asString().getBytes(StandardCharsets.UTF_8);
      String response = exchange.path("response").asString();
      assertThat(response).contains("[REDACTED:email]");
      assertThat(
              ReceiptVerifier.verify(
                  receipt, request, response.getBytes(StandardCharsets.UTF_8), warden.publicKeys()))
          .isNotNull();
      byte[] undone = response.replace("[REDACTED:email]", email).getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(
              () -> ReceiptVerifier.verify(receipt, request, undone, warden.publicKeys()))
          .as("a response with the redaction undone no longer matches its receipt")
          .isInstanceOf(InvalidReceiptException.class);
    }
  }

  @Test
  void legacyCompletionRedactsThePrompt() {
    String token = FakeSecrets.githubToken();
    try (StubUpstream stub = StubUpstream.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode ok = run(warden, "completion", input("prompt", "export GH=" + token)).ok();

      assertThat(stub.received()).singleElement().asString().doesNotContain(token);
      assertThat(ok.path("text").asString())
          .isEqualTo("You said: export GH=[REDACTED:github_token]");
    }
  }

  /**
   * The SDK asks for base64 embeddings by default and decodes them itself: 6 KiB of random-looking
   * base64 per vector must come back byte-exact (not taken for a secret), while the inputs going up
   * are still scanned.
   */
  @Test
  void embeddingsInputsAreRedactedAndBase64VectorsArriveIntact() {
    String email = FakeSecrets.email();
    try (StubUpstream stub = StubUpstream.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      ObjectNode in = JSON.createObjectNode();
      in.putArray("inputs").add("Customer " + email + " asked about refunds").add("refund policy");
      in.put("dimensions", 1536);
      JsonNode base64 = run(warden, "embeddings", in).ok().path("vectors");
      in.put("encodingFormat", "float");
      JsonNode floats = run(warden, "embeddings", in).ok().path("vectors");

      assertThat(stub.received())
          .hasSize(2)
          .allSatisfy(body -> assertThat(body).doesNotContain(email).contains("[REDACTED:email]"));
      assertThat(JSON.readTree(stub.received().getFirst()).path("encoding_format").asString())
          .isEqualTo("base64");
      assertThat(base64.size()).isEqualTo(2);
      for (int v = 0; v < 2; v++) {
        assertThat(base64.get(v).size()).isEqualTo(1536);
        for (int d = 0; d < 1536; d++) {
          assertThat(base64.get(v).get(d).asDouble())
              .as("vector %d value %d", v, d)
              .isCloseTo(
                  floats.get(v).get(d).asDouble(), org.assertj.core.api.Assertions.within(1e-6));
        }
      }
    }
  }

  @Test
  void toolCallArgumentsAreProtectedInBothDirections() {
    String email = FakeSecrets.email();
    String token = FakeSecrets.githubToken();
    String replyEmail = FakeSecrets.email();
    String replyToken = FakeSecrets.githubToken();
    try (StubUpstream stub =
            StubUpstream.builder()
                .rawReply(toolCallReply(replyEmail, replyToken), "application/json")
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode ok = run(warden, "tools", toolConversation(email, token)).ok();

      // Up: the earlier call's JSON arguments and the tool result were scanned and rewritten,
      // and the arguments are still a JSON document the model can read.
      JsonNode sent = JSON.readTree(stub.received().getFirst());
      assertThat(sent.toString()).doesNotContain(email, token);
      JsonNode sentCall = sent.at("/messages/1/tool_calls/0/function");
      assertThat(JSON.readTree(sentCall.path("arguments").asString()).path("to").asString())
          .isEqualTo("[REDACTED:email]");
      assertThat(sent.at("/messages/2/content").asString()).contains("[REDACTED:github_token]");
      assertThat(sent.at("/tools/0/function/name").asString()).isEqualTo("send_email");

      // Down: the model's tool call reaches the application redacted, still parseable.
      assertThat(ok.path("finishReason").asString()).isEqualTo("tool_calls");
      JsonNode call = ok.path("toolCalls").get(0);
      assertThat(call.path("name").asString()).isEqualTo("send_email");
      assertThat(call.path("arguments").asString()).doesNotContain(replyEmail, replyToken);
      assertThat(call.at("/parsed/to").asString()).isEqualTo("[REDACTED:email]");
      assertThat(call.at("/parsed/body").asString()).isEqualTo("Your key: [REDACTED:github_token]");
    }
  }

  private NodeClients.Outcome run(WardenUnderTest warden, String scenario, JsonNode input) {
    return NodeClients.installed().run(SCRIPT, scenario, warden.openAiBaseUrl(), input);
  }

  static ObjectNode input(String key, String value) {
    ObjectNode in = JSON.createObjectNode();
    in.put(key, value);
    return in;
  }

  /** A conversation with a tool definition, an earlier assistant tool call and its result. */
  static ObjectNode toolConversation(String email, String token) {
    ObjectNode in = JSON.createObjectNode();
    ArrayNode messages = in.putArray("messages");
    messages.addObject().put("role", "user").put("content", "Mail the deploy key to ops.");
    ObjectNode assistant = messages.addObject().put("role", "assistant");
    assistant.putNull("content");
    ObjectNode fn =
        assistant
            .putArray("tool_calls")
            .addObject()
            .put("id", "call_prev")
            .put("type", "function")
            .putObject("function");
    fn.put("name", "send_email");
    fn.put("arguments", sendEmailArguments(email, "Deploy key attached."));
    messages
        .addObject()
        .put("role", "tool")
        .put("tool_call_id", "call_prev")
        .put("content", "sent; the key was " + token);
    messages.addObject().put("role", "user").put("content", "Send it once more.");
    ObjectNode tool = in.putArray("tools").addObject().put("type", "function");
    ObjectNode def = tool.putObject("function");
    def.put("name", "send_email");
    def.put("description", "Send an e-mail");
    ObjectNode params = def.putObject("parameters").put("type", "object");
    params.putObject("properties").set("to", JSON.createObjectNode().put("type", "string"));
    ((ObjectNode) params.get("properties"))
        .set("body", JSON.createObjectNode().put("type", "string"));
    params.putArray("required").add("to").add("body");
    return in;
  }

  static String sendEmailArguments(String to, String body) {
    ObjectNode args = JSON.createObjectNode();
    args.put("to", to);
    args.put("body", body);
    return JSON.writeValueAsString(args);
  }

  /** A chat.completion whose assistant message is one {@code send_email} tool call. */
  static String toolCallReply(String to, String token) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("id", "chatcmpl-stub-tools");
    reply.put("object", "chat.completion");
    reply.put("created", 1_700_000_000L);
    reply.put("model", "gpt-test");
    ObjectNode choice = reply.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.putNull("content");
    ObjectNode fn =
        message
            .putArray("tool_calls")
            .addObject()
            .put("id", "call_1")
            .put("type", "function")
            .putObject("function");
    fn.put("name", "send_email");
    fn.put("arguments", sendEmailArguments(to, "Your key: " + token));
    choice.put("finish_reason", "tool_calls");
    reply
        .putObject("usage")
        .put("prompt_tokens", 12)
        .put("completion_tokens", 9)
        .put("total_tokens", 21);
    return JSON.writeValueAsString(reply);
  }
}
