package dev.warden.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.detect.RuleDetector;
import dev.warden.engine.policy.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the whole detector stack on the labelled evasion samples ({@code evasion.jsonl}, ids
 * {@code ev-}), with the matching rule of the main corpus test: a label is found when a finding of
 * its type overlaps an occurrence of its value; a finding that overlaps no label of its type is a
 * false positive. Prints the numbers next to those of the rules alone (no evasion handling).
 */
class EvasionCorpusTest {
  /** The evasion part of the corpus (CorpusTest measures it with the rest). */
  private static final List<String> LOCATIONS = List.of("/corpus/evasion.jsonl");

  static final double PRECISION_FLOOR = 0.97;
  static final double RECALL_FLOOR = 0.97;

  record Label(String type, String value) {}

  record Sample(String id, String text, List<Label> labels) {}

  record Score(int tp, int fp, int fn, List<String> misses) {
    double precision() {
      return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    }
  }

  private static List<Sample> samples = List.of();

  private static List<Sample> mainCorpus = List.of();

  @BeforeAll
  static void load() throws IOException {
    samples = parse(read(LOCATIONS));
    mainCorpus = parse(read(List.of("/corpus/corpus.jsonl")));
  }

  private static String read(List<String> locations) throws IOException {
    String content = null;
    for (String location : locations) {
      try (InputStream in = EvasionCorpusTest.class.getResourceAsStream(location)) {
        if (in != null) {
          content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          break;
        }
      }
    }
    assertThat(content).as("samples in %s", locations).isNotNull();
    return Objects.requireNonNull(content);
  }

  private static List<Sample> parse(String content) {
    JsonMapper json = JsonMapper.builder().build();
    List<Sample> parsed = new ArrayList<>();
    for (String line : content.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = json.readTree(line);
      List<Label> labels = new ArrayList<>();
      for (JsonNode l : node.required("labels")) {
        labels.add(new Label(l.required("type").asString(), l.required("value").asString()));
      }
      parsed.add(
          new Sample(node.required("id").asString(), node.required("text").asString(), labels));
    }
    return List.copyOf(parsed);
  }

  @Test
  void samplesAreWellFormed() {
    Set<String> ids = new HashSet<>();
    assertThat(samples).hasSizeGreaterThanOrEqualTo(60);
    for (Sample s : samples) {
      assertThat(s.id()).startsWith("ev-");
      assertThat(ids.add(s.id())).as("duplicate %s", s.id()).isTrue();
      for (Label l : s.labels()) {
        assertThat(s.text()).as("%s: label value in text", s.id()).contains(l.value());
        assertThat(RuleDetector.builtin().types()).contains(l.type());
      }
    }
    assertThat(samples.stream().filter(s -> s.labels().isEmpty()).count())
        .as("hard negatives")
        .isGreaterThanOrEqualTo(20);
  }

  @Test
  void theStackFindsHiddenValuesThatTheRulesAloneMiss() {
    Score stack = score(DetectorStack.forConfig(WardenConfig.defaults()));
    Score rulesOnly = score(RuleDetector.builtin());
    System.out.printf(
        "evasion corpus: %d samples%n  stack:      TP %d FP %d FN %d  precision %.3f recall %.3f%n"
            + "  rules only: TP %d FP %d FN %d  precision %.3f recall %.3f%n  stack misses: %s%n",
        samples.size(),
        stack.tp(),
        stack.fp(),
        stack.fn(),
        stack.precision(),
        stack.recall(),
        rulesOnly.tp(),
        rulesOnly.fp(),
        rulesOnly.fn(),
        rulesOnly.precision(),
        rulesOnly.recall(),
        stack.misses());

    assertThat(stack.precision())
        .as("precision; misses %s", stack.misses())
        .isGreaterThanOrEqualTo(PRECISION_FLOOR);
    assertThat(stack.recall())
        .as("recall; misses %s", stack.misses())
        .isGreaterThanOrEqualTo(RECALL_FLOOR);
    assertThat(rulesOnly.recall()).isLessThan(stack.recall());
  }

  @Test
  void theMainCorpusLosesNothingToEvasionHandling() {
    Score stack = score(DetectorStack.forConfig(WardenConfig.defaults()), mainCorpus);
    Score rulesOnly = score(RuleDetector.builtin(), mainCorpus);
    System.out.printf(
        "main corpus: %d samples%n  stack:      TP %d FP %d FN %d%n  rules only: TP %d FP %d FN %d%n"
            + "  stack: %s%n",
        mainCorpus.size(),
        stack.tp(),
        stack.fp(),
        stack.fn(),
        rulesOnly.tp(),
        rulesOnly.fp(),
        rulesOnly.fn(),
        stack.misses());

    assertThat(stack.fp()).isLessThanOrEqualTo(rulesOnly.fp());
    assertThat(stack.tp()).isGreaterThanOrEqualTo(rulesOnly.tp());
  }

  static Score score(Detector detector) {
    return score(detector, samples);
  }

  static Score score(Detector detector, List<Sample> samples) {
    double min = Policy.defaults().minConfidence();
    int tp = 0;
    int fp = 0;
    int fn = 0;
    List<String> misses = new ArrayList<>();
    for (Sample s : samples) {
      List<Finding> findings =
          detector.detect(ScanInput.text(s.text())).stream()
              .filter(f -> f.confidence() >= min)
              .toList();
      Map<String, List<Span>> occurrences = new TreeMap<>();
      for (Label l : s.labels()) {
        List<Span> spans = occurrencesOf(s.text(), l.value());
        occurrences.computeIfAbsent(l.type(), k -> new ArrayList<>()).addAll(spans);
        boolean found =
            findings.stream()
                .anyMatch(
                    f -> f.type().equals(l.type()) && spans.stream().anyMatch(f.span()::overlaps));
        if (found) {
          tp++;
        } else {
          fn++;
          misses.add("FN " + s.id() + " " + l.type());
        }
      }
      for (Finding f : findings) {
        List<Span> spans = occurrences.getOrDefault(f.type(), List.of());
        if (spans.stream().noneMatch(f.span()::overlaps)) {
          fp++;
          misses.add("FP " + s.id() + " " + f.type() + " " + f.ruleId());
        }
      }
    }
    return new Score(tp, fp, fn, misses);
  }

  static List<Span> occurrencesOf(String text, String value) {
    List<Span> out = new ArrayList<>();
    for (int i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
      out.add(new Span(i, i + value.length()));
    }
    return out;
  }
}
