package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generic credential pattern carries two lookaheads that only skip doomed attempts. On random
 * assignments built from its key names, operators, excluded prefixes and value characters, the
 * guarded pattern must match exactly where and what the reference without them matches, at every
 * start.
 */
class GenericCredentialGuardTest {
  private static final String[] PREFIXES = {
    "",
    "",
    "x-",
    "refresh_",
    "Session-",
    "page_",
    "next",
    "sha256",
    "etag-",
    "commit_",
    "STRIPE_",
    "my",
    "é",
    "1"
  };

  private static final String[] KEYS = {
    "secret",
    "SECRET_KEY",
    "secret-key",
    "api_key",
    "api-key",
    "apiKey",
    "x-api-key",
    "access_key",
    "accessToken",
    "auth",
    "auth-key",
    "token",
    "Token",
    "bearer_token",
    "private_key",
    "keys",
    "ſecret",
    "toKen",
    "secrets",
    "pass"
  };

  private static final String[] OPERATORS = {"=", ":", ":=", "=>", "：", "", " ", "-"};

  private static final String[] QUOTES = {"", "", "\"", "\\\"", "'", "`"};

  private static final String[] VALUE_PREFIXES = {
    "", "", "", "eyJ", "ghp_", "sk-", "sk-ant-", "AKIA"
  };

  private static final String VALUE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_.~-";

  private static final String[] ENDS = {"", " ", "\"", ";", "\n", "é", "key1=secret1 "};

  @Test
  void guardedPatternMatchesExactlyLikeTheReference() {
    Pattern guarded = Pattern.compile(CredentialRules.genericCredentialPattern(true));
    Pattern reference = Pattern.compile(CredentialRules.genericCredentialPattern(false));
    assertThat(guarded.pattern()).isNotEqualTo(reference.pattern());
    SplittableRandom random = new SplittableRandom(20261123);
    int matched = 0;
    for (int i = 0; i < 4_000; i++) {
      String text = randomText(random);
      List<String> expected = everyStart(reference, text);
      assertThat(everyStart(guarded, text)).as("input %s", text).isEqualTo(expected);
      matched += expected.isEmpty() ? 0 : 1;
    }
    assertThat(matched).as("inputs where the reference matches").isGreaterThan(400);
  }

  /** What {@code lookingAt} reports at each start, as the detector runs it. */
  private static List<String> everyStart(Pattern pattern, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    m.useTransparentBounds(true).useAnchoringBounds(false);
    for (int p = 0; p < text.length(); p++) {
      m.region(p, text.length());
      if (m.lookingAt()) {
        out.add(p + ":" + m.end() + ":" + m.start(1) + ":" + m.end(1));
      }
    }
    return out;
  }

  /** Assignments whose every part is sometimes right and sometimes a near miss. */
  private static String randomText(SplittableRandom random) {
    StringBuilder sb = new StringBuilder();
    int assignments = 1 + random.nextInt(3);
    for (int i = 0; i < assignments; i++) {
      sb.append(pick(random, PREFIXES))
          .append(pick(random, KEYS))
          .append(pick(random, QUOTES))
          .append(random.nextBoolean() ? "" : " ")
          .append(pick(random, OPERATORS))
          .append(random.nextBoolean() ? "" : " ")
          .append(pick(random, QUOTES))
          .append(pick(random, VALUE_PREFIXES));
      int n = random.nextInt(36);
      for (int j = 0; j < n; j++) {
        sb.append(VALUE_CHARS.charAt(random.nextInt(VALUE_CHARS.length())));
      }
      sb.append(pick(random, ENDS));
    }
    return sb.toString();
  }

  private static String pick(SplittableRandom random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}
