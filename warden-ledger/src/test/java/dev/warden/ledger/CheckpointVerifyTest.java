package dev.warden.ledger;

import static dev.warden.ledger.Ledgers.KEY;
import static dev.warden.ledger.Ledgers.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.VerifyReport.Damage;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.TestSigners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The damage a signed checkpoint catches and the chains alone cannot: one test per kind. */
class CheckpointVerifyTest {
  @TempDir Path dir;
  private final TestSigners.KeySigner signer = TestSigners.ed25519();

  @BeforeEach
  void write12RecordsWithCheckpointsAt5And10And12() {
    write(dir, 12, TestOptions.defaults());
  }

  private void write(Path d, int records, FileLedger.Options base) {
    try (FileLedger ledger =
        FileLedger.open(
            d, KEY, base.withSigner(signer).withCheckpointEvery(5, Duration.ofHours(1)))) {
      for (int i = 1; i <= records; i++) {
        ledger.append(sample(i));
      }
    }
  }

  private VerifyReport verify(@Nullable MessageAuthenticator key, List<PublicKey> keys) {
    return LedgerVerifier.verify(
        dir,
        key,
        new LedgerVerifier.Options(keys, null, null, false, LedgerVerifier.Progress.NONE));
  }

  private VerifyReport verify() {
    return verify(KEY, List.of(signer.publicKey()));
  }

  private static void assertDamage(VerifyReport r, Damage damage) {
    assertThat(r.ok()).as(r.message()).isFalse();
    assertThat(r.damage()).as(r.message()).isEqualTo(damage);
  }

  @Test
  void anUndamagedLedgerVerifiesWithItsCheckpoints() {
    VerifyReport r = verify();
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.recordsChecked()).isEqualTo(12);
    assertThat(r.checkpointsChecked()).isEqualTo(3);
    assertThat(r.signaturesChecked()).isTrue();
    assertThat(r.message()).contains("3 checkpoints match").contains("signatures verified");

