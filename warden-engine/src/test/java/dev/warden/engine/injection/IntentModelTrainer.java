package dev.warden.engine.injection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains {@link IntentModel} from labelled text, deterministically: the same files give the same
 * bytes, which {@code IntentModelTest} checks against the shipped resource.
 *
 * <p>Units of text, what the detector scores, read as its base view reads them ({@link #asScored}):
 * a positive is the clauses holding the injected passage of a positive sample ({@code payload} in
 * the intent sets, a {@code prompt_injection} label in the corpus); negatives are every clause of a
 * negative sample, and the whole sample when it is short (the detector also scores runs of adjacent
 * clauses). Logistic regression with an L2 penalty, AdaGrad over the units in a seeded order, the
 * two classes weighted to equal mass; the model is the mean of {@link #RUNS} such runs in different
 * orders.
 *
 * <p>Run from the repository root to rewrite the shipped model: {@code IntentModelTrainer
 * warden-engine} (see docs/detection.md, "Intent model").
 */
final class IntentModelTrainer {
  static final Path INTENT_SETS = Path.of("src/test/resources/dev/warden/engine/injection/intent");
  static final Path CORPUS = Path.of("src/test/resources/corpus");

  /**
   * Corpus files named so are scored by {@code CorpusTest} but not trained on, so what the model
   * does on them stays a figure on text it never saw (docs/detection.md, "Fresh set 11").
   */
  static final String MEASURE_ONLY = ".measure.jsonl";

  static final Path SHIPPED =
      Path.of("src/main/resources/dev/warden/engine/injection", IntentModel.RESOURCE);

  private static final int EPOCHS = 30;
  private static final double RATE = 0.05;
  private static final double L2 = 1e-5;
  private static final long SEED = 20261124L;

  /**
   * Runs averaged into the model, each over its own shuffled order. One run's weights depend on the
   * order it meets the units in: adding a set of negatives reshuffled it and drew a model that read
   * a plain request repeated twice as an order (docs/detection.md, "Fresh set 11"). The mean of
   * five orders held that request at 0.19–0.26 in every shuffle tried, where single runs ranged
   * 0.28–0.33 and crossed the reporting line when the sentence was doubled.
   */
  static final int RUNS = 5;

  /** Whole negative samples up to this length are also a unit. */
  private static final int WHOLE_SAMPLE = 400;

  /** A stretch of text, its label and which source sample it came from (folds keep samples). */
  record Unit(String text, boolean injection, int sample) {}

  private IntentModelTrainer() {}

  public static void main(String[] args) throws IOException {
    Path module = Path.of(args.length > 0 ? args[0] : ".");
    List<Unit> units = units(module);
    IntentModel model = train(units);
    Files.write(module.resolve(SHIPPED), model.write());
    long positives = units.stream().filter(Unit::injection).count();
    System.out.printf(
        "trained on %d units (%d positive) → %s%n",
        units.size(), positives, module.resolve(SHIPPED));
  }

  /** Every training unit under {@code module}, in a fixed order. */
  static List<Unit> units(Path module) throws IOException {
    List<Unit> units = new ArrayList<>();
    int[] sample = {0};
    for (Path file : jsonl(module.resolve(INTENT_SETS))) {
      for (JsonNode node : lines(file)) {
        String text = asScored(node.path("text").asString());
        if (node.path("label").asInt() == 1) {
          String passage = passage(text, asScored(node.path("payload").asString()));
          if (passage == null) {
            throw new IllegalArgumentException(
                file
                    + ": a positive sample's payload is missing or not in its text: "
                    + node.path("payload").asString());
          }
          units.add(new Unit(passage, true, sample[0]));
        } else {
          negatives(text, units, sample[0]);
        }
        sample[0]++;
      }
    }
    for (Path file : jsonl(module.resolve(CORPUS))) {
      if (file.getFileName().toString().endsWith(MEASURE_ONLY)) {
        continue;
      }
      for (JsonNode node : lines(file)) {
        String text = asScored(node.path("text").asString());
        List<String> injected = new ArrayList<>();
        for (JsonNode label : node.path("labels")) {
          if (label.path("type").asString().equals(InjectionDetector.TYPE)) {
            injected.add(asScored(label.path("value").asString()));
          }
        }
        if (injected.isEmpty()) {
          negatives(text, units, sample[0]);
        } else {
          for (String value : injected) {
            String passage = passage(text, value);
            if (passage != null) {
              units.add(new Unit(passage, true, sample[0]));
            }
          }
        }
        sample[0]++;
      }
    }
    return units;
  }

  /**
   * The text as the detector's base view reads it: full-width forms folded, invisible characters
   * dropped ({@link TextView#fold}), so training sees the features and clauses scoring sees.
   */
  static String asScored(String text) {
    TextView folded = TextView.fold(text);
    return folded == null ? text : folded.text;
  }

  private static void negatives(String text, List<Unit> units, int sample) {
    for (int[] clause : InjectionDetector.clauses(text)) {
      units.add(new Unit(text.substring(clause[0], clause[1]), false, sample));
    }
    if (text.length() <= WHOLE_SAMPLE) {
      units.add(new Unit(text, false, sample));
    }
  }

  /** The clauses of {@code text} that hold {@code value}, or {@code null} if it is not there. */
  private static @Nullable String passage(String text, String value) {
    int at = value.isEmpty() ? -1 : text.indexOf(value);
    if (at < 0) {
      return null;
    }
    int end = at + value.length();
    int from = at;
    int to = end;
    for (int[] clause : InjectionDetector.clauses(text)) {
      if (clause[0] <= at && at < clause[1]) {
        from = Math.min(from, clause[0]);
      }
      if (clause[0] < end && end <= clause[1]) {
        to = Math.max(to, clause[1]);
      }
    }
    return text.substring(from, to);
  }

  /** Trains on all units. */
  static IntentModel train(List<Unit> units) {
    return train(units, unit -> true);
  }

  /** Trains on the units {@code use} accepts (cross-validation leaves a fold out). */
  static IntentModel train(List<Unit> units, java.util.function.Predicate<Unit> use) {
    List<int[]> features = new ArrayList<>();
    List<Unit> used = new ArrayList<>();
    long positives = 0;
    for (Unit unit : units) {
      if (use.test(unit)) {
        used.add(unit);
        features.add(features(unit.text()));
        positives += unit.injection() ? 1 : 0;
      }
    }
    long negatives = used.size() - positives;
    double positiveWeight = used.size() / (2.0 * Math.max(1, positives));
    double negativeWeight = used.size() / (2.0 * Math.max(1, negatives));
    double[] w = new double[IntentFeatures.BUCKETS];
    double bias = 0;
    for (int run = 0; run < RUNS; run++) {
      double[] runWeights = new double[IntentFeatures.BUCKETS];
      double runBias =
          descend(used, features, positiveWeight, negativeWeight, SEED + run, runWeights);
      for (int b = 0; b < w.length; b++) {
        w[b] += runWeights[b] / RUNS;
      }
      bias += runBias / RUNS;
    }
    double max = 0;
    for (double v : w) {
      max = Math.max(max, Math.abs(v));
    }
    float scale = (float) (max > 0 ? max / 127 : 1);
    byte[] quantized = new byte[w.length];
    for (int b = 0; b < w.length; b++) {
      quantized[b] = (byte) Math.round(w[b] / scale);
    }
    return new IntentModel(quantized, scale, (float) bias);
  }

  /**
   * One run of AdaGrad over {@code used} in the order {@code seed} shuffles it, into {@code w};
   * returns the bias.
   */
  private static double descend(
      List<Unit> used,
      List<int[]> features,
      double positiveWeight,
      double negativeWeight,
      long seed,
      double[] w) {
    double[] squares = new double[w.length];
    double bias = 0;
    double biasSquares = 0;
    int[] order = new int[used.size()];
    Arrays.setAll(order, i -> i);
    Random random = new Random(seed);
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      shuffle(order, random);
      for (int i : order) {
        int[] f = features.get(i);
        double z = bias;
        for (int b : f) {
          z += w[b];
        }
        boolean y = used.get(i).injection();
        // StrictMath: the same bits on every platform, so a retrain reproduces the shipped bytes.
        double p = 1 / (1 + StrictMath.exp(-z));
        double g = (p - (y ? 1 : 0)) * (y ? positiveWeight : negativeWeight);
        for (int b : f) {
          double gb = g + L2 * w[b];
          squares[b] += gb * gb;
          w[b] -= RATE * gb / Math.sqrt(squares[b] + 1e-8);
        }
        biasSquares += g * g;
        bias -= RATE * g / Math.sqrt(biasSquares + 1e-8);
      }
    }
    return bias;
  }

  static int[] features(String text) {
    return features(text, 0, text.length());
  }

  /** The feature buckets of {@code text[start, end)}, in text order. */
  static int[] features(CharSequence text, int start, int end) {
    int[][] buffer = {new int[64]};
    int[] count = {0};
    IntentFeatures.forEach(
        text,
        start,
        end,
        bucket -> {
          if (count[0] == buffer[0].length) {
            buffer[0] = Arrays.copyOf(buffer[0], count[0] * 2);
          }
          buffer[0][count[0]++] = bucket;
        });
    return Arrays.copyOf(buffer[0], count[0]);
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static List<Path> jsonl(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(JsonMapper.shared().readTree(line));
      }
    }
    return out;
  }
}
