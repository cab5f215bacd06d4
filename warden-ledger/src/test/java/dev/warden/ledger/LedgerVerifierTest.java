package dev.warden.ledger;

import static dev.warden.ledger.Ledgers.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.VerifyReport.Damage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The tampering table: each attack is caught, classified, and the first bad record named. */
class LedgerVerifierTest {
  @TempDir Path dir;

  private List<String> ledgerOf(int records) throws IOException {
    Ledgers.write(dir, records);
    return Ledgers.lines(dir);
  }

  private VerifyReport verify(List<String> lines, @Nullable MessageAuthenticator key)
      throws IOException {
    Ledgers.store(dir, lines);
    return LedgerVerifier.verify(dir, key);
  }

  private static void assertDamage(VerifyReport r, Damage damage, long seq, long line) {
    assertThat(r.ok()).as(r.message()).isFalse();
    assertThat(r.damage()).as(r.message()).isEqualTo(damage);
    assertThat(r.firstBadSeq()).as(r.message()).isEqualTo(seq);
    assertThat(r.firstBadLine()).as(r.message()).isEqualTo(line);
    assertThat(r.firstBadSegment()).isEqualTo("ledger-000001.jsonl");
    assertThat(r.message()).contains("line " + line);
  }

  private static String edit(String line, String field, String value) {
    ObjectNode o = Ledgers.node(line);
    o.put(field, value);
    return Jcs.canonicalize(o);
  }

  @Test
  void emptyLedgerVerifies() throws IOException {
    Files.createDirectories(dir);
    VerifyReport report = LedgerVerifier.verify(dir, KEY);
    assertThat(report.ok()).isTrue();
    assertThat(report.recordsChecked()).isZero();
    assertThat(report.headHash()).isEqualTo("0".repeat(64));

    FileLedger.open(dir, KEY, TestOptions.defaults()).close(); // creates an empty segment
    assertThat(LedgerVerifier.verify(dir, KEY).ok()).isTrue();
  }

  @Test
  void missingDirectoryIsAnErrorNotAnEmptyLedger() {
    assertThatThrownBy(() -> LedgerVerifier.verify(dir.resolve("nope"), KEY))
        .isInstanceOf(LedgerException.class);
  }

  @Test
  void modifiedMiddleRecordIsCaughtWithOrWithoutKey() throws IOException {
    List<String> lines = ledgerOf(10);
    lines.set(6, edit(lines.get(6), "outcome", "forwarded"));
    VerifyReport keyed = verify(lines, KEY);
    assertDamage(keyed, Damage.MODIFIED, 7, 7);
    assertThat(keyed.message())
        .isEqualTo(
            "record at ledger-000001.jsonl line 7 (seq 7): modified — its hash does not match its"
                + " contents");
    assertThat(keyed.recordsChecked()).isEqualTo(6);
    assertThat(keyed.headHash()).isEqualTo(Ledgers.hashOf(lines.get(5)));
    assertDamage(LedgerVerifier.verify(dir, null), Damage.MODIFIED, 7, 7);
  }

  @Test
  void modifiedRecordWithRecomputedShaChainIsCaughtByTheMac() throws IOException {
    List<String> lines = ledgerOf(10);
    lines.set(6, edit(lines.get(6), "outcome", "forwarded"));
    Ledgers.rechain(lines, 6, null);
    assertDamage(verify(lines, KEY), Damage.MODIFIED, 7, 7);
    // Without the key, a full rechain is invisible: that is what signed checkpoints are for.
    VerifyReport unkeyed = LedgerVerifier.verify(dir, null);
    assertThat(unkeyed.ok()).isTrue();
    assertThat(unkeyed.macChecked()).isFalse();
  }

  @Test
  void modifiedRecordWithOnlyItsOwnHashRecomputedIsNamedWithoutKey() throws IOException {
    List<String> lines = ledgerOf(10);
    lines.set(6, edit(lines.get(6), "outcome", "forwarded"));
    String next = lines.get(7);
    Ledgers.rechain(lines, 6, null);
    lines.set(7, next); // the attacker stopped after fixing record 7's own hash
    VerifyReport unkeyed = verify(lines, null);
    assertDamage(unkeyed, Damage.MODIFIED, 7, 7);
    assertThat(unkeyed.recordsChecked()).isEqualTo(6);
    assertDamage(LedgerVerifier.verify(dir, KEY), Damage.MODIFIED, 7, 7);
  }

