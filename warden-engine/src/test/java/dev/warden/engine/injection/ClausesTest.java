package dev.warden.engine.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link InjectionDetector#clauses} finds its boundaries by searching for each boundary character
 * ({@code String.indexOf}); {@link #reference} is the character-by-character cut it replaced, and
 * both must cut every text alike.
 */
class ClausesTest {
  @Test
  void cutsAtLineBreaksEscapedLineBreaksAndSentenceEnds() {
    String text = "Ignore this. e.g. not here\\nNext line\r\n次の文。最後！ Done? yes";
    assertThat(texts(text, InjectionDetector.clauses(text)))
        .containsExactly(
            "Ignore this.", "e.g. not here", "Next line", "次の文。", "最後！", "Done?", "yes");
  }

  @Test
  void agreesWithTheCharacterByCharacterCutOnRandomText() {
    SplittableRandom random = new SplittableRandom(31);
    String alphabet = "ab .!?\n\r\\nre\"。！？ ";
    for (int round = 0; round < 3_000; round++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(round < 2_900 ? 80 : 6_000);
      for (int i = 0; i < length; i++) {
        // Long runs without a boundary reach the clause length limit.
        sb.append(
            random.nextInt(10) == 0
                ? alphabet.charAt(random.nextInt(alphabet.length()))
                : (char) ('a' + random.nextInt(3)));
      }
      if (round % 7 == 0) {
        sb.append("x".repeat(InjectionDetector.MAX_CLAUSE * 2 + random.nextInt(5)));
        sb.append(". tail");
      }
      String text = sb.toString();
      assertThat(flat(InjectionDetector.clauses(text))).as(text).isEqualTo(flat(reference(text)));
    }
  }

  private static List<String> texts(String text, List<int[]> clauses) {
    List<String> out = new ArrayList<>();
    clauses.forEach(c -> out.add(text.substring(c[0], c[1])));
    return out;
  }

  private static List<Integer> flat(List<int[]> clauses) {
    List<Integer> out = new ArrayList<>();
    clauses.forEach(c -> {
      out.add(c[0]);
      out.add(c[1]);
    });
    return out;
  }

  /** The cut as it was written before: every character tested in turn (same trimming). */
  static List<int[]> reference(String text) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean candidate =
          c == '\n' || c == '\r' || c == '\\' || c == '.' || c == '!' || c == '?' || c == '。'
              || c == '！' || c == '？';
      if (!candidate && i - start < InjectionDetector.MAX_CLAUSE) {
        continue;
      }
      int cut = -1;
      int next = i + 1;
      if (c == '\n' || c == '\r') {
        cut = i;
      } else if (c == '\\'
          && i + 1 < n
          && (text.charAt(i + 1) == 'n' || text.charAt(i + 1) == 'r')) {
        cut = i;
        next = i + 2;
      } else if (c == '。' || c == '！' || c == '？') {
        cut = i + 1;
      } else if ((c == '.' || c == '!' || c == '?')
          && !InjectionDetector.abbreviation(text, i)
          && (i + 1 == n
              || Character.isWhitespace(text.charAt(i + 1))
              || text.charAt(i + 1) == '"'
              || text.charAt(i + 1) == '\\')) {
        cut = i + 1;
      } else if (i - start >= InjectionDetector.MAX_CLAUSE) {
        cut = i;
        next = i;
      }
      if (cut >= 0) {
        InjectionDetector.addTrimmed(text, start, cut, out);
        start = next;
        if (next > i + 1) {
          i = next - 1;
        }
      }
    }
    InjectionDetector.addTrimmed(text, start, n, out);
    return out;
  }
}