    VerifyReport unsigned = verify(null, List.of());
    assertThat(unsigned.ok()).isTrue();
    assertThat(unsigned.signaturesChecked()).isFalse();
    assertThat(unsigned.message()).contains("signatures NOT checked");
  }

  @Test
  void tailTruncationIsCaughtAgainstTheNewestCheckpoint() throws IOException {
    List<String> lines = Ledgers.lines(dir);
    Ledgers.store(dir, lines.subList(0, 10)); // a clean cut at a line boundary: the chains pass
    assertThat(LedgerVerifier.verify(dir, KEY, LedgerVerifier.Options.defaults()).damage())
        .isEqualTo(Damage.TRUNCATED);

    VerifyReport r = verify();
    assertDamage(r, Damage.TRUNCATED);
    assertThat(r.firstBadSeq()).isEqualTo(11);
    assertThat(r.recordsChecked()).isEqualTo(10);
    assertThat(r.message())
        .contains("checkpoint-0000000003.json signed 12")
        .contains("seqs 11 to 12");
  }

  @Test
  void tailTruncationIsCaughtAgainstExpectCountAndExpectHead() throws IOException {
    Path plain = dir.resolve("plain");
    Ledgers.write(plain, 10); // no signer: no checkpoints
    String head7 = Ledgers.hashOf(Ledgers.lines(plain).get(6));
    List<String> lines = Ledgers.lines(plain);
    Ledgers.store(plain, lines.subList(0, 8));

    VerifyReport cut =
        LedgerVerifier.verify(
            plain,
            KEY,
            new LedgerVerifier.Options(List.of(), 10L, null, false, LedgerVerifier.Progress.NONE));
    assertDamage(cut, Damage.TRUNCATED);
    assertThat(cut.firstBadSeq()).isEqualTo(9);

    VerifyReport good =
        LedgerVerifier.verify(
            plain,
            KEY,
            new LedgerVerifier.Options(List.of(), 7L, head7, false, LedgerVerifier.Progress.NONE));
    assertThat(good.ok()).as(good.message()).isTrue();

    VerifyReport wrongHead =
        LedgerVerifier.verify(
            plain,
            KEY,
            new LedgerVerifier.Options(
                List.of(), null, head7, false, LedgerVerifier.Progress.NONE));
    assertDamage(wrongHead, Damage.CHECKPOINT_MISMATCH);
    assertThat(wrongHead.message()).contains("record seq 8").contains("expected head " + head7);
  }

  @Test
  void recordsRewrittenWithTheHmacKeyDoNotMatchTheCheckpoint() throws IOException {
    // The key holder's attack: edit seq 7 and recompute both chains. Only the signature stops it.
    List<String> lines = Ledgers.lines(dir);
    ObjectNode o = Ledgers.node(lines.get(6));
    o.put("outcome", "forwarded");
    lines.set(6, Jcs.canonicalize(o));
    Ledgers.rechain(lines, 6, KEY);
    Ledgers.store(dir, lines);
    assertThat(LedgerVerifier.verify(dir, KEY).damage())
        .as("caught even without the public key: the unsigned checkpoint no longer matches")
        .isEqualTo(Damage.CHECKPOINT_MISMATCH);

    VerifyReport r = verify();
    assertDamage(r, Damage.CHECKPOINT_MISMATCH);
    assertThat(r.message()).contains("checkpoint-0000000002.json").contains("records after seq 5");
  }

  @Test
  void aForgedCheckpointSignatureIsCaught() throws IOException {
    // The key holder also re-signs the checkpoints, but with a key the auditor does not trust.
    List<String> lines = Ledgers.lines(dir);
    ObjectNode o = Ledgers.node(lines.get(6));
    o.put("outcome", "forwarded");
    lines.set(6, Jcs.canonicalize(o));
    Ledgers.rechain(lines, 6, KEY);
    Ledgers.store(dir, lines);
    TestSigners.KeySigner attacker = TestSigners.ed25519();
    resign(attacker);
    assertThat(verify(KEY, List.of(attacker.publicKey())).ok())
        .as("self-consistent forgery")
        .isTrue();

    VerifyReport r = verify();
    assertDamage(r, Damage.CHECKPOINT_FORGED);
    assertThat(r.firstBadSegment()).isEqualTo("checkpoint-0000000001.json");
    assertThat(r.message()).contains("no signature by a trusted key");
  }

  @Test
  void aFlippedSignatureBitIsAForgery() throws IOException {
    Path cp = Checkpointer.list(dir).get(1);
    String env = Files.readString(cp).strip();
    ObjectNode e = Ledgers.node(env);
    ObjectNode sig = (ObjectNode) e.get("signatures").get(0);
    byte[] raw = java.util.Base64.getDecoder().decode(sig.get("sig").stringValue());
    raw[10] ^= 1;
    sig.put("sig", java.util.Base64.getEncoder().encodeToString(raw));
    Files.writeString(cp, Jcs.canonicalize(e) + "\n");

    VerifyReport r = verify();
    assertDamage(r, Damage.CHECKPOINT_FORGED);
    assertThat(r.message()).contains("checkpoint-0000000002.json").contains("does not verify");
  }

  @Test
  void aMalformedCheckpointIsReported() throws IOException {
    Files.writeString(Checkpointer.list(dir).get(2), "{\"payload\":\"not base64!\"}\n");
    VerifyReport r = verify();
    assertDamage(r, Damage.CHECKPOINT_MALFORMED);
    assertThat(r.message()).contains("checkpoint-0000000003.json is malformed");
  }

  @Test
  void aDeletedMiddleCheckpointIsCaught() throws IOException {
    Files.delete(Checkpointer.list(dir).get(1));
    VerifyReport r = verify();
    assertDamage(r, Damage.CHECKPOINT_MISMATCH);
    assertThat(r.message()).contains("checkpoint-0000000002.json is missing");
  }

  @Test
  void aSegmentWhoseBytesDifferFromTheSignedDigestIsReplaced() throws IOException {
    // The MAC field is outside the SHA-256 chain: an auditor without the HMAC key sees intact
    // chains and roots, but the signed segment digest still differs.
    List<String> lines = Ledgers.lines(dir);
    ObjectNode o = Ledgers.node(lines.get(2));
    o.put("mac", "ab".repeat(32));
    lines.set(2, Jcs.canonicalize(o));
    Ledgers.store(dir, lines);

    VerifyReport r = verify(null, List.of(signer.publicKey()));
    assertDamage(r, Damage.SEGMENT_REPLACED);
    assertThat(r.firstBadSegment()).isEqualTo("ledger-000001.jsonl");
    assertThat(r.message())
        .contains("differs from the bytes checkpoint checkpoint-0000000001.json signed");
  }

  @Test
  void aMissingSegmentIsNamed() throws IOException {
    Path rotated = dir.resolve("rotated");
    write(rotated, 60, TestOptions.defaults().withSegmentLimits(4096, Duration.ofDays(1)));
    List<Path> segments = Segments.list(rotated);
    assertThat(segments.size()).isGreaterThan(2);
    Files.delete(segments.get(1));

    VerifyReport r =
        LedgerVerifier.verify(
            rotated,
            KEY,
            new LedgerVerifier.Options(
                List.of(signer.publicKey()), null, null, false, LedgerVerifier.Progress.NONE));
    assertDamage(r, Damage.SEGMENT_MISSING);
    assertThat(r.firstBadSegment()).isEqualTo("ledger-000002.jsonl");
    assertThat(r.message()).contains("segment ledger-000002.jsonl is missing");
  }

  @Test
  void aReplacedSegmentFromAnotherLedgerIsCaught() throws IOException {
    // Two ledgers under different keys, same shape: swap one segment for the other's.
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    write(a, 60, TestOptions.defaults().withSegmentLimits(4096, Duration.ofDays(1)));
    write(b, 60, TestOptions.defaults().withSegmentLimits(4096, Duration.ofDays(1)));
    Files.copy(
        Segments.name(b, 2),
        Segments.name(a, 2),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    VerifyReport r =
        LedgerVerifier.verify(
            a,
            null,
            new LedgerVerifier.Options(
                List.of(signer.publicKey()), null, null, false, LedgerVerifier.Progress.NONE));
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBadSegment()).isEqualTo("ledger-000002.jsonl");
  }

  @Test
  void fromCheckpointVerifiesOnlyTheRecordsAfterTheNewestCheckpoint() throws IOException {
    write(dir, 3, TestOptions.defaults().withCheckpointEvery(1000, Duration.ofHours(1)));
    // 12 + 3 records; the newest checkpoint covers all 15 (written at close).
    LedgerVerifier.Options from =
        new LedgerVerifier.Options(
            List.of(signer.publicKey()), null, null, true, LedgerVerifier.Progress.NONE);
    VerifyReport r = LedgerVerifier.verify(dir, KEY, from);
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.recordsChecked()).isEqualTo(15);
    assertThat(r.message())
        .contains("the first 15 trusted by the signature of checkpoint-0000000004.json");

    // Records appended after it (without a signer) are verified by the chain...
    try (FileLedger ledger = FileLedger.open(dir, KEY, TestOptions.defaults())) {
      ledger.append(sample(16));
      ledger.append(sample(17));
    }
    assertThat(LedgerVerifier.verify(dir, KEY, from).recordsChecked()).isEqualTo(17);
    List<String> lines = Ledgers.lines(dir);
    String original = lines.get(16);
    ObjectNode o = Ledgers.node(original);
    o.put("outcome", "blocked");
    lines.set(16, Jcs.canonicalize(o));
    Ledgers.store(dir, lines);
    VerifyReport after = LedgerVerifier.verify(dir, KEY, from);
    assertDamage(after, Damage.MODIFIED);
    assertThat(after.firstBadSeq()).isEqualTo(17);
    assertThat(after.firstBadLine()).isEqualTo(17);

    // ...and the signed prefix by its digest.
    lines.set(16, original);
    o = Ledgers.node(lines.get(3));
    o.put("outcome", "blocked");
    lines.set(3, Jcs.canonicalize(o));
    Ledgers.store(dir, lines);
    assertDamage(LedgerVerifier.verify(dir, KEY, from), Damage.SEGMENT_REPLACED);
  }

  @Test
  void fromCheckpointNeedsAPublicKey() {
    assertThatThrownBy(() ->
            new LedgerVerifier.Options(List.of(), null, null, true, LedgerVerifier.Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public key");
  }

  @Test
  void progressIsReportedUpToTheTotal() {
    List<long[]> calls = new ArrayList<>();
    LedgerVerifier.verify(
        dir,
        KEY,
        new LedgerVerifier.Options(
            List.of(), null, null, false, (done, total) -> calls.add(new long[] {done, total})));
    assertThat(calls).isNotEmpty();
    long[] last = calls.getLast();
    assertThat(last[0]).isEqualTo(last[1]).isPositive();
  }

  /** Rewrites every checkpoint to match the current records, signed by {@code who}. */
  private void resign(TestSigners.KeySigner who) throws IOException {
    for (Path f : Checkpointer.list(dir)) {
      Files.delete(f);
    }
    // Replaying the ledger through a writer is the simplest faithful re-signer.
    Path copy = dir.resolveSibling(dir.getFileName() + "-resign");
    Files.createDirectories(copy);
    List<String> lines = Ledgers.lines(dir);
    try (FileLedger ledger =
        FileLedger.open(
            copy,
            KEY,
            TestOptions.defaults().withSigner(who).withCheckpointEvery(5, Duration.ofHours(1)))) {
      for (int i = 0; i < lines.size(); i++) {
        ledger.append(sample(i + 1));
      }
    }
    // Same shape, other content: copy the forger's consistent ledger and checkpoints over.
    Files.copy(
        Segments.name(copy, 1),
        Segments.name(dir, 1),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    for (Path f : Checkpointer.list(copy)) {
      Files.copy(f, dir.resolve("checkpoints").resolve(f.getFileName()));
    }
    assertThat(Files.readString(Checkpointer.list(dir).getFirst(), StandardCharsets.UTF_8))
        .contains(Dsse.IN_TOTO_PAYLOAD_TYPE);
  }
}
