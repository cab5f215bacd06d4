package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.StubUpstream;
import dev.warden.vault.TokenVault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tokenize} and {@code encrypt} on streamed answers, through the real gateway, vault and
 * SQLite store: the values are replaced in-stream by genuine vault markers, the client's own tokens
 * come back as values, and an envelope opens at the channel's JSON path.
 */
class StreamingVaultProxyTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Pattern ENVELOPE =
      Pattern.compile("\\[ENC:phone:[0-9a-f]{8}:[A-Za-z0-9_-]+]");
  private static final Pattern TOKEN = Pattern.compile("\\[TOKEN:email:[A-Z2-7]{16}]");
  // Generated, fake values.
  private static final String OWN = "dana.k@example.org";
  private static final String OTHER = "someone.else@example.net";
  private static final String PHONE = "+1 202 555 0148";
  private static final String POLICY =
      "policy: {types: {email: tokenize, phone: encrypt}}\nvault: {scope: conversation}";

  @TempDir Path tmp;

  /** The assistant text a client assembles from the chat deltas. */
  private static String content(String sse) {
    StringBuilder b = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {") && line.contains("chat.completion.chunk")) {
        for (JsonNode c : JSON.readTree(line.substring(6)).path("choices")) {
          b.append(c.path("delta").path("content").asString(""));
        }
      }
    }
    return b.toString();
  }

  @Test
  void valuesInAStreamedAnswerAreTokenizedAndEncryptedInStream() throws Exception {
    StubUpstream stub =
        StubUpstream.builder()
            .appendToReply(" Ask " + OTHER + " or call " + PHONE + ".")
            .streamChunkChars(3)
            .start();
    try (ProxyHarness proxy = new ProxyHarness(tmp.resolve("data"), stub, POLICY, c -> c)) {
      StreamingProxyTest.Streamed s =
          StreamingProxyTest.post(
              proxy, "/v1/chat/completions", StreamingProxyTest.streamChat("I am " + OWN));
      assertThat(s.status()).isEqualTo(200);
      assertThat(stub.received().getFirst()).doesNotContain(OWN);
      String text = s.text();
      assertThat(text).doesNotContain(OTHER).doesNotContain("555 0148").doesNotContain("555");

      String answer = content(text);
      // The client's own address comes back; the one the model added stays a token.
      assertThat(answer).startsWith("You said: I am " + OWN + " Ask [TOKEN:email:");
      Matcher token = TOKEN.matcher(answer);
      assertThat(token.find()).isTrue();
      Matcher envelope = ENVELOPE.matcher(answer);
      assertThat(envelope.find()).as("an envelope in %s", answer).isTrue();
      assertThat(answer)
          .isEqualTo(
              "You said: I am "
                  + OWN
                  + " Ask "
                  + token.group()
                  + " or call "
                  + envelope.group()
                  + ".");
      try (TokenVault v = TokenVault.open(tmp.resolve("data"), Duration.ofHours(1))) {
        assertThat(v.decrypt(envelope.group(), "/choices/0/delta/content")).isEqualTo(PHONE);
      }
      assertThat(text).contains("data: [DONE]");
    }
  }
}
