package dev.warden.cli;

import dev.warden.api.Detector;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.eval.CorpusEvaluation;
import dev.warden.engine.eval.CorpusEvaluation.Counts;
import dev.warden.engine.eval.CorpusEvaluation.Result;
import dev.warden.engine.eval.CorpusEvaluation.Sample;
import dev.warden.engine.eval.CorpusEvaluation.Throughput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure Warden.",
    subcommands = {BenchCommand.Detection.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "detection",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Run the configured detectors (built-in rules, custom rules, minimum confidence,"
            + " allowlists) over a labelled corpus and print per-type precision, recall,"
            + " false-positive rate and support, totals, and throughput.",
        "Corpus lines: {\"id\", \"lang\", \"kind\", \"text\", \"labels\": [{\"type\", \"value\"}]}."
            + " Values are never printed.",
        "Exit code: 0 floors met, 1 below --min-precision or --min-recall, 2 error."
      },
      footer = {
        "",
        "Examples:",
        "  warden bench detection",
        "  warden bench detection --corpus my-corpus.jsonl --config warden.yaml --format json",
        "  warden bench detection --min-precision 0.98 --min-recall 0.9   # a CI gate"
      })
  static final class Detection implements Callable<Integer> {
    static final Path DEFAULT_CORPUS = Path.of("warden-engine/src/test/resources/corpus");

    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Option(
        names = "--corpus",
        paramLabel = "PATH",
        description =
            "A corpus .jsonl file or a folder of them (default:"
                + " warden-engine/src/test/resources/corpus under the working directory).")
    @Nullable Path corpus;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "Output: text or json (default: ${DEFAULT-VALUE}).",
        defaultValue = "text")
    String format = "text";

    @Option(
        names = "--min-precision",
        paramLabel = "P",
        description = "Exit 1 when total precision is below P (0–1).")
    @Nullable Double minPrecision;

    @Option(
        names = "--min-recall",
        paramLabel = "R",
        description = "Exit 1 when total recall is below R (0–1).")
    @Nullable Double minRecall;

    @Option(
        names = "--passes",
        paramLabel = "N",
        description =
            "Timed passes over the corpus for throughput, after the scoring pass warmed the"
                + " detectors up (default: ${DEFAULT-VALUE}; 0 times the scoring pass itself).",
        defaultValue = "5")
    int passes = 5;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!format.equals("text") && !format.equals("json")) {
        throw new IllegalArgumentException("--format must be text or json, got '" + format + "'");
      }
      checkFloor("--min-precision", minPrecision);
      checkFloor("--min-recall", minRecall);
      if (passes < 0 || passes > 1000) {
        throw new IllegalArgumentException("--passes must be between 0 and 1000, got " + passes);
      }
      Path source = corpus;
      if (source == null) {
        if (!Files.isDirectory(DEFAULT_CORPUS)) {
          throw new IllegalArgumentException(
              "no corpus at "
                  + DEFAULT_CORPUS
                  + " under the working directory; run from the source tree or pass --corpus PATH");
        }
        source = DEFAULT_CORPUS;
      }
      WardenConfig config = configOptions.load();
      List<Sample> samples = CorpusEvaluation.load(source);
      if (samples.isEmpty()) {
        throw new IllegalArgumentException(source + ": the corpus has no samples");
      }
      Detector detector = DetectorStack.forConfig(config);
      Result r =
          CorpusEvaluation.evaluate(samples, detector, DetectorStack.types(config), Set.of());
      Throughput speed =
          passes == 0
              ? new Throughput(1, r.bytes(), r.detectNanos())
              : CorpusEvaluation.throughput(samples, detector, passes);
      boolean precisionOk = minPrecision == null || r.total().precision() >= minPrecision;
      boolean recallOk = minRecall == null || r.total().recall() >= minRecall;
      if (format.equals("json")) {
        out.println(json(source, r, speed, precisionOk && recallOk));
      } else {
        text(out, source, r, speed);
        if (!precisionOk) {
          out.printf(
              Locale.ROOT,
              "FAIL: precision %s is below --min-precision %s%n",
              CorpusEvaluation.fmt(r.total().precision()),
              minPrecision);
        }
        if (!recallOk) {
          out.printf(
              Locale.ROOT,
              "FAIL: recall %s is below --min-recall %s%n",
              CorpusEvaluation.fmt(r.total().recall()),
              minRecall);
        }
      }
      out.flush();
      return precisionOk && recallOk ? 0 : 1;
    }

    private static void checkFloor(String name, @Nullable Double v) {
      if (v != null && !(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be between 0 and 1, got " + v);
      }
    }

    private static void text(PrintWriter out, Path source, Result r, Throughput speed) {
      out.printf(
          Locale.ROOT,
          "Corpus %s: %d samples, %d labels%n%n",
          source,
          r.samples(),
          r.total().labels());
      String header =
          String.format(
              Locale.ROOT,
              "%-20s %9s %9s %9s %9s %7s %5s %5s%n",
              "type",
              "precision",
              "recall",
              "f1",
              "fpr",
              "support",
              "fp",
              "fn");
      out.print(header);
      out.println("-".repeat(header.length() - 1));
      r.byType().forEach((type, c) -> row(out, type, c));
      out.println("-".repeat(header.length() - 1));
      row(out, "total", r.total());
      out.printf(
          Locale.ROOT,
          "%nThroughput: %.2f MB/s (%d pass%s, %d bytes, %.1f ms in the detectors)%n",
          speed.megabytesPerSecond(),
          speed.passes(),
          speed.passes() == 1 ? "" : "es",
          speed.bytes(),
          speed.nanos() / 1e6);
    }

    private static void row(PrintWriter out, String name, Counts c) {
      out.printf(
          Locale.ROOT,
          "%-20s %9s %9s %9s %9s %7d %5d %5d%n",
          name,
          CorpusEvaluation.fmt(c.precision()),
          CorpusEvaluation.fmt(c.recall()),
          CorpusEvaluation.fmt(c.f1()),
          CorpusEvaluation.fmt(c.falsePositiveRate()),
          c.labels(),
          c.fp(),
          c.fn());
    }

    private String json(Path source, Result r, Throughput speed, boolean passed) {
      ObjectNode root = ScanReport.NODES.objectNode();
      root.put("corpus", source.toString());
      root.put("samples", r.samples());
      ObjectNode types = root.putObject("types");
      r.byType().forEach((type, c) -> counts(types.putObject(type), c));
      counts(root.putObject("total"), r.total());
      ObjectNode tp = root.putObject("throughput");
      tp.put("passes", speed.passes());
      tp.put("bytes", speed.bytes());
      tp.put("seconds", speed.nanos() / 1e9);
      ratio(tp, "megabytesPerSecond", speed.megabytesPerSecond());
      ObjectNode gate = root.putObject("gate");
      if (minPrecision != null) {
        gate.put("minPrecision", minPrecision);
      }
      if (minRecall != null) {
        gate.put("minRecall", minRecall);
      }
      gate.put("passed", passed);
      return ScanReport.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void counts(ObjectNode n, Counts c) {
      ratio(n, "precision", c.precision());
      ratio(n, "recall", c.recall());
      ratio(n, "f1", c.f1());
      ratio(n, "fpr", c.falsePositiveRate());
      n.put("support", c.labels());
      n.put("tp", c.tp());
      n.put("fp", c.fp());
      n.put("fn", c.fn());
    }

    /** JSON has no NaN: an undefined ratio (no findings, no labels) is null. */
    private static void ratio(ObjectNode n, String name, double v) {
      if (Double.isNaN(v)) {
        n.putNull(name);
      } else {
        n.put(name, v);
      }
    }
  }
}
