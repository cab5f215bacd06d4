package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A card number written as a JSON number in floating-point form ({@code 4.111111111111111e15},
 * {@code 4111111111111111.0}) — how a tool or a model serializing a number may write it — is the
 * same number as the integer: it is found, or not, exactly as the integer is.
 */
class CardAsNumberTest {
  private static final Protector PROTECTOR = ProtectorTest.protector(Policy.defaults());

  private static Protector.Result protect(String json) {
    return PROTECTOR.protectJson(json.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> types(Protector.Result r) {
    return r.replacements().stream().map(x -> x.finding().type()).toList();
  }

  /** The integer and its floating-point spellings, in one body shape. */
  private static void assertSameAsInteger(String shape, long whole, String... floats) {
    Protector.Result asInteger = protect(shape.formatted(Long.toString(whole)));
    for (String f : floats) {
      Protector.Result asFloat = protect(shape.formatted(f));
      assertThat(asFloat.outcome()).as(shape.formatted(f)).isEqualTo(asInteger.outcome());
      assertThat(types(asFloat)).as(shape.formatted(f)).isEqualTo(types(asInteger));
    }
  }

  @Test
  void aCardWrittenAsAFloatIsACard() {
    for (String pan :
        List.of("4.111111111111111e15", "4111111111111111.0", "4.111111111111111E+15")) {
      Protector.Result r = protect("{\"payment\":{\"method\":\"card\",\"pan\":" + pan + "}}");
      assertThat(r.outcome()).as(pan).isEqualTo(Protector.Outcome.BLOCKED);
      assertThat(types(r)).as(pan).containsExactly("card");
      assertThat(r.replacements().getFirst().path()).isEqualTo("/payment/pan");
    }
  }

  @Test
  void floatFormsDecideExactlyAsTheIntegerDoes() {
    String pan = "{\"payment\":{\"method\":\"card\",\"pan\":%s}}";
    assertSameAsInteger(pan, 4111111111111111L, "4.111111111111111e15", "4111111111111111.0");
    // Luhn fails: no card as an integer, none as a float.
    assertSameAsInteger(pan, 4111111111111112L, "4.111111111111112e15", "4111111111111112.00");
    // Passes Luhn, but named an order id: as the integer.
    String order = "{\"order_id\":%s,\"status\":\"shipped\"}";
    assertSameAsInteger(order, 4539148803436467L, "4.539148803436467e15", "4539148803436467.0");
    // A millisecond timestamp as a float.
    assertSameAsInteger("{\"created\":%s}", 1764000000000L, "1.764e12", "1764000000000.0");
    // A second card network and spacing of the exponent.
    assertSameAsInteger(pan, 5501681521535898L, "5.501681521535898E+15", "5501681521535898.000");
  }

  @Test
  void fractionsAndFloatsBeyondExactRangeAreNotReadAsDigits() {
    for (String n :
        List.of("19.99", "0.7", "4111111111111111.5", "4.1111111111111115e15", "1e300", "-0.0")) {
      Protector.Result r = protect("{\"payment\":{\"method\":\"card\",\"amount\":" + n + "}}");
      assertThat(r.outcome()).as(n).isEqualTo(Protector.Outcome.CLEAN);
    }
  }
}
