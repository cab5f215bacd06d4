package dev.warden.ledger;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.Ledger.Receipt;
import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * FSYNC group commit without a writer or flusher thread on the common path ({@link
 * FileLedger.GroupCommit#LEADER}), as many databases' write-ahead logs do it: each appender chains
 * its own record under a short lock (the SHA-256 and HMAC chain and the canonical line, {@link
 * ChainHead}). If no {@code force} is running, it becomes the leader: it takes every chained line
 * not yet written, writes them with one gathering {@code write}, forces, releases the appenders
 * that force covered (only them: {@link PendingAppend#complete}), and hands the lead to the first
 * appender still waiting, whose line came after the take. Otherwise it parks as a follower until a
 * force covers it or the lead comes to it. A lone append so costs no thread hand-over, only its own
 * {@code fdatasync}; appends arriving while one runs share the next.
 *
 * <p>Guarantees, as {@link GroupCommitWriter}'s: records are chained in the order they take the
 * lock, and written in that order (one leader at a time, each writing everything chained before its
 * take); an append returns only once a {@code force} that started after its write came back. A
 * chaining, write or {@code force} failure fails that group, every line chained and not yet written
 * and every later append (fail closed). The leader also keeps the segment digest and the Merkle
 * tree (in chain order, one group at a time), rotates segments and writes due checkpoints before it
 * hands the lead on. The padder ({@link SegmentPadding}) still keeps zeros ahead of the records.
 * With checkpoints, one background thread, the ticker, takes the lead when nobody else holds it and
 * a checkpoint falls due by time (off the common path: appenders check after every force). {@link
 * #queue} chains and returns; its line rides the next leader's write and force (a queuer with more
 * than {@link #MAX_QUEUED_LINES} lines waiting and nobody leading writes them itself, unforced).
 * Close waits for the last leader, writes and forces what is left, cuts the padding and writes the
 * final checkpoint.
 *
 * <p>Virtual threads: the lock and the parking are {@link ReentrantLock} and {@link LockSupport}
 * (no monitor is held while blocking); a virtual leader blocks its carrier in {@code write} and
 * {@code force}, which the JDK compensates with another carrier.
 */
final class LeaderCommitWriter implements LedgerWriter {
  /** Unwritten queued lines at which a {@link #queue} caller with nobody leading writes them. */
  static final int MAX_QUEUED_LINES = 4096;

  private final Path dir;
  private final FileLedger.Options options;
  private final @Nullable Checkpointer checkpointer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition noLeader = lock.newCondition();
  private final AtomicLong forces = new AtomicLong();
  private final SegmentPadding padding;
  private final @Nullable Thread ticker;

  // Guarded by lock: the chain head, the lines chained and not yet taken by a leader (in chain
  // order), whether someone leads, whether close has begun.
  private final ChainHead head;
  private ArrayList<Chained> unwritten = new ArrayList<>();
  private boolean leading;
  private boolean closing;

  private volatile @Nullable Throwable failure;

  // The leader's alone; passed from one leader to the next through the lock.
  private FileChannel channel;
  private Path segment;
  private long segmentSize; // bytes written to the active segment
  private long segmentOpenedNanos = System.nanoTime();
  private boolean unforced; // lines written that no force has covered yet (queued ones only)
  private @Nullable Throwable closeFailure;

  /** A chained line and the append waiting for it (or not, if queued). */
  private record Chained(PendingAppend append, ChainHead.Encoded encoded) {}

  LeaderCommitWriter(
      Path dir,
      Path segment,
      FileChannel channel,
      MessageAuthenticator key,
      FileLedger.Options options,
      Entry head,
      @Nullable Checkpointer checkpointer) {
    this.dir = dir;
    this.segment = segment;
    this.channel = channel;
    this.options = options;
    this.checkpointer = checkpointer;
    this.head = new ChainHead(head, key, options.clock(), checkpointer != null);
    try {
      this.segmentSize = channel.size();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the size of " + segment, e);
    }
    this.padding = new SegmentPadding(options.maxSegmentBytes(), segmentSize, this::padFailed);
    this.ticker =
        checkpointer == null
            ? null
            : Thread.ofPlatform().name("warden-ledger-ticker").daemon(true).start(this::tick);
  }

  @Override
  public Receipt append(LedgerRecord record) {
    PendingAppend p = new PendingAppend(GroupCommitWriter.canonical(record));
    List<Chained> batch;
    lock.lock();
    try {
      chain(p, false);
      batch = leading ? null : lead();
    } finally {
      lock.unlock();
    }
    if (batch == null) {
      if (!p.awaitTurn()) {
        return p.await(); // a leader's force covered it (or failed it)
      }
      batch = take(); // the lead came to it: its own line was not covered yet
    }
    commit(batch);
    return p.await();
  }

  /**
   * Chains {@code record} and returns; the next leader writes and forces it with its own group. A
   * record that cannot be chained (its MAC fails) fails the ledger without throwing here, as if its
   * write had failed: the next append throws.
   */
  @Override
  public void queue(LedgerRecord record) {
    PendingAppend p = PendingAppend.unawaited(GroupCommitWriter.canonical(record));
    List<Chained> batch = null;
    lock.lock();
    try {
      chain(p, true);
      if (!leading && unwritten.size() >= MAX_QUEUED_LINES) {
        batch = lead(); // bounds the lines held in memory when nobody appends
      }
    } finally {
      lock.unlock();
    }
    if (batch != null) {
      commit(batch);
    }
  }

  /**
   * Chains {@code p} onto the head and adds its line to the unwritten ones. Under the lock.
   *
   * @throws LedgerException if closed or failed, or (unless {@code quietly}) the chaining failed
   */
  private void chain(PendingAppend p, boolean quietly) {
    if (closing) {
      throw new LedgerException("ledger is closed");
    }
    Throwable f = failure;
    if (f != null) {
      throw GroupCommitWriter.refusing(f);
    }
    ChainHead.Encoded encoded;
    try {
      encoded = head.encode(List.of(p));
    } catch (Throwable t) { // fail closed on anything, including Errors
      failure = t;
      if (quietly) {
        return;
      }
      throw GroupCommitWriter.writeFailed(t);
    }
    head.advance(encoded);
    unwritten.add(new Chained(p, encoded));
  }

  /** Becomes the leader and takes every unwritten line. Under the lock, with nobody leading. */
  private List<Chained> lead() {
    leading = true;
    return takeLocked();
  }

  /** The handed-over leader's take: every line chained up to now. */
  private List<Chained> take() {
    lock.lock();
    try {
      return takeLocked();
    } finally {
      lock.unlock();
    }
  }

  private List<Chained> takeLocked() {
    List<Chained> taken = unwritten;
    unwritten = new ArrayList<>();
    return taken;
  }

  /** The leader's turn ({@link #turn}), with the appender's interrupt held back meanwhile. */
  private void commit(List<Chained> batch) {
    // An interrupted thread's FileChannel I/O closes the channel: the appender's interrupt waits
    // until its turn is over. (One delivered during the write or force still does: the ledger then
    // fails closed.)
    boolean interrupted = Thread.interrupted();
    try {
      turn(batch);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The leader's turn: writes and forces {@code batch}, adds it to the checkpoint's digest and
   * tree, rotates or checkpoints when due, hands the lead on, and only then releases the batch's
   * appenders — so the next leader's wake-up overlaps the release instead of following it. Never
   * throws: failures fail closed.
   *
   * @return with checkpoints and one pending, the nanoseconds until it is due by time; else -1
   */
  private long turn(List<Chained> batch) {
    boolean written = write(batch);
    long untilCheckpoint = -1;
    if (written) {
      track(batch);
      maintain();
      Checkpointer cp = checkpointer;
      if (cp != null && failure == null && cp.pending()) {
        untilCheckpoint = cp.nanosUntilDue();
      }
    }
    handOn();
    if (written) {
      release(batch);
    }
    return untilCheckpoint;
  }

  /**
   * One gathering write for the batch, then a {@code force} if anyone waits for it (queued lines
   * alone ride the next one). False, with the batch failed, if the ledger failed or fails now.
   */
  private boolean write(List<Chained> batch) {
    Throwable f = failure;
    if (f != null) {
      PendingAppend.fail(appenders(batch), GroupCommitWriter.refusing(f));
      return false;
    }
    if (batch.isEmpty()) {
      return true;
    }
    try {
      ByteBuffer[] buffers = new ByteBuffer[batch.size()];
      long left = 0;
      boolean awaited = false;
      for (int i = 0; i < buffers.length; i++) {
        Chained c = batch.get(i);
        buffers[i] = c.encoded().bytes();
        left += buffers[i].remaining();
        awaited |= c.append().awaited();
      }
      padding.topUp(segment, segmentSize + left);
      padding.beforeWrite(segmentSize, left);
      long written = left;
      while (left > 0) {
        left -= channel.write(buffers);
      }
      segmentSize += written;
      unforced = true;
      if (awaited) {
        channel.force(false);
        forces.incrementAndGet();
        unforced = false;
      }
      return true;
    } catch (Throwable t) { // fail closed on anything, including Errors
      failure = t;
      PendingAppend.fail(appenders(batch), GroupCommitWriter.writeFailed(t));
      return false;
    }
  }

  private static void release(List<Chained> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<PendingAppend> appenders = new ArrayList<>(batch.size());
    List<Receipt> receipts = new ArrayList<>(batch.size());
    for (Chained c : batch) {
      appenders.add(c.append());
      receipts.add(c.encoded().receipts().getFirst());
    }
    PendingAppend.complete(appenders, receipts); // wakes the first; the woken wake the rest
  }

  /** Adds a written group to the segment digest and the Merkle tree, in chain order. */
  private void track(List<Chained> batch) {
    Checkpointer cp = checkpointer;
    if (cp == null || batch.isEmpty()) {
      return;
    }
    try {
      cp.chained(batch.size());
      for (Chained c : batch) {
        ChainHead.Encoded e = c.encoded();
        cp.written(e.bytes().array(), e.receipts(), e.leaves());
      }
    } catch (Throwable t) { // fail closed: a checkpoint must never sign a partial digest
      failure = t;
    }
  }

  /** After a group: rotate the segment and checkpoint when due. The leader only; fails closed. */
  private void maintain() {
    if (failure != null) {
      return;
    }
    try {
      Checkpointer cp = checkpointer;
      boolean rotate =
          segmentSize >= options.maxSegmentBytes()
              || System.nanoTime() - segmentOpenedNanos >= options.maxSegmentAge().toNanos();
      if (!rotate && (cp == null || !cp.due())) {
        return;
      }
      if (cp != null && (cp.due() || (rotate && cp.pending()))) {
        if (unforced) {
          force(); // a checkpoint never covers a record that is not durable
        }
        if (failure == null) {
          cp.checkpoint();
        }
      }
      if (rotate && failure == null && segmentSize > 0) {
        rotate();
      }
    } catch (Throwable t) { // fail closed, as for a write failure
      failure = t;
    }
  }

  /** Closes the full segment and continues the chain in the next one. The leader only. */
  private void rotate() throws IOException {
    if (unforced) {
      force();
    }
    padding.awaitIdle(); // no stretch of zeros may land after the cut
    if (SegmentPadding.cut(channel, segmentSize)) {
      forces.incrementAndGet();
    }
    if (failure != null) {
      return;
    }
    Path next = Segments.name(dir, Segments.number(segment) + 1);
    FileChannel opened = Segments.createNext(dir, next);
    FileChannel old = channel;
    channel = opened;
    segment = next;
    segmentOpenedNanos = System.nanoTime();
    segmentSize = 0;
    padding.rotated();
    old.close();
    Checkpointer cp = checkpointer;
    if (cp != null) {
      cp.rotated(next);
    }
  }

  private void force() {
    try {
      channel.force(false);
      forces.incrementAndGet();
      unforced = false;
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
  }

  /**
   * Ends the leader's turn: hands the lead to the first appender still waiting for its line (it
   * came after this leader's take), or, if there is none, lets the next appender lead. After a
   * failure, fails every unwritten line instead: nothing chains onto a record that is not on disk.
   */
  private void handOn() {
    List<Chained> failed = null;
    Throwable f;
    Thread next = null;
    lock.lock();
    try {
      f = failure;
      if (f != null) {
        failed = takeLocked();
      } else {
        for (Chained c : unwritten) {
          if (c.append().handLead()) {
            next = c.append().appender();
            break;
          }
        }
      }
      if (next == null) {
        leading = false;
        noLeader.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (next != null) {
      LockSupport.unpark(next);
    }
    if (f != null && failed != null && !failed.isEmpty()) {
      PendingAppend.fail(appenders(failed), GroupCommitWriter.refusing(f));
    }
  }

  /**
   * The ticker: when a time-based checkpoint may be due and nobody leads, leads an empty turn (it
   * writes what queued lines wait, and {@link #maintain} checkpoints). Appenders check after every
   * force, so this only matters once appends stop.
   */
  private void tick() {
    Checkpointer cp = checkpointer;
    if (cp == null) {
      return;
    }
    long interval = options.checkpointInterval().toNanos();
    long wait = interval;
    while (true) {
      LockSupport.parkNanos(this, wait);
      List<Chained> batch;
      lock.lock();
      try {
        if (closing) {
          return;
        }
        batch = leading || failure != null ? null : lead();
      } finally {
        lock.unlock();
      }
      wait = interval;
      if (batch != null) {
        long untilCheckpoint = turn(batch);
        if (untilCheckpoint >= 0) {
          wait = Math.max(TimeUnit.MILLISECONDS.toNanos(1), untilCheckpoint);
        }
      }
    }
  }

  /** Waits for the last leader, then writes, forces and checkpoints what is left; idempotent. */
  @Override
  public void close() {
    List<Chained> batch;
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      while (leading) {
        noLeader.awaitUninterruptibly();
      }
      leading = true; // for good: nobody leads after close
      batch = takeLocked();
    } finally {
      lock.unlock();
    }
    Thread t = ticker;
    if (t != null) {
      LockSupport.unpark(t);
      if (GroupWorker.joinUninterruptibly(t)) {
        Thread.currentThread().interrupt();
      }
    }
    if (write(batch)) { // only queued lines can be left: nobody waits for them
      track(batch);
      release(batch);
    }
    padding.stop();
    if (failure == null) {
      try {
        if (SegmentPadding.cut(channel, segmentSize)) {
          forces.incrementAndGet();
        }
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
      if (unforced && failure == null) {
        force();
      }
      closeFailure = failure;
    }
    Checkpointer cp = checkpointer;
    if (failure == null && cp != null && cp.pending()) {
      try {
        cp.checkpoint(); // the shutdown checkpoint covers every record
      } catch (IOException | RuntimeException e) {
        failure = e;
        closeFailure = e;
      }
    }
  }

  private void padFailed(Throwable t) {
    if (failure == null) {
      failure = t;
    }
  }

  private static List<PendingAppend> appenders(List<Chained> batch) {
    List<PendingAppend> all = new ArrayList<>(batch.size());
    for (Chained c : batch) {
      all.add(c.append());
    }
    return all;
  }

  @Override
  public @Nullable Throwable failure() {
    return failure;
  }

  @Override
  public long forceCount() {
    return forces.get();
  }

  @Override
  public FileChannel channel() {
    return channel;
  }

  @Override
  public @Nullable Throwable closeFailure() {
    return closeFailure;
  }
}
