package dev.warden.ledger;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.warden.api.Ledger;
import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import dev.warden.api.Signer;
import dev.warden.ledger.VerifyReport.Damage;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.merkle.CompactTree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Ledger} in JSONL segment files ({@code ledger-000001.jsonl}, …) under one directory,
 * chained with SHA-256 and HMAC; the format is specified in LEDGER-FORMAT.md and checked by {@link
 * LedgerVerifier}.
 *
 * <p>Guarantees: with {@link Durability#FSYNC} (the default) {@link #append} returns only after its
 * record is written and {@code force}d; concurrent appends share one {@code force} (group commit).
 * A process killed at any moment leaves a valid chain plus at most a torn last line. The directory
 * is created {@code 0700} and files {@code 0600}; one writer per directory is enforced with a lock
 * on {@code ledger.lock}.
 *
 * <p>Failures: {@link #open} refuses a ledger that is damaged anywhere but its last line, that
 * another writer holds, or whose files group or others may write. Once a write or {@code force}
 * fails, every waiting and later append throws {@link Ledger.LedgerException} (fail closed). No
 * exception message contains record content.
 */
public final class FileLedger implements Ledger {

  /** When {@link #append} returns. */
  public enum Durability {
    /** After {@code write} and {@code force}: survives power loss. The default. */
    FSYNC,
    /**
     * After {@code write} only; {@code force} runs every {@link Options#asyncFlushInterval} and at
     * close. Survives a process crash but not power loss or a kernel crash: records acknowledged
     * within the last interval can be lost. Weaker; choose it knowingly.
     */
    ASYNC
  }

  /** Who writes and forces in {@link Durability#FSYNC} mode (group commit). */
  public enum GroupCommit {
    /**
     * A writer thread chains the queued appends; a flusher thread writes each group with one
     * gathering write and one {@code force}, then releases it ({@link Options#forcesInFlight},
     * {@link Options#commitDelay} apply).
     */
    THREADS,
    /**
     * No thread on the common path: each appender chains its own record under a short lock; if no
     * {@code force} is running it leads — writes every chained line, forces, releases the appenders
     * that force covered and hands the lead to the first one still waiting — else it waits for a
     * force that covers it. A lone append costs no thread hand-over; a crowd shares one force.
     * {@link Options#forcesInFlight} and {@link Options#commitDelay} do not apply.
     */
    LEADER
  }

  /**
   * How the ledger writes.
   *
   * @param durability when append returns
   * @param queueCapacity appends queued before {@link #append} blocks (backpressure, never drops)
   * @param asyncFlushInterval how often {@link Durability#ASYNC} forces
   * @param clock source of the records' {@code time}
   * @param signer signs checkpoints; null writes none (the chains alone are still verifiable)
   * @param checkpointEvery a checkpoint after this many records since the last one
   * @param checkpointInterval a checkpoint this long after the last one if records were added
   * @param checkpointListener told about each published checkpoint (e.g. to timestamp it)
   * @param maxSegmentBytes a segment this large is closed and the chain continues in the next
   * @param maxSegmentAge a segment this old (counted from when this process opened it) is closed
   * @param forcesInFlight {@link Durability#FSYNC}: how many groups may be in {@code force} at once
   *     (1 or 2; 2 overlaps the next group's write and force with the running one)
   * @param commitDelay {@link Durability#FSYNC}: how long a group of waiting appends may wait for
   *     more before its write and {@code force} — only while other appends are known to be on their
   *     way (zero: never; at most {@link #MAX_COMMIT_DELAY})
   * @param groupCommit {@link Durability#FSYNC}: who writes and forces ({@link GroupCommit}); ASYNC
   *     always uses the writer thread
   */
  public record Options(
      Durability durability,
      int queueCapacity,
      Duration asyncFlushInterval,
      Clock clock,
      @Nullable Signer signer,
      int checkpointEvery,
      Duration checkpointInterval,
      CheckpointListener checkpointListener,
      long maxSegmentBytes,
      Duration maxSegmentAge,
      int forcesInFlight,
      Duration commitDelay,
      GroupCommit groupCommit) {
    public Options {
      Objects.requireNonNull(groupCommit, "groupCommit");
      Objects.requireNonNull(durability, "durability");
      Objects.requireNonNull(asyncFlushInterval, "asyncFlushInterval");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(checkpointInterval, "checkpointInterval");
      Objects.requireNonNull(checkpointListener, "checkpointListener");
      Objects.requireNonNull(maxSegmentAge, "maxSegmentAge");
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1");
      }
      positive("asyncFlushInterval", asyncFlushInterval);
      positive("checkpointInterval", checkpointInterval);
      positive("maxSegmentAge", maxSegmentAge);
      if (checkpointEvery < 1) {
        throw new IllegalArgumentException("checkpointEvery must be at least 1 record");
      }
      if (maxSegmentBytes < 4096) {
        throw new IllegalArgumentException("maxSegmentBytes must be at least 4096");
      }
      if (forcesInFlight < 1 || forcesInFlight > 2) {
        throw new IllegalArgumentException("forcesInFlight must be 1 or 2, got " + forcesInFlight);
      }
      Objects.requireNonNull(commitDelay, "commitDelay");
      if (commitDelay.isNegative() || commitDelay.compareTo(MAX_COMMIT_DELAY) > 0) {
        throw new IllegalArgumentException(
            "commitDelay must be between 0 and "
                + MAX_COMMIT_DELAY.toNanos() / 1000
                + " µs, got "
                + commitDelay.toNanos() / 1000
                + " µs");
      }
    }

    /** The longest {@link #commitDelay}: past it a wait costs more latency than a force. */
    public static final Duration MAX_COMMIT_DELAY = Duration.ofMillis(5);

    /**
     * The default {@link #commitDelay} (measured: docs/benchmarks.md, "Ledger speed, fifth pass").
     */
    public static final Duration DEFAULT_COMMIT_DELAY = Duration.ZERO;

    /** The default {@link #forcesInFlight} (measured: as {@link #DEFAULT_COMMIT_DELAY}). */
    public static final int DEFAULT_FORCES_IN_FLIGHT = 1;

    /**
     * The default {@link #groupCommit} (measured: docs/benchmarks.md, "Ledger speed, seventh
     * pass").
     */
    public static final GroupCommit DEFAULT_GROUP_COMMIT = GroupCommit.THREADS;

    private static void positive(String name, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
    }

    /**
     * FSYNC, a queue of 65536, a 1 s async flush interval, the UTC system clock, no signer (no
     * checkpoints), checkpoints every 10000 records or 10 s, segments of at most 64 MiB or 1 day,
     * {@link #DEFAULT_FORCES_IN_FLIGHT} and {@link #DEFAULT_COMMIT_DELAY}.
     */
    public static Options defaults() {
      return new Options(
          Durability.FSYNC,
          65_536,
          Duration.ofSeconds(1),
          Clock.systemUTC(),
          null,
          10_000,
          Duration.ofSeconds(10),
          CheckpointListener.NONE,
          64L << 20,
          Duration.ofDays(1),
          DEFAULT_FORCES_IN_FLIGHT,
          DEFAULT_COMMIT_DELAY,
          DEFAULT_GROUP_COMMIT);
    }

    public Options withDurability(Durability d) {
      return new Options(
          d,
          queueCapacity,
          asyncFlushInterval,
          clock,
          signer,
          checkpointEvery,
          checkpointInterval,
          checkpointListener,
          maxSegmentBytes,
          maxSegmentAge,
          forcesInFlight,
          commitDelay,
          groupCommit);
    }

    public Options withQueueCapacity(int capacity) {
      return new Options(
          durability,
          capacity,
          asyncFlushInterval,
          clock,
          signer,
          checkpointEvery,
          checkpointInterval,
          checkpointListener,
          maxSegmentBytes,
          maxSegmentAge,
          forcesInFlight,
          commitDelay,
          groupCommit);
    }

    public Options withAsyncFlushInterval(Duration interval) {
      return new Options(
          durability,
          queueCapacity,
          interval,
          clock,
          signer,
          checkpointEvery,
          checkpointInterval,
          checkpointListener,
          maxSegmentBytes,
          maxSegmentAge,
          forcesInFlight,
          commitDelay,
          groupCommit);
    }

    public Options withClock(Clock c) {
      return new Options(
          durability,
          queueCapacity,
          asyncFlushInterval,
          c,
          signer,
          checkpointEvery,
          checkpointInterval,
          checkpointListener,
          maxSegmentBytes,
          maxSegmentAge,
          forcesInFlight,
          commitDelay,
          groupCommit);
    }

    /** Signs checkpoints with {@code s} (null: no checkpoints). */
    public Options withSigner(@Nullable Signer s) {
      return new Options(
          durability,
          queueCapacity,
          asyncFlushInterval,
          clock,
          s,
          checkpointEvery,
          checkpointInterval,
          checkpointListener,
          maxSegmentBytes,
          maxSegmentAge,
          forcesInFlight,
          commitDelay,
          groupCommit);
    }

    /** Checkpoints after {@code records} records or {@code interval}, whichever comes first. */
    public Options withCheckpointEvery(int records, Duration interval) {
      return new Options(
          durability,
          queueCapacity,
          asyncFlushInterval,
          clock,
          signer,
          records,
          interval,
          checkpointListener,
          maxSegmentBytes,
          maxSegmentAge,
          forcesInFlight,
          commitDelay,
          groupCommit);
    }

    public Options withCheckpointListener(CheckpointListener listener) {
      return new Options(
          durability,
          queueCapacity,
          asyncFlushInterval,
          clock,
          signer,
          checkpointEvery,
          checkpointInterval,
          listener,
          maxSegmentBytes,
          maxSegmentAge,
          forcesInFlight,
          commitDelay,
          groupCommit);
    }

    /**
     * {@link Durability#FSYNC} group commit: {@code forces} groups in {@code force} at once (1 or
     * 2) and up to {@code delay} of waiting for more appends before a group's write.
     */
    public Options withGroupCommit(int forces, Duration delay) {
      return new Options(
          durability,
          queueCapacity,
          asyncFlushInterval,
          clock,
          signer,
          checkpointEvery,
          checkpointInterval,
          checkpointListener,
          maxSegmentBytes,
          maxSegmentAge,
          forces,
          delay,
          groupCommit);
    }

    /**
     * {@link Durability#FSYNC}: who writes and forces — the writer and flusher threads, or the
     * appenders themselves ({@link GroupCommit}).
     */
    public Options withGroupCommit(GroupCommit g) {
      return new Options(
          durability,
          queueCapacity,
          asyncFlushInterval,
          clock,
          signer,
          checkpointEvery,
          checkpointInterval,
          checkpointListener,
          maxSegmentBytes,
          maxSegmentAge,
          forcesInFlight,
          commitDelay,
          g);
    }

    /** Rotates segments at {@code bytes} or {@code age}, whichever comes first. */
    public Options withSegmentLimits(long bytes, Duration age) {
      return new Options(
          durability,
          queueCapacity,
          asyncFlushInterval,
          clock,
          signer,
          checkpointEvery,
          checkpointInterval,
          checkpointListener,
          bytes,
          age,
          forcesInFlight,
          commitDelay,
          groupCommit);
    }
  }

  private final Path dir;
  private final FileChannel lockChannel;
  private final LedgerWriter writer;
  private final long recoveredTornBytes;

  private FileLedger(Path dir, FileChannel lockChannel, LedgerWriter writer, long torn) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.writer = writer;
    this.recoveredTornBytes = torn;
  }

  /**
   * Opens (creating if needed) the ledger in {@code dir} and continues its chain.
   *
   * <p>The whole chain is verified with {@code mac} first. A torn or unparseable last line (a crash
   * during a write) is cut off, and a record with event {@code recovery}, outcome {@code
   * truncated}, correlation id {@code startup} is appended so the repair is itself on the chain;
   * {@link #recoveredTornBytes()} tells how many bytes were cut. Any other damage refuses the open.
   * With a {@link Options#signer()}, the records must also still match the newest checkpoint
   * (count, Merkle root, head), and the next checkpoint continues its numbering and chain.
   *
   * @throws Ledger.LedgerException if the directory cannot be prepared, is held by another writer,
   *     is shared-writable, holds a damaged chain (the message names the first bad record), or no
   *     longer matches its newest checkpoint
   */
  public static FileLedger open(Path dir, MessageAuthenticator mac, Options options) {
    FileChannel lockChannel = null;
    FileChannel segment = null;
    try {
      Segments.createDirectory(dir);
      Segments.checkNotShared(dir);
      lockChannel =
          FileChannel.open(
              dir.resolve(Segments.LOCK_FILE),
              Set.of(CREATE, WRITE, NOFOLLOW_LINKS),
              Segments.privateFile(dir));
      lock(dir, lockChannel);
      AtomicFiles.reclaimTemps(dir.resolve(CheckpointFormat.DIR));
      List<Path> segments = Segments.list(dir);
      if (segments.isEmpty()) {
        segments = List.of(createSegment(dir));
      }
      Path active = segments.getLast();
      Segments.checkNotShared(active);
      Signer signer = options.signer();
      Checkpointer.Existing last = signer == null ? null : Checkpointer.newest(dir);
      Tracker tracker = new Tracker(signer != null, active, last);
      segment = FileChannel.open(active, READ, WRITE, NOFOLLOW_LINKS);
      trimPadding(segment);
      ChainWalker.Walk walk = ChainWalker.walk(segments, mac, tracker, ChainWalker.FROM_GENESIS);
      long torn = repairTail(dir, active, segment, walk);
      segment.position(segment.size());
      Checkpointer checkpointer = null;
      if (signer != null) {
        tracker.checkAgainst(dir, walk.report().recordsChecked());
        checkpointer =
            new Checkpointer(
                dir,
                signer,
                options,
                tracker.tree,
                walk.head().hash(),
                active,
                tracker.activeFirstSeq == 0 ? walk.head().seq() + 1 : tracker.activeFirstSeq,
                last);
      }
      FileLedger ledger =
          new FileLedger(
              dir,
              lockChannel,
              writer(dir, active, segment, mac, options, walk.head(), checkpointer),
              torn);
      if (torn > 0) {
        recordRecovery(ledger);
      }
      return ledger;
    } catch (IOException | RuntimeException | InvalidEnvelopeException e) {
      closeQuietly(segment, e);
      closeQuietly(lockChannel, e); // closing the channel releases the lock
      if (e instanceof LedgerException le) {
        throw le;
      }
      if (e instanceof InvalidEnvelopeException) {
        throw new LedgerException(
            "refusing to append to the ledger at "
                + dir
                + ": its newest checkpoint is unreadable ("
                + e.getMessage()
                + "); inspect it with warden ledger verify",
            e);
      }
      throw new LedgerException("cannot open the ledger at " + dir, e);
    }
  }

  private static LedgerWriter writer(
      Path dir,
      Path active,
      FileChannel segment,
      MessageAuthenticator mac,
      Options options,
      Entry head,
      @Nullable Checkpointer checkpointer) {
    if (options.durability() == Durability.FSYNC && options.groupCommit() == GroupCommit.LEADER) {
      return new LeaderCommitWriter(dir, active, segment, mac, options, head, checkpointer);
    }
    return new GroupCommitWriter(dir, active, segment, mac, options, head, checkpointer);
  }

  /**
   * Follows the walk at open: builds the Merkle tree (only when checkpoints are written), notes
   * where the active segment starts, and the root at the newest checkpoint's size.
   */
  private static final class Tracker implements ChainWalker.Observer {
    final CompactTree tree = new CompactTree();
    private final boolean enabled;
    private final Path active;
    private final Checkpointer.@Nullable Existing last;
    long activeFirstSeq;
    private @Nullable String rootAtLast;
    private @Nullable String headAtLast;

    Tracker(boolean enabled, Path active, Checkpointer.@Nullable Existing last) {
      this.enabled = enabled;
      this.active = active;
      this.last = last;
    }

    @Override
    public void record(Entry e, long endOffset) {
      if (!enabled) {
        return;
      }
      tree.append(e.leafHash());
      if (activeFirstSeq == 0 && e.file().equals(active)) {
        activeFirstSeq = e.seq();
      }
      Checkpointer.Existing l = last;
      if (l != null && tree.size() == l.format().treeSize()) {
        rootAtLast = HexFormat.of().formatHex(tree.root());
        headAtLast = e.hash();
      }
    }

    /** Refuses to extend a ledger that no longer matches its newest signed checkpoint. */
    void checkAgainst(Path dir, long records) {
      Checkpointer.Existing l = last;
      if (l == null) {
        return;
      }
      String why = null;
      if (records < l.format().treeSize()) {
        why =
            "it holds "
                + records
                + " intact records but checkpoint "
                + l.file().getFileName()
                + " covers "
                + l.format().treeSize()
                + " (records were cut from the end)";
      } else if (!l.format().rootHash().equals(rootAtLast)
          || !l.format().headHash().equals(headAtLast)) {
        why = "its records do not match checkpoint " + l.file().getFileName();
      }
      if (why != null) {
        throw new LedgerException(
            "refusing to append to the damaged ledger at "
                + dir
                + ": "
                + why
                + "; inspect it with warden ledger verify");
      }
    }
  }

  private static void lock(Path dir, FileChannel lockChannel) throws IOException {
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this same JVM
    }
    if (lock == null) {
      throw new LedgerException(
          "the ledger at "
              + dir
              + " is already open by another writer ("
              + Segments.LOCK_FILE
              + " is locked); only one process may append to a ledger");
    }
  }

  private static Path createSegment(Path dir) throws IOException {
    Path first = Segments.name(dir, 1);
    FileChannel.open(first, Set.of(CREATE_NEW, WRITE, NOFOLLOW_LINKS), Segments.privateFile(dir))
        .close();
    AtomicFiles.forceDirectory(dir); // make the new directory entry itself durable
    return first;
  }

  /**
   * Cuts the NUL padding a crashed writer left after the active segment's last record: it holds no
   * data, so this is the end of the file as it would have been without preallocation. A NUL byte
   * followed by anything else is kept, and the walk then reports it as damage.
   */
  private static void trimPadding(FileChannel segment) throws IOException {
    long end = Segments.dataEnd(segment);
    if (end < segment.size()) {
      segment.truncate(end);
      segment.force(true);
    }
  }

  /** Cuts a torn last line off; returns the bytes cut. Refuses every other kind of damage. */
  private static long repairTail(Path dir, Path active, FileChannel segment, ChainWalker.Walk walk)
      throws IOException {
    VerifyReport report = walk.report();
    if (report.ok()) {
      return 0;
    }
    ChainWalker.Located bad = walk.bad();
    boolean tornTail =
        (report.damage() == Damage.TRUNCATED_LINE || report.damage() == Damage.MALFORMED)
            && bad != null
            && bad.file().equals(active)
            && bad.line().end() == segment.size();
    if (!tornTail || bad == null) {
      throw new LedgerException(
          "refusing to append to the damaged ledger at "
              + dir
              + ": "
              + report.message()
              + "; inspect it with warden ledger verify");
    }
    long cut = segment.size() - bad.line().offset();
    segment.truncate(bad.line().offset());
    segment.force(true);
    return cut;
  }

  private static void recordRecovery(FileLedger ledger) {
    try {
      ledger.append(
          new LedgerRecord("recovery", "startup", "", null, "", "truncated", 0, null, List.of()));
    } catch (LedgerException e) {
      ledger.close();
      throw e;
    }
  }

  /**
   * Appends {@code record}, blocking until it is durable (or, with {@link Durability#ASYNC},
   * written), and while the queue is full.
   *
   * @throws Ledger.LedgerException if the ledger is closed or failed, the write or force failed, a
   *     string in the record has no UTF-8 form (lone surrogate; names the field only), or the
   *     caller was interrupted
   */
  @Override
  public Receipt append(LedgerRecord record) {
    return writer.append(record);
  }

  /**
   * Queues {@code record} on the same queue as {@link #append} and returns at once; the writer
   * chains, writes and (in {@link Durability#FSYNC}) forces it with its group, so a later {@link
   * #append} of the calling thread returns only once this record is durable too. A write or force
   * failure of its group makes every later append throw (see {@link Ledger#queue}).
   *
   * @throws Ledger.LedgerException as {@link #append} before anything is queued (closed, failed,
   *     lone surrogate, interrupted while the queue is full)
   */
  @Override
  public void queue(LedgerRecord record) {
    writer.queue(record);
  }

  /**
   * Drains queued appends, forces, and releases the lock. Idempotent.
   *
   * @throws Ledger.LedgerException if the final force or close failed
   */
  @Override
  public void close() {
    writer.close();
    LedgerException failed = null;
    FileChannel segment = writer.channel();
    if (segment.isOpen()) {
      try {
        if (writer.failure() == null) {
          segment.force(false);
        }
      } catch (IOException e) {
        failed = new LedgerException("final flush of the ledger at " + dir + " failed", e);
      }
      Throwable f = writer.closeFailure();
      if (failed == null && f != null) {
        failed =
            new LedgerException(
                "the final flush or checkpoint of the ledger at " + dir + " failed", f);
      }
      closeQuietly(segment, null);
      closeQuietly(lockChannel, null);
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** The ledger directory, e.g. for "ledger lives at …". */
  public Path path() {
    return dir;
  }

  /** Bytes of a torn last line cut off at open (0 if none); worth a warning in the log. */
  public long recoveredTornBytes() {
    return recoveredTornBytes;
  }

  /**
   * Number of {@code force} calls since open, not counting those that only make the FSYNC padding
   * durable; with the number of appends, how well group commit groups (tests, benchmarks).
   */
  public long forceCount() {
    return writer.forceCount();
  }

  private static void closeQuietly(@Nullable AutoCloseable c, @Nullable Throwable primary) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      if (primary != null) {
        primary.addSuppressed(e);
      }
    }
  }
}
