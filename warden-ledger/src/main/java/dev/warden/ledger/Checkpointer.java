package dev.warden.ledger;

import dev.warden.api.Signer;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.merkle.CompactTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the Merkle tree and the active segment's digest in step with what the writer has written,
 * and signs and publishes checkpoints.
 *
 * <p>Threads: {@link #written} runs on the writer's tracker thread, everything else on the writer
 * thread, which calls {@link #checkpoint} and {@link #rotated} only after the tracker is idle
 * ({@link GroupWorker#awaitIdle}, which also makes the tracker's writes visible). What the writer
 * decides on in between ({@link #pending}, {@link #due}) counts records it has chained itself.
 */
final class Checkpointer {
  private static final HexFormat HEX = HexFormat.of();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());

  private final Path dir;
  private final Signer signer;
  private final FileLedger.Options options;
  private final CompactTree tree;
  private String head;

  private String segment;
  private long segmentFirstSeq;
  private long segmentBytes;
  private MessageDigest segmentDigest;

  private long number;
  private String previous;
  private long checkpointedSize;
  private long chained; // records chained so far: writer thread
  private long lastCheckpointNanos = System.nanoTime();

  /**
   * @param tree the tree over every record on disk
   * @param head hash of the last record on disk
   * @param last the newest existing checkpoint, or null
   */
  Checkpointer(
      Path dir,
      Signer signer,
      FileLedger.Options options,
      CompactTree tree,
      String head,
      Path activeSegment,
      long activeFirstSeq,
      @Nullable Existing last)
      throws IOException {
    this.dir = dir;
    this.signer = signer;
    this.options = options;
    this.tree = tree;
    this.head = head;
    this.segment = activeSegment.getFileName().toString();
    this.segmentFirstSeq = activeFirstSeq;
    this.segmentDigest = sha256();
    try (InputStream in = Files.newInputStream(activeSegment)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        segmentDigest.update(buf, 0, n);
        segmentBytes += n;
      }
    }
    this.number = last == null ? 0 : last.format().checkpoint();
    this.previous = last == null ? LedgerFormat.GENESIS : last.statementDigest();
    this.checkpointedSize = last == null ? 0 : last.format().treeSize();
    this.chained = tree.size();
  }

  /** A checkpoint found on disk: its parsed statement and the statement's digest. */
  record Existing(Path file, CheckpointFormat format, String statementDigest) {}

  /**
   * The newest checkpoint under {@code ledgerDir}, parsed but not signature-checked (the key may
   * have been rotated since), or null if there is none.
   *
   * @throws InvalidEnvelopeException if it is not a well-formed checkpoint
   */
  static @Nullable Existing newest(Path ledgerDir) throws IOException, InvalidEnvelopeException {
    List<Path> all = list(ledgerDir);
    if (all.isEmpty()) {
      return null;
    }
    Path file = all.getLast();
    return read(file);
  }

  /** Checkpoint files of a ledger, oldest first. */
  static List<Path> list(Path ledgerDir) throws IOException {
    Path cps = ledgerDir.resolve(CheckpointFormat.DIR);
    if (!Files.isDirectory(cps)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cps)) {
      return files
          .filter(p -> CheckpointFormat.number(p.getFileName().toString()) > 0)
          .sorted()
          .toList();
    }
  }

  /** Parses a checkpoint file without verifying its signature. */
  static Existing read(Path file) throws IOException, InvalidEnvelopeException {
    String envelope = Files.readString(file, StandardCharsets.UTF_8).strip();
    byte[] payload = Dsse.parse(envelope).payload();
    CheckpointFormat f = CheckpointFormat.parse(payload);
    if (f.checkpoint() != CheckpointFormat.number(file.getFileName().toString())) {
      throw new InvalidEnvelopeException(
          file.getFileName() + " holds checkpoint " + f.checkpoint() + ", not its own number");
    }
    return new Existing(file, f, HEX.formatHex(sha256().digest(payload)));
  }

  /**
   * Adds a written batch: its bytes (as appended to the active segment), its receipts and each
   * record's Merkle leaf hash, in the same order.
   */
  void written(byte[] bytes, List<dev.warden.api.Ledger.Receipt> receipts, byte[][] leaves) {
    if (segmentBytes == 0 && !receipts.isEmpty()) {
      segmentFirstSeq = receipts.getFirst().seq();
    }
    segmentDigest.update(bytes);
    segmentBytes += bytes.length;
    for (byte[] leaf : leaves) {
      tree.append(leaf);
    }
    if (!receipts.isEmpty()) {
      head = receipts.getLast().hash();
    }
  }

  /** The writer chained {@code records} more (their bytes and leaves follow via the tracker). */
  void chained(int records) {
    chained += records;
  }

  /** The writer moved to a new, empty segment. */
  void rotated(Path newSegment) {
    segment = newSegment.getFileName().toString();
    segmentDigest = sha256();
    segmentBytes = 0;
    segmentFirstSeq = chained + 1;
  }

  boolean pending() {
    return chained > checkpointedSize;
  }

  /**
   * Nanoseconds until a time-based checkpoint is due (0 if due now); only meaningful if pending.
   */
  long nanosUntilDue() {
    long wait = options.checkpointInterval().toNanos() - (System.nanoTime() - lastCheckpointNanos);
    return Math.max(0, wait);
  }

  boolean due() {
    return pending()
        && (chained - checkpointedSize >= options.checkpointEvery() || nanosUntilDue() == 0);
  }

  /**
   * Signs and publishes a checkpoint of everything written so far. The caller has made it durable.
   *
   * @throws IOException if the file cannot be published; the caller fails closed
   */
  Checkpoint checkpoint() throws IOException {
    if (tree.size() != chained) {
      throw new IllegalStateException(
          "checkpoint before the tracker caught up: tree " + tree.size() + ", chained " + chained);
    }
    Instant now = options.clock().instant();
    CheckpointFormat f =
        new CheckpointFormat(
            number + 1,
            tree.size(),
            HEX.formatHex(tree.root()),
            head,
            segment,
            segmentFirstSeq,
            segmentBytes,
            HEX.formatHex(copy(segmentDigest).digest()),
            previous,
            TIME.format(now),
            signer.keyId(),
            signer.algorithm());
    byte[] statement = f.statement().toJson();
    String envelope = Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, statement, signer);
    Path cps = dir.resolve(CheckpointFormat.DIR);
    Segments.createDirectory(cps);
    Path file =
        AtomicFiles.publish(
            cps,
            CheckpointFormat.fileName(f.checkpoint()),
            (envelope + "\n").getBytes(StandardCharsets.UTF_8));
    number = f.checkpoint();
    previous = HEX.formatHex(sha256().digest(statement));
    checkpointedSize = f.treeSize();
    lastCheckpointNanos = System.nanoTime();
    Checkpoint c =
        new Checkpoint(number, file, f.treeSize(), f.rootHash(), head, previous, envelope);
    try {
      options.checkpointListener().onCheckpoint(c);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "checkpoint listener failed on " + file.getFileName(), e);
    }
    return c;
  }

  static MessageDigest copy(MessageDigest d) {
    try {
      return (MessageDigest) d.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
