package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link RuleDetector} keeps its per-call arrays and matchers per thread and reuses them leaf after
 * leaf. What it finds must not depend on which leaf came before, on other threads, or on a call
 * made from inside a call (a validator that scans): each is compared with a detector that has
 * scanned nothing before.
 */
class RuleDetectorScratchTest {

  private static List<ScanInput> inputs() {
    List<ScanInput> out = new ArrayList<>();
    for (Rule rule : RuleCatalog.builtin()) {
      rule.truePositives().forEach(e -> out.add(e.input()));
      rule.falsePositives().forEach(t -> out.add(RuleExample.input(t)));
    }
    out.add(ScanInput.text("no anchor at all in this one"));
    out.add(ScanInput.text("x"));
    return out;
  }

  /** What a detector that has never run finds on each input: the reference. */
  private static List<List<Finding>> onFreshDetectors(List<ScanInput> inputs) {
    List<List<Finding>> out = new ArrayList<>();
    for (ScanInput in : inputs) {
      // A new thread gets a new scratch from the shared detector: nothing scanned before on it.
      AtomicReference<List<Finding>> found = new AtomicReference<>();
      Thread t = Thread.ofVirtual().unstarted(() -> found.set(RuleDetector.builtin().detect(in)));
      t.start();
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      out.add(found.get());
    }
    return out;
  }

  @Test
  void findingsDoNotDependOnTheLeavesScannedBefore() {
    List<ScanInput> inputs = inputs();
    List<List<Finding>> expected = onFreshDetectors(inputs);
    assertThat(expected.stream().filter(f -> !f.isEmpty()).count()).isGreaterThan(100);
    RuleDetector detector = RuleDetector.builtin();
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(detector.detect(inputs.get(i)))
          .as("forward, input %d", i)
          .isEqualTo(expected.get(i));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new java.util.Random(17));
    for (int i : order) {
      assertThat(detector.detect(inputs.get(i)))
          .as("shuffled, input %d", i)
          .isEqualTo(expected.get(i));
    }
  }

  @Test
  void threadsSharingOneDetectorFindWhatOneThreadFinds() throws Exception {
    List<ScanInput> inputs = inputs();
    List<List<Finding>> expected = onFreshDetectors(inputs);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        runs.add(
            pool.submit(() -> {
              List<Integer> order = new ArrayList<>();
              for (int i = 0; i < inputs.size(); i++) {
                order.add(i);
              }
              Collections.shuffle(order, new java.util.Random(seed));
              int checked = 0;
              for (int i : order) {
                assertThat(RuleDetector.builtin().detect(inputs.get(i)))
                    .as("thread %d, input %d", seed, i)
                    .isEqualTo(expected.get(i));
                checked++;
              }
              return checked;
            }));
      }
      for (Future<Integer> run : runs) {
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(inputs.size());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aScanInsideAScanGetsItsOwnScratch() {
    String outer = "ticket 4111 1111 1111 1111 and 5500 0000 0000 0004";
    List<Finding> inner = new ArrayList<>();
    @Nullable RuleDetector[] self = new RuleDetector[1];
    Rule nested =
        Rule.builder("nested-probe")
            .type("probe")
            .keywords("ticket")
            .reach(0, 6)
            .pattern("ticket")
            .validator(
                Validator.of(
                    "scans-again",
                    v -> {
                      RuleDetector detector = self[0];
                      if (detector != null) { // null while build() checks the examples
                        inner.addAll(detector.detect(ScanInput.text("card 4012 8888 8888 1881")));
                      }
                      return true;
                    }))
            .confidence(0.5)
            .truePositives("«ticket»", "a «ticket»")
            .falsePositives("none", "nothing")
            .build();
    List<Rule> rules = new ArrayList<>(RuleCatalog.builtin());
    rules.add(0, nested);
    RuleDetector withNested = new RuleDetector(rules);
    self[0] = withNested;
    RuleDetector plain = new RuleDetector(RuleCatalog.builtin());

    List<Finding> found = withNested.detect(ScanInput.text(outer));

    assertThat(found.stream().filter(f -> !f.type().equals("probe")).toList())
        .isEqualTo(plain.detect(ScanInput.text(outer)))
        .isNotEmpty();
    assertThat(inner)
        .isEqualTo(plain.detect(ScanInput.text("card 4012 8888 8888 1881")))
        .isNotEmpty();
  }
}
