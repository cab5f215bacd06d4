package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.dialect.Dialects;
import dev.warden.engine.json.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token log-probabilities in a whole answer (adversarial probe of 2026-11-24): the token string was
 * redacted but its {@code bytes} array spelled the AWS key id byte by byte.
 */
class TokenLogprobsTest {
  static final String AWS_KEY_ID = "AKIAQYLPMN5HFIQR7XYA"; // generated, base32 body

  final Protector protector = new DialectProtectionTest().protector;

  static String bytes(String token) {
    return token.chars().mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
  }

  Protector.Result answer(String body) {
    return protector.protectResponse(
        body.getBytes(StandardCharsets.UTF_8),
        Dialects.standard().match("/v1/chat/completions").orElseThrow());
  }

  @Test
  void logprobsOfAWholeAnswerNeverPass() {
    String body =
        "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\","
            + "\"logprobs\":{\"content\":[{\"token\":\""
            + AWS_KEY_ID
            + "\",\"logprob\":-0.1,\"bytes\":"
            + bytes(AWS_KEY_ID)
            + ",\"top_logprobs\":[]}]}}]}";
    Protector.Result r = answer(body);

    JsonNode out = JsonMapper.shared().readTree(r.body());
    assertThat(out.at("/choices/0/logprobs").isNull()).isTrue();
    assertThat(out.at("/choices/0/message/content").asString()).isEqualTo("ok");
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .doesNotContain(AWS_KEY_ID)
        .doesNotContain(bytes(AWS_KEY_ID).substring(1, 20));
  }

  @Test
  void anEscapedMemberNameIsFoundToo() {
    String body =
        "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"},"
            + "\"\\u006cogprobs\":{\"content\":[{\"token\":\"AKIA\",\"bytes\":"
            + bytes("QYLPMN5HFIQR7XYA")
            + "}]}}]}";

    JsonNode out = JsonMapper.shared().readTree(answer(body).body());
    assertThat(out.at("/choices/0/logprobs").isNull()).isTrue();
  }

  @Test
  void anAnswerWithoutLogprobsIsTheSameArray() {
    byte[] body =
        "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"hello\"},\"logprobs\":null}]}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(TokenLogprobs.withoutThem(body, new JsonBodies(64, 1 << 20))).isSameAs(body);
  }
}
