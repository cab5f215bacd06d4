package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Ollama's native API through the real proxy to {@link dev.warden.testing.OllamaStub}. */
class OllamaDialectTest {
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
  void chatSecretsInMessagesToolCallsAndToolResultsAreRedacted() throws Exception {
    String body =
        """
        {"model":"llama3.2","stream":false,"messages":[
          {"role":"system","content":"Escalate to maria.lopez@corp-mail.example.net"},
          {"role":"user","content":"mail jonas.weber@corp-mail.example.net"},
          {"role":"assistant","content":"","tool_calls":[{"function":{"name":"send_mail",
             "arguments":{"to":"kim.tan@corp-mail.example.net"}}}]},
          {"role":"tool","content":"sent to ana.silva@corp-mail.example.net"},
          {"role":"user","content":"and cc li.wei@corp-mail.example.net"}],
         "tools":[{"type":"function","function":{"name":"send_mail","description":"mail dev.null@corp-mail.example.net"}}]}
        """;
    HttpResponse<String> res = gw.post("/api/chat", body);

    assertThat(res.statusCode()).isEqualTo(200);
    String sent = gw.ollama.lastReceived();
    assertThat(sent)
        .doesNotContain("maria.lopez", "jonas.weber", "kim.tan", "ana.silva", "li.wei", "dev.null");
    assertThat(JSON.readTree(sent).at("/messages/2/tool_calls/0/function/arguments/to").asString())
        .isEqualTo("[REDACTED:email]");
    JsonNode reply = JSON.readTree(res.body());
    assertThat(reply.at("/message/content").asString())
        .isEqualTo("You said: and cc [REDACTED:email] Reach me at [REDACTED:email]");
    assertThat(reply.path("done").asBoolean()).isTrue();
  }

  @Test
  void ollamaStreamsByDefaultSoARequestWithoutStreamFalseIsAStreamRequest() throws Exception {
    for (String stream : new String[] {"", ",\"stream\":true", ",\"stream\":\"false\""}) {
      HttpResponse<String> res =
          gw.post(
              "/api/chat",
              "{\"model\":\"llama3.2\""
                  + stream
                  + ",\"messages\":[{\"role\":\"user\",\"content\":\"mail omar.farouk@corp-mail.example.net\"}]}");
      assertThat(res.statusCode()).as(stream).isEqualTo(200);
      assertThat(res.body()).as(stream).contains("\"done\":true");
      if (!stream.contains("\"false\"")) { // the stub itself may take the string "false" as no
        assertThat(res.headers().firstValue("content-type").orElse(""))
            .as(stream)
            .startsWith("application/x-ndjson");
        assertThat(res.body()).as(stream).contains("warden_receipt");
      }
      assertThat(res.body()).as(stream).doesNotContain("omar.farouk");
    }
    assertThat(gw.ollama.received()).hasSize(3);
  }

  @Test
  void imagesPassUnchangedButAFakeImageIsScanned() throws Exception {
    String png = DialectGateway.pngBase64(4);
    String fake =
        Base64.getEncoder()
            .encodeToString(
                "my colleague is noor.haddad@corp-mail.example.net"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String body =
        """
        {"model":"llava","stream":false,"messages":[{"role":"user","content":"what is this?",
          "images":["%s","%s"]}]}
        """
            .formatted(png, fake);
    HttpResponse<String> res = gw.post("/api/chat", body);

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode sent = JSON.readTree(gw.ollama.lastReceived());
    assertThat(sent.at("/messages/0/images/0").asString()).isEqualTo(png);
    assertThat(sent.at("/messages/0/images/1").asString()).isNotEqualTo(fake);
    assertThat(res.headers().firstValue("Warden-Ledger-Seq")).isPresent();
  }

  @Test
  void generatePromptAndSystemAreRedactedAndTheAnswerProtected() throws Exception {
    HttpResponse<String> res =
        gw.post(
            "/api/generate",
            "{\"model\":\"llama3.2\",\"stream\":false,\"system\":\"you serve maria.lopez@corp-mail.example.net\","
                + "\"prompt\":\"write to jonas.weber@corp-mail.example.net\"}");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(gw.ollama.lastReceived()).doesNotContain("maria.lopez", "jonas.weber");
    assertThat(JSON.readTree(res.body()).path("response").asString())
        .isEqualTo("You said: write to [REDACTED:email] Reach me at [REDACTED:email]");
  }

  @Test
  void blockedRequestIsRefusedAndNothingForwarded() throws Exception {
    HttpResponse<String> res =
        gw.post(
            "/api/generate",
            "{\"model\":\"llama3.2\",\"stream\":false,\"prompt\":\"card 4111 1111 1111 1111\"}");

    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(res.body()).at("/error/type").asString()).isEqualTo("warden_blocked");
    assertThat(gw.ollama.received()).isEmpty();
  }
}
