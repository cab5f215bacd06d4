package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How context words match: whole words, declared stems, CJK anywhere, JSON keys by word. */
class ContextWordsTest {
  private static final ContextWords WORDS =
      ContextWords.of(
          List.of("card", "pan", "american express", "kredit*", "*schlüssel", "카드", "カード"),
          List.of("ref", "ver", "build", "bestell*", "注文番号", "주문"));

  /** The deciding hit for {@code before} followed by a value, or null. */
  private static @Nullable String hit(String before) {
    return hit(before, null);
  }

  private static @Nullable String hit(String before, @Nullable String key) {
    return hit(before, "", key);
  }

  private static @Nullable String hit(String before, String after, @Nullable String key) {
    String value = "4111111111111111";
    String text = before + value + after;
    return WORDS.evaluate(text, before.length(), before.length() + value.length(), key).hit();
  }

  private static ContextWords.Effect effect(String before, String after) {
    String value = "4111111111111111";
    String text = before + value + after;
    return WORDS.evaluate(text, before.length(), before.length() + value.length(), null).effect();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'Ref: '|ref",
        "'ref#'|ref",
        "'(REF) '|ref",
        "'Refund issued to '|",
        "'Preferred '|",
        "'Sehr verehrte Kundin '|",
        "'Vertrieb: '|",
        "'ver. '|ver",
        "'Building B '|",
        "'build '|build",
        "'Tracker panel '|",
        "'PAN '|pan",
        "'account '|",
        "'paid with American Express '|american express",
        "'Kreditkartennummer '|kredit*",
        "'Zugangsschlüssel '|*schlüssel",
        "'Bestellnummer '|bestell*",
        "'Bestellung '|bestell*",
        "'VISAカード'|カード",
        "'카드번호로 '|카드",
        "'ご注文番号は'|注文番号",
        "'주문번호'|주문",
        "'card_'|card",
        "'x-card-number: '|card",
        "'cardinal '|",
      })
  void matchesWholeWordsStemsAndCjk(String before, @Nullable String expected) {
    assertThat(hit(before)).isEqualTo(expected);
  }

  @Test
  void theNearestWordDecidesAndAStemCountsToTheEndOfItsWord() {
    assertThat(hit("Kreditkarte für Bestellnummer ")).isEqualTo("bestell*");
    assertThat(hit("Bestellung per Kreditkarte ")).isEqualTo("kredit*");
  }

  @Test
  void aWordCutByTheWindowEdgeIsNotAWholeWord() {
    // "xref" starts one character before the window; its tail "ref" is not a whole word.
    String before = "xref" + " ".repeat(ContextWords.WINDOW - 3);
    assertThat(hit(before)).isNull();
    assertThat(hit(" ref" + " ".repeat(ContextWords.WINDOW - 3))).isEqualTo("ref");
  }

  @Test
  void jsonKeysAreSplitIntoWords() {
    assertThat(hit("", "cardNumber")).isEqualTo("json_key:card");
    assertThat(hit("", "card_order_ref")).isEqualTo("json_key:ref");
    assertThat(hit("", "serverVersion")).isNull();
    assertThat(hit("", "preferences")).isNull();
    assertThat(hit("", "PANValue")).isEqualTo("json_key:pan");
    assertThat(ContextWords.splitCamelCase("APIKeyId")).isEqualTo("API Key Id");
  }

  @Test
  void aSuppressingWordOnAnEarlierLineCountsOnlyAsThatLinesLabel() {
    assertThat(hit("ref 10.0; Win64; x64) rt=0.118\n")).isNull();
    assertThat(hit("build 7 of the app, bundle 2024.11\r\n")).isNull();
    assertThat(hit("ref 10.0; Win64; x64) rt=0.1\npaid with ")).isNull();
    assertThat(hit("Ref #58213 (shipped)\n")).isEqualTo("ref");
    assertThat(hit("Ref 600822-2790503\n")).isNull(); // the line holds its own value
    assertThat(hit("build 7 of the app\r\n")).isEqualTo("build");
    assertThat(hit("Ref:\n")).isEqualTo("ref");
    assertThat(hit("Bestellnummer\r\n")).isEqualTo("bestell*");
    assertThat(hit("ref 10.0; Win64; x64) rt=0.118 x\ncard ")).isEqualTo("card");
    // A line that began before the window is a record, however short its tail.
    assertThat(hit("\"GET / HTTP/1.1\" 200 8812 \"Mozilla/5.0 (Linux; Android ref 15)\"\n"))
        .isNull();
    assertThat(hit("x\nMozilla/5.0 (Linux; Android ref 15)\"\n")).isEqualTo("ref");
    assertThat(hit("paid by card, ref 42 ")).isEqualTo("ref");
  }

  @Test
  void aRaiseWordAfterTheValueOnItsLineConfirmsIt() {
    assertThat(hit("", ", card of the customer", null)).isEqualTo("after:card");
    assertThat(hit("| ", " | Kreditkarte |", null)).isEqualTo("after:kredit*");
    assertThat(hit("", " 카드로 결제", null)).isEqualTo("after:카드");
    assertThat(effect("paid with ", " (card)")).isEqualTo(ContextWords.Effect.RAISE);
    // The nearest word decides: a suppress word before the raise word cancels it, and a suppress
    // word after a value never drops it.
    assertThat(hit("", " ref card", null)).isNull();
    assertThat(effect("", " build 7")).isEqualTo(ContextWords.Effect.NONE);
    // Only the value's own line, only within the reach, only whole words.
    assertThat(hit("", "\ncard", null)).isNull();
    assertThat(hit("", " ".repeat(ContextWords.AFTER_WINDOW - 3) + "card", null)).isNull();
    assertThat(hit("", " ".repeat(ContextWords.AFTER_WINDOW - 4) + "card", null))
        .isEqualTo("after:card");
    assertThat(hit("", "card", null)).isNull();
    assertThat(hit("", " cardinal", null)).isNull();
  }

  @Test
  void theWindowBeforeTheColumnAndTheWordsAfterComeBeforeTheKey() {
    assertThat(hit("ref ", " card", "cardNumber")).isEqualTo("ref");
    assertThat(hit("", " card", "card_order_ref")).isEqualTo("after:card");
    assertThat(hit("", " build", "cardNumber")).isEqualTo("json_key:card");
  }

  @Test
  void textWordsComeBeforeTheKey() {
    assertThat(hit("ref ", "cardNumber")).isEqualTo("ref");
  }

  @Test
  void stemMarkersAreChecked() {
    assertThatThrownBy(() -> ContextWords.of(List.of("ab*"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContextWords.of(List.of("kre*dit"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContextWords.of(List.of("카드*"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContextWords.of(List.of("*"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContextWords.of(List.of("Card"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
