package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Restorer;
import dev.warden.engine.Protector;
import dev.warden.engine.policy.Mode;
import dev.warden.engine.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Every streaming dialect: framing kept, text protected in place, blocks end the stream. */
class DialectStreamTest {
  static final String CLEAN = "The quick brown fox jumps over the lazy dog. Ünïcödé ✓ 日本語 too.";

  static StreamInspector inspector(DialectStreams d, int holdBack) {
    return StreamInspectors.forDialect(d.id, protector(), Restorer.NONE, holdBack);
  }

  /** Event names (SSE) with consecutive repeats collapsed, or the NDJSON line count class. */
  static List<String> shape(DialectStreams d, String stream) {
    List<String> out = new ArrayList<>();
    if (d.ndjson()) {
      for (JsonNode line : lines(stream)) {
        String s = line.path("done").asBoolean() ? "done" : "line";
        if (out.isEmpty() || !out.getLast().equals(s)) {
          out.add(s);
        }
      }
      return out;
    }
    for (Event e : events(stream)) {
      String s = e.type() == null ? (e.data().equals("[DONE]") ? "[DONE]" : "message") : e.type();
      if (out.isEmpty() || !out.getLast().equals(s)) {
        out.add(s);
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void cleanTextAndFramingComeThrough(DialectStreams d) {
    String in = d.stream(tokens(CLEAN, 3));
    String out = run(StreamInspectors.forDialect(d.id, protector(), Restorer.NONE), in);

    assertThat(d.text(out)).isEqualTo(CLEAN);
    assertThat(shape(d, out)).isEqualTo(shape(d, in));
  }

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void cleanTextIsReleasedWhileTheStreamRuns(DialectStreams d) {
    String text = "lorem ipsum dolor sit amet ".repeat(30);
    byte[] in = utf8(d.stream(tokens(text, 5)));
    StreamInspector inspector = inspector(d, 64);
    StringBuilder early = new StringBuilder();
    inspector.accept(
        in, 0, in.length * 3 / 4, b -> early.append(new String(b, StandardCharsets.UTF_8)));
    StringBuilder rest = new StringBuilder(early);
    inspector.accept(
        in,
        in.length * 3 / 4,
        in.length - in.length * 3 / 4,
        b -> rest.append(new String(b, StandardCharsets.UTF_8)));
    inspector.finish(b -> rest.append(new String(b, StandardCharsets.UTF_8)));

    assertThat(d.text(early.toString())).hasSizeGreaterThan(200);
    assertThat(text).startsWith(d.text(early.toString()));
    assertThat(d.text(rest.toString())).isEqualTo(text);
    assertThat(shape(d, rest.toString()))
        .isEqualTo(shape(d, new String(in, StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void emailIsRedactedInPlaceAndRecorded(DialectStreams d) {
    String text = "Sure. Contact dana.smith@example.org for access. " + "Then wait. ".repeat(20);
    StreamInspector inspector = inspector(d, 80);
    String out = run(inspector, d.stream(tokens(text, 3)));

    assertThat(d.text(out)).isEqualTo(protector().protectText(text).text());
    assertThat(d.text(out)).contains("[REDACTED:email]");
    assertThat(out).doesNotContain("dana").doesNotContain("example.org");
    assertThat(inspector.replacements())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.finding().type()).isEqualTo("email");
          assertThat(r.toString()).doesNotContain("dana");
          assertThat(text.substring(r.finding().span().start(), r.finding().span().end()))
              .isEqualTo("dana.smith@example.org");
        });
  }

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void dryRunRecordsButChangesNothing(DialectStreams d) {
    String text = "pay 4111 1111 1111 1111 and mail dana.smith@example.org";
    Protector dry = protector(Policy.defaults().withMode(Mode.DRY_RUN));
    StreamInspector inspector = StreamInspectors.forDialect(d.id, dry, Restorer.NONE, 64);
    String out = run(inspector, d.stream(tokens(text, 4)));

    assertThat(d.text(out)).isEqualTo(text);
    assertThat(inspector.replacements())
        .extracting(r -> r.finding().type())
        .contains("card", "email");
  }

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void blockEndsWithTheDialectsErrorAndTheAbortMarker(DialectStreams d) {
    String text = "fine ".repeat(60) + "card 4111 1111 1111 1111 here " + "after ".repeat(60);
    StreamInspector inspector = inspector(d, 64);
    byte[] in = utf8(d.stream(tokens(text, 4)));
    StringBuilder sent = new StringBuilder();

    assertThatThrownBy(
            () -> {
              inspector.accept(
                  in, 0, in.length, b -> sent.append(new String(b, StandardCharsets.UTF_8)));
              inspector.finish(b -> sent.append(new String(b, StandardCharsets.UTF_8)));
            })
        .isInstanceOfSatisfying(
            StreamBlockedException.class,
            e -> {
              String terminal = new String(e.terminalEvents(), StandardCharsets.UTF_8);
              assertThat(terminal).doesNotContain("4111");
              assertThat(e.blockedBy().finding().type()).isEqualTo("card");
              if (d.ndjson()) {
                List<JsonNode> lines = lines(terminal);
                assertThat(lines).hasSize(2);
                assertThat(lines.get(0).path("error").asString()).contains("card");
                assertThat(lines.get(1).path("warden_abort").path("type").asString())
                    .isEqualTo("card");
              } else {
                List<Event> events = events(terminal);
                assertThat(events).hasSize(2);
                assertThat(
                        events.get(0).json().has("error")
                            || events.get(0).json().path("type").asString().equals("error"))
                    .isTrue();
                assertThat(events.get(1).type()).isEqualTo("warden-abort");
                assertThat(events.get(1).json().path("warden_abort").path("rule").asString())
                    .isNotEmpty();
              }
            });
    assertThat(sent.toString()).doesNotContain("4111");
    assertThat(d.text(sent.toString())).startsWith("fine fine").doesNotContain("card");
    assertThatThrownBy(() -> inspector.finish(b -> {})).isInstanceOf(IllegalStateException.class);
  }
}
