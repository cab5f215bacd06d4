package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.testing.StubUpstream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI dialects' binary parts and the Responses API through the real proxy. */
class OpenAiDialectTest {
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

  @Test
  void responsesApiInputIsRedactedAndItsOutputProtected() throws Exception {
    String body =
        """
        {"model":"gpt-4.1","instructions":"escalate to maria.lopez@corp-mail.example.net",
         "input":[{"role":"user","content":[{"type":"input_text","text":"mail jonas.weber@corp-mail.example.net"}]},
                  {"type":"function_call_output","call_id":"c1","output":"{\\"to\\":\\"kim.tan@corp-mail.example.net\\"}"}]}
        """;
    HttpResponse<String> res = gw.post("/v1/responses", body);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(gw.openai.lastReceived()).doesNotContain("maria.lopez", "jonas.weber", "kim.tan");
    JsonNode reply = JSON.readTree(res.body());
    assertThat(reply.path("object").asString()).isEqualTo("response");
    assertThat(reply.at("/output/0/content/0/text").asString())
        .isEqualTo("You said: mail [REDACTED:email] Reach me at [REDACTED:email]");
  }

  @Test
  void imageAndAudioPartsPassUnchangedWhileTextIsRedacted() throws Exception {
    String png = DialectGateway.pngBase64(5);
    String wav = DialectGateway.wavBase64(6);
    String body =
        """
        {"model":"gpt-4o","messages":[{"role":"user","content":[
          {"type":"text","text":"who is noor.haddad@corp-mail.example.net?"},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,%s","detail":"low"}},
          {"type":"input_audio","input_audio":{"data":"%s","format":"wav"}}]}]}
        """
            .formatted(png, wav);
    HttpResponse<String> res = gw.post("/v1/chat/completions", body);

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode sent = JSON.readTree(gw.openai.lastReceived());
    assertThat(sent.at("/messages/0/content/0/text").asString())
        .isEqualTo("who is [REDACTED:email]?");
    assertThat(sent.at("/messages/0/content/1/image_url/url").asString())
        .isEqualTo("data:image/png;base64," + png);
    assertThat(sent.at("/messages/0/content/2/input_audio/data").asString()).isEqualTo(wav);
  }

  @Test
  void aResponsesStreamRequestAnsweredWithJsonIsProtectedAsJson() throws Exception {
    // The stub answers the Responses API with JSON even when asked to stream; an upstream that
    // ignores stream: true is handled like any answer, never relayed unscanned.
    HttpResponse<String> res =
        gw.post(
            "/v1/responses",
            "{\"model\":\"gpt-4.1\",\"stream\":true,\"input\":\"mail omar.farouk@corp-mail.example.net\"}");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).doesNotContain("omar.farouk");
    assertThat(gw.openai.received()).hasSize(1);
    assertThat(gw.openai.received().get(0)).doesNotContain("omar.farouk");
  }

  @Test
  void aDialectNoUpstreamServesIsANotFoundInItsOwnShape(@TempDir Path other) throws Exception {
    try (StubUpstream openai = StubUpstream.start()) {
      WardenConfig config =
          ConfigLoader.fromYaml(
                  "server: {port: 0, drainSeconds: 1}\nupstream: {url: '" + openai.url() + "'}")
              .withDataDir(other.toString());
      try (Gateway only = Gateway.start(config)) {
        java.net.http.HttpResponse<String> res =
            gw.http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + only.port() + "/v1/messages"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(404);
        JsonNode err = JSON.readTree(res.body());
        assertThat(err.path("type").asString()).isEqualTo("error");
        assertThat(err.at("/error/message").asString()).contains("anthropic-messages", "upstreams");
      }
      assertThat(openai.received()).isEmpty();
    }
  }
}
