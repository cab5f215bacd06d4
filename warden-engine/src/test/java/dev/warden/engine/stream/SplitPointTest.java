package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.api.Restorer;
import dev.warden.engine.Protector;
import dev.warden.engine.detect.Rule;
import dev.warden.engine.detect.RuleCatalog;
import dev.warden.engine.detect.RuleExample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value split at every byte offset of the stream, across two chunks and across three, is always
 * caught and never released in part: what the client assembles equals what protecting the whole
 * text at once gives. The values are the rules' own (fake) examples.
 */
class SplitPointTest {
  static final List<String> RULES = List.of("email", "aws-access-key-id", "jwt", "private-key-pem");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (DialectStreams d : DialectStreams.values()) {
      for (String rule : RULES) {
        out.add(Arguments.of(d, rule));
      }
    }
    return out.stream();
  }

  static RuleExample example(String ruleId) {
    Rule rule =
        RuleCatalog.builtin().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow();
    return rule.truePositives().getFirst();
  }

  /** Filler pieces are long, the value's pieces short (a model's tokens), so streams stay small. */
  static List<String> pieces(String before, String value, String after) {
    List<String> out = new ArrayList<>(tokens(before, 40));
    out.addAll(tokens(value, Math.max(3, value.length() / 10)));
    out.addAll(tokens(after, 40));
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void valueSplitAnywhereIsNeverReleasedInPart(DialectStreams d, String ruleId) {
    RuleExample ex = example(ruleId);
    String value = ex.text().substring(ex.expected().start(), ex.expected().end());
    String before =
        "Here is what you asked for, as requested earlier:\n"
            + ex.text().substring(0, ex.expected().start());
    String after = ex.text().substring(ex.expected().end()) + "\nLet me know if you need more.";
    String text = before + value + after;
    Protector protector = protector();
    Protector.TextResult whole = protector.protectText(text);
    assertThat(whole.replacements()).as("the example is found in the whole text").isNotEmpty();
    String fragment = value.substring(value.length() / 2 - 4, value.length() / 2 + 4);

    byte[] stream = utf8(d.stream(pieces(before, value, after)));
    // Default window (the value is whole when the stream ends) and a small one (released mid-way).
    for (int holdBack : new int[] {StreamInspectors.holdBack(Restorer.NONE), value.length() + 64}) {
      for (int i = 1; i < stream.length; i++) {
        check(d, protector, holdBack, whole, fragment, before, cut(stream, i));
        int j = i + 1 + (i % 23);
        if (j < stream.length) {
          check(d, protector, holdBack, whole, fragment, before, cut(stream, i, j));
        }
      }
    }
  }

  private static void check(
      DialectStreams d,
      Protector protector,
      int holdBack,
      Protector.TextResult whole,
      String fragment,
      String before,
      List<byte[]> chunks) {
    StreamInspector inspector =
        StreamInspectors.forDialect(d.id, protector, Restorer.NONE, holdBack);
    StringBuilder sent = new StringBuilder();
    try {
      for (byte[] c : chunks) {
        inspector.accept(c, 0, c.length, b -> sent.append(new String(b, StandardCharsets.UTF_8)));
      }
      inspector.finish(b -> sent.append(new String(b, StandardCharsets.UTF_8)));
      if (whole.blockedBy().isPresent()) {
        fail("not blocked at split " + sizes(chunks));
      }
      String got = d.text(sent.toString());
      if (!got.equals(whole.text())) {
        assertThat(got).as("split " + sizes(chunks)).isEqualTo(whole.text());
      }
    } catch (StreamBlockedException e) {
      if (whole.blockedBy().isEmpty()) {
        throw e;
      }
      String got = d.text(sent.toString());
      if (!before.startsWith(got)) {
        assertThat(before).as("released before the block, split " + sizes(chunks)).startsWith(got);
      }
    }
    if (sent.indexOf(fragment) >= 0) {
      fail("a fragment of the value was released at split " + sizes(chunks));
    }
  }

  private static List<Integer> sizes(List<byte[]> chunks) {
    return chunks.stream().map(c -> c.length).toList();
  }
}
