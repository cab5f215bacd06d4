package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultCommandTest {
  private static final String YAML =
      "policy: {types: {email: tokenize}}\nvault: {scope: global, allowReveal: %s}\n";
  // The stub model appends this (fake) address to every answer; the answer side tokenizes it.
  private static final String MODEL_EMAIL = "ops.lead@corp.example.net";

  @TempDir Path tmp;

  private CliTest.Run warden(boolean allowReveal, String... args) throws Exception {
    Path config = tmp.resolve("warden-" + allowReveal + ".yaml");
    Files.writeString(config, YAML.formatted(allowReveal));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = tmp.resolve("data").toString();
    all[args.length + 2] = "--config";
    all[args.length + 3] = config.toString();
    return CliTest.run(all);
  }

  @Test
  void statsPurgeAndRevealAgainstALiveVault() throws Exception {
    Path data = tmp.resolve("data");
    assertThat(warden(true, "vault", "stats").err()).contains("no token vault");
    String token;
    try (LiveGateway gw = new LiveGateway(data, YAML.formatted(true))) {
      String answer =
          new String(gw.chat("I am dana.k@example.org").response(), StandardCharsets.UTF_8);
      assertThat(answer).contains("dana.k@example.org").doesNotContain(MODEL_EMAIL);
      Matcher m = Pattern.compile("\\[TOKEN:email:[A-Z2-7]{16}]").matcher(answer);
      assertThat(m.find()).isTrue();
      token = m.group();

      // The store is usable while the gateway runs.
      CliTest.Run stats = warden(true, "vault", "stats");
      assertThat(stats.code()).isZero();
      assertThat(stats.out()).contains("entries:  2 (0 expired", "email", "keyset vault-token");
      // The ledger is held by the gateway: a reveal cannot be recorded, so nothing is revealed.
      CliTest.Run held = warden(true, "vault", "reveal", token, "--scope", "global");
      assertThat(held.code()).isEqualTo(2);
      assertThat(held.out()).doesNotContain(MODEL_EMAIL);
      assertThat(held.err()).contains("could not be recorded").doesNotContain(MODEL_EMAIL);
    }

    CliTest.Run refused = warden(false, "vault", "reveal", token, "--scope", "global");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("vault.allowReveal: true");

    CliTest.Run wrongScope = warden(true, "vault", "reveal", token, "--scope", "identity:x");
    assertThat(wrongScope.code()).isEqualTo(1);
    assertThat(wrongScope.out()).isEmpty();

    CliTest.Run revealed = warden(true, "vault", "reveal", token, "--scope", "global");
    assertThat(revealed.code()).isZero();
    assertThat(revealed.out().strip()).isEqualTo(MODEL_EMAIL);
    String ledger;
    try (Stream<Path> files = Files.list(data.resolve("ledger"))) {
      ledger =
          files
              .filter(f -> f.toString().endsWith(".jsonl"))
              .map(f -> readString(f))
              .reduce("", String::concat);
    }
    assertThat(ledger).contains("\"event\":\"reveal\"", "scope:global").doesNotContain(MODEL_EMAIL);
    assertThat(CliTest.run("ledger", "verify", "--data-dir", data.toString()).code()).isZero();

    assertThat(warden(true, "vault", "purge", "--expired").out()).contains("purged 0 entries");
    assertThat(warden(true, "vault", "purge", "--scope", "global").out())
        .contains("purged 2 entries (scope global)");
    assertThat(warden(true, "vault", "reveal", token, "--scope", "global").code()).isEqualTo(1);
    assertThat(warden(true, "vault", "purge").code()).isEqualTo(2);
    assertThat(warden(true, "vault", "purge", "--all", "--expired").code()).isEqualTo(2);
  }

  @Test
  void everySubcommandHasHelp() {
    assertThat(CliTest.run("vault", "--help").out()).contains("stats", "purge", "reveal", "rotate");
    assertThat(CliTest.run("vault", "stats", "--help").out()).contains("Entries");
    assertThat(CliTest.run("vault", "purge", "--help").out())
        .contains("--expired", "--all", "--scope");
    assertThat(CliTest.run("vault", "reveal", "--help").out()).contains("allowReveal", "--scope");
    assertThat(CliTest.run("vault", "rotate", "--help").out()).contains("--keyset");
  }

  @Test
  void rotateAddsAPrimaryKeyPerKeyset() throws Exception {
    CliTest.Run r = warden(false, "vault", "rotate", "--keyset", "vault-envelope");
    assertThat(r.code()).isZero();
    assertThat(r.out()).containsPattern("keyset vault-envelope: new primary key [0-9a-f]{8}");
    assertThat(warden(false, "vault", "rotate", "--keyset", "nope").err())
        .contains("unknown vault keyset");
  }

  private static String readString(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
