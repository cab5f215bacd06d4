package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.testing.StubUpstream;
import dev.warden.vault.TokenVault;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tokenize and encrypt through the real gateway, vault and SQLite store on loopback. */
class VaultProxyTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Pattern TOKEN = Pattern.compile("\\[TOKEN:email:[A-Z2-7]{16}]");
  // Generated, fake values.
  private static final String EMAIL = "dana.k@example.org";
  private static final String POLICY =
      "policy: {types: {email: tokenize, phone: encrypt}}\nvault: {scope: conversation}";

  @TempDir Path tmp;

  private ProxyHarness proxy(StubUpstream upstream, String yaml) {
    return new ProxyHarness(tmp.resolve("data"), upstream, yaml, c -> c);
  }

  private static String answer(HttpResponse<String> res) {
    return JSON.readTree(res.body())
        .path("choices")
        .get(0)
        .path("message")
        .path("content")
        .asString();
  }

  private static String token(String text) {
    Matcher m = TOKEN.matcher(text);
    assertThat(m.find()).as("a token in %s", text).isTrue();
    return m.group();
  }

  @Test
  void upstreamSeesATokenAndTheClientGetsTheValueBack() throws Exception {
    try (ProxyHarness p = proxy(StubUpstream.start(), POLICY)) {
      HttpResponse<String> res =
          p.post("/v1/chat/completions", ProxyHarness.chat("Write to " + EMAIL + " today"));

      assertThat(res.statusCode()).isEqualTo(200);
      String sent = p.received().getFirst();
      assertThat(sent).doesNotContain(EMAIL);
      String token = token(sent);
      assertThat(answer(res)).isEqualTo("You said: Write to " + EMAIL + " today");
      assertThat(res.body()).doesNotContain(token);
      assertThat(Files.readString(p.gateway.ledgerDir().resolve(firstSegment(p))))
          .contains("\"action\":\"tokenize\"")
          .doesNotContain(EMAIL);
    }
  }

  @Test
  void aConversationHeaderSharesTokensAcrossTurnsAndNothingElseDoes() throws Exception {
    try (ProxyHarness p = proxy(StubUpstream.start(), POLICY)) {
      Map<String, String> conv1 = Map.of("X-Conversation-Id", "conv-1");
      byte[] turn1 = bytes(ProxyHarness.chat("I am " + EMAIL));
      p.post("/v1/chat/completions", turn1, conv1);
      String token = token(p.received().getLast());

      // Same conversation: the token the model saw earlier restores; the value tokenizes alike.
      HttpResponse<String> turn2 =
          p.post("/v1/chat/completions", bytes(ProxyHarness.chat("as said: " + token)), conv1);
      assertThat(answer(turn2)).isEqualTo("You said: as said: " + EMAIL);
      p.post("/v1/chat/completions", turn1, conv1);
      assertThat(token(p.received().getLast())).isEqualTo(token);

      // Another conversation, or none: the token is just text there.
      HttpResponse<String> other =
          p.post(
              "/v1/chat/completions",
              bytes(ProxyHarness.chat("as said: " + token)),
              Map.of("X-Conversation-Id", "conv-2"));
      assertThat(answer(other)).isEqualTo("You said: as said: " + token);
      HttpResponse<String> none =
          p.post("/v1/chat/completions", ProxyHarness.chat("as said: " + token));
      assertThat(answer(none)).isEqualTo("You said: as said: " + token);
      p.post("/v1/chat/completions", turn1, Map.of("X-Conversation-Id", "conv-2"));
      assertThat(token(p.received().getLast())).isNotEqualTo(token);

      HttpResponse<String> bad =
          p.post("/v1/chat/completions", turn1, Map.of("X-Conversation-Id", "a b/../c"));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("warden_bad_conversation_id").contains("X-Conversation-Id");
    }
  }

  @Test
  void toolCallArgumentsAreRestoredAsValidJsonAndFakesStayText() throws Exception {
    String tricky = EMAIL;
    String fake = "[TOKEN:email:AAAAAAAAAAAAAAAA]";
    HttpServer tools = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    tools.createContext(
        "/v1/chat/completions",
        ex -> {
          String req = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Matcher m = TOKEN.matcher(req);
          String t = m.find() ? m.group() : "none";
          String args = JSON.writeValueAsString(Map.of("to", t, "cc", fake));
          String body =
              JSON.writeValueAsString(
                  Map.of(
                      "id", "x",
                      "object", "chat.completion",
                      "choices",
                          List.of(
                              Map.of(
                                  "index",
                                  0,
                                  "finish_reason",
                                  "tool_calls",
                                  "message",
                                  Map.of(
                                      "role",
                                      "assistant",
                                      "content",
                                      "sending to " + t,
                                      "tool_calls",
                                      List.of(
                                          Map.of(
                                              "id", "call_1",
                                              "type", "function",
                                              "function",
                                                  Map.of(
                                                      "name",
                                                      "send_mail",
                                                      "arguments",
                                                      args))))))));
          byte[] out = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    tools.start();
    try {
      String yaml = POLICY;
      WardenConfig base = ConfigLoader.fromYaml(yaml);
      try (ProxyHarness p =
          new ProxyHarness(
              tmp.resolve("data"),
              StubUpstream.start(),
              yaml,
              c ->
                  c.withUpstream(
                      new WardenConfig.Upstream(
                          "http://127.0.0.1:" + tools.getAddress().getPort(),
                          base.upstream().connectTimeoutMs(),
                          base.upstream().timeoutMs(),
                          true,
                          List.of())))) {
        HttpResponse<String> res =
            p.post("/v1/chat/completions", ProxyHarness.chat("mail " + tricky + " please"));

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode message = JSON.readTree(res.body()).path("choices").get(0).path("message");
        assertThat(message.path("content").asString()).isEqualTo("sending to " + tricky);
        JsonNode args =
            JSON.readTree(
                message.path("tool_calls").get(0).path("function").path("arguments").asString());
        assertThat(args.path("to").asString()).isEqualTo(tricky);
        assertThat(args.path("cc").asString()).isEqualTo(fake);
      }
    } finally {
      tools.stop(0);
    }
  }

  @Test
  void encryptSendsAnEnvelopeBoundToItsPath() throws Exception {
    try (ProxyHarness p = proxy(StubUpstream.start(), POLICY)) {
      String phone = "+1 202 555 0147";
      HttpResponse<String> res = p.post("/v1/chat/completions", ProxyHarness.chat("call " + phone));
      assertThat(res.statusCode()).isEqualTo(200);
      String content = lastUser(p.received().getFirst());
      assertThat(content).startsWith("call [ENC:phone:").doesNotContain("555");
      String envelope = content.substring("call ".length());
      // Envelopes are for whoever holds the key, not restored to the client.
      assertThat(answer(res)).isEqualTo("You said: " + content);
      try (TokenVault v = TokenVault.open(tmp.resolve("data"), Duration.ofHours(1))) {
        assertThat(v.decrypt(envelope, "/messages/1/content")).isEqualTo(phone);
      }
    }
  }

  @Test
  void valuesTheUpstreamAddsAreTokenizedAndNeverRestored() throws Exception {
    String leaked = "someone.else@example.net";
    try (ProxyHarness p =
        proxy(StubUpstream.builder().appendToReply(" Ask " + leaked).start(), POLICY)) {
      HttpResponse<String> res =
          p.post("/v1/chat/completions", ProxyHarness.chat("Hi, I am " + EMAIL));

      String a = answer(res);
      assertThat(a).startsWith("You said: Hi, I am " + EMAIL + " Ask [TOKEN:email:");
      assertThat(a).doesNotContain(leaked);
    }
  }

  @Test
  void withoutAVaultActionNoVaultFilesAreCreated() throws Exception {
    try (ProxyHarness p = proxy(StubUpstream.start(), "")) {
      assertThat(p.post("/v1/chat/completions", ProxyHarness.chat("hi")).statusCode())
          .isEqualTo(200);
    }
    assertThat(tmp.resolve("data/vault")).doesNotExist();
    assertThat(tmp.resolve("data/keys/vault-token.tink.json")).doesNotExist();
  }

  private static String lastUser(String requestJson) {
    JsonNode messages = JSON.readTree(requestJson).path("messages");
    return messages.get(messages.size() - 1).path("content").asString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String firstSegment(ProxyHarness p) throws Exception {
    try (var files = Files.list(p.gateway.ledgerDir())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".jsonl"))
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }
}
