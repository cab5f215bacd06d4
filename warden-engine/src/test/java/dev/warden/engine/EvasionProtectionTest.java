package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.json.JsonBodies;
import dev.warden.engine.policy.Policy;
import dev.warden.engine.transform.Replacement;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Values hidden by an evasion are rewritten in the body a host sends on (DESIGN §5.1, §5.4). */
class EvasionProtectionTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  static Protector protector() {
    return new Protector(
        DetectorStack.forConfig(WardenConfig.defaults()),
        Policy.defaults(),
        ProtectorTest.HASHER,
        new JsonBodies(64, 1 << 20));
  }

  /** A fake AWS key id: {@code AKIA} and 16 base32 characters from a fixed seed. */
  static String fakeKeyId(long seed) {
    String base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("AKIA");
    for (int i = 0; i < 16; i++) {
      sb.append(base32.charAt(random.nextInt(32)));
    }
    return sb.toString();
  }

  static String fullWidth(String s) {
    StringBuilder sb = new StringBuilder();
    s.chars().forEach(c -> sb.append((char) (c - 0x21 + 0xFF01)));
    return sb.toString();
  }

  @Test
  void aPasswordAfterAWrittenOutLineBreakInPastedJsonIsRedacted() {
    // The user pasted a JSON document into the message: its "\\n" reaches the leaf as a
    // backslash and a letter.
    String password = "Wq7!rTz2pLm";
    ObjectNode body = JSON.createObjectNode();
    body.put("model", "gpt-4o");
    body.putArray("messages")
        .addObject()
        .put("role", "user")
        .put(
            "content",
            "why does this fail? {\"db\": \"host: db1\\npassword: "
                + password
                + "\\nport: 5432\"}");

    Protector.Result r = protector().protectJson(JSON.writeValueAsBytes(body));

    assertThat(r.outcome()).isEqualTo(Protector.Outcome.TRANSFORMED);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .doesNotContain(password)
        .contains("port: 5432");
  }

  @Test
  void fullWidthZeroWidthAndBase64HiddenSecretsAreRedactedInAJsonBody() {
    String first = fakeKeyId(91);
    String second = fakeKeyId(92);
    String third = fakeKeyId(93);
    String wide = fullWidth(first);
    String split =
        second.substring(0, 6)
            + "\u200B"
            + second.substring(6, 13)
            + "\u2060"
            + second.substring(13);
    String encoded =
        Base64.getEncoder()
            .encodeToString(("aws_access_key_id=" + third).getBytes(StandardCharsets.UTF_8));
    ObjectNode body = JSON.createObjectNode();
    body.put("model", "gpt-4o");
    body.putArray("messages")
        .addObject()
        .put("role", "user")
        .put("content", "keys: " + wide + ", " + split + " and " + encoded + ". Thanks!");

    Protector.Result r = protector().protectJson(JSON.writeValueAsBytes(body));

    assertThat(r.outcome()).isEqualTo(Protector.Outcome.TRANSFORMED);
    String out = new String(r.body(), StandardCharsets.UTF_8);
    String content = JSON.readTree(out).at("/messages/0/content").asString();
    assertThat(content)
        .isEqualTo(
            "keys: [REDACTED:aws_access_key], [REDACTED:aws_access_key] and"
                + " [REDACTED:aws_access_key]. Thanks!");
    for (String leaked : new String[] {first, second, third, wide, split, encoded}) {
      assertThat(out).doesNotContain(leaked);
    }
    assertThat(r.replacements())
        .hasSize(3)
        .extracting(rep -> rep.finding().why().evasions())
        .containsExactly(
            java.util.List.of("nfkc"),
            java.util.List.of("zero-width"),
            java.util.List.of("base64"));
    assertThat(r.replacements()).extracting(Replacement::path).containsOnly("/messages/0/content");
  }

  @Test
  void percentEncodedAddressIsRedactedInPlainText() {
    Protector.TextResult r =
        protector().protectText("unsubscribe https://example.org/u?to=jane.doe%40example.net&x=1");

    assertThat(r.text()).isEqualTo("unsubscribe https://example.org/u?to=[REDACTED:email]&x=1");
  }
}
