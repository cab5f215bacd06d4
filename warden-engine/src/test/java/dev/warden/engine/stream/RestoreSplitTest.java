package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Restorer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Vault tokens the model splits across chunks are whole when restored, in every dialect. */
class RestoreSplitTest {
  static final String TOKEN_A = "WTK_person_7f3a9c21b0e4";
  static final String TOKEN_B = "WTK_city_00c1d2e3f4a5b6c7";

  /** Restores two known tokens; anything else (a look-alike) stays as it is. */
  static final Restorer RESTORER =
      new Restorer() {
        final Map<String, String> values = Map.of(TOKEN_A, "Dana Smith", TOKEN_B, "Lyon");

        @Override
        public String restore(String text) {
          String out = text;
          for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
          }
          return out;
        }

        @Override
        public int maxTokenLength() {
          return TOKEN_B.length();
        }
      };

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void tokenSplitAnywhereIsRestoredWhole(DialectStreams d) {
    String text =
        "Dear " + TOKEN_A + ", your parcel for " + TOKEN_B + " left today. WTK_fake_000 stays.";
    String expected = "Dear Dana Smith, your parcel for Lyon left today. WTK_fake_000 stays.";
    byte[] stream = utf8(d.stream(tokens(text, 5)));
    for (int holdBack : new int[] {StreamInspectors.holdBack(RESTORER), TOKEN_B.length() + 2}) {
      for (int i = 1; i < stream.length; i++) {
        String out =
            run(StreamInspectors.forDialect(d.id, protector(), RESTORER, holdBack), cut(stream, i));
        assertThat(d.text(out)).as("split at " + i).isEqualTo(expected);
        assertThat(out).as("split at " + i).doesNotContain("WTK_person").doesNotContain("WTK_city");
        int j = i + 1 + (i % 19);
        if (j < stream.length) {
          String three =
              run(
                  StreamInspectors.forDialect(d.id, protector(), RESTORER, holdBack),
                  cut(stream, i, j));
          assertThat(d.text(three)).as("split at " + i + "," + j).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void tokenInsideToolCallArgumentsIsRestored() {
    String args = "{\"name\":\"" + TOKEN_A + "\",\"city\":\"" + TOKEN_B + "\"}";
    StringBuilder in = new StringBuilder();
    for (String piece : tokens(args, 4)) {
      in.append(
          sse(
              "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                  + q(piece)
                  + "}}]},\"finish_reason\":null}]}"));
    }
    in.append(
        sse(
            "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}"));
    in.append(sse("[DONE]"));

    String out =
        run(
            StreamInspectors.forDialect("openai-chat", protector(), RESTORER, TOKEN_B.length() + 4),
            in.toString());

    StringBuilder got = new StringBuilder();
    for (Event e : events(out)) {
      if (!e.data().equals("[DONE]")) {
        for (JsonNode c : e.json().path("choices")) {
          for (JsonNode call : c.path("delta").path("tool_calls")) {
            got.append(call.path("function").path("arguments").asString(""));
          }
        }
      }
    }
    assertThat(got.toString()).isEqualTo("{\"name\":\"Dana Smith\",\"city\":\"Lyon\"}");
    assertThat(List.of(out)).noneMatch(s -> s.contains("WTK_"));
  }
}
