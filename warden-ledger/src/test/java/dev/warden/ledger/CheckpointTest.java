package dev.warden.ledger;

import static dev.warden.ledger.Ledgers.KEY;
import static dev.warden.ledger.Ledgers.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.Ledger.Receipt;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.InTotoStatement;
import dev.warden.ledger.dsse.TestSigners;
import dev.warden.ledger.merkle.CompactTree;
import dev.warden.ledger.merkle.Rfc6962;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class CheckpointTest {
  private static final HexFormat HEX = HexFormat.of();
  @TempDir Path dir;

  private static FileLedger.Options signed(TestSigners.KeySigner signer, int every) {
    return TestOptions.defaults()
        .withSigner(signer)
        .withCheckpointEvery(every, Duration.ofHours(1));
  }

  @Test
  void signsACheckpointEveryNRecordsAndOnClose() throws Exception {
    TestSigners.KeySigner signer = TestSigners.ed25519();
    List<Checkpoint> seen = new CopyOnWriteArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    List<Long> sizeAt = new ArrayList<>();
    try (FileLedger ledger =
        FileLedger.open(dir, KEY, signed(signer, 5).withCheckpointListener(seen::add))) {
      for (int i = 1; i <= 12; i++) {
        receipts.add(ledger.append(sample(i)));
        sizeAt.add(Segments.dataEnd(Segments.name(dir, 1))); // the records, not the padding
      }
    }

    assertThat(Checkpointer.list(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "checkpoint-0000000001.json",
            "checkpoint-0000000002.json",
            "checkpoint-0000000003.json");
    assertThat(seen).extracting(Checkpoint::treeSize).containsExactly(5L, 10L, 12L);
    byte[] segment = Files.readAllBytes(Segments.name(dir, 1));
    String previous = LedgerFormat.GENESIS;
    for (Checkpoint c : seen) {
      String envelope = Files.readString(c.file()).strip();
      assertThat(envelope).isEqualTo(c.envelope());
      byte[] payload =
          Dsse.verify(envelope, Dsse.IN_TOTO_PAYLOAD_TYPE, List.of(signer.publicKey()));
      assertThat(c.statementDigest()).isEqualTo(HEX.formatHex(sha256(payload)));

      InTotoStatement s = InTotoStatement.parse(payload, CheckpointFormat.PREDICATE_TYPE);
      ObjectNode p = s.predicate();
      int n = (int) c.treeSize();
      long bytes = sizeAt.get(n - 1);
      assertThat(s.subjects())
          .containsExactly(
              new InTotoStatement.Subject(
                  "ledger-000001.jsonl",
                  HEX.formatHex(sha256(Arrays.copyOf(segment, (int) bytes)))));
      assertThat(p.get("treeSize").longValue()).isEqualTo(n);
      assertThat(p.get("firstSeq").longValue()).isEqualTo(1);
      assertThat(p.get("lastSeq").longValue()).isEqualTo(n);
      assertThat(p.get("segmentBytes").longValue()).isEqualTo(bytes);
      assertThat(p.get("rootHash").stringValue()).isEqualTo(root(receipts.subList(0, n)));
      assertThat(p.get("headHash").stringValue()).isEqualTo(receipts.get(n - 1).hash());
      assertThat(p.get("previous").stringValue()).isEqualTo(previous);
      assertThat(p.get("keyId").stringValue()).isEqualTo(signer.keyId());
      assertThat(p.get("algorithm").stringValue()).isEqualTo("ed25519");
      previous = c.statementDigest();
    }
  }

  @Test
  void withoutASignerNoCheckpointIsWritten() {
    Ledgers.write(dir, 3);
    assertThat(Files.exists(dir.resolve("checkpoints"))).isFalse();
  }

  @Test
  void aCheckpointIsDueAfterTheIntervalEvenWithoutMoreRecords() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    FileLedger.Options options =
        TestOptions.defaults()
            .withSigner(TestSigners.p256())
            .withCheckpointEvery(1_000_000, Duration.ofMillis(20))
            .withCheckpointListener(c -> done.countDown());
    try (FileLedger ledger = FileLedger.open(dir, KEY, options)) {
      ledger.append(sample(1));
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue(); // an event, not a timing claim
      assertThat(Checkpointer.list(dir)).hasSize(1);
    }
    assertThat(Checkpointer.list(dir)).hasSize(1); // nothing new to cover at close
  }

  @Test
  void reopeningContinuesNumberingAndThePreviousChainAcrossKeys() throws Exception {
    TestSigners.KeySigner first = TestSigners.ed25519();
    TestSigners.KeySigner second = TestSigners.p256(); // e.g. after warden keys rotate
    try (FileLedger ledger = FileLedger.open(dir, KEY, signed(first, 100))) {
      ledger.append(sample(1));
    }
    try (FileLedger ledger = FileLedger.open(dir, KEY, signed(second, 100))) {
      ledger.append(sample(2));
    }
    List<Path> files = Checkpointer.list(dir);
    assertThat(files).hasSize(2);
    Checkpointer.Existing one = Checkpointer.read(files.get(0));
    Checkpointer.Existing two = Checkpointer.read(files.get(1));
    assertThat(two.format().checkpoint()).isEqualTo(2);
    assertThat(two.format().previous()).isEqualTo(one.statementDigest());
    assertThat(two.format().treeSize()).isEqualTo(2);
    assertThat(two.format().algorithm()).isEqualTo("ecdsa-p256-sha256");
    Dsse.verify(
        Files.readString(files.get(1)).strip(),
        Dsse.IN_TOTO_PAYLOAD_TYPE,
        List.of(second.publicKey()));
  }

  @Test
  void aThrowingListenerDoesNotStopTheLedger() {
    FileLedger.Options options =
        signed(TestSigners.ed25519(), 1)
            .withCheckpointListener(c -> {
              throw new IllegalStateException("tsa down");
            });
    try (FileLedger ledger = FileLedger.open(dir, KEY, options)) {
      ledger.append(sample(1));
      ledger.append(sample(2));
    }
    assertThat(LedgerVerifier.verify(dir, KEY).ok()).isTrue();
  }

  @Test
  void openRefusesALedgerCutBelowItsNewestCheckpoint() throws Exception {
    TestSigners.KeySigner signer = TestSigners.ed25519();
    try (FileLedger ledger = FileLedger.open(dir, KEY, signed(signer, 100))) {
      for (int i = 1; i <= 10; i++) {
        ledger.append(sample(i));
      }
    }
    List<String> lines = Ledgers.lines(dir);
    Ledgers.store(dir, lines.subList(0, 7));

    assertThatThrownBy(() -> FileLedger.open(dir, KEY, signed(signer, 100)))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("holds 7 intact records")
        .hasMessageContaining("covers 10")
        .hasMessageContaining("warden ledger verify");
  }

  @Test
  void openRefusesALedgerWhoseRecordsNoLongerMatchTheCheckpoint() throws Exception {
    TestSigners.KeySigner signer = TestSigners.ed25519();
    try (FileLedger ledger = FileLedger.open(dir, KEY, signed(signer, 100))) {
      for (int i = 1; i <= 4; i++) {
        ledger.append(sample(i));
      }
    }
    // Swap in a different but internally valid ledger (rechained with the key): the chains pass,
    // only the checkpoint can tell.
    List<String> lines = Ledgers.lines(dir);
    ObjectNode o = Ledgers.node(lines.get(1));
    o.put("outcome", "blocked");
    lines.set(1, Jcs.canonicalize(o));
    Ledgers.rechain(lines, 1, KEY);
    Ledgers.store(dir, lines);

    assertThatThrownBy(() -> FileLedger.open(dir, KEY, signed(signer, 100)))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("do not match checkpoint checkpoint-0000000001.json");
  }

  @Test
  void segmentsRotateBySizeAndTheChainRunsOnAcrossThem() throws Exception {
    TestSigners.KeySigner signer = TestSigners.ed25519();
    FileLedger.Options options =
        signed(signer, 1_000_000).withSegmentLimits(4096, Duration.ofDays(1));
    List<Receipt> receipts = new ArrayList<>();
    try (FileLedger ledger = FileLedger.open(dir, KEY, options)) {
      for (int i = 1; i <= 60; i++) {
        receipts.add(ledger.append(sample(i)));
      }
    }
    List<Path> segments = Segments.list(dir);
    assertThat(segments.size()).isGreaterThan(3);
    for (int i = 1; i < segments.size(); i++) {
      List<String> prevLines = Files.readAllLines(segments.get(i - 1), StandardCharsets.UTF_8);
      List<String> lines = Files.readAllLines(segments.get(i), StandardCharsets.UTF_8);
      assertThat(Files.size(segments.get(i - 1))).isGreaterThanOrEqualTo(4096);
      assertThat(Ledgers.node(lines.getFirst()).get("prev").stringValue())
          .as("segment %d names its predecessor's final hash", i + 1)
          .isEqualTo(Ledgers.hashOf(prevLines.getLast()));
    }
    VerifyReport report = LedgerVerifier.verify(dir, KEY);
    assertThat(report.ok()).as(report.message()).isTrue();
    assertThat(report.recordsChecked()).isEqualTo(60);
    // Each full segment was checkpointed before it was closed, so each is signed whole.
    List<Path> checkpoints = Checkpointer.list(dir);
    assertThat(checkpoints).hasSize(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      CheckpointFormat f = Checkpointer.read(checkpoints.get(i)).format();
      assertThat(f.segment()).isEqualTo(segments.get(i).getFileName().toString());
      assertThat(f.segmentBytes()).isEqualTo(Files.size(segments.get(i)));
      assertThat(f.segmentSha256())
          .isEqualTo(HEX.formatHex(sha256(Files.readAllBytes(segments.get(i)))));
    }
    // Reopening continues in the last segment.
    try (FileLedger ledger = FileLedger.open(dir, KEY, options)) {
      assertThat(ledger.append(sample(61)).seq()).isEqualTo(61);
    }
    assertThat(LedgerVerifier.verify(dir, KEY).ok()).isTrue();
  }

  static String root(List<Receipt> receipts) {
    CompactTree t = new CompactTree();
    receipts.forEach(r -> t.append(Rfc6962.leafHash(HEX.parseHex(r.hash()))));
    return HEX.formatHex(t.root());
  }

  static byte[] sha256(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }
}