  @Test
  void deletedMiddleRecord() throws IOException {
    List<String> lines = ledgerOf(10);
    lines.remove(6);
    VerifyReport report = verify(lines, KEY);
    assertDamage(report, Damage.DELETED, 7, 7);
    assertThat(report.message()).contains("seq 7 is missing");
    assertDamage(LedgerVerifier.verify(dir, null), Damage.DELETED, 7, 7);
  }

  @Test
  void deletedFirstRecord() throws IOException {
    List<String> lines = ledgerOf(5);
    lines.removeFirst();
    assertDamage(verify(lines, KEY), Damage.DELETED, 1, 1);
    assertDamage(LedgerVerifier.verify(dir, null), Damage.DELETED, 1, 1);
  }

  @Test
  void deletedTailRecordsAreOnlyVisibleAgainstACheckpoint() throws IOException {
    List<String> lines = ledgerOf(5);
    lines.removeLast();
    VerifyReport report = verify(lines, KEY);
    assertThat(report.ok()).isTrue();
    assertThat(report.headHash()).isEqualTo(Ledgers.hashOf(lines.getLast()));
  }

  @Test
  void swappedAdjacentRecords() throws IOException {
    List<String> lines = ledgerOf(10);
    Collections.swap(lines, 5, 6);
    VerifyReport report = verify(lines, KEY);
    assertDamage(report, Damage.REORDERED, 7, 6);
    assertThat(report.message()).contains("seq 6 belongs here");
    assertDamage(LedgerVerifier.verify(dir, null), Damage.REORDERED, 7, 6);
  }

  @Test
  void forgedRecordWithFittingSeqIsInsertedWithKey() throws IOException {
    List<String> lines = ledgerOf(10);
    lines.add(5, Ledgers.forge(6, Ledgers.hashOf(lines.get(4))));
    VerifyReport keyed = verify(lines, KEY);
    assertDamage(keyed, Damage.INSERTED, 6, 6);
    assertThat(keyed.recordsChecked()).isEqualTo(5);
    // Without the key the forgery links fine; the genuine seq 6 after it is the visible break.
    VerifyReport unkeyed = LedgerVerifier.verify(dir, null);
    assertDamage(unkeyed, Damage.INSERTED, 6, 7);
    assertThat(unkeyed.message()).contains("verify with the key");
  }

  @Test
  void forgedRecordWithFreshSeqInTheMiddleIsInserted() throws IOException {
    List<String> lines = ledgerOf(10);
    lines.add(5, Ledgers.forge(11, Ledgers.hashOf(lines.get(4))));
    assertDamage(verify(lines, KEY), Damage.INSERTED, 11, 6);
    assertDamage(LedgerVerifier.verify(dir, null), Damage.INSERTED, 11, 6);
  }

  @Test
  void forgedRecordAppendedAtTheEndIsInsertedWithKey() throws IOException {
    List<String> lines = ledgerOf(10);
    lines.add(Ledgers.forge(11, Ledgers.hashOf(lines.getLast())));
    VerifyReport report = verify(lines, KEY);
    assertDamage(report, Damage.INSERTED, 11, 11);
    assertThat(report.recordsChecked()).isEqualTo(10);
  }

  @Test
  void replayedRecordIsInserted() throws IOException {
    List<String> lines = ledgerOf(10);
    lines.add(5, lines.get(2));
    assertDamage(verify(lines, KEY), Damage.INSERTED, 3, 6);
    assertDamage(LedgerVerifier.verify(dir, null), Damage.INSERTED, 3, 6);
  }

  @Test
  void garbageLineIsMalformed() throws IOException {
    List<String> lines = ledgerOf(5);
    lines.add(2, "{\"not\":\"a record\"}");
    VerifyReport report = verify(lines, KEY);
    assertDamage(report, Damage.MALFORMED, 3, 3);
    assertThat(report.message()).contains("malformed");
  }

  @Test
  void nonCanonicalButOtherwiseIntactLineIsMalformed() throws IOException {
    List<String> lines = ledgerOf(3);
    lines.set(1, lines.get(1).replace(",", ", "));
    assertDamage(verify(lines, KEY), Damage.MALFORMED, 2, 2);
  }

  @Test
  void missingTrailingNewlineIsATruncatedLine() throws IOException {
    List<String> lines = ledgerOf(3);
    Files.writeString(Ledgers.segment(dir), String.join("\n", lines));
    assertDamage(LedgerVerifier.verify(dir, KEY), Damage.TRUNCATED_LINE, 3, 3);
  }

  @Test
  void wrongKeyFailsOnTheFirstRecord() throws IOException {
    ledgerOf(3);
    VerifyReport report = LedgerVerifier.verify(dir, new TestMac("other"));
    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadLine()).isEqualTo(1);
    assertThat(report.message()).contains("not the ledger's key");
  }
}
