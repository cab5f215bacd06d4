package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The e-mail rule's refusal of URL userinfo, read from the "@" backwards. */
class UrlUserinfoTest {
  private static boolean refused(String text, String email) {
    int start = text.indexOf(email);
    return PiiRules.isUrlUserinfo(text, start, start + email.length());
  }

  @Test
  void userinfoOfAUrlIsNoAddress() {
    assertThat(refused("https://user:pass@host.example.com/x", "pass@host.example.com")).isTrue();
    assertThat(
            refused(
                "SENTRY_DSN=https://abc123@o1.ingest.sentry.io/1", "abc123@o1.ingest.sentry.io"))
        .isTrue();
    assertThat(refused("ssh://git@github.com/acme/infra.git", "git@github.com")).isTrue();
    // A comma may stand in a password, and a colon in a user name without one.
    assertThat(refused("amqp://u:p,q@rabbit.example.org", "q@rabbit.example.org")).isTrue();
  }

  @Test
  void anAddressAfterAUrlIsOne() {
    assertThat(refused("mail jane@corp.example.com", "jane@corp.example.com")).isFalse();
    // A CSV row: a URL cell, then an e-mail cell.
    assertThat(refused("https://host.example,admin@corp.example.com", "admin@corp.example.com"))
        .isFalse();
    assertThat(refused("https://host:3000,admin@corp.example.com", "admin@corp.example.com"))
        .isFalse();
    assertThat(refused("see https://x.example/ jane@corp.example.com", "jane@corp.example.com"))
        .isFalse();
    // Userinfo longer than a user name and a password is not read as one.
    String longRun = "a".repeat(700);
    assertThat(refused("https://" + longRun + "@host.example.com", longRun + "@host.example.com"))
        .isFalse();
  }
}
