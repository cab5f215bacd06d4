package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import dev.warden.api.Signer;
import dev.warden.ledger.FileLedger;
import dev.warden.ledger.dsse.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden ledger verify | prove | verify-proof} on a signed ledger, as an auditor runs them.
 */
class LedgerCliTest {
  @TempDir Path tmp;
  private Path ledger;
  private Path publicKey;

  /** Ed25519 over a fresh JDK key pair; production keys come from warden-vault. */
  record JdkSigner(KeyPair pair) implements Signer {
    static JdkSigner create() throws GeneralSecurityException {
      return new JdkSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    }

    @Override
    public String keyId() {
      return PublicKeys.keyId(pair.getPublic());
    }

    @Override
    public String algorithm() {
      return PublicKeys.ED25519;
    }

    @Override
    public byte[] publicKeyDer() {
      return pair.getPublic().getEncoded();
    }

    @Override
    public byte[] sign(byte[] message) {
      try {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(message);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static final MessageAuthenticator MAC =
      data -> {
        try {
          Mac m = Mac.getInstance("HmacSHA256");
          m.init(
              new SecretKeySpec(
                  "cli-test-ledger-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
          return m.doFinal(data);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      };

  @BeforeEach
  void writeASignedLedger() throws Exception {
    ledger = tmp.resolve("ledger");
    JdkSigner signer = JdkSigner.create();
    try (FileLedger l =
        FileLedger.open(
            ledger,
            MAC,
            FileLedger.Options.defaults()
                .withSigner(signer)
                .withCheckpointEvery(4, Duration.ofHours(1)))) {
      for (int i = 1; i <= 10; i++) {
        l.append(
            new LedgerRecord(
                "request",
                "c-" + i,
                "/v1/chat/completions",
                null,
                "enforce",
                "forwarded",
                200,
                null,
                List.of()));
      }
    }
    publicKey =
        Files.writeString(tmp.resolve("signing.pub"), PublicKeys.toPem(signer.publicKeyDer()));
  }

  @Test
  void verifyChecksTheSignedCheckpointsWithThePublicKey() throws Exception {
    CliTest.Run ok =
        CliTest.run(
            "ledger",
            "verify",
            ledger.toString(),
            "--no-key",
            "--public-key",
            publicKey.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out())
        .contains("ledger OK: 10 records", "checkpoints match", "signatures verified");

    CliTest.Run from =
        CliTest.run(
            "ledger",
            "verify",
            ledger.toString(),
            "--no-key",
            "--public-key",
            publicKey.toString(),
            "--from-checkpoint");
    assertThat(from.code()).as(from.out() + from.err()).isZero();
    assertThat(from.out()).contains("trusted by the signature of checkpoint-0000000003.json");

    Path other =
        Files.writeString(
            tmp.resolve("other.pub"), PublicKeys.toPem(JdkSigner.create().publicKeyDer()));
    CliTest.Run forged =
        CliTest.run(
            "ledger", "verify", ledger.toString(), "--no-key", "--public-key", other.toString());
    assertThat(forged.code()).isEqualTo(1);
    assertThat(forged.out()).contains("DAMAGED", "CHECKPOINT_FORGED");
  }

  @Test
  void verifyNamesTruncationAgainstExpectCount() {
    CliTest.Run r =
        CliTest.run("ledger", "verify", ledger.toString(), "--no-key", "--expect-count", "11");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("TRUNCATED", "first bad seq 11");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    assertThat(
            CliTest.run("ledger", "verify", ledger.toString(), "--no-key", "--from-checkpoint")
                .code())
        .isEqualTo(2);
    Path junk = Files.writeString(tmp.resolve("junk.pub"), "not a key");
    CliTest.Run bad =
        CliTest.run(
            "ledger", "verify", ledger.toString(), "--no-key", "--public-key", junk.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("junk.pub");
    assertThat(
            CliTest.run("ledger", "verify", ledger.toString(), "--no-key", "--expect-head", "xyz")
                .code())
        .isEqualTo(2);
    assertThat(CliTest.run("ledger", "prove", "99", ledger.toString()).code()).isEqualTo(2);
  }

  @Test
  void proveThenVerifyProofWithOnlyThePublicKey() throws Exception {
    CliTest.Run prove = CliTest.run("ledger", "prove", "7", ledger.toString());
    assertThat(prove.code()).as(prove.err()).isZero();
    Path proof = Files.writeString(tmp.resolve("seq7.proof.json"), prove.out());

    CliTest.Run ok =
        CliTest.run(
            "ledger", "verify-proof", proof.toString(), "--public-key", publicKey.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("proof OK: record seq 7 is in the ledger of 10 records");

    String tampered = prove.out().replace("\\\"c-7\\\"", "\\\"c-8\\\"");
    assertThat(tampered).isNotEqualTo(prove.out());
    Path bad = Files.writeString(tmp.resolve("bad.proof.json"), tampered);
    CliTest.Run invalid =
        CliTest.run("ledger", "verify-proof", bad.toString(), "--public-key", publicKey.toString());
    assertThat(invalid.code()).isEqualTo(1);
    assertThat(invalid.out()).contains("proof INVALID", "does not match its own hash");

    Path other =
        Files.writeString(
            tmp.resolve("other.pub"), PublicKeys.toPem(JdkSigner.create().publicKeyDer()));
    assertThat(
            CliTest.run(
                    "ledger", "verify-proof", proof.toString(), "--public-key", other.toString())
                .code())
        .isEqualTo(1);
    assertThat(CliTest.run("ledger", "verify-proof", proof.toString()).code()).isEqualTo(2);
  }

  @Test
  void progressBarRendersAndStaysSilentWhenNotInteractive() {
    assertThat(ProgressBar.render(21L << 20, 42L << 20))
        .isEqualTo("verifying [###############...............]  50% of 42 MiB");
    java.io.StringWriter err = new java.io.StringWriter();
    ProgressBar off = new ProgressBar(new java.io.PrintWriter(err), false);
    off.update(1L << 30, 2L << 30);
    off.done();
    assertThat(err.toString()).isEmpty();
    ProgressBar on = new ProgressBar(new java.io.PrintWriter(err), true);
    on.update(1L << 30, 2L << 30);
    on.done();
    assertThat(err.toString()).contains("50% of 2048 MiB").endsWith(System.lineSeparator());
  }
}
