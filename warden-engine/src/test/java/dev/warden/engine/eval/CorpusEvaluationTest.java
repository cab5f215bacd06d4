package dev.warden.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Detector;
import dev.warden.api.Explanation;
import dev.warden.api.Finding;
import dev.warden.api.Span;
import dev.warden.engine.eval.CorpusEvaluation.Counts;
import dev.warden.engine.eval.CorpusEvaluation.Label;
import dev.warden.engine.eval.CorpusEvaluation.Result;
import dev.warden.engine.eval.CorpusEvaluation.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusEvaluationTest {
  /** Reports every "SECRET" as type {@code word}, and every "x@y" as {@code email}. */
  static final Detector TOY =
      in -> {
        List<Finding> out = new ArrayList<>();
        for (int at = in.text().indexOf("SECRET");
            at >= 0;
            at = in.text().indexOf("SECRET", at + 1)) {
          out.add(new Finding("word", "toy-word", new Span(at, at + 6), 1, Explanation.of("none")));
        }
        int e = in.text().indexOf("x@y");
        if (e >= 0) {
          out.add(new Finding("email", "toy-email", new Span(e, e + 3), 1, Explanation.of("none")));
        }
        return out;
      };

  static Sample sample(String id, String text, Label... labels) {
    return new Sample(id, "en", "prose", text, List.of(labels));
  }

  @Test
  void countsTruePositivesMissesFalseAlarmsAndSampleLevelFalsePositiveRate() {
    List<Sample> corpus =
        List.of(
            sample("a", "the SECRET is here", new Label("word", "SECRET")),
            sample("b", "no secret here, mail x@y", new Label("word", "hidden")),
            sample("c", "a stray SECRET and another SECRET"),
            sample("d", "nothing at all"),
            sample("e", "mail x@y", new Label("email", "x@y")));

    Result r = CorpusEvaluation.evaluate(corpus, TOY, Set.of("word", "email"), Set.of());

    Counts word = java.util.Objects.requireNonNull(r.byType().get("word"));
    assertThat(word.labels()).isEqualTo(2);
    assertThat(word.tp()).isEqualTo(1);
    assertThat(word.fn()).isEqualTo(1);
    assertThat(word.fp()).as("two findings in c").isEqualTo(2);
    assertThat(word.precision()).isEqualTo(1.0 / 3);
    assertThat(word.recall()).isEqualTo(0.5);
    assertThat(word.negatives()).as("c, d, e have no word label").isEqualTo(3);
    assertThat(word.falsePositiveRate()).as("only c was flagged").isEqualTo(1.0 / 3);

    Counts email = java.util.Objects.requireNonNull(r.byType().get("email"));
    assertThat(email.tp()).isEqualTo(1);
    assertThat(email.fp()).as("b has x@y but no email label").isEqualTo(1);
    assertThat(email.falsePositiveRate()).isEqualTo(1.0 / 4);

    assertThat(r.total().tp()).isEqualTo(2);
    assertThat(r.total().fp()).isEqualTo(3);
    assertThat(r.samples()).isEqualTo(5);
    assertThat(r.bytes()).isPositive();
    assertThat(r.falseNegatives()).extracting(CorpusEvaluation.Miss::sampleId).containsExactly("b");
  }

  @Test
  void reportWithoutExamplesNeverQuotesValues() {
    List<Sample> corpus = List.of(sample("c", "a stray SECRET"));
    Result r = CorpusEvaluation.evaluate(corpus, TOY, Set.of("word"), Set.of());
    assertThat(CorpusEvaluation.report(corpus, r, "", false))
        .contains("| `word` | 0 | 0 | 1 | 0 |")
        .doesNotContain("SECRET");
    assertThat(CorpusEvaluation.report(corpus, r, "", true)).contains("SECRET");
  }

  @Test
  void loadsAFolderOfJsonlFilesAndNamesTheLineOfABadSample(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("a.jsonl"),
        "{\"id\":\"1\",\"lang\":\"en\",\"kind\":\"prose\",\"text\":\"t\",\"labels\":[]}\n\n");
    Files.writeString(
        dir.resolve("b.jsonl"),
        "{\"id\":\"2\",\"lang\":\"en\",\"kind\":\"prose\",\"text\":\"u\",\"labels\":[]}\n");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    assertThat(CorpusEvaluation.load(dir)).extracting(Sample::id).containsExactly("1", "2");
    assertThat(CorpusEvaluation.load(dir.resolve("b.jsonl"))).hasSize(1);

    Files.writeString(dir.resolve("c.jsonl"), "\n{\"id\":\"3\",\"text\":\"v\"}\n");
    assertThatThrownBy(() -> CorpusEvaluation.load(dir))
        .hasMessageContaining("c.jsonl:2: \"labels\" must be a list");
    assertThatThrownBy(() -> CorpusEvaluation.load(dir.resolve("absent")))
        .hasMessageContaining("no such file or folder");
  }
}
