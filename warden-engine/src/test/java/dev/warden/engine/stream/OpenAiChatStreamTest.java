package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Restorer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiChatStreamTest {
  static String chunk(String deltaJson, @Nullable String finish) {
    return sse(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":"
            + deltaJson
            + ",\"finish_reason\":"
            + (finish == null ? "null" : q(finish))
            + "}]}");
  }

  static String content(String text) {
    return chunk("{\"content\":" + q(text) + "}", null);
  }

  static String stream(String text, int tokenSize) {
    StringBuilder b = new StringBuilder(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
    for (String t : tokens(text, tokenSize)) {
      b.append(content(t));
    }
    return b.append(chunk("{}", "stop")).append(sse("[DONE]")).toString();
  }

  /** The assistant text a client would assemble from the output. */
  static String text(String out) {
    StringBuilder b = new StringBuilder();
    for (Event e : events(out)) {
      if (e.data().equals("[DONE]")) {
        continue;
      }
      for (JsonNode c : e.json().path("choices")) {
        b.append(c.path("delta").path("content").asString(""));
      }
    }
    return b.toString();
  }

  static StreamInspector inspector(int holdBack) {
    return StreamInspectors.forDialect("openai-chat", protector(), Restorer.NONE, holdBack);
  }

  @Test
  void cleanTextComesThroughWithItsFramingAndDone() {
    String in = stream("Hello there, how can I help you today?", 4);
    String out = run(StreamInspectors.forDialect("openai-chat", protector(), Restorer.NONE), in);

    assertThat(text(out)).isEqualTo("Hello there, how can I help you today?");
    List<Event> events = events(out);
    assertThat(events.getLast().data()).isEqualTo("[DONE]");
    assertThat(
            events
                .get(events.size() - 2)
                .json()
                .path("choices")
                .get(0)
                .path("finish_reason")
                .asString())
        .isEqualTo("stop");
    assertThat(
            events.getFirst().json().path("choices").get(0).path("delta").path("role").asString())
        .isEqualTo("assistant");
  }

  @Test
  void textIsReleasedBeforeTheEndOnceMoreThanTheHoldBackIsPending() {
    String filler = "lorem ipsum dolor sit amet ".repeat(40);
    StreamInspector inspector = inspector(100);
    StringBuilder firstHalf = new StringBuilder();
    byte[] bytes = utf8(stream(filler, 5));
    inspector.accept(
        bytes,
        0,
        bytes.length / 2,
        b -> firstHalf.append(new String(b, java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(text(firstHalf.toString())).isNotEmpty();
    assertThat(filler).startsWith(text(firstHalf.toString()));
  }

  @Test
  void emailSplitAcrossDeltasIsRedactedAndNeverReleasedInPart() {
    String text = "Write to dana.smith@example.org about it. " + "More words follow. ".repeat(30);
    String out = run(inspector(64), stream(text, 3));

    assertThat(text(out))
        .contains("[REDACTED:email]")
        .doesNotContain("dana")
        .doesNotContain("example.org");
    assertThat(out).doesNotContain("dana");
  }

  @Test
  void cardBlocksMidStreamWithTheOpenAiErrorAndTheAbortMarker() {
    String text = "ok ".repeat(100) + "pay with 4111 1111 1111 1111 now " + "tail ".repeat(100);
    StreamInspector inspector = inspector(64);
    byte[] bytes = utf8(stream(text, 4));
    StringBuilder before = new StringBuilder();

    assertThatThrownBy(
            () -> {
              inspector.accept(
                  bytes,
                  0,
                  bytes.length,
                  b -> before.append(new String(b, java.nio.charset.StandardCharsets.UTF_8)));
              inspector.finish(
                  b -> before.append(new String(b, java.nio.charset.StandardCharsets.UTF_8)));
            })
        .isInstanceOfSatisfying(
            StreamBlockedException.class,
            e -> {
              String terminal =
                  new String(e.terminalEvents(), java.nio.charset.StandardCharsets.UTF_8);
              List<Event> events = events(terminal);
              assertThat(events).hasSize(2);
              assertThat(events.get(0).type()).isNull();
              assertThat(events.get(0).json().path("error").path("type").asString())
                  .isEqualTo("warden_response_blocked");
              assertThat(events.get(1).type()).isEqualTo("warden-abort");
              assertThat(events.get(1).json().path("warden_abort").path("type").asString())
                  .isEqualTo("card");
              assertThat(terminal).doesNotContain("4111");
              assertThat(e.getMessage()).doesNotContain("4111");
            });
    assertThat(before.toString()).doesNotContain("4111");
    assertThat(text(before.toString())).startsWith("ok ok");
  }

  @Test
  void toolCallArgumentsAreAChannelPerIndex() {
    String args0 = "{\"to\":\"dana.smith@example.org\",\"subject\":\"hi\"}";
    String args1 = "{\"note\":\"nothing here\"}";
    StringBuilder in =
        new StringBuilder(
            chunk(
                "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"send\",\"arguments\":\"\"}},{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"note\",\"arguments\":\"\"}}]}",
                null));
    List<String> t0 = tokens(args0, 3);
    List<String> t1 = tokens(args1, 3);
    for (int i = 0; i < Math.max(t0.size(), t1.size()); i++) {
      if (i < t0.size()) {
        in.append(
            chunk(
                "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                    + q(t0.get(i))
                    + "}}]}",
                null));
      }
      if (i < t1.size()) {
        in.append(
            chunk(
                "{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":"
                    + q(t1.get(i))
                    + "}}]}",
                null));
      }
    }
    in.append(chunk("{}", "tool_calls")).append(sse("[DONE]"));

    String out = run(inspector(1000), in.toString());

    StringBuilder a0 = new StringBuilder();
    StringBuilder a1 = new StringBuilder();
    for (Event e : events(out)) {
      if (e.data().equals("[DONE]")) {
        continue;
      }
      for (JsonNode c : e.json().path("choices")) {
        for (JsonNode call : c.path("delta").path("tool_calls")) {
          (call.path("index").asInt() == 0 ? a0 : a1)
              .append(call.path("function").path("arguments").asString(""));
        }
      }
    }
    assertThat(a0.toString()).isEqualTo("{\"to\":\"[REDACTED:email]\",\"subject\":\"hi\"}");
    assertThat(a1.toString()).isEqualTo(args1);
    assertThat(out).doesNotContain("dana");
  }

  @Test
  void unknownDialectIsRefusedByName() {
    assertThatThrownBy(
            () -> StreamInspectors.forDialect("openai-embeddings", protector(), Restorer.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openai-embeddings");
  }

  @Test
  void malformedEventFailsClosedWithoutQuotingIt() {
    assertThatThrownBy(() -> run(inspector(64), sse("{not json dana@example.org")))
        .isInstanceOf(StreamFormatException.class)
        .hasMessageNotContaining("dana");
  }
}
