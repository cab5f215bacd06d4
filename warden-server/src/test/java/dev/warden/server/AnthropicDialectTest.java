package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Anthropic Messages through the real proxy to {@link dev.warden.testing.AnthropicStub}. */
class AnthropicDialectTest {
  static final JsonMapper JSON = JsonMapper.shared();
  static final String LEAK = " Reach me at ops.lead@corp-mail.example.net";
  @TempDir Path tmp;
  DialectGateway gw;

  @BeforeEach
  void start() {
    gw = DialectGateway.start(tmp.resolve("data"), LEAK);
  }

  @AfterEach
  void stop() {
    gw.close();
  }

  static final Map<String, String> SDK_HEADERS =
      Map.of(
          "x-api-key", "sk-ant-api03-fake-key-for-tests-0000",
          "anthropic-version", "2023-06-01",
          "anthropic-beta", "tools-2024-04-04,prompt-caching-2024-07-31",
          "x-stainless-lang", "js");

  @Test
  void secretsInSystemMessagesToolUseAndToolResultsAreRedactedBeforeTheUpstream() throws Exception {
    String body =
        """
        {"model":"claude-sonnet-4-5","max_tokens":256,
         "system":[{"type":"text","text":"Escalate to maria.lopez@corp-mail.example.net"}],
         "tools":[{"name":"send_mail","description":"mail dev.null@corp-mail.example.net",
                   "input_schema":{"type":"object","properties":{"to":{"type":"string"}}}}],
         "messages":[
          {"role":"user","content":"mail jonas.weber@corp-mail.example.net please"},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"send_mail",
              "input":{"to":"kim.tan@corp-mail.example.net","cc":["li.wei@corp-mail.example.net"]}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
              "content":[{"type":"text","text":"sent to ana.silva@corp-mail.example.net"}]},
              {"type":"text","text":"thanks"}]}]}
        """;
    HttpResponse<String> res = gw.post("/v1/messages", body, SDK_HEADERS);

    assertThat(res.statusCode()).isEqualTo(200);
    String sent = gw.anthropic.lastReceived();
    assertThat(sent)
        .doesNotContain("maria.lopez", "dev.null", "jonas.weber", "kim.tan", "li.wei", "ana.silva")
        .contains("[REDACTED:email]");
    JsonNode sentJson = JSON.readTree(sent);
    assertThat(sentJson.at("/messages/1/content/0/input/to").asString())
        .isEqualTo("[REDACTED:email]");
    assertThat(sentJson.at("/messages/2/content/0/content/0/text").asString())
        .isEqualTo("sent to [REDACTED:email]");
    Map<String, String> headers = gw.anthropic.receivedHeaders().getFirst();
    assertThat(headers)
        .containsEntry("x-api-key", "sk-ant-api03-fake-key-for-tests-0000")
        .containsEntry("anthropic-version", "2023-06-01")
        .containsEntry("anthropic-beta", "tools-2024-04-04,prompt-caching-2024-07-31")
        .doesNotContainKey("x-stainless-lang");
    assertThat(gw.anthropic.receivedPaths()).containsExactly("/v1/messages");
  }

  @Test
  void responsesAreProtected() throws Exception {
    HttpResponse<String> res =
        gw.post(
            "/v1/messages",
            "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}",
            SDK_HEADERS);

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode reply = JSON.readTree(res.body());
    assertThat(reply.path("type").asString()).isEqualTo("message");
    assertThat(reply.at("/content/0/text").asString())
        .isEqualTo("You said: hello Reach me at [REDACTED:email]");
    assertThat(res.headers().firstValue("Warden-Receipt")).isPresent();
  }

  @Test
  void blockedRequestGetsAnthropicsErrorShapeAndNothingIsForwarded() throws Exception {
    HttpResponse<String> res =
        gw.post(
            "/v1/messages",
            "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"system\":\"card 4111 1111 1111 1111\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            SDK_HEADERS);

    assertThat(res.statusCode()).isEqualTo(403);
    JsonNode err = JSON.readTree(res.body());
    assertThat(err.path("type").asString()).isEqualTo("error");
    assertThat(err.at("/error/type").asString()).isEqualTo("warden_blocked");
    assertThat(err.at("/error/message").asString()).contains("card").doesNotContain("4111");
    assertThat(gw.anthropic.received()).isEmpty();
  }

  @Test
  void imageAndDocumentBlocksPassUnchangedAndUndecoded() throws Exception {
    String png = DialectGateway.pngBase64(1);
    String body =
        """
        {"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":[
          {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}},
          {"type":"text","text":"who is noor.haddad@corp-mail.example.net in this picture?"}]}]}
        """
            .formatted(png);
    HttpResponse<String> res = gw.post("/v1/messages", body, SDK_HEADERS);

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode sent = JSON.readTree(gw.anthropic.lastReceived());
    assertThat(sent.at("/messages/0/content/0/source/data").asString()).isEqualTo(png);
    assertThat(sent.at("/messages/0/content/1/text").asString())
        .isEqualTo("who is [REDACTED:email] in this picture?");
  }

  @Test
  void aStreamRequestIsAnsweredAsAnInspectedStream() throws Exception {
    HttpResponse<String> res =
        gw.post(
            "/v1/messages",
            "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"mail omar.farouk@corp-mail.example.net\"}]}",
            SDK_HEADERS);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    assertThat(res.body()).contains("event: message_stop").doesNotContain("omar.farouk");
    assertThat(res.body()).contains("\n: warden-receipt ");
    assertThat(gw.anthropic.lastReceived())
        .contains("[REDACTED:email]")
        .doesNotContain("omar.farouk");
  }

  @Test
  void countTokensIsProtectedToo() throws Exception {
    HttpResponse<String> res =
        gw.post(
            "/v1/messages/count_tokens",
            "{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"mail omar.farouk@corp-mail.example.net\"}]}",
            SDK_HEADERS);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(res.body()).path("input_tokens").asInt()).isPositive();
    assertThat(gw.anthropic.lastReceived()).doesNotContain("omar.farouk");
  }

  @Test
  void wrongMethodAndQueryAreRefusedInAnthropicsShape() throws Exception {
    HttpResponse<String> get = gw.get("/v1/messages");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(get.body()).path("type").asString()).isEqualTo("error");

    HttpResponse<String> query =
        gw.post(
            "/v1/messages?beta=false",
            "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            SDK_HEADERS);
    assertThat(query.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(query.body()).at("/error/type").asString())
        .isEqualTo("warden_query_not_allowed");
    assertThat(gw.anthropic.received()).isEmpty();

    HttpResponse<String> beta =
        gw.post(
            "/v1/messages?beta=true",
            "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            SDK_HEADERS);
    assertThat(beta.statusCode()).isEqualTo(200);
    assertThat(gw.anthropic.receivedPaths()).containsExactly("/v1/messages?beta=true");
  }
}
