package dev.warden.engine.normalize;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A bounded, seeded randomized run of {@link MappingProperties} over 12,000 inputs built from the
 * fragments evasions are made of, so every build checks the mapping on far more cases than the
 * fuzzer's seeds.
 */
class MappingPropertyTest {
  private static final List<String> FRAGMENTS =
      List.of(
          "a",
          "Z",
          "7",
          " ",
          "\n",
          "\r\n",
          "\\n",
          "\\r\\n",
          "\\",
          "\\u",
          "\\u00",
          "\\u0040",
          "\\uD83D",
          "\\uDE00",
          "%",
          "%4",
          "%40",
          "%E2%80%8B",
          "%ZZ",
          "0x",
          "=",
          "==",
          "+",
          "/",
          "-",
          "_",
          "@",
          ".",
          "\u200B",
          "\u00AD",
          "\u202E",
          "\uFE0F",
          "\uDB40\uDC41",
          "\uD835\uDC00",
          "\uD800",
          "\uDC00",
          "ＡＫＩＡ",
          "＠",
          "ﬁ",
          "㎏",
          "ｶﾞ",
          "e\u0301",
          "а",
          "о",
          "Α",
          "Москва",
          "비밀번호",
          "パスワード",
          "٤١",
          "QUtJQ",
          "QUtJQUFBQUFBQUFBQUFBQUFBQUE=",
          "414b4941",
          "414b494151574552545955494f504153",
          "abcdefghijklmnop",
          "ABCDEFGHIJKLMNOPQRSTUVWX",
          "AKIA",
          "ghp_",
          "sk-ant-api03-",
          "user@example.com",
          "4111 1111 1111 1111");

  @Test
  void mappingInvariantsHoldOnRandomMixtures() {
    SplittableRandom random = new SplittableRandom(20261123);
    for (int i = 0; i < 12_000; i++) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + random.nextInt(24);
      for (int p = 0; p < parts; p++) {
        if (random.nextInt(8) == 0) {
          sb.append((char) random.nextInt(0x10000));
        } else {
          sb.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
        }
      }
      MappingProperties.check(sb.toString());
    }
  }
}
