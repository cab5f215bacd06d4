package dev.warden.engine.eval;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores a detector against a labelled corpus: JSON lines {@code {"id", "lang", "kind", "text",
 * "labels": [{"type", "value"}]}}, every {@code *.jsonl} file of a folder or one file.
 *
 * <p>Ground truth is what a text contains, not what the rules see: a label names a type and the
 * exact value. Matching rule. A label's span set is every occurrence of its value in the text. The
 * detector's findings count as given (a {@code DetectorStack} has already applied minimum
 * confidence and allowlists). Then, per sample and per type:
 *
 * <ul>
 *   <li>a label is a true positive when at least one finding of the same type overlaps at least one
 *       of its occurrences, and a false negative otherwise;
 *   <li>a finding is a false positive when it overlaps no occurrence of any label of its type (a
 *       finding that covers part of a value, or one of two findings splitting a value, is not a
 *       false positive: the value was found).
 * </ul>
 *
 * Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean. The false-positive
 * rate of a type is per sample: of the samples with no label of that type, the share in which the
 * detector reported that type anyway. Support is the number of labels. Totals cover the detected
 * types; labels of types in {@code notYetDetected} are counted apart so gaps stay visible without
 * moving the totals.
 *
 * <p>Throughput is the UTF-8 size of all texts over the time spent inside {@link Detector#detect}.
 */
public final class CorpusEvaluation {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CorpusEvaluation() {}

  public record Label(String type, String value) {}

  public record Sample(String id, String lang, String kind, String text, List<Label> labels) {
    public Sample {
      labels = List.copyOf(labels);
    }
  }

  /** One miss or false alarm. {@code detail} quotes the corpus value: for reports on fake data. */
  public record Miss(String sampleId, String type, String detail) {}

  /** Per-type (or per-language) counts. */
  public static final class Counts {
    private int labels;
    private int tp;
    private int fp;
    private int fn;
    private int negatives;
    private int negativesFlagged;

    public int labels() {
      return labels;
    }

    public int tp() {
      return tp;
    }

    public int fp() {
      return fp;
    }

    public int fn() {
      return fn;
    }

    /** Samples without a label of this type. */
    public int negatives() {
      return negatives;
    }

    /** Of {@link #negatives()}, those in which the type was reported. */
    public int negativesFlagged() {
      return negativesFlagged;
    }

    void add(Counts o) {
      labels += o.labels;
      tp += o.tp;
      fp += o.fp;
      fn += o.fn;
      negatives += o.negatives;
      negativesFlagged += o.negativesFlagged;
    }

    public double precision() {
      return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
    }

    public double falsePositiveRate() {
      return negatives == 0 ? Double.NaN : (double) negativesFlagged / negatives;
    }
  }

  /**
   * The whole evaluation.
   *
   * @param bytes UTF-8 size of all sample texts
   * @param detectNanos time spent inside the detector
   */
  public record Result(
      Map<String, Counts> byType,
      Map<String, Counts> byLang,
      Counts total,
      Set<String> notYetDetected,
      List<Miss> falseNegatives,
      List<Miss> falsePositives,
      int samples,
      long bytes,
      long detectNanos) {
    /** Megabytes (10^6 bytes) of text per second of detection. */
    public double megabytesPerSecond() {
      return detectNanos == 0 ? Double.NaN : bytes / 1e6 / (detectNanos / 1e9);
    }
  }

  /**
   * Reads one corpus line.
   *
   * @throws IllegalArgumentException naming the missing or malformed field
   */
  public static Sample parse(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("must be a JSON object");
    }
    JsonNode labelsNode = node.get("labels");
    if (labelsNode == null || !labelsNode.isArray()) {
      throw new IllegalArgumentException("\"labels\" must be a list of {type, value}");
    }
    List<Label> labels = new ArrayList<>();
    for (JsonNode l : labelsNode) {
      labels.add(new Label(field(l, "type"), field(l, "value")));
    }
    return new Sample(
        field(node, "id"), field(node, "lang"), field(node, "kind"), field(node, "text"), labels);
  }

  private static String field(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || !(v.isString() || v.isNumber())) {
      throw new IllegalArgumentException("\"" + name + "\" must be a string");
    }
    return v.asString();
  }

  /**
   * Loads every non-blank line of {@code source}: one {@code .jsonl} file, or every {@code *.jsonl}
   * file directly in a folder, in name order.
   *
   * @throws IllegalArgumentException naming the file and line of a bad sample, or a source with no
   *     corpus file
   * @throws UncheckedIOException when a file cannot be read
   */
  public static List<Sample> load(Path source) {
    List<Path> files;
    try {
      if (Files.isDirectory(source)) {
        try (Stream<Path> listed = Files.list(source)) {
          files =
              listed
                  .filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                  .filter(Files::isRegularFile)
                  .sorted()
                  .toList();
        }
        if (files.isEmpty()) {
          throw new IllegalArgumentException(source + ": no *.jsonl corpus files in this folder");
        }
      } else if (Files.isRegularFile(source)) {
        files = List.of(source);
      } else {
        throw new IllegalArgumentException(source + ": no such file or folder");
      }
      List<Sample> samples = new ArrayList<>();
      for (Path file : files) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).isBlank()) {
            continue;
          }
          try {
            samples.add(parse(lines.get(i)));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
          }
        }
      }
      return List.copyOf(samples);
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code detector} over every sample and scores it.
   *
   * @param detectedTypes the types the detector can report (each gets a row, even at zero)
   * @param notYetDetected types labelled in the corpus that no rule covers yet
   */
  public static Result evaluate(
      List<Sample> corpus,
      Detector detector,
      Set<String> detectedTypes,
      Set<String> notYetDetected) {
    Map<String, Counts> byType = new TreeMap<>();
    Map<String, Counts> byLang = new TreeMap<>();
    List<Miss> fns = new ArrayList<>();
    List<Miss> fps = new ArrayList<>();
    for (String type : detectedTypes) {
      byType.put(type, new Counts());
    }
    long bytes = 0;
    long nanos = 0;
    for (Sample s : corpus) {
      bytes += s.text().getBytes(StandardCharsets.UTF_8).length;
      long t0 = System.nanoTime();
      List<Finding> findings = detector.detect(ScanInput.text(s.text()));
      nanos += System.nanoTime() - t0;
      Counts lang = byLang.computeIfAbsent(s.lang(), k -> new Counts());
      Set<String> labelledTypes = new HashSet<>();
      for (Label l : s.labels()) {
        labelledTypes.add(l.type());
        Counts c = byType.computeIfAbsent(l.type(), k -> new Counts());
        List<Span> occurrences = occurrences(s.text(), l.value());
        boolean found =
            findings.stream()
                .anyMatch(f ->
                    f.type().equals(l.type())
                        && occurrences.stream().anyMatch(o -> o.overlaps(f.span())));
        c.labels++;
        if (found) {
          c.tp++;
        } else {
          c.fn++;
          fns.add(new Miss(s.id(), l.type(), excerpt(l.value())));
        }
        if (!notYetDetected.contains(l.type())) {
          lang.labels++;
          if (found) {
            lang.tp++;
          } else {
            lang.fn++;
          }
        }
      }
      Set<String> flagged = new HashSet<>();
      for (Finding f : findings) {
        boolean labelled =
            s.labels().stream()
                .filter(l -> l.type().equals(f.type()))
                .flatMap(l -> occurrences(s.text(), l.value()).stream())
                .anyMatch(o -> o.overlaps(f.span()));
        if (!labelled) {
          byType.computeIfAbsent(f.type(), k -> new Counts()).fp++;
          lang.fp++;
          flagged.add(f.type());
          String value = s.text().substring(f.span().start(), f.span().end());
          fps.add(new Miss(s.id(), f.type(), f.ruleId() + " on " + excerpt(value)));
        }
      }
      for (Map.Entry<String, Counts> e : byType.entrySet()) {
        if (!labelledTypes.contains(e.getKey())) {
          e.getValue().negatives++;
          if (flagged.contains(e.getKey())) {
            e.getValue().negativesFlagged++;
          }
        }
      }
    }
    Counts total = new Counts();
    byType.forEach((type, c) -> {
      if (!notYetDetected.contains(type)) {
        total.add(c);
      }
    });
    return new Result(
        byType,
        byLang,
        total,
        Set.copyOf(notYetDetected),
        List.copyOf(fns),
        List.copyOf(fps),
        corpus.size(),
        bytes,
        nanos);
  }

  /**
   * Detection speed on warm code: {@code passes} timed passes over every sample after the scoring
   * pass has warmed the detector up.
   *
   * @param bytes UTF-8 bytes scanned in the timed passes
   */
  public record Throughput(int passes, long bytes, long nanos) {
    public double megabytesPerSecond() {
      return nanos == 0 ? Double.NaN : bytes / 1e6 / (nanos / 1e9);
    }
  }

  /** Times {@code passes} passes of {@code detector} over the corpus. */
  public static Throughput throughput(List<Sample> corpus, Detector detector, int passes) {
    long bytes = 0;
    for (Sample s : corpus) {
      bytes += s.text().getBytes(StandardCharsets.UTF_8).length;
    }
    int sink = 0;
    long t0 = System.nanoTime();
    for (int p = 0; p < passes; p++) {
      for (Sample s : corpus) {
        sink += detector.detect(ScanInput.text(s.text())).size();
      }
    }
    long nanos = System.nanoTime() - t0;
    // Keeps the JIT from discarding the work; a negative count is impossible.
    if (sink < 0) {
      throw new AssertionError();
    }
    return new Throughput(passes, bytes * passes, nanos);
  }

  /** Every occurrence of {@code value} in {@code text}, overlapping occurrences included. */
  public static List<Span> occurrences(String text, String value) {
    List<Span> spans = new ArrayList<>();
    for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      spans.add(new Span(at, at + value.length()));
    }
    return spans;
  }

  // The corpus holds only fake values, but a report line should stay short.
  private static String excerpt(String value) {
    String oneLine = value.replace("\r", "\\r").replace("\n", "\\n").replace("|", "\\|");
    return "`" + (oneLine.length() <= 48 ? oneLine : oneLine.substring(0, 45) + "…") + "`";
  }

  /**
   * A Markdown report: corpus summary, per-type and per-language tables, and, when {@code
   * withExamples}, every miss and false alarm quoting the corpus value (only for corpora of fake
   * values, such as the project's own).
   *
   * @param note appended to the summary line (e.g. the confidence threshold in force)
   */
  public static String report(List<Sample> samples, Result r, String note, boolean withExamples) {
    Map<String, Integer> langs = new TreeMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    int negatives = 0;
    for (Sample s : samples) {
      langs.merge(s.lang(), 1, Integer::sum);
      kinds.merge(s.kind(), 1, Integer::sum);
      negatives += s.labels().isEmpty() ? 1 : 0;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# Detection report\n\n");
    sb.append("Corpus: ")
        .append(samples.size())
        .append(" samples (")
        .append(negatives)
        .append(" without any label), ")
        .append(r.total().labels)
        .append(" labels of detected types; languages ")
        .append(langs)
        .append("; kinds ")
        .append(kinds)
        .append(". ")
        .append(note)
        .append("\n\n");
    sb.append("| type | labels | TP | FP | FN | precision | recall | F1 | FPR |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    r.byType()
        .forEach((type, c) -> {
          if (!r.notYetDetected().contains(type)) {
            row(sb, "`" + type + "`", c, true);
          }
        });
    row(sb, "**total**", r.total(), true);
    sb.append(
        String.format(
            Locale.ROOT,
            "%nThroughput: %.2f MB/s (%d bytes in %.1f ms of detection).%n",
            r.megabytesPerSecond(),
            r.bytes(),
            r.detectNanos() / 1e6));
    sb.append("\nPer language (detected types only):\n\n");
    sb.append("| lang | labels | TP | FP | FN | precision | recall | F1 |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    r.byLang().forEach((lang, c) -> row(sb, lang, c, false));
    sb.append("\nNot yet detected (no rule; every label is a miss):\n\n");
    sb.append("| type | labels |\n|---|---:|\n");
    r.byType()
        .forEach((type, c) -> {
          if (r.notYetDetected().contains(type)) {
            sb.append("| `").append(type).append("` | ").append(c.labels).append(" |\n");
          }
        });
    if (withExamples) {
      sb.append("\nFalse negatives (detected types):\n\n");
      for (Miss m : r.falseNegatives()) {
        if (!r.notYetDetected().contains(m.type())) {
          sb.append("- ").append(m.sampleId()).append(" ").append(m.type()).append(": ");
          sb.append(m.detail()).append('\n');
        }
      }
      sb.append("\nFalse positives:\n\n");
      for (Miss m : r.falsePositives()) {
        sb.append("- ").append(m.sampleId()).append(" ").append(m.type()).append(": ");
        sb.append(m.detail()).append('\n');
      }
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, Counts c, boolean fpr) {
    sb.append("| ")
        .append(name)
        .append(" | ")
        .append(c.labels)
        .append(" | ")
        .append(c.tp)
        .append(" | ")
        .append(c.fp)
        .append(" | ")
        .append(c.fn)
        .append(" | ")
        .append(fmt(c.precision()))
        .append(" | ")
        .append(fmt(c.recall()))
        .append(" | ")
        .append(fmt(c.f1()));
    if (fpr) {
      sb.append(" | ").append(fmt(c.falsePositiveRate()));
    }
    sb.append(" |\n");
  }

  /** Three decimals, or an en dash for an undefined ratio. */
  public static String fmt(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }
}
