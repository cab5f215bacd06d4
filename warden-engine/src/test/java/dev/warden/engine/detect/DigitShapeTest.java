package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigitShapeTest {
  @Test
  void clustersAllowThreeSeparatorsBetweenDigits() {
    assertThat(DigitShape.digits("call +1 (415) 555-0172 now, ref 12 - - - 34").clusters())
        .containsExactly(
            new DigitShape.Cluster(6, 22, 11),
            new DigitShape.Cluster(32, 34, 2),
            new DigitShape.Cluster(41, 43, 2));
    assertThat(DigitShape.digits("no digits here").clusters()).isEmpty();
  }

  /**
   * A String is read a block at a time where no digit is near ({@link DigitShape#SKIP_BLOCK}); any
   * other CharSequence character by character. Both must give the same clusters and run, also when
   * a cluster straddles a block edge.
   */
  @Test
  void skippingDigitFreeBlocksChangesNothing() {
    SplittableRandom random = new SplittableRandom(7);
    String alphabet = "0123456789 -.()/+";
    for (int t = 0; t < 3_000; t++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(4 * DigitShape.SKIP_BLOCK * 4);
      for (int i = 0; i < length; i++) {
        sb.append(
            random.nextInt(40) == 0
                ? alphabet.charAt(random.nextInt(alphabet.length()))
                : "abc 가é".charAt(random.nextInt(6)));
      }
      String text = sb.toString();
      DigitShape.Digits blockwise = DigitShape.digits(text);
      DigitShape.Digits charwise = DigitShape.digits(new StringBuilder(text));
      assertThat(blockwise).as(text).isEqualTo(charwise);
    }
  }

  /**
   * The one-pass scan reports what the two passes it replaced reported: {@link
   * DigitShape#longestRun} and a separate cluster scan, on random mixtures of digits, separators,
   * letters and non-ASCII characters.
   */
  @Test
  void onePassAgreesWithSeparatePasses() {
    SplittableRandom random = new SplittableRandom(42);
    String alphabet = "0123456789 -.()/+ax,é\n가";
    for (int t = 0; t < 5_000; t++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(60);
      for (int i = 0; i < length; i++) {
        // Digits most of the time, so long runs and clusters occur.
        sb.append(
            random.nextInt(3) == 0
                ? alphabet.charAt(random.nextInt(alphabet.length()))
                : (char) ('0' + random.nextInt(10)));
      }
      String text = sb.toString();
      DigitShape.Digits digits = DigitShape.digits(text);
      assertThat(digits.longestRun()).as(text).isEqualTo(DigitShape.longestRun(text));
      assertThat(digits.clusters()).as(text).isEqualTo(referenceClusters(text));
    }
  }

  /** The cluster scan as it was before it shared its pass with the longest run. */
  private static List<DigitShape.Cluster> referenceClusters(String text) {
    List<DigitShape.Cluster> out = new ArrayList<>();
    int start = -1;
    int lastDigit = -1;
    int digits = 0;
    int gap = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (start < 0) {
          start = i;
        }
        digits++;
        lastDigit = i;
        gap = 0;
      } else if (start >= 0 && " -.()/+".indexOf(c) >= 0 && gap < DigitShape.CLUSTER_GAP) {
        gap++;
      } else if (start >= 0) {
        out.add(new DigitShape.Cluster(start, lastDigit + 1, digits));
        start = -1;
        digits = 0;
        gap = 0;
      }
    }
    if (start >= 0) {
      out.add(new DigitShape.Cluster(start, lastDigit + 1, digits));
    }
    return out;
  }
}
