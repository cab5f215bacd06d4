package dev.warden.ledger;

import static dev.warden.ledger.Ledgers.KEY;
import static dev.warden.ledger.Ledgers.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.dsse.TestSigners;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InclusionProofsTest {
  @TempDir Path dir;

  private List<PublicKey> write(TestSigners.KeySigner signer, int records) {
    try (FileLedger ledger =
        FileLedger.open(
            dir,
            KEY,
            TestOptions.defaults()
                .withSigner(signer)
                .withCheckpointEvery(4, Duration.ofHours(1))
                .withSegmentLimits(4096, Duration.ofDays(1)))) {
      for (int i = 1; i <= records; i++) {
        ledger.append(sample(i));
      }
    }
    return List.of(signer.publicKey());
  }

  @Test
  void everyRecordProvesAgainstTheNewestCheckpointWithOnlyThePublicKey() throws Exception {
    List<PublicKey> keys = write(TestSigners.p256(), 23); // several segments and checkpoints
    List<String> lines = new java.util.ArrayList<>();
    for (Path s : Segments.list(dir)) {
      lines.addAll(java.nio.file.Files.readAllLines(s));
    }
    for (long seq = 1; seq <= 23; seq++) {
      String proof = InclusionProofs.prove(dir, seq);
      InclusionProofs.Verified v = InclusionProofs.verify(proof, keys);
      assertThat(v.seq()).isEqualTo(seq);
      assertThat(v.treeSize()).isEqualTo(23);
      assertThat(v.checkpoint()).isEqualTo(Checkpointer.list(dir).size());
      assertThat(Ledgers.hashOf(v.record())).isEqualTo(Ledgers.hashOf(lines.get((int) seq - 1)));
      assertThat(v.record()).doesNotContain("\"mac\"");
    }
  }

  @Test
  void aFlippedBitAnywhereInTheProofFails() throws Exception {
    List<PublicKey> keys = write(TestSigners.ed25519(), 13);
    String proof = InclusionProofs.prove(dir, 6);
    InclusionProofs.verify(proof, keys);
    for (int i = 0; i < proof.length(); i++) {
      for (int bit : new int[] {0, 2}) {
        char[] c = proof.toCharArray();
        c[i] = (char) (c[i] ^ (1 << bit));
        String tampered = new String(c);
        int at = i;
        assertThatThrownBy(() -> InclusionProofs.verify(tampered, keys))
            .as(
                "bit %d of char %d: %s",
                bit, at, proof.substring(Math.max(0, at - 20), Math.min(proof.length(), at + 20)))
            .isInstanceOf(InvalidEnvelopeException.class);
      }
    }
  }

  @Test
  void theWrongKeyFails() throws Exception {
    write(TestSigners.ed25519(), 5);
    String proof = InclusionProofs.prove(dir, 2);
    assertThatThrownBy(
            () -> InclusionProofs.verify(proof, List.of(TestSigners.ed25519().publicKey())))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("no signature by a trusted key");
  }

  @Test
  void proveRefusesWhatTheCheckpointDoesNotCover() {
    write(TestSigners.ed25519(), 5);
    assertThatThrownBy(() -> InclusionProofs.prove(dir, 6))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("not covered by the newest checkpoint");
    assertThatThrownBy(() -> InclusionProofs.prove(dir.resolve("none"), 1))
        .isInstanceOf(LedgerException.class);
  }

  @Test
  void proveRefusesALedgerThatNoLongerMatches() throws Exception {
    write(TestSigners.ed25519(), 3);
    List<String> lines = Ledgers.lines(dir);
    tools.jackson.databind.node.ObjectNode o = Ledgers.node(lines.get(1));
    o.put("outcome", "blocked");
    lines.set(1, Jcs.canonicalize(o));
    Ledgers.rechain(lines, 1, KEY);
    Ledgers.store(dir, lines);
    assertThatThrownBy(() -> InclusionProofs.prove(dir, 1))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("do not match checkpoint");
  }
}
