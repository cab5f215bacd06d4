package dev.warden.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  static MappedText normalized(String s) {
    MappedText m = TextNormalizer.normalizeOrNull(s);
    assertThat(m).as("normalized %s", s).isNotNull();
    return java.util.Objects.requireNonNull(m);
  }

  @Test
  void asciiAndPlainScriptsAreLeftAlone() {
    for (String s :
        List.of(
            "plain ASCII with AKIA and @ and 4111 1111 1111 1111",
            "안녕하세요, 비밀번호를 잊어버렸어요. 연락처는 010-1234-5678입니다.",
            "パスワードを忘れました。メールアドレスを教えてください。",
            "请把报告发给我、谢谢。",
            "Привет! Сорок два — это ответ. Москва, улица Тверская, дом 7.",
            "Καλημέρα, πώς είστε; Το τηλέφωνο είναι κλειστό.",
            "Grüße aus München, José und François.")) {
      assertThat(TextNormalizer.normalizeOrNull(s)).as(s).isNull();
    }
    assertThat(TextNormalizer.needsWork("plain ASCII")).isFalse();
    assertThat(TextNormalizer.needsWork("비밀번호 パスワード")).isFalse();
  }

  /**
   * Short texts are read in place, long ones block by block: both must agree with the per-character
   * definition (a text needs work when one of its characters does) wherever the character that
   * needs work sits, including across block boundaries.
   */
  @Test
  void needsWorkAgreesWithItsPerCharacterDefinitionOnShortAndLongTexts() {
    String alphabet =
        "a Z0@\n\u00e9\u00ad\uff21\u0430\u200b\ud55c\u3042\uff08\u0664\t\r\u0000\u001f\u007f~";
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    int needing = 0;
    for (int n = 0; n < 3000; n++) {
      int length = random.nextInt(4) == 0 ? 257 + random.nextInt(2400) : random.nextInt(257);
      StringBuilder sb = new StringBuilder(length);
      boolean rare = random.nextBoolean();
      for (int i = 0; i < length; i++) {
        int pick =
            rare && random.nextInt(200) != 0
                ? random.nextInt(5)
                : random.nextInt(alphabet.length());
        sb.append(alphabet.charAt(pick));
      }
      String text = sb.toString();
      boolean expected =
          text.chars().anyMatch(c -> TextNormalizer.needsWork(String.valueOf((char) c)));
      assertThat(TextNormalizer.needsWork(text)).as("length %d", length).isEqualTo(expected);
      needing += expected ? 1 : 0;
    }
    assertThat(needing).as("texts that need work").isBetween(300, 2700);
  }

  @Test
  void everydayCjkPunctuationStaysAsWritten() {
    assertThat(TextNormalizer.normalizeOrNull("请把报告发给我，谢谢：（好的）！")).isNull();
    assertThat(normalized("ＡＢ（ｘ）：１").text()).isEqualTo("AB（x）：1");
  }

  @Test
  void fullWidthFormsBecomeAscii_andMapCharacterByCharacter() {
    String original = "key ＡＫＩＡ＠ｘ";
    MappedText m = normalized(original);

    assertThat(m.text()).isEqualTo("key AKIA@x");
    for (int i = 0; i < m.text().length(); i++) {
      assertThat(m.toOriginal(i, i + 1)).isEqualTo(new Span(i, i + 1));
    }
    assertThat(m.evasionsIn(0, 4)).isZero();
    assertThat(Evasion.labels(m.evasionsIn(4, 8))).containsExactly("nfkc");
  }

  @Test
  void expansionsMapEveryOutputCharacterToTheirSource() {
    String original = "ﬁle 5㎏ end";
    MappedText m = normalized(original);

    assertThat(m.text()).isEqualTo("file 5kg end");
    assertThat(m.toOriginal(0, 1)).isEqualTo(new Span(0, 1)); // f of ﬁ
    assertThat(m.toOriginal(1, 2)).isEqualTo(new Span(0, 1)); // i of ﬁ
    assertThat(m.toOriginal(0, 4)).isEqualTo(new Span(0, 3)); // "file" ← "ﬁle"
    assertThat(m.toOriginal(5, 8)).isEqualTo(new Span(4, 6)); // "5kg" ← "5㎏"
    assertThat(m.toOriginal(6, 7)).isEqualTo(new Span(5, 6));
    assertThat(m.toOriginal(9, 12)).isEqualTo(new Span(7, 10)); // "end", shifted back by 2
  }

  @Test
  void contractionsMapToEveryCombinedCharacter() {
    // A half-width katakana and its voicing mark compose to one character; a zero-width space
    // forces the slow path so the cluster is normalized.
    String original = "\u200Bｶﾞx";
    MappedText m = normalized(original);

    assertThat(m.text()).isEqualTo("ガx");
    assertThat(m.toOriginal(0, 1)).isEqualTo(new Span(1, 3));
    assertThat(m.toOriginal(1, 2)).isEqualTo(new Span(3, 4));
  }

  @Test
  void surrogatePairsMapToBothHalves() {
    String original = "id=\uD835\uDC00\uD835\uDC0A!"; // mathematical bold A, K
    MappedText m = normalized(original);

    assertThat(m.text()).isEqualTo("id=AK!");
    assertThat(m.toOriginal(3, 4)).isEqualTo(new Span(3, 5));
    assertThat(m.toOriginal(4, 5)).isEqualTo(new Span(5, 7));
    assertThat(m.toOriginal(3, 6)).isEqualTo(new Span(3, 8));
  }

  @Test
  void invisibleCharactersAreRemoved_andOnlyARangeAcrossThemCountsAsJoined() {
    String original = "AK\u200BIA\u00AD12\u202E34\uFE0F56\uDB40\uDC41x";
    MappedText m = normalized(original);

    assertThat(m.text()).isEqualTo("AKIA123456x");
    assertThat(m.toOriginal(0, m.text().length())).isEqualTo(new Span(0, original.length()));
    assertThat(m.toOriginal(0, 2)).isEqualTo(new Span(0, 2));
    assertThat(m.evasionsIn(0, 2)).isZero();
    assertThat(m.evasionsIn(2, 4)).isZero(); // starts right after the removed character
    assertThat(Evasion.labels(m.evasionsIn(0, 4))).containsExactly("zero-width");
  }

  @Test
  void controlCharactersAJsonEscapeSlipsIntoAValueAreRemoved_textControlsStay() {
    String original = "AKIA2IBY\u0000YURL\u001f7B6K\u007fJ6HB\tnext\r\nline";
    MappedText m = normalized(original);

    assertThat(m.text()).isEqualTo("AKIA2IBYYURL7B6KJ6HB\tnext\r\nline");
    assertThat(m.toOriginal(0, 20)).isEqualTo(new Span(0, 23));
    assertThat(Evasion.labels(m.evasionsIn(0, 20))).containsExactly("zero-width");
    assertThat(TextNormalizer.normalizeOrNull("tab\tline\r\nend")).isNull();
  }

  @Test
  void aLongRunOfTagCharactersThatSpellNothingIsRemovedInOneStep() {
    String original = "a" + "\uDB40\uDC01".repeat(200_000) + "b";
    assertThat(normalized(original).text()).isEqualTo("ab");
  }

  @Test
  void tagCharactersThatSpellAsciiReadAsThatAscii_setApartBySpaces() {
    StringBuilder hidden = new StringBuilder();
    "AKIA2IBYYURL7B6KJ6HB".codePoints().forEach(c -> hidden.appendCodePoint(0xE0000 + c));
    String original = "see" + hidden + "\uDB40\uDC7F here";
    MappedText m = normalized(original);

    assertThat(m.text()).isEqualTo("see AKIA2IBYYURL7B6KJ6HB  here");
    Span key = m.toOriginal(4, 24);
    assertThat(key.start()).isEqualTo(3);
    assertThat(key.end()).isEqualTo(original.length() - " here".length());
    assertThat(Evasion.labels(m.evasionsIn(4, 24))).containsExactly("zero-width");
  }

  @Test
  void lookAlikesFoldInsideLatinTokensOnly() {
    // Cyrillic а (U+0430) and е (U+0435) inside a Latin address; Greek Α inside a Latin key.
    String original = "mail ѕаrаh@ехаmple.com key \u0391KIA2345, город Москва";
    MappedText m = normalized(original);

    assertThat(m.text()).isEqualTo("mail sarah@example.com key AKIA2345, город Москва");
    assertThat(m.toOriginal(5, 22)).isEqualTo(new Span(5, 22));
    assertThat(Evasion.labels(m.evasionsIn(5, 22))).containsExactly("confusable");
    assertThat(m.evasionsIn(36, 48)).isZero();
  }

  @Test
  void otherScriptDigitsReadAsAsciiDigits() {
    MappedText m = normalized("٤١١١ ١١١١");

    assertThat(m.text()).isEqualTo("4111 1111");
  }
}
