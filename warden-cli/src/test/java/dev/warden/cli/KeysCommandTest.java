package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Signer;
import dev.warden.vault.LocalKeyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
  @TempDir Path tmp;

  private CliTest.Run warden(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = tmp.resolve("data").toString();
    return CliTest.run(all);
  }

  @Test
  void listRotateAndExportPublic() throws Exception {
    assertThat(warden("keys", "list").out()).contains("no signing keys yet");
    assertThat(warden("keys", "export-public").code()).isEqualTo(2);

    CliTest.Run first = warden("keys", "rotate");
    assertThat(first.code()).isZero();
    assertThat(first.out()).contains("new active signing key", "(ed25519)");
    CliTest.Run second = warden("keys", "rotate", "--algorithm", "p256");
    assertThat(second.out()).contains("(p256)");

    List<String> lines = warden("keys", "list").out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).contains("ed25519", "verify-only");
    assertThat(lines.get(3)).contains("p256", "active");

    Path out = tmp.resolve("pub.pem");
    assertThat(warden("keys", "export-public", "--out", out.toString()).code()).isZero();
    String pem = Files.readString(out);
    assertThat(pem.split("-----BEGIN PUBLIC KEY-----", -1)).hasSize(3);
    assertThat(pem).doesNotContain("PRIVATE");
    String active = warden("keys", "export-public", "--active").out();
    assertThat(active.split("-----BEGIN PUBLIC KEY-----", -1)).hasSize(2);
    assertThat(pem).endsWith(active);
  }

  @Test
  void ledgerVerifyTakesTheExportOfOldAndNewKeysAfterARotation() throws Exception {
    Path data = tmp.resolve("data");
    try (LiveGateway gw = new LiveGateway(data, "")) {
      gw.chat("hello");
    }
    assertThat(warden("keys", "rotate", "--algorithm", "p256").code()).isZero();
    try (LiveGateway gw = new LiveGateway(data, "")) {
      gw.chat("hello again");
    }
    Path all = tmp.resolve("all.pem");
    assertThat(warden("keys", "export-public", "--out", all.toString()).code()).isZero();

    CliTest.Run verify = warden("ledger", "verify", "--public-key", all.toString());

    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("ledger OK");
  }

  @Test
  void unknownAlgorithmIsAnErrorNamingTheChoices() {
    CliTest.Run r = warden("keys", "rotate", "--algorithm", "rsa");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ed25519, p256");
  }

  @Test
  void opensslVerifiesSignaturesWithTheExportedKey() throws Exception {
    warden("keys", "rotate");
    Signer ed = LocalKeyring.open(tmp.resolve("data")).signingKeys().active();
    checkWithOpenssl(ed, true);
    warden("keys", "rotate", "--algorithm", "p256");
    Signer p256 = LocalKeyring.open(tmp.resolve("data")).signingKeys().active();
    checkWithOpenssl(p256, false);
  }

  private void checkWithOpenssl(Signer signer, boolean ed25519) throws Exception {
    Path pub = tmp.resolve(signer.keyId() + ".pem");
    Files.writeString(pub, warden("keys", "export-public", "--active").out());
    Path msg = Files.write(tmp.resolve("msg"), "a message".getBytes(StandardCharsets.UTF_8));
    Path sig = Files.write(tmp.resolve("sig"), signer.sign(Files.readAllBytes(msg)));
    List<String> cmd =
        ed25519
            ? List.of(
                "openssl",
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                pub.toString(),
                "-rawin",
                "-in",
                msg.toString(),
                "-sigfile",
                sig.toString())
            : List.of(
                "openssl",
                "dgst",
                "-sha256",
                "-verify",
                pub.toString(),
                "-signature",
                sig.toString(),
                msg.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).containsAnyOf("Verified OK", "Verified Successfully");

    Files.write(msg, "a massage".getBytes(StandardCharsets.UTF_8));
    Process bad = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    bad.getInputStream().readAllBytes();
    assertThat(bad.waitFor()).isNotZero();
  }

  @Test
  void issuePrintsTheKeyOnceListNeverShowsItAndRevokeMarksIt() throws Exception {
    CliTest.Run issued =
        warden(
            "keys",
            "issue",
            "--name",
            "ci-bot",
            "--kind",
            "service",
            "--scope",
            "chat",
            "--scope",
            "owner:assert",
            "--label",
            "team=payments");
    assertThat(issued.code()).as(issued.err()).isZero();
    String key = issued.out().strip();
    assertThat(dev.warden.api.ApiKeyFormat.wellFormed(key)).isTrue();
    assertThat(issued.err()).contains("ci-bot", "shown only now").doesNotContain(key);

    CliTest.Run list = warden("keys", "list");
    assertThat(list.out())
        .contains("api keys:", "ci-bot", dev.warden.api.ApiKeyFormat.idOf(key), "service")
        .contains("chat,owner:assert", "team=payments", "active")
        .doesNotContain(key);
    Path data = tmp.resolve("data");
    try (java.util.stream.Stream<Path> all = Files.walk(data)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(key);
      }
    }
    assertThat(Files.getPosixFilePermissions(data.resolve("api-keys")))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

    assertThat(warden("keys", "issue", "--name", "ci-bot").err())
        .contains("active key named 'ci-bot' exists");
    CliTest.Run revoked = warden("keys", "revoke", "ci-bot");
    assertThat(revoked.code()).isZero();
    assertThat(revoked.out()).contains("revoked API key 'ci-bot'");
    assertThat(warden("keys", "list").out()).contains("revoked 20");
    assertThat(warden("keys", "revoke", "ci-bot").code()).isNotZero();
    assertThat(dev.warden.vault.ApiKeyStore.open(data).verify(key).status())
        .isEqualTo(dev.warden.vault.ApiKeyStore.Status.REVOKED);
  }

  @Test
  void issueRefusesBadNamesKindsAndLabelsNamingTheOption() {
    assertThat(warden("keys", "issue", "--name", "../etc").err()).contains("--name");
    assertThat(warden("keys", "issue", "--name", "a", "--kind", "robot").err()).contains("--kind");
    assertThat(warden("keys", "issue", "--name", "a", "--label", "team").err()).contains("--label");
    assertThat(warden("keys", "issue", "--name", "a", "--scope", "bad scope").err())
        .contains("--scope");
  }
}
