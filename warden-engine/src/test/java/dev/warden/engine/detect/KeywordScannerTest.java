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
    assertThatThrownBy(() -> new KeywordScanner(List.of("PASSWORT"))).hasMessageContaining("lower");
    assertThatThrownBy(() -> new KeywordScanner(List.of("Ü"))).hasMessageContaining("lower");
    assertThatThrownBy(() -> new KeywordScanner(List.of(""))).hasMessageContaining("empty");
  }

  @Test
  void findsNonAsciiKeywordsIgnoringCase() {
    KeywordScanner s =
        new KeywordScanner(List.of("비밀번호", "암호", "パスワード", "schlüssel", "passwort", "pass"));

    assertThat(hits(s, "비밀번호는 x, 암호: y")).containsExactly("비밀번호@0-4", "암호@9-11");
    assertThat(hits(s, "SCHLÜSSEL und Passwort"))
        .containsExactly("schlüssel@0-9", "pass@14-18", "passwort@14-22");
    assertThat(hits(s, "新しいパスワードは")).containsExactly("パスワード@3-8");
    // A non-ASCII character whose lower case is ASCII (Turkish dotted I) matches nothing.
    assertThat(hits(s, "PASSWORİ pass")).containsExactly("pass@0-4", "pass@9-13");
  }

  @Test
  void nonAsciiFailureLinksFindOverlappingKeywords() {
    KeywordScanner s = new KeywordScanner(List.of("비밀번호", "밀번", "번호", "호x", "ab비"));

    assertThat(hits(s, "비밀번호x ab비밀"))
        .containsExactly("밀번@1-3", "비밀번호@0-4", "번호@2-4", "호x@3-5", "ab비@6-9");
  }

  @Test
  void agreesWithNaiveSearchOnRandomTextWithNonAsciiKeywords() {
    List<String> words =
        List.of("비밀", "밀번호", "번", "a비", "비a", "ü", "schlüssel", "üs", "パスワード", "ワ", "ab", "sk-");
    KeywordScanner s = new KeywordScanner(words);
    SplittableRandom random = new SplittableRandom(11);
    String alphabet = "비밀번호aAbB-üÜsSchlessLパスワードİK ";
    for (int round = 0; round < 2000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(60);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String t = text.toString();
      String lower = naiveLower(t);
      List<String> expected = new ArrayList<>();
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
  void longStretchesGiveTheSameHitsInTheSameOrderAsAShortOne() {
    // From TWO_CHAINS_FROM characters on the scan runs two interleaved walks; the second starts
    // before the middle, so keywords across the middle, and the longest keyword right at it, are
    // where it could go wrong.
    List<String> words = List.of("ab", "abc", "bca", "c", "aab", "-----begin", "비밀번호", "밀번");
    KeywordScanner s = new KeywordScanner(words);
    SplittableRandom random = new SplittableRandom(23);
    String alphabet = "abcABC-----begin비밀번호 ";
    for (int round = 0; round < 60; round++) {
      int length =
          KeywordScanner.TWO_CHAINS_FROM + random.nextInt(3 * KeywordScanner.TWO_CHAINS_FROM);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      int from = random.nextInt(40);
      int to = length - random.nextInt(40);
      int middle = (from + to) >>> 1;
      text.replace(middle - 4, middle + 6, "-----begin"); // the longest keyword across the middle
      String t = text.toString();
      String lower = naiveLower(t);
      List<String> expected = new ArrayList<>(); // by end, the longer first at one end
      for (int end = from + 1; end <= to; end++) {
        for (int len = 10; len >= 1; len--) {
          for (String w : words) {
            int start = end - w.length();
            if (w.length() == len && start >= from && lower.startsWith(w, start)) {
              expected.add(w + "@" + start + "-" + end);
            }
          }
        }
      }
      List<String> actual = new ArrayList<>();
      s.scan(t, from, to, (k, start, end) -> actual.add(words.get(k) + "@" + start + "-" + end));
      assertThat(actual).as("round %d", round).containsExactlyElementsOf(expected);
      assertThat(actual).contains("-----begin@" + (middle - 4) + "-" + (middle + 6));
    }
  }

  /** Per char: ASCII folded; other chars lower-cased unless that makes them ASCII ('\0'). */
  private static String naiveLower(String t) {
    StringBuilder sb = new StringBuilder(t.length());
    for (char c : t.toCharArray()) {
      if (c < 128) {
        sb.append(Character.toLowerCase(c));
      } else {
        char l = Character.toLowerCase(c);
        sb.append(l < 128 ? '\0' : l);
      }
    }
    return sb.toString();
  }
}
