package dev.warden.ledger;

import static dev.warden.ledger.Ledgers.KEY;
import static dev.warden.ledger.Ledgers.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.ledger.VerifyReport.Damage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active segment's NUL padding (zero-filled space the FSYNC writer keeps ahead of its records):
 * it reads exactly like the end of the file — for the verifier and for recovery — and never hides a
 * record that was there.
 */
class SegmentPaddingTest {
  @TempDir Path dir;

  private static final byte[] PADDING = new byte[64 * 1024];

  private Path segment() {
    return Ledgers.segment(dir);
  }

  private void pad(Path file) throws IOException {
    Files.write(file, PADDING, StandardOpenOption.APPEND);
  }

  private static VerifyReport verifyExpecting(Path dir, long count) {
    return LedgerVerifier.verify(
        dir,
        KEY,
        new LedgerVerifier.Options(List.of(), count, null, false, LedgerVerifier.Progress.NONE));
  }

  @Test
  void anOpenFsyncLedgerKeepsZerosAheadOfItsRecordsAndCloseCutsThem() throws IOException {
    try (FileLedger ledger = FileLedger.open(dir, KEY, TestOptions.defaults())) {
      for (int i = 1; i <= 3; i++) {
        ledger.append(sample(i));
      }
      // The padder writes and forces the zeros off the appenders' path: wait for it, bounded.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (Files.size(segment()) < SegmentPadding.PREALLOCATE / 2
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      byte[] bytes = Files.readAllBytes(segment());
      long dataEnd = Segments.dataEnd(segment());
      assertThat(bytes.length).isGreaterThan((int) dataEnd);
      assertThat(bytes[(int) dataEnd - 1]).isEqualTo((byte) '\n');
      assertThat(Arrays.copyOfRange(bytes, (int) dataEnd, bytes.length))
          .containsOnly((byte) 0)
          .hasSizeGreaterThanOrEqualTo(SegmentPadding.PREALLOCATE / 2);
      VerifyReport live = LedgerVerifier.verify(dir, KEY);
      assertThat(live.ok()).as(live.message()).isTrue();
      assertThat(live.recordsChecked()).isEqualTo(3);
    }
    byte[] closed = Files.readAllBytes(segment());
    assertThat(closed[closed.length - 1]).isEqualTo((byte) '\n');
    assertThat(Segments.dataEnd(segment())).isEqualTo(closed.length);
    assertThat(Ledgers.lines(dir)).hasSize(3);
  }

  @Test
  void paddingLeftByACrashReadsAsTheEndOfTheFile() throws IOException {
    Ledgers.write(dir, 5);
    String head = Ledgers.hashOf(Ledgers.lines(dir).getLast());
    long records = Files.size(segment());
    pad(segment());

    VerifyReport report = LedgerVerifier.verify(dir, KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(5);
    assertThat(report.headHash()).isEqualTo(head);

    try (FileLedger ledger = FileLedger.open(dir, KEY, TestOptions.defaults())) {
      assertThat(ledger.recoveredTornBytes()).isZero(); // padding is not damage: no recovery record
      assertThat(Files.size(segment())).isEqualTo(records);
      assertThat(ledger.append(sample(6)).seq()).isEqualTo(6);
    }
    assertThat(Ledgers.node(Ledgers.lines(dir).getLast()).get("event").stringValue())
        .isEqualTo("request");
    assertThat(LedgerVerifier.verify(dir, KEY).recordsChecked()).isEqualTo(6);
  }

  @Test
  void aTornLineBeforeThePaddingIsCutLikeATornLastLine() throws IOException {
    Ledgers.write(dir, 5);
    byte[] partial =
        "{\"correlationId\":\"corr-6\",\"errorType\":null,\"ev".getBytes(StandardCharsets.UTF_8);
    Files.write(segment(), partial, StandardOpenOption.APPEND);
    pad(segment());
    VerifyReport torn = LedgerVerifier.verify(dir, KEY);
    assertThat(torn.damage()).as(torn.message()).isEqualTo(Damage.TRUNCATED_LINE);
    assertThat(torn.firstBadLine()).isEqualTo(6);

    try (FileLedger ledger = FileLedger.open(dir, KEY, TestOptions.defaults())) {
      assertThat(ledger.recoveredTornBytes()).isEqualTo(partial.length);
    }
    List<String> lines = Ledgers.lines(dir);
    assertThat(lines).hasSize(6);
    assertThat(Ledgers.node(lines.getLast()).get("event").stringValue()).isEqualTo("recovery");
    assertThat(LedgerVerifier.verify(dir, KEY).ok()).isTrue();
  }

  @Test
  void zerosInPlaceOfAMiddleRecordAreDamageNotTheEnd() throws IOException {
    Ledgers.write(dir, 10);
    List<String> lines = Ledgers.lines(dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      byte[] line = (lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8);
      out.writeBytes(i == 6 ? new byte[line.length] : line);
    }
    Files.write(segment(), out.toByteArray());

    VerifyReport report = LedgerVerifier.verify(dir, KEY);
    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadSeq()).as(report.message()).isEqualTo(7);
    assertThat(report.recordsChecked()).isEqualTo(6);
    assertThatThrownBy(() -> FileLedger.open(dir, KEY, TestOptions.defaults()))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("refusing to append");
    assertThat(Files.size(segment())).isEqualTo(out.size()); // the refused open changed nothing
  }

