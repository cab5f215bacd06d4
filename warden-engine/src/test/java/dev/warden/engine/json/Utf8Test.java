package dev.warden.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Test {
  static boolean jdkSaysValid(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void knownCases() {
    assertThat(JsonBodies.isUtf8("plain ascii, 한국어, Straße, 😀".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(JsonBodies.isUtf8(bytes(0xC0, 0xAF))).as("overlong /").isFalse();
    assertThat(JsonBodies.isUtf8(bytes(0xE0, 0x80, 0xAF))).as("overlong 3-byte").isFalse();
    assertThat(JsonBodies.isUtf8(bytes(0xED, 0xA0, 0x80))).as("surrogate").isFalse();
    assertThat(JsonBodies.isUtf8(bytes(0xF4, 0x90, 0x80, 0x80))).as("above U+10FFFF").isFalse();
    assertThat(JsonBodies.isUtf8(bytes(0xE2, 0x82))).as("truncated").isFalse();
    assertThat(JsonBodies.isUtf8(bytes(0x80))).as("lone continuation").isFalse();
    assertThat(JsonBodies.isUtf8(bytes(0xFF))).isFalse();
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomBytes() {
    SplittableRandom random = new SplittableRandom(42);
    int[] interesting = {
      0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
      0xA0, 0x9F, 0x90, 0x8F
    };
    for (int round = 0; round < 200_000; round++) {
      byte[] b = new byte[random.nextInt(6)];
      for (int i = 0; i < b.length; i++) {
        b[i] =
            (byte)
                (random.nextBoolean()
                    ? interesting[random.nextInt(interesting.length)]
                    : random.nextInt(256));
      }
      assertThat(JsonBodies.isUtf8(b))
          .as(java.util.HexFormat.of().formatHex(b))
          .isEqualTo(jdkSaysValid(b));
    }
  }
}
