package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.dialect.Dialects;
import dev.warden.engine.dialect.Endpoint;
import dev.warden.engine.json.JsonBodies;
import dev.warden.engine.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The engine with a dialect: binary parts pass untouched, everything else is scanned. */
class DialectProtectionTest {
  static final JsonMapper JSON = JsonMapper.shared();
  final Protector protector =
      new Protector(
          DetectorStack.forConfig(WardenConfig.defaults()),
          Policy.defaults(),
          ProtectorTest.HASHER,
          new JsonBodies(64, 1 << 20));

  static Endpoint at(String path) {
    return Dialects.standard().match(path).orElseThrow();
  }

  static String pngBase64() {
    byte[] b = new byte[2000];
    new Random(7).nextBytes(b);
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(sig, 0, b, 0, sig.length);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void imagePartPassesByteForByteWhileTextIsRedacted() {
    String png = pngBase64();
    String body =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"mail dana@example.org\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
            + png
            + "\"}}]}]}";
    Protector.Result r =
        protector.protectRequest(body.getBytes(StandardCharsets.UTF_8), at("/v1/chat/completions"));

    JsonNode out = JSON.readTree(r.body());
    assertThat(out.at("/messages/0/content/0/text").asString()).isEqualTo("mail [REDACTED:email]");
    assertThat(out.at("/messages/0/content/1/image_url/url").asString())
        .isEqualTo("data:image/png;base64," + png);
    assertThat(r.replacements()).allSatisfy(rep -> assertThat(rep.path()).doesNotContain("image"));
    assertThat(r.model()).isEqualTo("gpt-4o");
  }

  @Test
  void aFakeImageThatIsReallyTextIsScanned() {
    String fake =
        Base64.getEncoder()
            .encodeToString(
                "please mail the invoice to dana.scully@example.org"
                    .getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"model\":\"llava\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\","
            + "\"images\":[\""
            + fake
            + "\"]}]}";
    Protector.Result r =
        protector.protectRequest(body.getBytes(StandardCharsets.UTF_8), at("/api/chat"));

    assertThat(r.replacements()).isNotEmpty();
    assertThat(r.replacements().getFirst().path()).isEqualTo("/messages/0/images/0");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain(fake);
    assertThat(r.streamRequested()).isFalse();
  }

  @Test
  void geminiModelComesFromThePath() {
    Protector.Result r =
        protector.protectRequest(
            "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}".getBytes(StandardCharsets.UTF_8),
            at("/v1beta/models/gemini-2.0-flash:streamGenerateContent"));
    assertThat(r.model()).isEqualTo("gemini-2.0-flash");
    assertThat(r.streamRequested()).isTrue();
  }
}