  @Test
  void aDeletedRecordCannotBeHiddenByPaddingItsLengthBackOnTheEnd() throws IOException {
    Ledgers.write(dir, 10);
    List<String> lines = Ledgers.lines(dir);
    String deleted = lines.remove(6);
    Ledgers.store(dir, lines);
    Files.write(
        segment(),
        new byte[deleted.getBytes(StandardCharsets.UTF_8).length + 1],
        StandardOpenOption.APPEND);

    VerifyReport report = LedgerVerifier.verify(dir, KEY);
    assertThat(report.damage()).as(report.message()).isEqualTo(Damage.DELETED);
    assertThat(report.firstBadSeq()).isEqualTo(7);
  }

  @Test
  void zeroedTailRecordsAreATruncationAgainstTheExpectedCount() throws IOException {
    Ledgers.write(dir, 10);
    List<String> lines = Ledgers.lines(dir);
    int tail = (lines.getLast() + "\n").getBytes(StandardCharsets.UTF_8).length;
    long size = Files.size(segment());
    try (var ch = java.nio.channels.FileChannel.open(segment(), StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.allocate(tail), size - tail);
    }
    assertThat(Files.size(segment())).isEqualTo(size);

    VerifyReport plain = LedgerVerifier.verify(dir, KEY);
    assertThat(plain.ok()).isTrue(); // exactly as if the file had been cut: only a count shows it
    assertThat(plain.recordsChecked()).isEqualTo(9);
    VerifyReport expected = verifyExpecting(dir, 10);
    assertThat(expected.damage()).as(expected.message()).isEqualTo(Damage.TRUNCATED);
  }

  @Test
  void paddingInAClosedSegmentIsDamage() throws IOException {
    FileLedger.Options small = TestOptions.defaults().withSegmentLimits(4096, Duration.ofDays(1));
    try (FileLedger ledger = FileLedger.open(dir, KEY, small)) {
      for (int i = 1; i <= 20; i++) {
        ledger.append(sample(i));
      }
    }
    List<Path> segments = Segments.list(dir);
    assertThat(segments).hasSizeGreaterThan(1);
    for (Path closed : segments) {
      assertThat(Segments.dataEnd(closed)).isEqualTo(Files.size(closed)); // rotation cut them
    }
    assertThat(LedgerVerifier.verify(dir, KEY).recordsChecked()).isEqualTo(20);

    pad(segments.getFirst());
    VerifyReport report = LedgerVerifier.verify(dir, KEY);
    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadSegment()).as(report.message()).isEqualTo("ledger-000001.jsonl");
    assertThatThrownBy(() -> FileLedger.open(dir, KEY, small)).isInstanceOf(LedgerException.class);
  }
}
