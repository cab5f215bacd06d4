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

/** Gemini generateContent through the real proxy to {@link dev.warden.testing.GeminiStub}. */
class GeminiDialectTest {
  static final JsonMapper JSON = JsonMapper.shared();
  static final String LEAK = " Reach me at ops.lead@corp-mail.example.net";
  static final String GENERATE = "/v1beta/models/gemini-2.0-flash:generateContent";
  static final Map<String, String> KEY =
      Map.of(
          "x-goog-api-key",
          "AIzaFakeKeyForTests-000000000000000000",
          "x-goog-api-client",
          "google-genai-sdk/1.0.0 gl-python/3.12");
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
  void secretsInPartsSystemInstructionAndFunctionCallsAreRedactedBeforeTheUpstream()
      throws Exception {
    String body =
        """
        {"systemInstruction":{"parts":[{"text":"Escalate to maria.lopez@corp-mail.example.net"}]},
         "tools":[{"functionDeclarations":[{"name":"send_mail","description":"cc dev.null@corp-mail.example.net"}]}],
         "contents":[
          {"role":"user","parts":[{"text":"mail jonas.weber@corp-mail.example.net please"}]},
          {"role":"model","parts":[{"functionCall":{"name":"send_mail","args":{"to":"kim.tan@corp-mail.example.net"}}}]},
          {"role":"user","parts":[{"functionResponse":{"name":"send_mail","response":{"result":"sent to ana.silva@corp-mail.example.net"}}}]}]}
        """;
    HttpResponse<String> res = gw.post(GENERATE, body, KEY);

    assertThat(res.statusCode()).isEqualTo(200);
    String sent = gw.gemini.lastReceived();
    assertThat(sent)
        .doesNotContain("maria.lopez", "dev.null", "jonas.weber", "kim.tan", "ana.silva");
    JsonNode sentJson = JSON.readTree(sent);
    assertThat(sentJson.at("/contents/1/parts/0/functionCall/args/to").asString())
        .isEqualTo("[REDACTED:email]");
    assertThat(gw.gemini.receivedPaths()).containsExactly(GENERATE);
    assertThat(gw.gemini.receivedHeaders().getFirst())
        .containsEntry("x-goog-api-key", "AIzaFakeKeyForTests-000000000000000000")
        .doesNotContainKey("x-goog-api-client");
    // the echo of the function response comes back protected as well
    JsonNode reply = JSON.readTree(res.body());
    assertThat(reply.at("/candidates/0/content/parts/0/text").asString())
        .contains("[REDACTED:email]")
        .doesNotContain("ops.lead", "ana.silva");
    assertThat(reply.path("modelVersion").asString()).isEqualTo("gemini-2.0-flash");
  }

  @Test
  void blockedRequestGetsGooglesErrorShapeWithWardensType() throws Exception {
    HttpResponse<String> res =
        gw.post(
            GENERATE,
            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"card 4111 1111 1111 1111\"}]}]}",
            KEY);

    assertThat(res.statusCode()).isEqualTo(403);
    JsonNode err = JSON.readTree(res.body()).path("error");
    assertThat(err.path("code").asInt()).isEqualTo(403);
    assertThat(err.path("status").asString()).isEqualTo("PERMISSION_DENIED");
    assertThat(err.path("message").asString()).contains("card").doesNotContain("4111");
    assertThat(err.at("/details/0/reason").asString()).isEqualTo("warden_blocked");
    assertThat(gw.gemini.received()).isEmpty();
  }

  @Test
  void inlineDataPassesUnchangedAndUndecoded() throws Exception {
    String png = DialectGateway.pngBase64(2);
    String wav = DialectGateway.wavBase64(3);
    String body =
        """
        {"contents":[{"role":"user","parts":[
          {"inline_data":{"mime_type":"image/png","data":"%s"}},
          {"inlineData":{"mimeType":"audio/wav","data":"%s"}},
          {"text":"who is noor.haddad@corp-mail.example.net?"}]}]}
        """
            .formatted(png, wav);
    HttpResponse<String> res = gw.post(GENERATE, body, KEY);

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode sent = JSON.readTree(gw.gemini.lastReceived());
    assertThat(sent.at("/contents/0/parts/0/inline_data/data").asString()).isEqualTo(png);
    assertThat(sent.at("/contents/0/parts/1/inlineData/data").asString()).isEqualTo(wav);
    assertThat(sent.at("/contents/0/parts/2/text").asString())
        .isEqualTo("who is [REDACTED:email]?");
  }

  @Test
  void streamingPathStreamsAndOnlyAltSseIsAccepted() throws Exception {
    String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
    HttpResponse<String> stream =
        gw.post("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse", body, KEY);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(stream.body()).contains("\"candidates\"").contains("\n: warden-receipt ");
    int streamed = gw.gemini.received().size();
    assertThat(streamed).isEqualTo(1);

    for (String path :
        new String[] {
          GENERATE + "?alt=sse",
          GENERATE + "?key=AIzaFakeKeyForTests",
          "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=json",
          "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&alt=sse",
          "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=%73se"
        }) {
      HttpResponse<String> res = gw.post(path, body, KEY);
      assertThat(res.statusCode()).as(path).isEqualTo(400);
      assertThat(JSON.readTree(res.body()).at("/error/details/0/reason").asString())
          .as(path)
          .isEqualTo("warden_query_not_allowed");
    }
    assertThat(gw.gemini.received()).hasSize(streamed);
  }

  @Test
  void theJsonArrayStreamIsRefusedNamingAltSse() throws Exception {
    String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
    HttpResponse<String> res =
        gw.post("/v1beta/models/gemini-2.0-flash:streamGenerateContent", body, KEY);

    assertThat(res.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(res.body());
    assertThat(error.at("/error/details/0/reason").asString()).isEqualTo("warden_query_required");
    assertThat(error.at("/error/message").asString()).contains("alt=sse");
    assertThat(gw.gemini.received()).isEmpty();
  }

  @Test
  void modelNamesAreCheckedAndEncodedPathsMatchNothing() throws Exception {
    String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
    for (String path :
        new String[] {
          "/v1beta/models/gemini%2D2.0:generateContent",
          "/v1beta/models/..%2Fadmin:generateContent",
          "/v1beta/models/gemini-2.0-flash:countTokens"
        }) {
      HttpResponse<String> res = gw.post(path, body, KEY);
      assertThat(res.statusCode()).as(path).isEqualTo(404);
    }
    HttpResponse<String> get = gw.get(GENERATE);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(get.body()).at("/error/status").asString())
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(gw.gemini.received()).isEmpty();
  }
}
