package dev.warden.ledger.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.FileLedger;
import dev.warden.ledger.TestOptions;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.TestSigners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints written by a real ledger are timestamped by a real openssl TSA. */
class CheckpointAnchorTest {
  @TempDir static Path tsaDir;
  @TempDir Path tmp;
  static OpensslTsa tsa;

  @BeforeAll
  static void startTsa() throws Exception {
    tsa = new OpensslTsa(tsaDir);
  }

  @AfterAll
  static void stopTsa() {
    tsa.close();
  }

  private static MessageAuthenticator mac() {
    return data -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        return m.doFinal(data);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static LedgerRecord record(int i) {
    return new LedgerRecord(
        "request",
        "wd-" + i,
        "/v1/chat/completions",
        null,
        "enforce",
        "forwarded",
        0,
        null,
        List.of());
  }

  @Test
  void everyCheckpointGetsAVerifiedTokenOverItsStatementDigest() throws Exception {
    TimestampClient client =
        TimestampClient.create(tsa.url(), tsa.trustedRoot(), Duration.ofSeconds(10));
    Path dir = tmp.resolve("ledger");
    try (CheckpointAnchor anchor = new CheckpointAnchor(client, Duration.ofSeconds(30))) {
      try (FileLedger ledger =
          FileLedger.open(
              dir,
              mac(),
              TestOptions.defaults()
                  .withSigner(TestSigners.ed25519())
                  .withCheckpointEvery(3, Duration.ofHours(1))
                  .withCheckpointListener(anchor))) {
        for (int i = 0; i < 7; i++) {
          ledger.append(record(i));
        }
      }
    }
    List<Path> checkpoints;
    try (Stream<Path> files = Files.list(dir.resolve("checkpoints"))) {
      checkpoints = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(checkpoints).hasSizeGreaterThanOrEqualTo(3);
    List<X509Certificate> anchors = TimestampVerifier.loadTrustAnchors(tsa.trustedRoot());
    for (Path cp : checkpoints) {
      // The public digest: anyone can recompute it from the envelope on disk.
      byte[] statement = Dsse.parse(Files.readString(cp)).payload();
      String digest =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(statement));
      VerifiedTimestamp ts = CheckpointAnchor.verifyStored(cp, digest, anchors);
      assertThat(ts.tsa()).contains("Warden test tsa");
      assertThat(Files.getPosixFilePermissions(CheckpointAnchor.tokenFile(cp)))
          .hasSize(2); // owner read + write
      assertThatThrownBy(() -> CheckpointAnchor.verifyStored(cp, "00".repeat(32), anchors))
          .hasMessageContaining("message imprint does not match");
    }
  }

  @Test
  void aTsaFailureLeavesTheCheckpointWithoutATokenAndTheLedgerWorking() throws Exception {
    CheckpointTimestamper failing =
        d -> {
          throw new TimestampException("TSA down for the test");
        };
    Path dir = tmp.resolve("ledger");
    try (CheckpointAnchor anchor = new CheckpointAnchor(failing, Duration.ofSeconds(5));
        FileLedger ledger =
            FileLedger.open(
                dir,
                mac(),
                TestOptions.defaults()
                    .withSigner(TestSigners.p256())
                    .withCheckpointEvery(2, Duration.ofHours(1))
                    .withCheckpointListener(anchor))) {
      for (int i = 0; i < 4; i++) {
        assertThat(ledger.append(record(i)).seq()).isEqualTo(i + 1);
      }
    }
    try (Stream<Path> files = Files.list(dir.resolve("checkpoints"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertThat(names).anyMatch(n -> n.endsWith(".json"));
      assertThat(names).noneMatch(n -> n.endsWith(".tsr"));
    }
  }
}
