package dev.warden.ledger;

import static dev.warden.ledger.Ledgers.KEY;
import static dev.warden.ledger.Ledgers.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.Ledger.Receipt;
import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class FileLedgerTest {
  @TempDir Path tmp;

  private Path dir() {
    return tmp.resolve("state/ledger");
  }

  @Test
  void roundTripAppendsAndVerifies() {
    List<Receipt> receipts = new ArrayList<>();
    try (FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      assertThat(ledger.path()).isEqualTo(dir());
      assertThat(ledger.recoveredTornBytes()).isZero();
      for (int i = 1; i <= 10; i++) {
        receipts.add(ledger.append(sample(i)));
      }
    }
    assertThat(receipts)
        .extracting(Receipt::seq)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

    VerifyReport keyed = LedgerVerifier.verify(dir(), KEY);
    assertThat(keyed.ok()).as(keyed.message()).isTrue();
    assertThat(keyed.recordsChecked()).isEqualTo(10);
    assertThat(keyed.macChecked()).isTrue();
    assertThat(keyed.headHash()).isEqualTo(receipts.getLast().hash());
    assertThat(keyed.damage()).isNull();

    VerifyReport unkeyed = LedgerVerifier.verify(dir(), null);
    assertThat(unkeyed.ok()).isTrue();
    assertThat(unkeyed.macChecked()).isFalse();
    assertThat(unkeyed.message()).contains("NOT checked");
  }

  @Test
  void writesTheDocumentedRecordLayoutInCanonicalForm() throws IOException {
    Instant t = Instant.parse("2025-03-04T05:06:07.089Z");
    FileLedger.Options options = TestOptions.defaults().withClock(Clock.fixed(t, ZoneOffset.UTC));
    Receipt first;
    try (FileLedger ledger = FileLedger.open(dir(), KEY, options)) {
      first = ledger.append(sample(1));
      ledger.append(sample(2));
    }
    List<String> lines = Ledgers.lines(dir());
    for (String line : lines) {
      assertThat(Jcs.canonicalize(Ledgers.node(line))).isEqualTo(line); // byte-exact JCS
    }
    ObjectNode r1 = Ledgers.node(lines.get(0));
    assertThat(r1.propertyNames())
        .containsExactly(
            "correlationId",
            "errorType",
            "event",
            "findings",
            "hash",
            "mac",
            "mode",
            "model",
            "outcome",
            "prev",
            "route",
            "seq",
            "status",
            "time");
    assertThat(r1.get("seq").longValue()).isEqualTo(1);
    assertThat(r1.get("time").stringValue()).isEqualTo("2025-03-04T05:06:07.089Z");
    assertThat(r1.get("prev").stringValue()).isEqualTo("0".repeat(64));
    assertThat(r1.get("model").isNull()).isTrue(); // null fields are written as JSON null
    assertThat(r1.get("errorType").isNull()).isTrue();
    assertThat(r1.get("findings").get(0).get("valueHash").stringValue()).isEqualTo("ab".repeat(32));
    assertThat(r1.get("hash").stringValue()).isEqualTo(first.hash());

    // hash = SHA-256(prev || canonical(record without hash, mac)); mac = HMAC(prevMac || same).
    ObjectNode body = r1.deepCopy();
    body.remove(List.of("hash", "mac"));
    String canonical = Jcs.canonicalize(body);
    assertThat(LedgerFormat.hash("0".repeat(64), canonical)).isEqualTo(first.hash());
    assertThat(LedgerFormat.mac(KEY, "0".repeat(64), canonical))
        .isEqualTo(r1.get("mac").stringValue());
    assertThat(Ledgers.node(lines.get(1)).get("prev").stringValue()).isEqualTo(first.hash());
  }

  @Test
  void createsPrivateDirectoryAndFiles() throws IOException {
    Ledgers.write(dir(), 1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Ledgers.segment(dir()))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir().resolve("ledger.lock"))))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesAGroupWritableDirectory() throws IOException {
    Ledgers.write(dir(), 1);
    Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwxrwx---"));
    assertThatThrownBy(() -> FileLedger.open(dir(), KEY, TestOptions.defaults()))
        .isInstanceOf(LedgerException.class)
        .rootCause()
        .hasMessageContaining("writable by group or others");
  }

  @Test
  void reopenContinuesTheChain() {
    Ledgers.write(dir(), 3);
    try (FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      assertThat(ledger.append(sample(4)).seq()).isEqualTo(4);
    }
    VerifyReport report = LedgerVerifier.verify(dir(), KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(4);
  }

  @Test
  void secondWriterOnTheSameDirectoryIsRefused() {
    try (FileLedger first = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      assertThatThrownBy(() -> FileLedger.open(dir(), KEY, TestOptions.defaults()))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("already open by another writer");
      first.append(sample(1)); // the first writer is unaffected
    }
    // the lock is released on close
    FileLedger.open(dir(), KEY, TestOptions.defaults()).close();
  }

  @Test
  void appendAfterCloseThrowsAndCloseIsIdempotent() {
    FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults());
    ledger.append(sample(1));
    ledger.close();
    ledger.close();
    assertThatThrownBy(() -> ledger.append(sample(2)))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void tornLastLineIsCutAndTheRecoveryIsRecorded() throws IOException {
    Ledgers.write(dir(), 5);
    byte[] partial =
        "{\"correlationId\":\"corr-6\",\"errorType\":null,\"ev".getBytes(StandardCharsets.UTF_8);
    Files.write(Ledgers.segment(dir()), partial, StandardOpenOption.APPEND);
    assertThat(LedgerVerifier.verify(dir(), KEY).damage())
        .isEqualTo(VerifyReport.Damage.TRUNCATED_LINE);

    try (FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      assertThat(ledger.recoveredTornBytes()).isEqualTo(partial.length);
      assertThat(ledger.append(sample(7)).seq()).isEqualTo(7);
    }
    List<String> lines = Ledgers.lines(dir());
    ObjectNode recovery = Ledgers.node(lines.get(5));
    assertThat(recovery.get("seq").longValue()).isEqualTo(6);
    assertThat(recovery.get("event").stringValue()).isEqualTo("recovery");
    assertThat(recovery.get("outcome").stringValue()).isEqualTo("truncated");
    assertThat(recovery.get("correlationId").stringValue()).isEqualTo("startup");
    VerifyReport report = LedgerVerifier.verify(dir(), KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(7);
  }

  @Test
  void unparseableLastLineIsTreatedAsTorn() throws IOException {
    Ledgers.write(dir(), 2);
    Files.write(Ledgers.segment(dir()), new byte[] {0, 0, 0, '\n'}, StandardOpenOption.APPEND);
    try (FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      assertThat(ledger.recoveredTornBytes()).isEqualTo(4);
    }
    assertThat(LedgerVerifier.verify(dir(), KEY).recordsChecked()).isEqualTo(3);
  }

  @Test
  void damageBeforeTheLastLineRefusesOpen() throws IOException {
    Ledgers.write(dir(), 4);
    List<String> lines = Ledgers.lines(dir());
    lines.set(1, "garbage");
    Ledgers.store(dir(), lines);
    assertThatThrownBy(() -> FileLedger.open(dir(), KEY, TestOptions.defaults()))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("refusing to append")
        .hasMessageContaining("line 2");
    // the refused open released its lock
    assertThat(Ledgers.lines(dir())).hasSize(4);
  }

  @Test
  void openWithAnotherKeyIsRefused() {
    Ledgers.write(dir(), 2);
    assertThatThrownBy(() -> FileLedger.open(dir(), new TestMac("other"), TestOptions.defaults()))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("line 1");
  }

  /** Every group commit setting: one or two forces in flight, with and without a delay. */
  @ParameterizedTest(name = "forcesInFlight={0}, commitDelayMicros={1}")
  @CsvSource({"1, 0", "2, 0", "1, 1000", "2, 1000"})
  void groupCommitSharesForcesAcrossConcurrentAppends(int forcesInFlight, int commitDelayMicros)
      throws Exception {
    int threads = 32;
    int each = 200;
    Set<Long> seqs = ConcurrentHashMap.newKeySet();
    long forces;
    FileLedger.Options options =
        TestOptions.defaults()
            .withGroupCommit(forcesInFlight, java.time.Duration.ofNanos(commitDelayMicros * 1000L));
    try (FileLedger ledger = FileLedger.open(dir(), KEY, options)) {
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int base = t * each;
          done.add(
              pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                  seqs.add(ledger.append(sample(base + i)).seq());
                }
              }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      }
      forces = ledger.forceCount();
    }
    assertThat(seqs).hasSize(threads * each);
    assertThat(seqs).allMatch(s -> s >= 1 && s <= threads * each);
    assertThat(forces).isPositive().isLessThan(threads * each);
    VerifyReport report = LedgerVerifier.verify(dir(), KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(threads * each);
  }

  @Test
  void groupCommitSettingsOutOfRangeAreRefusedByName() {
    FileLedger.Options d = TestOptions.defaults();
    assertThatThrownBy(() -> d.withGroupCommit(0, java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forcesInFlight must be 1 or 2, got 0");
    assertThatThrownBy(() -> d.withGroupCommit(3, java.time.Duration.ZERO))
        .hasMessageContaining("forcesInFlight must be 1 or 2, got 3");
    assertThatThrownBy(() -> d.withGroupCommit(2, java.time.Duration.ofMillis(6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commitDelay must be between 0 and 5000 µs, got 6000 µs");
    assertThatThrownBy(() -> d.withGroupCommit(2, java.time.Duration.ofNanos(-1)))
        .hasMessageContaining("commitDelay must be between 0 and 5000 µs");
  }

  @Test
  void asyncDurabilityWritesAVerifiableChain() {
    FileLedger.Options options =
        TestOptions.defaults().withDurability(FileLedger.Durability.ASYNC).withQueueCapacity(4);
    try (FileLedger ledger = FileLedger.open(dir(), KEY, options)) {
      for (int i = 1; i <= 50; i++) {
        ledger.append(sample(i));
      }
    }
    VerifyReport report = LedgerVerifier.verify(dir(), KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(50);
  }

  @Test
  void unencodableRecordIsRejectedWithoutQuotingItAndTheLedgerStaysUsable() {
    try (FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      LedgerRecord bad =
          new LedgerRecord(
              "request",
              "c",
              "/r",
              "model-secret\ud800",
              "enforce",
              "forwarded",
              200,
              null,
              List.of());
      assertThatThrownBy(() -> ledger.append(bad))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("model")
          .hasMessageNotContaining("secret");
      assertThat(ledger.append(sample(1)).seq()).isEqualTo(1);
    }
  }

  @Test
  void aWriteFailureFailsClosed() {
    AtomicBoolean broken = new AtomicBoolean();
    MessageAuthenticator flaky =
        data -> {
          if (broken.get()) {
            throw new IllegalStateException("key store unavailable");
          }
          return KEY.tag(data);
        };
    try (FileLedger ledger = FileLedger.open(dir(), flaky, TestOptions.defaults())) {
      ledger.append(sample(1));
      broken.set(true);
      assertThatThrownBy(() -> ledger.append(sample(2)))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("refuses further appends");
      broken.set(false);
      assertThatThrownBy(() -> ledger.append(sample(3)))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("refuses appends");
    }
    assertThat(LedgerVerifier.verify(dir(), KEY).recordsChecked()).isEqualTo(1);
  }

  @Test
  void aQueuedRecordIsOnDiskBeforeTheQueuingThreadsNextAppendReturns() throws IOException {
    try (FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      for (int i = 0; i < 20; i++) {
        ledger.queue(sample(2 * i));
        Receipt after = ledger.append(sample(2 * i + 1));
        // Read while the ledger is open: the bytes are there when append returns, not at close.
        // Records only: the active segment may end in zero-filled preallocated space.
        List<String> lines =
            Files.readAllLines(dir().resolve("ledger-000001.jsonl")).stream()
                .filter(l -> l.startsWith("{"))
                .toList();
        assertThat(lines).hasSize((int) after.seq());
        assertThat(lines.get((int) after.seq() - 2))
            .contains("\"correlationId\":\"corr-" + (2 * i) + "\"")
            .contains("\"seq\":" + (after.seq() - 1) + ",");
      }
    }
    VerifyReport report = LedgerVerifier.verify(dir(), KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(40);
  }

  @Test
  void queuedRecordsRideTheNextAwaitedForce() {
    long forces;
    try (FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      for (int i = 0; i < 100; i++) {
        ledger.queue(sample(i));
      }
      assertThat(ledger.append(sample(100)).seq()).isEqualTo(101);
      forces = ledger.forceCount();
    }
    assertThat(forces).as("queued records alone never force").isEqualTo(1);
    VerifyReport report = LedgerVerifier.verify(dir(), KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(101);
  }

  @Test
  void closeMakesQueuedRecordsDurable() {
    try (FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      for (int i = 0; i < 10; i++) {
        ledger.queue(sample(i));
      }
    }
    try (FileLedger reopened = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      assertThat(reopened.append(sample(10)).seq()).isEqualTo(11);
    }
    VerifyReport report = LedgerVerifier.verify(dir(), KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(11);
  }

  @Test
  void queuedRecordsInterleavedWithAppendsReleaseEveryAppender() throws Exception {
    int threads = 32;
    int each = 100;
    Set<Long> appended = ConcurrentHashMap.newKeySet();
    try (FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults())) {
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int base = t * each * 2;
          done.add(
              pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                  // Unawaited records sit in the wake tree of their group: they must be routed
                  // around, or the appenders below them would never wake.
                  ledger.queue(sample(base + 2 * i));
                  appended.add(ledger.append(sample(base + 2 * i + 1)).seq());
                }
              }));
        }
        for (Future<?> f : done) {
          f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
      }
    }
    assertThat(appended).hasSize(threads * each);
    VerifyReport report = LedgerVerifier.verify(dir(), KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(2L * threads * each);
  }

  @Test
  void aQueuedRecordThatCannotBeWrittenFailsTheNextAppend() {
    LedgerRecord poisoned = sample(999);
    MessageAuthenticator failsOnPoison =
        data -> {
          if (new String(data, StandardCharsets.UTF_8).contains("\"corr-999\"")) {
            throw new IllegalStateException("key store unavailable");
          }
          return KEY.tag(data);
        };
    try (FileLedger ledger = FileLedger.open(dir(), failsOnPoison, TestOptions.defaults())) {
      ledger.append(sample(1));
      ledger.queue(poisoned); // returns: the failure happens on the writer
      assertThatThrownBy(() -> ledger.append(sample(2)))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("refuses");
      assertThatThrownBy(() -> ledger.queue(sample(3)))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("refuses appends");
    }
    assertThat(LedgerVerifier.verify(dir(), KEY).recordsChecked()).isEqualTo(1);
  }

  @Test
  void queueRefusesAnUnencodableRecordAtOnceAndAfterClose() {
    LedgerRecord bad =
        new LedgerRecord(
            "request", "c", "/r", "model-secret\ud800", "enforce", "forwarded", 0, null, List.of());
    FileLedger ledger = FileLedger.open(dir(), KEY, TestOptions.defaults());
    try {
      assertThatThrownBy(() -> ledger.queue(bad))
          .isInstanceOf(LedgerException.class)
          .hasMessageContaining("model")
          .hasMessageNotContaining("secret");
      assertThat(ledger.append(sample(1)).seq()).isEqualTo(1);
    } finally {
      ledger.close();
    }
    assertThatThrownBy(() -> ledger.queue(sample(2)))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("closed");
  }
}
