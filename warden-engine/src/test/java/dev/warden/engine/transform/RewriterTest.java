package dev.warden.engine.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Action;
import dev.warden.api.Decision;
import dev.warden.api.Explanation;
import dev.warden.api.Finding;
import dev.warden.api.KeyedHasher;
import dev.warden.api.Span;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewriterTest {
  /** Deterministic stand-in: not a MAC, but stable per (domain, value) as the contract requires. */
  static final KeyedHasher HASHER =
      (domain, value) -> {
        try {
          return java.security.MessageDigest.getInstance("SHA-256")
              .digest((domain + "\0" + value).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      };

  final Rewriter rewriter = new Rewriter(HASHER);

  static Replacement at(String type, int start, int end, Action action) {
    return new Replacement(
        new Finding(type, type + "-rule", new Span(start, end), 0.9, Explanation.of("none")),
        new Decision(action, "test"),
        "/x",
        "h");
  }

  @Test
  void redactsMasksAndHashesFromTheEnd() {
    String text = "mail a@b.co call +1 415 555 0172 key ABCDEFGH";
    String out =
        rewriter.apply(
            text,
            List.of(
                at("email", 5, 11, Action.redact()),
                at("phone", 17, 32, new Action.Mask(4)),
                at("key", 37, 45, Action.hash())));

    assertThat(out)
        .startsWith("mail [REDACTED:email] call ***********0172 key [HASH:key:")
        .doesNotContain("a@b.co", "ABCDEFGH");
  }

  @Test
  void hashIsStablePerValueAndDiffersAcrossValues() {
    String a = rewriter.apply("x=secret1", List.of(at("t", 2, 9, Action.hash())));
    String b = rewriter.apply("y=secret1", List.of(at("t", 2, 9, Action.hash())));
    String c = rewriter.apply("x=secret2", List.of(at("t", 2, 9, Action.hash())));

    assertThat(a.substring(2)).isEqualTo(b.substring(2)).isNotEqualTo(c.substring(2));
    assertThat(a).matches("x=\\[HASH:t:[0-9a-f]{16}\\]");
  }

  @Test
  void maskNeverRevealsMoreThanAQuarter() {
    assertThat(rewriter.apply("abcdefgh", List.of(at("t", 0, 8, new Action.Mask(8)))))
        .isEqualTo("******gh");
    assertThat(rewriter.apply("abc", List.of(at("t", 0, 3, new Action.Mask(4))))).isEqualTo("***");
  }

  @Test
  void overlappingFindingsMergeIntoTheStrongerAction() {
    String text = "0123456789ABCDEF";
    String out =
        rewriter.apply(
            text, List.of(at("a", 2, 8, Action.redact()), at("b", 6, 12, new Action.Mask(0))));

    assertThat(out).isEqualTo("01[REDACTED:a]CDEF");
  }

  @Test
  void allowLeavesTheSameInstance() {
    String text = "keep me";
    assertThat(rewriter.apply(text, List.of(at("t", 0, 4, Action.allow())))).isSameAs(text);
  }
}
