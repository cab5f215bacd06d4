package dev.warden.ledger;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.warden.api.Ledger;
import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.VerifyReport.Damage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

  /**
   * How the ledger writes.
   *
   * @param durability when append returns
   * @param queueCapacity appends queued before {@link #append} blocks (backpressure, never drops)
   * @param asyncFlushInterval how often {@link Durability#ASYNC} forces
   * @param clock source of the records' {@code time}
   */
  public record Options(
      Durability durability, int queueCapacity, Duration asyncFlushInterval, Clock clock) {
    public Options {
      Objects.requireNonNull(durability, "durability");
      Objects.requireNonNull(asyncFlushInterval, "asyncFlushInterval");
      Objects.requireNonNull(clock, "clock");
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1");
      }
      if (asyncFlushInterval.isNegative() || asyncFlushInterval.isZero()) {
        throw new IllegalArgumentException("asyncFlushInterval must be positive");
      }
    }

    /** FSYNC, a queue of 65536, a 1 s async flush interval, the UTC system clock. */
    public static Options defaults() {
      return new Options(Durability.FSYNC, 65_536, Duration.ofSeconds(1), Clock.systemUTC());
    }

    public Options withDurability(Durability d) {
      return new Options(d, queueCapacity, asyncFlushInterval, clock);
    }

    public Options withQueueCapacity(int capacity) {
      return new Options(durability, capacity, asyncFlushInterval, clock);
    }

    public Options withAsyncFlushInterval(Duration interval) {
      return new Options(durability, queueCapacity, interval, clock);
    }

    public Options withClock(Clock c) {
      return new Options(durability, queueCapacity, asyncFlushInterval, c);
    }
  }

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileChannel segment;
  private final GroupCommitWriter writer;
  private final long recoveredTornBytes;

  private FileLedger(
      Path dir, FileChannel lockChannel, FileChannel segment, GroupCommitWriter writer, long torn) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.segment = segment;
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
   *
   * @throws Ledger.LedgerException if the directory cannot be prepared, is held by another writer,
   *     is shared-writable, or holds a damaged chain (the message names the first bad record)
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
      List<Path> segments = Segments.list(dir);
      if (segments.isEmpty()) {
        segments = List.of(createSegment(dir));
      }
      Path active = segments.getLast();
      Segments.checkNotShared(active);
      ChainWalker.Walk walk = ChainWalker.walk(segments, mac);
      segment = FileChannel.open(active, READ, WRITE, NOFOLLOW_LINKS);
      long torn = repairTail(dir, active, segment, walk);
      segment.position(segment.size());
      FileLedger ledger =
          new FileLedger(
              dir,
              lockChannel,
              segment,
              new GroupCommitWriter(segment, mac, options, walk.head()),
              torn);
      if (torn > 0) {
        recordRecovery(ledger);
      }
      return ledger;
    } catch (IOException | RuntimeException e) {
      closeQuietly(segment, e);
      closeQuietly(lockChannel, e); // closing the channel releases the lock
      if (e instanceof LedgerException le) {
        throw le;
      }
      throw new LedgerException("cannot open the ledger at " + dir, e);
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
    if (Segments.posix(dir)) {
      try (FileChannel d = FileChannel.open(dir, READ)) {
        d.force(true); // make the new directory entry itself durable
      }
    }
    return first;
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
   * Drains queued appends, forces, and releases the lock. Idempotent.
   *
   * @throws Ledger.LedgerException if the final force or close failed
   */
  @Override
  public void close() {
    writer.close();
    LedgerException failed = null;
    if (segment.isOpen()) {
      try {
        if (writer.failure() == null) {
          segment.force(false);
        }
      } catch (IOException e) {
        failed = new LedgerException("final flush of the ledger at " + dir + " failed", e);
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

  /** Number of {@code force} calls so far; lets tests observe group commit. */
  long forceCount() {
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
