package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.api.Restorer;
import dev.warden.api.TokenFormat;
import dev.warden.api.VaultSession;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.Protector;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.json.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code tokenize} and {@code encrypt} in streamed answers: the value is replaced in-stream by the
 * vault session's marker, like redact and mask, wherever the upstream split it — at every byte
 * offset into two chunks and into three — and no fragment of it is ever released.
 */
class TokenizeSplitTest {
  static final String EMAIL = "dana.k@example.org";
  static final String PHONE = "+1 202 555 0147";
  static final String TEXT =
      "Sure. Write to " + EMAIL + " or call " + PHONE + " before Friday; both reach the desk.";

  /**
   * Deterministic markers derived from the value (as AES-SIV tokens are), recording the paths that
   * envelopes are bound to. The engine must not depend on the vault module, so this stands in.
   */
  static final class DerivingSession implements VaultSession {
    final Set<String> envelopePaths = ConcurrentHashMap.newKeySet();

    @Override
    public String tokenize(String type, String value) {
      return TokenFormat.token(type, id(value));
    }

    @Override
    public String encrypt(String type, String path, String value) {
      envelopePaths.add(path);
      return TokenFormat.envelope(type, "0000abcd", "QUJD" + id(value));
    }

    @Override
    public boolean isGenuine(TokenFormat.Marker marker, String path) {
      return false;
    }

    @Override
    public Restorer restorer() {
      return Restorer.NONE;
    }

    /** 16 base32 characters from the value's hash code. */
    private static String id(String value) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      long h = value.hashCode() & 0xffffffffL;
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        b.append(alphabet.charAt((int) ((h >>> (i % 7) * 5) & 31)));
      }
      return b.toString();
    }
  }

  static Protector protector() {
    WardenConfig c = ConfigLoader.fromYaml("policy: {types: {email: tokenize, phone: encrypt}}");
    return new Protector(
        DetectorStack.forConfig(c), c.policy(), HASHER, new JsonBodies(64, 8 << 20));
  }

  @ParameterizedTest
  @EnumSource(DialectStreams.class)
  void tokenizedAndEncryptedValuesSplitAnywhereAreReplacedWhole(DialectStreams d) {
    Protector protector = protector();
    DerivingSession vault = new DerivingSession();
    String expected =
        TEXT.replace(EMAIL, vault.tokenize("email", EMAIL))
            .replace(PHONE, vault.encrypt("phone", "", PHONE));
    vault.envelopePaths.clear();
    byte[] stream = utf8(d.stream(tokens(TEXT, 3)));
    int small = PHONE.length() + 64;
    for (int holdBack : new int[] {StreamInspectors.holdBack(Restorer.NONE), small}) {
      for (int i = 1; i < stream.length; i++) {
        check(d, protector, vault, holdBack, expected, cut(stream, i));
        int j = i + 1 + (i % 17);
        if (j < stream.length) {
          check(d, protector, vault, holdBack, expected, cut(stream, i, j));
        }
      }
    }
    assertThat(vault.envelopePaths).as("envelopes are bound to the channel's path").isNotEmpty();
    assertThat(vault.envelopePaths).noneMatch(String::isEmpty);
  }

  private static void check(
      DialectStreams d,
      Protector protector,
      VaultSession vault,
      int holdBack,
      String expected,
      List<byte[]> chunks) {
    StreamInspector inspector =
        StreamInspectors.forDialect(d.id, protector, vault, Restorer.NONE, holdBack);
    StringBuilder sent = new StringBuilder();
    for (byte[] c : chunks) {
      inspector.accept(c, 0, c.length, b -> sent.append(new String(b, StandardCharsets.UTF_8)));
    }
    inspector.finish(b -> sent.append(new String(b, StandardCharsets.UTF_8)));
    List<Integer> sizes = chunks.stream().map(c -> c.length).toList();
    String got = d.text(sent.toString());
    if (!got.equals(expected)) {
      assertThat(got).as("split " + sizes).isEqualTo(expected);
    }
    for (String fragment : new String[] {"dana.k", "example.org", "555 0147"}) {
      if (sent.indexOf(fragment) >= 0) {
        fail("'" + fragment + "' was released at split " + sizes);
      }
    }
    assertThat(inspector.replacements())
        .extracting(r -> r.decision().action().id())
        .containsExactly("tokenize", "encrypt");
  }
}
