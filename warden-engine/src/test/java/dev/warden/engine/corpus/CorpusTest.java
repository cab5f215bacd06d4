package dev.warden.engine.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Detector;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.eval.CorpusEvaluation;
import dev.warden.engine.eval.CorpusEvaluation.Label;
import dev.warden.engine.eval.CorpusEvaluation.Result;
import dev.warden.engine.eval.CorpusEvaluation.Sample;
import dev.warden.engine.policy.Policy;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the whole default detector stack ({@link DetectorStack#forConfig} of the default
 * configuration: built-in rules, then minimum confidence) against the labelled corpus in {@code
 * corpus/*.jsonl} and asserts precision and recall floors. Scoring lives in {@link
 * CorpusEvaluation} (its Javadoc states the matching rule), shared with {@code warden bench
 * detection}.
 *
 * <p>Ground truth is what a text contains, not what the rules see: a label names a type and the
 * exact value. Every credential in the corpus is fake (generated, checksummed where the format has
 * a checksum, never issued by a vendor); key blocks are throwaway keys generated for the corpus.
 *
 * <p>The report goes to {@code target/detection-report.md} and to standard output. Reproduce with
 * {@code ./build -q -B -pl warden-engine -am test -Dtest=CorpusTest
 * -Dsurefire.failIfNoSpecifiedTests=false}, or {@code warden bench detection}.
 */
class CorpusTest {
  /** Every {@code *.jsonl} file in this resource folder is part of the corpus. */
  private static final String RESOURCE = "/corpus";

  private static final Path REPORT = Path.of("target", "detection-report.md");

  /**
   * Floors: what the whole stack reaches (precision 0.998, recall 0.978 on 852 labels on
   * 2026-11-23, with vendor, national-id, injection and evasion samples; 0.969 / 0.896 when the
   * first corpus was written), minus a small margin. Raise them when detection improves; never
   * lower them for the same data. The one reset: on 2026-11-24 four sets written by independent
   * writers (fresh sets 5 and 6, 480 samples) joined, whose labels take a vendor type from a
   * section header or a comment and call identifiers and documentation addresses negatives, so the
   * whole corpus measures precision 0.988 / recall 0.981 on 2980 labels (docs/detection.md, "Fresh
   * sets 5 and 6"); the precision floor moved from 0.99 to 0.985 with them, the recall floor
   * stayed.
   */
  static final double PRECISION_FLOOR = 0.985;

  static final double RECALL_FLOOR = 0.96;

  /** Types labelled in the corpus for which no rule exists yet; their labels are all misses. */
  static final Set<String> NOT_YET_DETECTED = Set.of();

  static final Set<String> LANGS = Set.of("en", "ko", "de", "ja", "fr", "es", "it", "nl");
  static final Set<String> KINDS = Set.of("prose", "json", "code", "log", "config", "form", "csv");

  private static final Detector STACK = DetectorStack.forConfig(WardenConfig.defaults());
  private static final Set<String> TYPES = DetectorStack.types(WardenConfig.defaults());

  private static List<String> lines = List.of();
  private static List<Sample> samples = List.of();

  @BeforeAll
  static void load() throws IOException {
    URL folder = CorpusTest.class.getResource(RESOURCE);
    assertThat(folder).as(RESOURCE).isNotNull();
    List<Path> files;
    try (Stream<Path> listed =
        Files.list(Path.of(URI.create(Objects.requireNonNull(folder).toString())))) {
      files = listed.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
    }
    assertThat(files).as("corpus files").isNotEmpty();
    List<String> all = new ArrayList<>();
    for (Path file : files) {
      Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank())
          .forEach(all::add);
    }
    lines = List.copyOf(all);
    List<Sample> parsed = new ArrayList<>();
    for (String line : lines) {
      parsed.add(parse(line));
    }
    samples = List.copyOf(parsed);
  }

  static Sample parse(String line) {
    return CorpusEvaluation.parse(line);
  }

  @Test
  void everyLineIsAWellFormedSample() {
    assertThat(samples).hasSameSizeAs(lines).hasSizeGreaterThanOrEqualTo(300);
    Set<String> ids = new HashSet<>();
    for (Sample s : samples) {
      assertThat(ids.add(s.id())).as("duplicate id %s", s.id()).isTrue();
      assertThat(s.lang()).as(s.id()).isIn(LANGS);
      assertThat(s.kind()).as(s.id()).isIn(KINDS);
      assertThat(s.text()).as(s.id()).isNotBlank();
    }
  }

  @Test
  void everyLabelValueOccursInItsText() {
    for (Sample s : samples) {
      for (Label l : s.labels()) {
        assertThat(l.value()).as("%s %s", s.id(), l.type()).isNotEmpty();
        assertThat(s.text()).as("%s: %s value not in text", s.id(), l.type()).contains(l.value());
      }
    }
  }

  @Test
  void everyLabelTypeIsKnownOrExplicitlyNotYetDetected() {
    Set<String> known = TYPES;
    for (Sample s : samples) {
      for (Label l : s.labels()) {
        assertThat(known.contains(l.type()) || NOT_YET_DETECTED.contains(l.type()))
            .as("%s: type %s is neither detected nor listed as not yet detected", s.id(), l.type())
            .isTrue();
      }
    }
    // A type that gains a rule must leave the not-yet-detected list, so its numbers count.
    assertThat(NOT_YET_DETECTED).doesNotContainAnyElementsOf(known);
  }

  @Test
  void corpusCoversEveryTypeLanguageAndKind() {
    Map<String, Integer> positives = new TreeMap<>();
    Set<String> langs = new TreeSet<>();
    Set<String> kinds = new TreeSet<>();
    int negatives = 0;
    for (Sample s : samples) {
      langs.add(s.lang());
      kinds.add(s.kind());
      if (s.labels().isEmpty()) {
        negatives++;
      }
      for (Label l : s.labels()) {
        positives.merge(l.type(), 1, Integer::sum);
      }
    }
    for (String type : TYPES) {
      assertThat(positives.getOrDefault(type, 0)).as("positives for %s", type).isGreaterThan(10);
    }
    assertThat(langs).isEqualTo(new TreeSet<>(LANGS));
    assertThat(kinds).isEqualTo(new TreeSet<>(KINDS));
    assertThat(negatives).as("samples without labels").isGreaterThanOrEqualTo(100);
  }

  @Test
  void builtinRulesMeetThePrecisionAndRecallFloors() throws IOException {
    Result result = evaluate(samples);
    String report = report(result);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, report, StandardCharsets.UTF_8);
    System.out.println(report);

    assertThat(result.total().precision())
        .as("overall precision (see %s)", REPORT)
        .isGreaterThanOrEqualTo(PRECISION_FLOOR);
    assertThat(result.total().recall())
        .as("overall recall (see %s)", REPORT)
        .isGreaterThanOrEqualTo(RECALL_FLOOR);
  }

  static Result evaluate(List<Sample> corpus) {
    return CorpusEvaluation.evaluate(
        corpus, STACK, DetectorStack.types(WardenConfig.defaults()), NOT_YET_DETECTED);
  }

  static String report(Result r) {
    return CorpusEvaluation.report(
        samples,
        r,
        "Findings with confidence < " + Policy.defaults().minConfidence() + " ignored.",
        true);
  }
}
