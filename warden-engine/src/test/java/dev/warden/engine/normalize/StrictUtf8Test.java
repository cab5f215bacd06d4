package dev.warden.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link StrictUtf8#decode} agrees with the JDK's throwing strict decoder. */
class StrictUtf8Test {
  private static @Nullable String throwing(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Test
  void agreesWithTheThrowingDecoderOnRandomAndTextLikeBytes() {
    SplittableRandom random = new SplittableRandom(11);
    String[] pieces = {"abc ", "비밀번호 ", "パスワード", "ü", "😀", "\n"};
    int text = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = new byte[random.nextInt(0, 40)];
        for (int k = 0; k < bytes.length; k++) {
          bytes[k] = (byte) random.nextInt(256);
        }
      } else {
        StringBuilder sb = new StringBuilder();
        for (int k = random.nextInt(1, 6); k > 0; k--) {
          sb.append(pieces[random.nextInt(pieces.length)]);
        }
        bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextBoolean()) { // cut inside a multi-byte sequence, or not
          bytes = java.util.Arrays.copyOf(bytes, random.nextInt(0, bytes.length + 1));
        }
      }
      String expected = throwing(bytes);
      assertThat(StrictUtf8.decode(bytes))
          .as("bytes %s", java.util.HexFormat.of().formatHex(bytes))
          .isEqualTo(expected);
      if (expected != null) {
        text++;
      }
    }
    assertThat(text).as("both kinds of input were exercised").isBetween(5_000, 15_000);
  }
}
