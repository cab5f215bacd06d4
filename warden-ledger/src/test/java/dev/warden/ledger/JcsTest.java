package dev.warden.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class JcsTest {
  private static String canon(String json) {
    return Jcs.canonicalize(LedgerFormat.MAPPER.readTree(json));
  }

  @Test
  void sortsMembersByUtf16CodeUnitsNotCodePoints() {
    // RFC 8785 section 3.2.3: the astral U+1F600 (surrogates D83D DE00) sorts before U+FB33.
    String json =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew\","
            + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji\",\"\\u0080\":\"Control\","
            + "\"\\u00f6\":\"o-umlaut\"}";
    assertThat(canon(json))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"o-umlaut\","
                + "\"€\":\"Euro Sign\",\"😀\":\"Emoji\",\"\ufb33\":\"Hebrew\"}");
  }

  @Test
  void escapesStringsLikeEcmaScript() {
    // RFC 8785 section 3.2.2.2 example, plus DEL and U+2028 which stay literal.
    assertThat(canon("[\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"]"))
        .isEqualTo("[\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"]");
    assertThat(canon("\"\\u007f\\u2028\"")).isEqualTo("\"\u007f\u2028\"");
  }

  @Test
  void escapesEveryControlCharacter() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      all.append(c);
    }
    ObjectNode o = LedgerFormat.MAPPER.createObjectNode().put("s", all.toString());
    assertThat(Jcs.canonicalize(o))
        .isEqualTo(
            "{\"s\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b"
                + "\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017"
                + "\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"}");
  }

  @Test
  void writesNonAsciiAndAstralCharactersLiterally() {
    assertThat(canon("{\"k\":\"비밀번호 パスワード \\ud83d\\udd11\"}"))
        .isEqualTo("{\"k\":\"비밀번호 パスワード 🔑\"}");
  }

  @Test
  void removesWhitespaceAndSortsNestedObjects() {
    assertThat(
            canon(
                " { \"b\" : [ 1 , { \"z\":null, \"a\":true } , -7 ], \"a\" : false , \"c\":{} } "))
        .isEqualTo("{\"a\":false,\"b\":[1,{\"a\":true,\"z\":null},-7],\"c\":{}}");
  }

  @Test
  void writesIntegersInPlainDecimalWithinTheSafeRange() {
    assertThat(canon("[0,-0,9007199254740991,-9007199254740991]"))
        .isEqualTo("[0,0,9007199254740991,-9007199254740991]");
    assertThatThrownBy(() -> canon("[9007199254740992]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> canon("[12345678901234567890123]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsFractionsAndLoneSurrogatesWithoutQuotingThem() {
    assertThatThrownBy(() -> canon("[1.5]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> canon("[\"secret\\ud800\"]"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("secret");
    assertThatThrownBy(() -> canon("[\"\\udc00x\"]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Jcs.checkString("x\ud83d"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
