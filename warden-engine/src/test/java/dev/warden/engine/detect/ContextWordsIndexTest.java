package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link ContextWords.Index} (one pass over the window's words, parsed once per rule) decides
 * exactly as {@link ContextWords#evaluate} (one search per vocabulary word): same effect, same
 * deciding word, on windows generated from every built-in vocabulary's own words, glued, cut,
 * upper-cased, stemmed and mixed with CJK text, and on JSON keys built from them.
 */
class ContextWordsIndexTest {
  private static final String[] GLUE = {
    " ", " ", " ", ": ", "_", "-", ".", "#", "", "x", "1", "é", "カ", "번", "\\n", "(", "ß", "\n",
    " 10.0\n"
  };

  @Test
  void everyBuiltinVocabularyDecidesAsTheReference() {
    Set<ContextWords> vocabularies = new LinkedHashSet<>();
    for (Rule rule : RuleCatalog.builtin()) {
      vocabularies.add(rule.context());
    }
    vocabularies.add(
        ContextWords.of(
            List.of(
                "card", "pan", "american express", "kredit*", "*schlüssel", "카드", "カード", "card"),
            List.of("ref", "ver", "build", "bestell*", "注文番号", "주문", "pan")));
    assertThat(vocabularies).hasSizeGreaterThan(10);
    Random random = new Random(20261124L);
    int decided = 0;
    int raised = 0;
    int suppressed = 0;
    int byKey = 0;
    int byWordsAfter = 0;
    for (ContextWords words : vocabularies) {
      ContextWords.Index index = new ContextWords.Index(words);
      List<String> vocabulary = new ArrayList<>(words.raise());
      vocabulary.addAll(words.suppress());
      for (int round = 0; round < 600; round++) {
        String before = window(vocabulary, random);
        String value = random.nextBoolean() ? "4111 1111 1111 1111" : "x";
        String after = random.nextBoolean() ? window(vocabulary, random) : "";
        String text = before + value + after;
        int matchStart = random.nextInt(4) == 0 ? random.nextInt(text.length()) : before.length();
        int matchEnd =
            matchStart == before.length()
                ? matchStart + value.length()
                : matchStart + random.nextInt(text.length() - matchStart + 1);
        String key = random.nextInt(3) == 0 ? null : key(vocabulary, random);
        ContextWords.Outcome expected = words.evaluate(text, matchStart, matchEnd, key);
        assertThat(index.evaluate(text, matchStart, matchEnd, key))
            .as("%s match [%d, %d), key %s", text, matchStart, matchEnd, key)
            .isEqualTo(expected);
        if (expected.hit() != null) {
          decided++;
          byKey += expected.hit().startsWith("json_key:") ? 1 : 0;
          byWordsAfter += expected.hit().startsWith("after:") ? 1 : 0;
        }
        raised += expected.effect() == ContextWords.Effect.RAISE ? 1 : 0;
        suppressed += expected.effect() == ContextWords.Effect.SUPPRESS ? 1 : 0;
      }
    }
    assertThat(decided).isGreaterThan(1_000);
    assertThat(raised).isPositive();
    assertThat(suppressed).isPositive();
    assertThat(byKey).isPositive();
    assertThat(byWordsAfter).isPositive();
  }

  /** Vocabulary words (stems completed or cut) and filler, joined by varied glue. */
  private static String window(List<String> vocabulary, Random random) {
    StringBuilder b = new StringBuilder();
    int parts = 1 + random.nextInt(9);
    for (int i = 0; i < parts; i++) {
      b.append(GLUE[random.nextInt(GLUE.length)]);
      if (vocabulary.isEmpty() || random.nextInt(4) == 0) {
        b.append(random.nextBoolean() ? "the" : "payment");
        continue;
      }
      String word = vocabulary.get(random.nextInt(vocabulary.size()));
      if (word.endsWith("*")) {
        word = word.substring(0, word.length() - 1) + (random.nextBoolean() ? "ung" : "");
      }
      if (word.startsWith("*")) {
        word = (random.nextBoolean() ? "zugangs" : "") + word.substring(1);
      }
      if (random.nextInt(6) == 0 && word.length() > 2) {
        word = word.substring(random.nextInt(2), word.length() - random.nextInt(2));
      }
      b.append(random.nextInt(3) == 0 ? word.toUpperCase(Locale.ROOT) : word);
    }
    return b.toString();
  }

  private static @Nullable String key(List<String> vocabulary, Random random) {
    if (vocabulary.isEmpty()) {
      return "value";
    }
    String word = vocabulary.get(random.nextInt(vocabulary.size())).replace("*", "");
    return switch (random.nextInt(3)) {
      case 0 -> word + "_id";
      case 1 -> "customer" + Character.toUpperCase(word.charAt(0)) + word.substring(1);
      default -> word;
    };
  }
}
