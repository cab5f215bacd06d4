package dev.warden.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonWalkerTest {
  final JsonBodies bodies = new JsonBodies(16, 1 << 20);
  final JsonWalker walker = new JsonWalker(bodies);

  JsonNode parse(String json) {
    return bodies.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void visitsEveryStringNumberAndKeyWithItsKeyAsContext() {
    List<String> seen = new ArrayList<>();
    walker.walk(
        parse(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"n\":42,\"t\":0.5}"),
        (text, key, path) -> {
          seen.add(path + "=" + text + "@" + key);
          return text;
        });

    assertThat(seen)
        .contains(
            "/model=m@model",
            "/messages/0/content=hi@content",
            "/messages/0/role=user@role",
            "/n=42@n",
            "/model#key=model@null")
        .noneMatch(s -> s.startsWith("/t="));
  }

  @Test
  void rewritesValuesKeysAndEmbeddedJson() {
    JsonNode root =
        parse(
            "{\"a\":\"SECRET here\",\"SECRET\":1,\"args\":\"{\\\"to\\\":\\\"SECRET\\\",\\\"n\\\":2}\",\"num\":12345}");
    JsonNode out =
        walker.walk(
            root, (text, key, path) -> text.replace("SECRET", "[R]").replace("12345", "[N]"));

    String json = bodies.writeString(out);
    assertThat(json)
        .doesNotContain("SECRET")
        .contains("\"a\":\"[R] here\"", "\"[R]\":1", "\"num\":\"[N]\"");
    JsonNode args = parse(out.path("args").asString());
    assertThat(args.path("to").asString()).isEqualTo("[R]");
    assertThat(args.path("n").asInt()).isEqualTo(2);
  }

  @Test
  void keysRedactedToTheSameTextDoNotDropValues() {
    JsonNode out =
        walker.walk(
            parse("{\"K1\":1,\"K2\":2}"), (text, key, path) -> text.startsWith("K") ? "[R]" : text);
    assertThat(out.size()).isEqualTo(2);
  }

  @Test
  void pathsHideKeysThatAreNotPlainFieldNames() {
    List<String> paths = new ArrayList<>();
    walker.walk(
        parse("{\"jane@example.com\":{\"x\":\"v\"}}"),
        (text, key, path) -> {
          paths.add(path);
          return text;
        });
    assertThat(paths).contains("/*/x").noneMatch(p -> p.contains("jane"));
  }

  @Test
  void strictParsingRefusesSmugglingShapes() {
    assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}"))
        .hasFieldOrPropertyWithValue("type", "warden_invalid_json");
    assertThatThrownBy(() -> parse("{} []"))
        .hasFieldOrPropertyWithValue("type", "warden_invalid_json");
    assertThatThrownBy(() -> parse("[".repeat(40) + "]".repeat(40)))
        .hasFieldOrPropertyWithValue("type", "warden_too_deep");
    assertThatThrownBy(() -> bodies.parse(new byte[] {'"', (byte) 0xC3, '"'}))
        .hasFieldOrPropertyWithValue("type", "warden_invalid_encoding");
  }

  @Test
  void parseErrorsNeverEchoTheBody() {
    assertThatThrownBy(() -> parse("{\"k\": sk-live-TOPSECRET}"))
        .isInstanceOf(BodyException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOPSECRET"));
  }
}
