package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * A declared {@link Rule#startShape()} lets the detector skip regex attempts, so a shape that
 * refuses a start where the pattern matches loses that match. For every rule that declares one, at
 * every position of every rule example (all rules', true and false positives), of mutations of them
 * and of generated digit shapes (runs of 1–20 digits between separators and letters), the pattern
 * matching there ({@code lookingAt}, transparent bounds, as the detector runs it) must imply that
 * the shape admits the position.
 */
class StartShapeTest {
  private static final String SEPARATORS = " -./()+#*\uFF0D";
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

  @Test
  void everyDeclaredShapeAdmitsEveryStartItsPatternMatchesAt() {
    List<String> texts = texts(new Random(20261124L));
    List<String> wrong = new ArrayList<>();
    int shaped = 0;
    for (Rule rule : RuleCatalog.builtin()) {
      StartShape shape = rule.startShape();
      if (shape == null) {
        continue;
      }
      shaped++;
      Check check = check(rule, shape, texts);
      wrong.addAll(check.refused());
      assertThat(check.matches()).as("%s: the inputs reach its pattern", rule.id()).isPositive();
      assertThat(check.skipped())
          .as("%s: the shape refuses some starts the pattern refuses too", rule.id())
          .isPositive();
    }
    assertThat(shaped).as("rules declare a start shape").isGreaterThanOrEqualTo(20);
    assertThat(wrong).isEmpty();
  }

  @Test
  void aWrongShapeIsCaught() {
    List<String> texts = texts(new Random(7L));
    assertThat(check(rule("us-ssn"), StartShape.digitsThen(4, 4, "- "), texts).refused())
        .isNotEmpty();
    assertThat(
            check(rule("it-codice-fiscale"), StartShape.alphanumericToken(15, 6), texts).refused())
        .isNotEmpty();
    // Subtle: phone-uk without its seven-digit opening ("0121496 0018": area code and exchange
    // written together), which only some mutated examples have.
    assertThat(
            check(
                    rule("phone-uk"),
                    StartShape.digitsThen(3, 5, " ").or(StartShape.digits(11, 11)),
                    texts)
                .refused())
        .isNotEmpty();
    // A grouped card number written with dashes instead of spaces.
    assertThat(
            check(
                    rule("credit-card"),
                    StartShape.digitsThen(4, 4, " ").or(StartShape.digits(13, 19)),
                    texts)
                .refused())
        .isNotEmpty();
  }

  @Test
  void shapesReadOnlyTheTextTheyAreGiven() {
    StartShape ssn = StartShape.digitsThen(3, 3, "- ");
    assertThat(ssn.admits("455-84-4778", 0)).isTrue();
    assertThat(ssn.admits("455", 0)).isFalse(); // no character after the run
    assertThat(ssn.admits("2026-03-14", 0)).isFalse();
    assertThat(StartShape.digits(9, 9).admits("123456789", 0)).isTrue();
    assertThat(StartShape.digits(9, 9).admits("1234567890", 0)).isFalse();
    assertThat(StartShape.alphanumericToken(16, 6).admits("RSSMRA85T10A562S", 0)).isTrue();
    assertThat(StartShape.alphanumericToken(16, 6).admits("RSSMRA85T10A562", 0)).isFalse();
    assertThat(StartShape.uppercaseThenDigits(1, "- ", 7, 7).admits("X-1234567L", 0)).isTrue();
    assertThat(StartShape.uppercaseThenDigits(1, "- ", 7, 7).admits("X-123456L", 0)).isFalse();
  }

  record Check(List<String> refused, int matches, int skipped) {}

  /** Every position where {@code rule}'s pattern matches but {@code shape} refuses. */
  static Check check(Rule rule, StartShape shape, List<String> texts) {
    List<String> refused = new ArrayList<>();
    int matches = 0;
    int skipped = 0;
    for (String text : texts) {
      Matcher m = rule.pattern().matcher(text);
      m.useTransparentBounds(true).useAnchoringBounds(false);
      for (int p = 0; p <= text.length(); p++) {
        m.region(p, text.length());
        boolean match = m.lookingAt();
        boolean admitted = shape.admits(text, p);
        if (match) {
          matches++;
          if (!admitted && refused.size() < 20) {
            refused.add(rule.id() + " refuses a match at " + p + " of \"" + text + "\"");
          }
        } else if (!admitted) {
          skipped++;
        }
      }
    }
    return new Check(refused, matches, skipped);
  }

  private static Rule rule(String id) {
    return RuleCatalog.builtin().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  /** Every rule's examples, 40 mutations of each, and 4 000 generated digit shapes. */
  static List<String> texts(Random random) {
    List<String> examples = new ArrayList<>();
    for (Rule rule : RuleCatalog.builtin()) {
      if (rule.minDigits() > 0) {
        rule.truePositives().forEach(e -> examples.add(e.text()));
        examples.addAll(rule.falsePositives());
      }
    }
    List<String> out = new ArrayList<>(examples);
    for (String example : examples) {
      for (int i = 0; i < 40; i++) {
        out.add(mutate(example, random));
      }
    }
    for (int i = 0; i < 4_000; i++) {
      out.add(digitShape(random));
    }
    return out;
  }

  /** {@code text} with digits and capitals redrawn, and a character inserted or removed. */
  private static String mutate(String text, Random random) {
    StringBuilder b = new StringBuilder(text.length() + 2);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9' && random.nextBoolean()) {
        c = (char) ('0' + random.nextInt(10));
      } else if (c >= 'A' && c <= 'Z' && random.nextInt(4) == 0) {
        c = UPPER.charAt(random.nextInt(UPPER.length()));
      } else if (SEPARATORS.indexOf(c) >= 0 && random.nextInt(4) == 0) {
        c = SEPARATORS.charAt(random.nextInt(SEPARATORS.length()));
      }
      b.append(c);
    }
    if (b.length() > 0 && random.nextInt(3) == 0) {
      b.insert(random.nextInt(b.length()), (char) ('0' + random.nextInt(10)));
    }
    if (b.length() > 1 && random.nextInt(3) == 0) {
      b.deleteCharAt(random.nextInt(b.length()));
    }
    return b.toString();
  }

  /** Digit runs of 1–20 digits between separators, capitals, words and escaped newlines. */
  private static String digitShape(Random random) {
    StringBuilder b = new StringBuilder();
    int tokens = 2 + random.nextInt(12);
    for (int t = 0; t < tokens; t++) {
      switch (random.nextInt(10)) {
        case 0, 1, 2, 3 -> {
          int n = 1 + random.nextInt(random.nextBoolean() ? 4 : 20);
          for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
          }
        }
        case 4, 5 -> b.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
        case 6 -> appendFrom(b, UPPER, 1 + random.nextInt(random.nextBoolean() ? 2 : 8), random);
        case 7 -> appendFrom(b, LOWER + UPPER, 1 + random.nextInt(6), random);
        case 8 -> b.append(random.nextBoolean() ? " " : "\\n");
        default -> appendFrom(b, "0123456789" + UPPER, 1 + random.nextInt(18), random);
      }
    }
    return b.toString();
  }

  private static void appendFrom(StringBuilder b, String chars, int n, Random random) {
    for (int i = 0; i < n; i++) {
      b.append(chars.charAt(random.nextInt(chars.length())));
    }
  }
}
