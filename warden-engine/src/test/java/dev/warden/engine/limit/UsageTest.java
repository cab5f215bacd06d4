package dev.warden.engine.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageTest {
  private static Usage fed(String text, int pieceSize) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    Usage u = new Usage();
    for (int i = 0; i < b.length; i += pieceSize) {
      u.feed(b, i, Math.min(pieceSize, b.length - i));
    }
    return u;
  }

  @Test
  void readsEachDialectsCompletionCount() {
    assertThat(fed("{\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":42}}", 1000).tokens())
        .isEqualTo(42);
    assertThat(fed("{\"usage\":{\"input_tokens\":9,\"output_tokens\":17}}", 1000).tokens())
        .isEqualTo(17);
    assertThat(
            fed(
                    "{\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\": 30,"
                        + " \"thoughtsTokenCount\" : 12}}",
                    1000)
                .tokens())
        .isEqualTo(42);
    assertThat(fed("{\"done\":true,\"prompt_eval_count\":4,\"eval_count\":8}", 1000).tokens())
        .isEqualTo(8);
  }

  @Test
  void streamsCountTheLargestRepeatedValueAcrossArbitraryPieces() {
    String anthropic =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"Hello\"}}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":315}}\n\n";
    for (int piece = 1; piece <= 7; piece++) {
      Usage u = fed(anthropic, piece);
      assertThat(u.reported()).isTrue();
      assertThat(u.tokens()).as("piece size %d", piece).isEqualTo(315);
    }
  }

  @Test
  void modelTextThatSpellsAUsageFieldIsNotACount() {
    String forged =
        "{\"choices\":[{\"message\":{\"content\":\"x, \\\"completion_tokens\\\": 999999 ,"
            + " {\\\"eval_count\\\":5}\"}}],\"note\":\"a,\",\"usage\":{\"completion_tokens\":3}}";

    assertThat(fed(forged, 1000).tokens()).isEqualTo(3);
    assertThat(fed(forged, 3).tokens()).isEqualTo(3);
  }

  @Test
  void withoutUsageTheFedBytesAreEstimated() {
    Usage u = fed("data: {\"text\":\"" + "a".repeat(400) + "\"}\n\n", 64);

    assertThat(u.reported()).isFalse();
    assertThat(u.tokens()).isEqualTo((6 + 9 + 400 + 2 + 2 + 3) / 4);
  }

  @Test
  void promptEstimateErrsHighForNonAsciiText() {
    assertThat(TokenCount.estimate("abcdefgh".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
    assertThat(TokenCount.estimate("abcdefghi".getBytes(StandardCharsets.UTF_8))).isEqualTo(3);
    // Four Hangul syllables: twelve UTF-8 bytes, counted as four tokens, not three.
    assertThat(TokenCount.estimate("안녕하세".getBytes(StandardCharsets.UTF_8))).isEqualTo(4);
  }
}
