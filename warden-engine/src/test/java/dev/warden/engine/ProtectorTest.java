package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.KeyedHasher;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.detect.RuleDetector;
import dev.warden.engine.json.JsonBodies;
import dev.warden.engine.policy.Mode;
import dev.warden.engine.policy.Policy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtectorTest {
  static final KeyedHasher HASHER =
      (domain, value) -> {
        try {
          return java.security.MessageDigest.getInstance("SHA-256")
              .digest((domain + "\0" + value).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      };

  static Protector protector(Policy policy) {
    return new Protector(RuleDetector.builtin(), policy, HASHER, new JsonBodies(64, 1 << 20));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void cleanBodyIsForwardedAsTheSameBytes() {
    byte[] body =
        bytes("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
    Protector.Result r = protector(Policy.defaults()).protectJson(body);

    assertThat(r.outcome()).isEqualTo(Protector.Outcome.CLEAN);
    assertThat(r.body()).isSameAs(body);
    assertThat(r.model()).isEqualTo("gpt");
    assertThat(r.streamRequested()).isFalse();
  }

  @Test
  void enforceTransformsAndReportsEachReplacementWithoutTheValue() {
    Protector.Result r =
        protector(Policy.defaults())
            .protectJson(
                bytes(
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"mail dana@example.org\"}]}"));

    assertThat(r.outcome()).isEqualTo(Protector.Outcome.TRANSFORMED);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("mail [REDACTED:email]")
        .doesNotContain("dana@");
    assertThat(r.replacements())
        .singleElement()
        .satisfies(rep -> {
          assertThat(rep.path()).isEqualTo("/messages/0/content");
          assertThat(rep.valueHash()).hasSize(64).doesNotContain("dana");
          assertThat(rep.toString()).doesNotContain("dana");
        });
  }

  @Test
  void blockWinsOverOtherActions() {
    Protector.Result r =
        protector(Policy.defaults())
            .protectJson(bytes("{\"prompt\":\"pay 4111 1111 1111 1111 mail dana@example.org\"}"));

    assertThat(r.outcome()).isEqualTo(Protector.Outcome.BLOCKED);
    assertThat(r.blockedBy())
        .hasValueSatisfying(b -> assertThat(b.finding().type()).isEqualTo("card"));
  }

  @Test
  void dryRunObservesButForwardsUnchanged() {
    byte[] body = bytes("{\"prompt\":\"pay 4111 1111 1111 1111\"}");
    Protector.Result r = protector(Policy.defaults().withMode(Mode.DRY_RUN)).protectJson(body);

    assertThat(r.outcome()).isEqualTo(Protector.Outcome.OBSERVED);
    assertThat(r.body()).isSameAs(body);
    assertThat(r.blockedBy()).isPresent();
  }

  @Test
  void aSecretInTheModelFieldNeverBecomesTheRecordedModel() {
    Protector.Result enforce =
        protector(Policy.defaults()).protectJson(bytes("{\"model\":\"dana@example.org\"}"));
    Protector.Result dryRun =
        protector(Policy.defaults().withMode(Mode.DRY_RUN))
            .protectJson(bytes("{\"model\":\"dana@example.org\"}"));

    assertThat(enforce.model()).isEqualTo("(redacted)");
    assertThat(dryRun.model()).isEqualTo("(redacted)");
    assertThat(protector(Policy.defaults()).protectJson(bytes("{\"model\":\"a b\\nc\"}")).model())
        .isEqualTo("(invalid)");
  }

  @Test
  void streamFlagIsReadAsLenientlyAsUpstreamsDo() {
    Protector p = protector(Policy.defaults());
    assertThat(p.protectJson(bytes("{\"stream\":true}")).streamRequested()).isTrue();
    assertThat(p.protectJson(bytes("{\"stream\":\"true\"}")).streamRequested()).isTrue();
    assertThat(p.protectJson(bytes("{\"stream\":1}")).streamRequested()).isTrue();
    assertThat(p.protectJson(bytes("{\"stream\":false}")).streamRequested()).isFalse();
  }

  @Test
  void textProtectionForTheCli() {
    Protector.TextResult r = protector(Policy.defaults()).protectText("call +1 415-555-0172");
    assertThat(r.text()).isEqualTo("call ***********0172");
  }

  @Test
  void credentialsUnderCredentialKeysAreFoundWhereverTheBodyCarriesThem() {
    // A walked body hands each leaf to the rules without its key in the text: the key decides.
    Protector p =
        new Protector(
            DetectorStack.forConfig(WardenConfig.defaults()),
            Policy.defaults(),
            HASHER,
            new JsonBodies(64, 1 << 20));
    String secret = "Zq8vR2mN5tK1pL9xW3cB7yH4jD6f";
    String[] carriers = {
      "{\"metadata\":{\"api_key\":\"%s\"}}",
      "{\"metadata\":{\"client_secret\":\"%s\"}}",
      "{\"metadata\":{\"accessToken\":\"%s\"}}",
      "{\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\","
          + "\"type\":\"function\",\"function\":{\"name\":\"deploy\","
          + "\"arguments\":\"{\\\"token\\\":\\\"%s\\\"}\"}}]}]}",
      "{\"contents\":[{\"parts\":[{\"functionResponse\":{\"name\":\"vault\","
          + "\"response\":{\"x-api-key\":\"%s\"}}}]}]}"
    };
    for (String carrier : carriers) {
      Protector.Result r = p.protectJson(bytes(carrier.formatted(secret)));
      assertThat(r.replacements()).as(carrier).hasSize(1);
      assertThat(r.replacements().getFirst().finding().type()).isEqualTo("generic_secret");
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(carrier).doesNotContain(secret);
    }
    String[] notCredentials = {
      "{\"next_page_token\":\"%s\"}",
      "{\"idempotency_key\":\"%s\"}",
      "{\"prompt_cache_key\":\"%s\"}",
      "{\"public_key\":\"%s\"}",
      "{\"key\":\"%s\"}"
    };
    for (String body : notCredentials) {
      assertThat(p.protectJson(bytes(body.formatted(secret))).replacements()).as(body).isEmpty();
    }
  }
}
