package dev.warden.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
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

  @Test
  void membersCutAndSpliceEqualsCanonicalizingTheChangedObject() {
    // The ledger writer splices hash/mac in and the verifier cuts them out instead of serializing
    // twice: for random objects (including names sorting around, before and after the added
    // members, escapes and astral characters) both must equal a fresh canonicalization.
    String[] pool = {
      "a",
      "hash",
      "h",
      "hasi",
      "mac",
      "mab",
      "mad",
      "z",
      "\u00e9",
      "\ud83d\ude00",
      "q\\\"x",
      "\\n",
      "",
      "mode",
      "findings"
    };
    Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      List<String> names = new ArrayList<>();
      StringBuilder json = new StringBuilder("{");
      for (String name : pool) {
        if (random.nextInt(3) == 0) {
          continue;
        }
        if (json.length() > 1) {
          json.append(',');
        }
        String value =
            switch (random.nextInt(4)) {
              case 0 -> "\"v\\u0001\\\"" + round + "\"";
              case 1 -> Integer.toString(random.nextInt());
              case 2 -> "[{\"b\":1,\"a\":[null,true]}]";
              default -> "{\"mac\":\"x\",\"hash\":\"\u00e9\"}";
            };
        json.append('"').append(name).append("\":").append(value);
        names.add(name);
      }
      ObjectNode object = (ObjectNode) LedgerFormat.MAPPER.readTree(json.append('}').toString());
      Jcs.Members members = Jcs.members(object);
      assertThat(members.text()).isEqualTo(Jcs.canonicalize(object));

      ObjectNode cut = object.deepCopy();
      cut.remove(List.of("hash", "mac"));
      assertThat(members.without(Set.of("hash", "mac"))).isEqualTo(Jcs.canonicalize(cut));

      String h = Integer.toHexString(round);
      Jcs.Members base = Jcs.members(cut);
      ObjectNode added = cut.deepCopy();
      added.put("hash", h);
      added.put("mac", "m\"" + round);
      assertThat(base.with("hash", h, "mac", "m\"" + round)).isEqualTo(Jcs.canonicalize(added));
    }
  }

  @Test
  void membersWithRefusesPresentOrUnorderedNames() {
    Jcs.Members m = Jcs.members((ObjectNode) LedgerFormat.MAPPER.readTree("{\"hash\":\"x\"}"));
    assertThatThrownBy(() -> m.with("hash", "a", "mac", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.with("mac", "a", "hash", "b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
