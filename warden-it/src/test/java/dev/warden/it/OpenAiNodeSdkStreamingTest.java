package dev.warden.it;

import static dev.warden.it.OpenAiNodeSdkTest.input;
import static dev.warden.it.OpenAiNodeSdkTest.sendEmailArguments;
import static dev.warden.it.OpenAiNodeSdkTest.toolConversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ledger.receipt.InvalidReceiptException;
import dev.warden.ledger.receipt.ReceiptVerifier;
import dev.warden.ledger.receipt.StreamedReceipt;
import dev.warden.testing.StubUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The official {@code openai} npm package streaming through the real gateway ({@code stream: true},
 * the SDK's {@code chat.completions.stream} and {@code responses.stream} helpers) in front of the
 * SSE stub: the text and tool-call arguments the SDK assembles from the deltas are the protected
 * ones, however the stub splits a secret across chunks; a value blocked mid-stream surfaces as the
 * SDK's error; the receipt covers what the SDK read; an abandoned stream cancels the upstream.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // each scenario is bounded; no hung build
class OpenAiNodeSdkStreamingTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String SCRIPT = "openai-client.mjs";
  private static final Pattern TOKEN = Pattern.compile("\\[TOKEN:email:[A-Z2-7]{16}]");

  @TempDir Path tmp;

  @BeforeAll
  static void installSdks() {
    NodeClients.installed();
  }

  /** Three-character deltas cut the token and the address into many pieces. */
  @Test
  void streamedTextIsTheProtectedTextWhenTheSecretIsSplitAcrossChunks() throws Exception {
    String token = FakeSecrets.githubToken();
    String promptEmail = FakeSecrets.email();
    try (StubUpstream stub =
            StubUpstream.builder().streamChunkChars(3).appendToReply(" Use " + token).start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode ok = run(warden, "stream", input("prompt", "Mail " + promptEmail)).ok();

      assertThat(ok.path("text").asString())
          .isEqualTo("You said: Mail [REDACTED:email] Use [REDACTED:github_token]");
      assertThat(ok.path("finishReason").asString()).isEqualTo("stop");
      // The stub sent one event per 3 characters; held text goes out as empty deltas, so the SDK
      // still reads a chunk per upstream event: the stream's framing survived the rewrite.
      assertThat(ok.path("chunks").asInt()).isGreaterThan(20);
      assertThat(stub.received())
          .singleElement()
          .asString()
          .doesNotContain(promptEmail)
          .contains("\"stream\":true");
      assertThat(stub.streamsCompleted()).isEqualTo(1);
      assertThat(warden.ledgerText()).doesNotContain(token, promptEmail);
    }
  }

  /**
   * A reply (84 k characters) longer than the inspector's hold-back window (about 34 k) is released
   * in steps while it streams, so the SDK assembles it from many non-empty deltas; the token split
   * into 7-character pieces near its start is still redacted whole.
   */
  @Test
  void longStreamIsReleasedInStepsAndStillRedactsTheSplitSecret() {
    String token = FakeSecrets.githubToken();
    int fillerChunks = 12_000;
    try (StubUpstream stub =
            StubUpstream.builder()
                .streamChunkChars(7)
                .streamFillerChunks(fillerChunks)
                .appendToReply(" Use " + token + ".")
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode ok = run(warden, "stream", input("prompt", "Which token?")).ok();

      String text = ok.path("text").asString();
      String head = "You said: Which token? Use [REDACTED:github_token].";
      assertThat(text).startsWith(head).doesNotContain(token);
      assertThat(text.length()).isEqualTo(head.length() + 7 * fillerChunks);
      assertThat(ok.path("textChunks").asInt())
          .as("text released while the stream runs, not only at its end")
          .isGreaterThan(1);
      assertThat(ok.path("finishReason").asString()).isEqualTo("stop");
    }
  }

  @Test
  void valueBlockedMidStreamSurfacesAsAnSdkApiError() throws Exception {
    String card = FakeSecrets.card();
    try (StubUpstream stub =
            StubUpstream.builder().streamChunkChars(4).appendToReply(" Card: " + card).start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode error = run(warden, "stream", input("prompt", "Which card is on file?")).error();

      // The SDK raises the stream's error event as its base APIError (no HTTP status: the
      // response began with 200), carrying Warden's type.
      assertThat(error.path("isApiError").asBoolean()).isTrue();
      assertThat(error.path("sdkClass").asString()).isEqualTo("APIError");
      assertThat(error.path("status").isNull()).isTrue();
      assertThat(error.path("type").asString()).isEqualTo("warden_response_blocked");
      assertThat(error.path("message").asString()).contains("card");
      warden.assertBlockedMidStreamLeavingNothingOf(card, error);
    }
  }

  /**
   * The SDK's stream helper assembles a tool call from argument deltas of five characters: the
   * arguments it hands over are valid JSON with both secrets redacted; the earlier call and tool
   * result in the request were redacted before the stub saw them.
   */
  @Test
  void streamedToolCallArgumentsAreAssembledRedacted() {
    String email = FakeSecrets.email();
    String token = FakeSecrets.githubToken();
    String replyEmail = FakeSecrets.email();
    String replyToken = FakeSecrets.githubToken();
    try (StubUpstream stub =
            StubUpstream.builder()
                .streamChunkChars(5)
                .streamToolCall(
                    "send_email", sendEmailArguments(replyEmail, "Your key: " + replyToken))
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode ok = run(warden, "stream-tools", toolConversation(email, token)).ok();

      JsonNode sent = JSON.readTree(stub.received().getFirst());
      assertThat(sent.toString()).doesNotContain(email, token);
      assertThat(sent.path("stream").asBoolean()).isTrue();
      assertThat(ok.path("finishReason").asString()).isEqualTo("tool_calls");
      JsonNode call = ok.path("toolCalls").get(0);
      assertThat(call.path("name").asString()).isEqualTo("send_email");
      assertThat(call.path("id").asString()).isEqualTo("call_stub_1");
      assertThat(call.path("arguments").asString()).doesNotContain(replyEmail, replyToken);
      assertThat(call.at("/parsed/to").asString()).isEqualTo("[REDACTED:email]");
      assertThat(call.at("/parsed/body").asString()).isEqualTo("Your key: [REDACTED:github_token]");
      assertThat(ok.path("argumentDeltas").asInt()).isPositive();
    }
  }

  /**
   * With {@code email: tokenize} the stub only ever sees a vault token; the model's streamed echo
   * of it, split into 4-character deltas, reaches the SDK as the address again.
   */
  @Test
  void tokenSplitAcrossStreamedDeltasIsRestoredForTheSdk() {
    String email = FakeSecrets.email();
    try (StubUpstream stub = StubUpstream.builder().streamChunkChars(4).start();
        WardenUnderTest warden =
            WardenUnderTest.inFrontOf(
                stub.url(), tmp.resolve("data"), "policy: {types: {email: tokenize}}")) {
      JsonNode ok = run(warden, "stream", input("prompt", "Write to " + email)).ok();

      String sent = stub.received().getFirst();
      assertThat(sent).doesNotContain(email);
      assertThat(TOKEN.matcher(sent).find()).as("the stub saw a vault token: %s", sent).isTrue();
      assertThat(ok.path("text").asString()).isEqualTo("You said: Write to " + email);
    }
  }

  /**
   * A vault token the model puts into streamed tool-call arguments comes back to the SDK as the
   * value it stands for. The first gateway issues the token (scope {@code global}); the second, on
   * the same data directory, serves a model that calls a tool with it.
   */
  @Test
  void tokenInStreamedToolCallArgumentsIsRestored() {
    String email = FakeSecrets.email();
    Path data = tmp.resolve("data");
    String vault = "policy: {types: {email: tokenize}}\nvault: {scope: global}";
    String token;
    try (StubUpstream first = StubUpstream.start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(first.url(), data, vault)) {
      run(warden, "chat", input("prompt", "Remember " + email)).ok();
      Matcher m = TOKEN.matcher(first.received().getFirst());
      assertThat(m.find()).as("the first stub saw a vault token").isTrue();
      token = m.group();
    }
    try (StubUpstream stub =
            StubUpstream.builder()
                .streamChunkChars(6)
                .streamToolCall("send_email", sendEmailArguments(token, "Hello"))
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), data, vault)) {
      JsonNode ok = run(warden, "stream-tools", toolConversation(email, "no secret")).ok();

      assertThat(stub.received().getFirst()).doesNotContain(email).contains(token);
      JsonNode call = ok.path("toolCalls").get(0);
      assertThat(call.at("/parsed/to").asString()).isEqualTo(email);
      assertThat(call.at("/parsed/body").asString()).isEqualTo("Hello");
    }
  }

  /**
   * The Responses API streamed ({@code client.responses.stream}): the SDK assembles the protected
   * text from {@code response.output_text.delta} events, and the done events and {@code
   * response.completed} (which repeat the text) agree with it; a function call's streamed arguments
   * come out redacted.
   */
  @Test
  void responsesApiStreamIsProtectedInDeltasDoneEventsAndFunctionCalls() throws Exception {
    String token = FakeSecrets.githubToken();
    String promptEmail = FakeSecrets.email();
    String replyEmail = FakeSecrets.email();
    try (StubUpstream stub =
            StubUpstream.builder()
                .streamChunkChars(3)
                .appendToReply(" Use " + token)
                .streamToolCall("send_email", sendEmailArguments(replyEmail, "Hi"))
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      ObjectNode in = input("prompt", "Mail " + promptEmail);
      in.putArray("tools")
          .addObject()
          .put("type", "function")
          .put("name", "send_email")
          .putObject("parameters")
          .put("type", "object");
      JsonNode ok = run(warden, "responses-stream", in).ok();

      String expected = "You said: Mail [REDACTED:email] Use [REDACTED:github_token]";
      assertThat(ok.path("deltas").asString()).isEqualTo(expected);
      assertThat(ok.path("outputText").asString()).isEqualTo(expected);
      assertThat(ok.path("status").asString()).isEqualTo("completed");
      assertThat(ok.path("types").toString())
          .contains("response.output_text.delta", "response.completed");
      JsonNode call = ok.path("functionCalls").get(0);
      assertThat(call.path("name").asString()).isEqualTo("send_email");
      assertThat(call.path("arguments").asString()).doesNotContain(replyEmail);
      assertThat(call.at("/parsed/to").asString()).isEqualTo("[REDACTED:email]");
      assertThat(stub.received()).singleElement().asString().doesNotContain(promptEmail);
      assertThat(warden.ledgerText()).doesNotContain(token, promptEmail, replyEmail);
    }
  }

  /**
   * A value blocked mid-stream in the Responses API: Warden sends the Responses error event ({@code
   * event: error}, {@code code} {@code warden_response_blocked}); the SDK's stream helper rejects
   * {@code finalResponse()} with that event object itself (not an {@code APIError}, as for OpenAI's
   * own error events), and nothing of the card was streamed before it.
   */
  @Test
  void responsesApiBlockMidStreamRejectsWithTheErrorEvent() throws Exception {
    String card = FakeSecrets.card();
    try (StubUpstream stub =
            StubUpstream.builder().streamChunkChars(4).appendToReply(" Card: " + card).start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode error = run(warden, "responses-stream", input("prompt", "Which card?")).error();

      assertThat(error.path("isApiError").asBoolean()).isFalse();
      assertThat(error.path("eventType").asString()).isEqualTo("error");
      assertThat(error.path("code").asString()).isEqualTo("warden_response_blocked");
      assertThat(error.path("message").asString()).contains("card");
      warden.assertBlockedMidStreamLeavingNothingOf(card, error);
    }
  }

  /**
   * The stream the SDK read ends with Warden's receipt comment; the receipt verifies against
   * exactly the bytes before it and the request body the SDK sent, and no longer once a redaction
   * in the saved stream is undone.
   */
  @Test
  void streamedReceiptVerifiesAgainstWhatTheSdkReceived() throws Exception {
    String email = FakeSecrets.email();
    try (StubUpstream stub = StubUpstream.builder().streamChunkChars(5).start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      JsonNode ok = run(warden, "stream", input("prompt", "Forward to " + email)).ok();
      JsonNode exchange = ok.path("wire").get(0);

      byte[] request = exchange.path("request").asString().getBytes(StandardCharsets.UTF_8);
      byte[] stream = exchange.path("response").asString().getBytes(StandardCharsets.UTF_8);
      StreamedReceipt saved = StreamedReceipt.split(stream);
      assertThat(new String(saved.covered(), StandardCharsets.UTF_8))
          .contains("[REDACTED:email]", "data: [DONE]")
          .doesNotContain(email);
      assertThat(
              ReceiptVerifier.verify(
                  saved.receipt(), request, saved.covered(), warden.publicKeys()))
          .isNotNull();
      byte[] undone =
          new String(saved.covered(), StandardCharsets.UTF_8)
              .replace("[REDACTED:email]", email)
              .getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(
              () -> ReceiptVerifier.verify(saved.receipt(), request, undone, warden.publicKeys()))
          .isInstanceOf(InvalidReceiptException.class);
    }
  }

  /**
   * An application that leaves the SDK's stream loop early: the SDK aborts its request, Warden sees
   * the client gone at its next write, cancels the upstream call (the stub's next write fails) and
   * records the exchange as {@code warden_client_closed}.
   */
  @Test
  void sdkAbortingTheStreamCancelsTheUpstreamCall() throws Exception {
    try (StubUpstream stub =
            StubUpstream.builder()
                .streamFillerChunks(20_000)
                .streamDelay(Duration.ofMillis(2))
                .start();
        WardenUnderTest warden = WardenUnderTest.inFrontOf(stub.url(), tmp.resolve("data"))) {
      ObjectNode in = input("prompt", "Tell me a long story");
      in.put("abortAfter", 5);
      JsonNode ok = run(warden, "stream-abort", in).ok();

      assertThat(ok.path("chunks").asInt()).isEqualTo(5);
      assertThat(ok.path("aborted").asBoolean()).isTrue();
      await("the stub sees its call cancelled", () -> stub.streamsAborted() == 1);
      assertThat(stub.streamsCompleted()).isZero();
      await(
          "the exchange is recorded as closed by the client",
          () -> {
            try {
              return warden.ledgerText().contains("warden_client_closed");
            } catch (Exception e) {
              return false;
            }
          });
    }
  }

  /** Polls for what happens on other threads after the SDK returned, at most 15 s. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never happened: " + what);
  }

  private NodeClients.Outcome run(WardenUnderTest warden, String scenario, JsonNode input) {
    return NodeClients.installed().run(SCRIPT, scenario, warden.openAiBaseUrl(), input);
  }
}
