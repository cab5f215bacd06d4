package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The combined start-shape pass: {@link DigitRunShape} (what {@link StartShape#digits} and {@link
 * StartShape#digitsThen} now build) against the lambdas it replaced, and the run {@link
 * RuleDetector.WordStarts} reads once per start against each shape reading it itself.
 */
class DigitRunShapeTest {
  private static final String ALPHABET = "0123456789 -./()+#AB\uFF0Dxz\\n";

  /** The shapes as they were: one lambda per clause, {@code or} as a lambda over two. */
  private static StartShape referenceDigits(int min, int max) {
    return (text, start) -> {
      int run = referenceRun(text, start, max + 1);
      return run >= min && run <= max;
    };
  }

  private static StartShape referenceDigitsThen(int min, int max, String next) {
    return (text, start) -> {
      int run = referenceRun(text, start, max + 1);
      int after = start + run;
      return run >= min
          && run <= max
          && after < text.length()
          && next.indexOf(text.charAt(after)) >= 0;
    };
  }

  private static StartShape referenceOr(StartShape a, StartShape b) {
    return (text, start) -> a.admits(text, start) || b.admits(text, start);
  }

  private static int referenceRun(CharSequence text, int start, int cap) {
    int end = (int) Math.min(text.length(), (long) start + cap);
    int p = start;
    while (p < end && text.charAt(p) >= '0' && text.charAt(p) <= '9') {
      p++;
    }
    return p - start;
  }

  @Test
  void generatedShapesAdmitExactlyWhatTheLambdasAdmitted() {
    Random random = new Random(20261124L);
    int admitted = 0;
    int refused = 0;
    for (int round = 0; round < 2_000; round++) {
      StartShape shape = null;
      StartShape reference = null;
      int clauses = 1 + random.nextInt(3);
      for (int c = 0; c < clauses; c++) {
        int min = random.nextInt(random.nextBoolean() ? 4 : 20);
        int max = min + random.nextInt(random.nextBoolean() ? 2 : 8);
        @Nullable String next =
            random.nextBoolean() ? null : randomFrom(ALPHABET, 1 + random.nextInt(4), random);
        StartShape one =
            next == null ? StartShape.digits(min, max) : StartShape.digitsThen(min, max, next);
        StartShape oneReference =
            next == null ? referenceDigits(min, max) : referenceDigitsThen(min, max, next);
        shape = shape == null ? one : shape.or(one);
        reference = reference == null ? oneReference : referenceOr(reference, oneReference);
      }
      StartShape built = java.util.Objects.requireNonNull(shape);
      StartShape old = java.util.Objects.requireNonNull(reference);
      assertThat(built).isInstanceOf(DigitRunShape.class);
      String text = randomFrom(ALPHABET.substring(0, 14), 1 + random.nextInt(40), random);
      for (int p = 0; p <= text.length(); p++) {
        boolean expected = old.admits(text, p);
        assertThat(built.admits(text, p)).as("%s at %d", text, p).isEqualTo(expected);
        if (expected) {
          admitted++;
        } else {
          refused++;
        }
      }
    }
    assertThat(admitted).isPositive();
    assertThat(refused).isPositive();
  }

  @Test
  void theRunReadOncePerWordStartDecidesAsEachRuleShapeWould() {
    List<DigitRunShape> shapes = new ArrayList<>();
    for (Rule rule : RuleCatalog.builtin()) {
      if (rule.startShape() instanceof DigitRunShape shape) {
        assertThat(shape.runsCountedTo())
            .as(rule.id())
            .isLessThanOrEqualTo(RuleDetector.WordStarts.RUN_COUNTED_TO);
        shapes.add(shape);
      }
    }
    assertThat(shapes).as("digit rules declare digit-run shapes").hasSizeGreaterThan(15);
    Random random = new Random(42L);
    int starts = 0;
    int admitted = 0;
    for (int round = 0; round < 3_000; round++) {
      String text = digitText(random);
      RuleDetector.WordStarts wordStarts = new RuleDetector.WordStarts();
      wordStarts.collect(text, DigitShape.digits(text).clusters(), 1);
      RuleDetector.StartList all = wordStarts.all;
      List<Integer> digitLed = new ArrayList<>();
      for (int i = 0; i < all.size; i++) {
        int p = all.positions[i];
        starts++;
        if (p < text.length() && Character.isDigit(text.charAt(p)) && text.charAt(p) < 128) {
          digitLed.add(p);
        }
        for (DigitRunShape shape : shapes) {
          boolean expected = shape.admits(text, p);
          assertThat(shape.admitsRun(all.runs[i], all.afters[i]))
              .as("%s at %d", text, p)
              .isEqualTo(expected);
          if (expected) {
            admitted++;
            if (shape.needsDigit()) {
              assertThat(all.runs[i]).isPositive();
            }
          }
        }
      }
      List<Integer> listed = new ArrayList<>();
      for (int i = 0; i < wordStarts.digitLed.size; i++) {
        listed.add(wordStarts.digitLed.positions[i]);
      }
      assertThat(listed).as(text).isEqualTo(digitLed);
    }
    assertThat(starts).isGreaterThan(10_000);
    assertThat(admitted).isPositive();
  }

  /** Digit runs of 1–80 digits between separators, letters and escaped newlines. */
  private static String digitText(Random random) {
    StringBuilder b = new StringBuilder();
    int tokens = 1 + random.nextInt(14);
    for (int t = 0; t < tokens; t++) {
      switch (random.nextInt(6)) {
        case 0, 1 ->
            b.append(
                randomFrom(
                    "0123456789", 1 + random.nextInt(random.nextInt(10) == 0 ? 80 : 20), random));
        case 2 -> b.append(randomFrom(" -./()+#\uFF0D", 1, random));
        case 3 -> b.append(randomFrom("ABCDEFabcdef", 1 + random.nextInt(5), random));
        case 4 -> b.append(random.nextBoolean() ? " " : "\\n");
        default -> b.append(randomFrom("0123456789ABCX", 1 + random.nextInt(16), random));
      }
    }
    return b.toString();
  }

  private static String randomFrom(String chars, int n, Random random) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(chars.charAt(random.nextInt(chars.length())));
    }
    return b.toString();
  }
}
