package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Restorer;
import org.junit.jupiter.api.Test;

/** The Responses API repeats full text in its done events; they carry what was streamed. */
class OpenAiResponsesStreamTest {
  @Test
  void doneEventsRepeatExactlyTheProtectedStreamedText() {
    String text = "Reach me at dana.smith@example.org or later. " + "More text. ".repeat(20);
    String out =
        run(
            StreamInspectors.forDialect("openai-responses", protector(), Restorer.NONE, 64),
            DialectStreams.OPENAI_RESPONSES.stream(tokens(text, 3)));
    String streamed = DialectStreams.OPENAI_RESPONSES.text(out);

    assertThat(streamed).contains("[REDACTED:email]").doesNotContain("dana");
    assertThat(out).doesNotContain("dana");
    for (Event e : events(out)) {
      switch (String.valueOf(e.type())) {
        case "response.output_text.done" ->
            assertThat(e.json().path("text").asString()).isEqualTo(streamed);
        case "response.content_part.done" ->
            assertThat(e.json().path("part").path("text").asString()).isEqualTo(streamed);
        case "response.output_item.done" ->
            assertThat(e.json().path("item").path("content").get(0).path("text").asString())
                .isEqualTo(streamed);
        case "response.completed" ->
            assertThat(
                    e.json()
                        .path("response")
                        .path("output")
                        .get(0)
                        .path("content")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo(streamed);
        default -> {}
      }
    }
  }

  @Test
  void functionCallArgumentsAreAChannelAndTheirDoneEventMatches() {
    String args = "{\"email\":\"dana.smith@example.org\",\"body\":\"hello\"}";
    StringBuilder in = new StringBuilder();
    for (String p : tokens(args, 5)) {
      in.append(
          sse(
              "response.function_call_arguments.delta",
              "{\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":"
                  + q(p)
                  + "}"));
    }
    in.append(
        sse(
            "response.function_call_arguments.done",
            "{\"type\":\"response.function_call_arguments.done\",\"item_id\":\"fc_1\",\"output_index\":1,\"arguments\":"
                + q(args)
                + "}"));
    String out =
        run(
            StreamInspectors.forDialect("openai-responses", protector(), Restorer.NONE, 64),
            in.toString());

    StringBuilder deltas = new StringBuilder();
    String done = null;
    for (Event e : events(out)) {
      if ("response.function_call_arguments.delta".equals(e.type())) {
        deltas.append(e.json().path("delta").asString());
      } else if ("response.function_call_arguments.done".equals(e.type())) {
        done = e.json().path("arguments").asString();
      }
    }
    assertThat(deltas.toString()).isEqualTo("{\"email\":\"[REDACTED:email]\",\"body\":\"hello\"}");
    assertThat(done).isEqualTo(deltas.toString());
  }
}
