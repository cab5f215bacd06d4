package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeywordScannerTest {
  static List<String> hits(KeywordScanner scanner, String text) {
    List<String> out = new ArrayList<>();
    scanner.scan(
        text, (k, start, end) -> out.add(scanner.keywords().get(k) + "@" + start + "-" + end));
    return out;
  }

  @Test
  void findsOverlappingAndNestedKeywordsIgnoringAsciiCase() {
    KeywordScanner s = new KeywordScanner(List.of("he", "she", "his", "hers", "sk-", "@"));

    assertThat(hits(s, "uSHErs")).containsExactly("she@1-4", "he@2-4", "hers@2-6");
    assertThat(hits(s, "mail a@b SK-x")).containsExactly("@@6-7", "sk-@9-12");
  }

  @Test
  void nonAsciiCharactersResetWithoutLosingLaterHits() {
    KeywordScanner s = new KeywordScanner(List.of("akia"));
    assertThat(hits(s, "키AKIA가akİa akia")).containsExactly("akia@1-5", "akia@11-15");
  }

  @Test
  void agreesWithNaiveSearchOnRandomText() {
    List<String> words = List.of("ab", "abc", "bca", "c", "aab", "-----begin", "eyj");
    KeywordScanner s = new KeywordScanner(words);
    SplittableRandom random = new SplittableRandom(7);
    String alphabet = "abcABC-eyjEYJ-begin가 ";
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < random.nextInt(60); i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String t = text.toString();
      List<String> expected = new ArrayList<>();
      String lower = t.toLowerCase(Locale.ROOT);
      for (int end = 1; end <= t.length(); end++) {
        for (String w : words) {
          int start = end - w.length();
          if (start >= 0 && lower.startsWith(w, start)) {
            expected.add(w + "@" + start + "-" + end);
          }
        }
      }
      assertThat(hits(s, t)).as(t).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void rejectsKeywordsItCannotMatch() {
    assertThatThrownBy(() -> new KeywordScanner(List.of("AKIA")))
        .hasMessageContaining("lower-case");
    assertThatThrownBy(() -> new KeywordScanner(List.of("비밀"))).hasMessageContaining("ASCII");
    assertThatThrownBy(() -> new KeywordScanner(List.of(""))).hasMessageContaining("empty");
  }
}
