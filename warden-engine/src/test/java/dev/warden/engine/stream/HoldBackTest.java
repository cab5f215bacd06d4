package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.api.Restorer;
import dev.warden.engine.Protector;
import dev.warden.engine.detect.RuleCatalog;
import dev.warden.engine.detect.RuleDetector;
import dev.warden.engine.detect.RuleExample;
import dev.warden.engine.json.JsonBodies;
import dev.warden.engine.normalize.EvasionDetector;
import dev.warden.engine.normalize.EvasionLimits;
import dev.warden.engine.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hold-back is precise: ordinary text leaves within the short window while the model is still
 * writing, and long values (a PEM key, a long encoded run) are still never released in part, also
 * when they arrive in very small chunks.
 */
class HoldBackTest {
  static final int WINDOW = StreamInspectors.holdBack(Restorer.NONE);

  static String prose(int length) {
    String sentence =
        "The quick brown fox jumps over the lazy dog while the model keeps on writing. ";
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      b.append(sentence);
    }
    return b.substring(0, length);
  }

  /** What the client has received so far, per accepted chunk. */
  static final class Client {
    final StringBuilder sent = new StringBuilder();
    final List<Integer> after = new ArrayList<>();

    void feed(StreamInspector inspector, List<byte[]> chunks) {
      for (byte[] c : chunks) {
        inspector.accept(c, 0, c.length, b -> sent.append(new String(b, StandardCharsets.UTF_8)));
        after.add(sent.length());
      }
    }
  }

  static List<byte[]> bytewise(byte[] stream) {
    List<byte[]> out = new ArrayList<>(stream.length);
    for (byte b : stream) {
      out.add(new byte[] {b});
    }
    return out;
  }

  @Test
  void theWindowIsShortAndTheLongRulesAreAnchored() {
    assertThat(WINDOW).isLessThan(2 * RuleCatalog.SHORT_SPAN_LIMIT);
    assertThat(RuleCatalog.longAnchors())
        .extracting(a -> a.literal())
        .contains("-----begin", "eyj", "service_account", "\"private_key\"");
    assertThat(StreamInspectors.maxHoldBack(Restorer.NONE))
        .isGreaterThanOrEqualTo(RuleCatalog.longestSpan());
  }

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void proseIsReleasedWithinTheShortWindowBeforeTheChannelEnds(DialectStreams d) {
    String text = prose(6_000);
    StreamInspector inspector = StreamInspectors.forDialect(d.id, protector(), Restorer.NONE);
    Client client = new Client();
    client.feed(inspector, tokenChunks(d, text, 7));
    String before = d.text(client.sent.toString());
    assertThat(text).startsWith(before);
    // Everything but the window (and one scan step) has gone out before the stream ends.
    assertThat(before.length()).isGreaterThanOrEqualTo(text.length() - 2 * WINDOW);
    inspector.finish(b -> client.sent.append(new String(b, StandardCharsets.UTF_8)));
    assertThat(d.text(client.sent.toString())).isEqualTo(text);
  }

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void pemKeyInOneByteChunksIsHeldFromItsHeaderAndNeverReleasedInPart(DialectStreams d) {
    RuleExample ex = SplitPointTest.example("private-key-pem");
    String value = ex.text().substring(ex.expected().start(), ex.expected().end());
    assertThat(value.length()).isGreaterThan(WINDOW);
    String before = prose(3_000) + "\nhere is the key:\n";
    String after = "\n" + prose(3_000);
    check(
        d,
        protector(),
        before,
        value,
        after,
        bytewise(utf8(d.stream(SplitPointTest.pieces(before, value, after)))));
  }

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void secretInsideALongBase64RunIsNeverReleasedInPart(DialectStreams d) {
    RuleExample ex = SplitPointTest.example("aws-access-key-id");
    String secret = ex.text().substring(ex.expected().start(), ex.expected().end());
    // A run far longer than the window whose decoded text holds the key near its end.
    String plain = prose(2_400) + " key " + secret + " end";
    String run = Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    assertThat(run.length()).isGreaterThan(3 * WINDOW);
    String before = prose(2_000) + "\nencoded: ";
    String after = "\n" + prose(2_000);
    check(
        d,
        new Protector(
            new EvasionDetector(RuleDetector.builtin(), EvasionLimits.defaults()),
            Policy.defaults(),
            HASHER,
            new JsonBodies(64, 8 << 20)),
        before,
        run,
        after,
        cut7(utf8(d.stream(tokens(before + run + after, 9)))));
  }

  private static List<byte[]> cut7(byte[] stream) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < stream.length; i += 7) {
      out.add(java.util.Arrays.copyOfRange(stream, i, Math.min(stream.length, i + 7)));
    }
    return out;
  }

  private static List<byte[]> tokenChunks(DialectStreams d, String text, int size) {
    return cut7(utf8(d.stream(tokens(text, size))));
  }

  /**
   * Streams {@code before + value + after}: the result equals protecting the whole text (or a block
   * that released a prefix of {@code before}), no piece of the value leaves unprotected, and text
   * before the value went out while the value was still streaming.
   */
  private static void check(
      DialectStreams d,
      Protector protector,
      String before,
      String value,
      String after,
      List<byte[]> chunks) {
    String text = before + value + after;
    Protector.TextResult whole = protector.protectText(text);
    assertThat(whole.replacements()).as("found in the whole text").isNotEmpty();
    String fragment = value.substring(value.length() / 2 - 6, value.length() / 2 + 6);
    StreamInspector inspector = StreamInspectors.forDialect(d.id, protector, Restorer.NONE);
    Client client = new Client();
    boolean blocked = false;
    try {
      client.feed(inspector, chunks);
      inspector.finish(b -> client.sent.append(new String(b, StandardCharsets.UTF_8)));
    } catch (StreamBlockedException e) {
      blocked = true;
    }
    String got = d.text(client.sent.toString());
    if (whole.blockedBy().isPresent()) {
      assertThat(blocked).as("blocked").isTrue();
      assertThat(before).startsWith(got);
    } else {
      assertThat(got).isEqualTo(whole.text());
    }
    if (client.sent.indexOf(fragment) >= 0) {
      fail("a fragment of the value was released");
    }
    // Prose before the value was released while the stream was still arriving.
    int half = client.after.size() / 2;
    assertThat(client.after.get(half)).as("released by mid-stream").isGreaterThan(0);
  }
}
