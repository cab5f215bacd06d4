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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * The single writer behind {@link FileLedger}: appenders queue records on a lock-free queue
 * (bounded by a semaphore, so a full queue blocks instead of dropping); one thread takes everything
 * queued and chains it. In {@code ASYNC} mode that thread writes the batch and releases its
 * appenders. In {@code FSYNC} mode it hands the chained batch to a second thread, the flusher, and
 * goes on chaining the next one: the flusher takes every batch handed over since its last take,
 * writes them with one gathering {@code write}, makes them durable with one {@code force}, then
 * releases their appenders ({@link PendingAppend}: it wakes one, and the woken wake the rest) — so
 * chaining and hashing overlap the disk's flush instead of waiting for it, and one {@code force}
 * serves everything that arrived while the previous one ran. The flusher has {@link
 * FileLedger.Options#forcesInFlight} threads ({@link GroupWorker}): while one group is in {@code
 * force}, the next is written and forced, and groups are released in order; with a {@link
 * FileLedger.Options#commitDelay} a group may first wait briefly for appends on their way. After
 * any write or force failure both fail every queued and later append (fail closed) — the chain on
 * disk may then end in a partial batch, which the next {@link FileLedger#open} repairs or refuses.
 * With checkpoints, the flusher's release step also adds each group to the segment digest and the
 * Merkle tree (ASYNC: a tracker thread does). A group of queued records only ({@link #queue}) is
 * written but not forced: it rides the next force.
 *
 * <p>In {@code FSYNC} mode a third thread, the padder ({@link SegmentPadding}), keeps real
 * zero-filled space ahead of the records, so a {@code force} overwrites allocated blocks instead of
 * growing the file; rotation and close cut it off again.
 */
final class GroupCommitWriter implements LedgerWriter {
  private static final int MAX_BATCH = 4096;

  /**
   * FSYNC commit delay: a group of at most this many awaited appends may wait for the next at the
   * observed pace; a larger one already shares its {@code force} well.
   */
  private static final int SMALL_GROUP = 4;

  private static final PendingAppend STOP =
      new PendingAppend(
          CanonicalRecord.of(new LedgerRecord("stop", "", "", null, "", "", 0, null, List.of())));

  private final Path dir;
  private final MessageAuthenticator key;
  private final @Nullable Checkpointer checkpointer;
  private final FileLedger.Options options;
  private final Queue<PendingAppend> queue = new ConcurrentLinkedQueue<>();
  private final Semaphore queueSpace; // one permit per queued append: backpressure, never a drop
  private final AtomicBoolean writerParked = new AtomicBoolean();
  private final AtomicLong forces = new AtomicLong();

  // FSYNC: awaited appends queued (by appenders) and passed on by the writer (to the flusher, or
  // failed); the difference is appends on their way to the flusher, which a gathering group waits
  // for (Flush#gatherNanos).
  private final AtomicLong awaitedQueued = new AtomicLong();
  private volatile long awaitedPassed; // written by the writer thread only
  private final Thread thread;
  private final @Nullable GroupWorker<Handed> flusher; // FSYNC only
  // FSYNC with a commit delay: only then is the count of appends on their way ever read.
  private final boolean gathers;
  private final @Nullable SegmentPadding padding; // FSYNC only
  // ASYNC with checkpoints only: keeps the segment digest and Merkle tree off the chaining thread
  // (in FSYNC the flusher keeps them).
  private final @Nullable GroupWorker<ChainHead.Encoded> tracker;

  /** Appenders hold it shared while queueing; close takes it exclusively, so STOP comes last. */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

  private boolean closing; // guarded by gate
  private volatile @Nullable Throwable failure;

  // Segment, chain head and flush state: writer thread only (published by Thread.join).
  private FileChannel channel;
  private Path segment;
  private long segmentOpenedNanos = System.nanoTime();
  private long segmentSize; // bytes chained into the active segment (FSYNC: some still flushing)
  private @Nullable Throwable closeFailure;
  private final ChainHead head;
  private boolean dirty;
  private long lastHandedNanos = System.nanoTime() - Long.MAX_VALUE / 2;
  private @Nullable Thread lastHandedAppender;

  /**
   * FSYNC: the flusher wrote records it did not force (only unawaited ones) since the writer's last
   * force. Set by the flusher's threads, cleared only by the writer's own {@link #force}, which
   * runs with the flusher idle (after {@link GroupWorker#awaitIdle} or {@link GroupWorker#stop}).
   */
  private volatile boolean unforced;

  private volatile long lastForceNanos = System.nanoTime();

  GroupCommitWriter(
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
    this.key = key;
    this.checkpointer = checkpointer;
    this.options = options;
    this.queueSpace = new Semaphore(options.queueCapacity());
    this.head = new ChainHead(head, key, options.clock(), checkpointer != null);
    try {
      this.segmentSize = channel.size();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the size of " + segment, e);
    }
    this.flusher =
        options.durability() == FileLedger.Durability.FSYNC
            ? new GroupWorker<>("warden-ledger-flusher", options.forcesInFlight(), new Flush())
            : null;
    this.gathers = flusher != null && !options.commitDelay().isZero();
    this.padding =
        flusher != null
            ? new SegmentPadding(options.maxSegmentBytes(), segmentSize, this::padFailed)
            : null;
    // FSYNC: the flusher keeps the digest and tree itself once a group is released, which spares
    // a thread wake-up per batch; ASYNC has no flusher, so a tracker thread does it.
    this.tracker =
        checkpointer == null || flusher != null
            ? null
            : new GroupWorker<>("warden-ledger-tracker", this::track);
    this.thread = Thread.ofPlatform().name("warden-ledger-writer").daemon(true).start(this::run);
  }

  @Override
  public Receipt append(LedgerRecord record) {
    return submit(record, true).await();
  }

  /**
   * Queues {@code record} without waiting ({@link dev.warden.api.Ledger#queue}): the same FIFO
   * queue as {@link #append}, so a later append of this thread is chained, written and forced after
   * it. It does not wake the writer: it is chained with whatever append comes next (or a due
   * checkpoint, or close).
   */
  @Override
  public void queue(LedgerRecord record) {
    submit(record, false);
  }

  private PendingAppend submit(LedgerRecord record, boolean awaited) {
    // Serialized here, on the appender's thread: appenders canonicalize in parallel and the
    // single writer only chains, hashes and writes.
    CanonicalRecord canonical = canonical(record);
    PendingAppend p = awaited ? new PendingAppend(canonical) : PendingAppend.unawaited(canonical);
    gate.readLock().lock();
    try {
      if (closing) {
        throw new LedgerException("ledger is closed");
      }
      Throwable f = failure;
      if (f != null) {
        throw refusing(f);
      }
      queueSpace.acquire(); // blocks when full: backpressure, never a dropped record
      if (awaited) {
        if (gathers) {
          awaitedQueued.incrementAndGet();
        }
        enqueue(p);
      } else {
        // No wake-up: nobody waits for it. The writer takes it with the next append that does
        // wake it — at the latest this thread's own next one, which the contract is about.
        queue.add(p);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted before the record was queued; it was not written", e);
    } finally {
      gate.readLock().unlock();
    }
    return p;
  }

  /** Queues {@code p} (its queue permit already held) and wakes the writer if it sleeps. */
  private void enqueue(PendingAppend p) {
    queue.add(p);
    // The writer sets the flag before its last look at the queue, this reads it after the add:
    // one of the two sees the other, so an append never waits on a sleeping writer.
    if (writerParked.get() && writerParked.getAndSet(false)) {
      LockSupport.unpark(thread);
    }
  }

  /** Drains the queue, makes everything durable and stops the thread; idempotent. */
  @Override
  public void close() {
    gate.writeLock().lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
    } finally {
      gate.writeLock().unlock();
    }
    // Close must finish even if interrupted, or queued appenders would wait forever.
    boolean interrupted = false;
    boolean stopQueued = false;
    while (!stopQueued) {
      try {
        queueSpace.acquire();
        enqueue(STOP);
        stopQueued = true;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (GroupWorker.joinUninterruptibly(thread) || interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public @Nullable Throwable failure() {
    return failure;
  }

  @Override
  public long forceCount() {
    return forces.get();
  }

  /** The active segment's channel; after {@link #close} the caller closes it. */
  @Override
  public FileChannel channel() {
    return channel;
  }

  /** What failed while closing (the final force or checkpoint), or null. */
  @Override
  public @Nullable Throwable closeFailure() {
    return closeFailure;
  }

  private void run() {
    List<PendingAppend> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      PendingAppend first = take(waitNanos());
      if (first != null) {
        batch.add(first);
        for (PendingAppend p = first;
            p != STOP && batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
          batch.add(p);
        }
        queueSpace.release(batch.size());
      }
      stop = !batch.isEmpty() && batch.getLast() == STOP;
      if (stop) {
        batch.removeLast();
      }
      commit(batch);
      if (gathers) {
        passed(batch);
      }
      batch.clear();
    }
    GroupWorker<Handed> f = flusher;
    if (f != null) {
      f.stop(); // after every batch handed over is written, forced and released
      stopPadder();
      if (failure == null) {
        cutPadding(channel);
        closeFailure = failure;
      }
    }
    GroupWorker<ChainHead.Encoded> t = tracker;
    if (t != null) {
      t.stop(); // the final checkpoint below needs the whole tree
    }
    if ((dirty || unforced) && failure == null) {
      force(); // ASYNC, or FSYNC queued records: the last writes become durable at close
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
    if (failure != null && closeFailure == null && dirty) {
      closeFailure = failure;
    }
  }

  /**
   * The next queued append, waiting at most {@code waitNanos} ({@link Long#MAX_VALUE}: until one
   * comes); null when the time is up first. Interrupts are ignored: only STOP ends the writer.
   */
  private @Nullable PendingAppend take(long waitNanos) {
    PendingAppend p = queue.poll();
    if (p != null) {
      return p;
    }
    long deadline = System.nanoTime() + waitNanos;
    while (true) {
      writerParked.set(true);
      p = queue.poll(); // after the flag: see enqueue
      if (p != null) {
        writerParked.set(false);
        return p;
      }
      if (waitNanos == Long.MAX_VALUE) {
        LockSupport.park(this);
      } else {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          writerParked.set(false);
          return null;
        }
        LockSupport.parkNanos(this, left);
      }
      writerParked.set(false);
      Thread.interrupted(); // nobody else should interrupt this thread
      p = queue.poll();
      if (p != null || (waitNanos != Long.MAX_VALUE && deadline - System.nanoTime() <= 0)) {
        return p;
      }
    }
  }

  /** How long the writer may block for the next append before it has timed work to do. */
  private long waitNanos() {
    long wait = Long.MAX_VALUE;
    if (options.durability() == FileLedger.Durability.ASYNC) {
      wait = options.asyncFlushInterval().toNanos();
    }
    Checkpointer cp = checkpointer;
    if (cp != null && cp.pending() && failure == null) {
      wait = Math.min(wait, Math.max(1, cp.nanosUntilDue()));
    }
    return wait;
  }

  /** After a batch: rotate the segment and checkpoint when due. Fails closed. */
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
      GroupWorker<Handed> f = flusher;
      if (f != null) {
        f.awaitIdle(); // what follows needs every handed batch on disk and forced
      }
      SegmentPadding pd = padding;
      if (pd != null) {
        pd.awaitIdle(); // rotation cuts the padding: no stretch may still be on its way
      }
      GroupWorker<ChainHead.Encoded> t = tracker;
      if (t != null) {
        t.awaitIdle(); // and in the segment digest and the tree
      }
      if (failure != null) {
        return;
      }
      if (cp != null && (cp.due() || (rotate && cp.pending()))) {
        if (dirty || unforced) {
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

  /** Closes the full segment and continues the chain in the next one. */
  private void rotate() throws IOException {
    if (dirty || unforced) {
      force();
    }
    cutPadding(channel); // a closed segment ends with its last record
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
    SegmentPadding pd = padding;
    if (pd != null) {
      pd.rotated();
    }
    old.close();
    Checkpointer cp = checkpointer;
    if (cp != null) {
      cp.rotated(next);
    }
  }

  private void commit(List<PendingAppend> batch) {
    Throwable f = failure;
    if (f != null) {
      PendingAppend.fail(batch, refusing(f));
      return;
    }
    GroupWorker<Handed> flush = flusher;
    if (flush != null) {
      if (!batch.isEmpty()) {
        handOver(batch, flush);
      }
      maintain();
      return;
    }
    if (batch.isEmpty()) {
      if (dirty && System.nanoTime() - lastForceNanos >= options.asyncFlushInterval().toNanos()) {
        force();
      }
      maintain();
      return;
    }
    ChainHead.Encoded encoded;
    try {
      encoded = head.encode(batch);
      ByteBuffer bytes = encoded.bytes();
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      segmentSize += bytes.limit();
      dirty = true;
      if (System.nanoTime() - lastForceNanos >= options.asyncFlushInterval().toNanos()) {
        force();
      }
    } catch (Throwable t) { // fail closed on anything, including Errors
      failWrite(t, batch);
      return;
    }
    PendingAppend.complete(batch, advance(encoded));
    maintain();
  }

  /**
   * FSYNC: chains the batch, moves the head and hands the bytes to the flusher, which releases the
   * appenders once they are durable. The head moves before the bytes are on disk; if the flusher
   * then fails, the ledger refuses every later append, so nothing chains onto a lost record.
   */
  private void handOver(List<PendingAppend> batch, GroupWorker<Handed> flush) {
    ChainHead.Encoded encoded;
    try {
      encoded = head.encode(batch);
    } catch (Throwable t) { // fail closed on anything, including Errors
      failWrite(t, batch);
      return;
    }
    segmentSize += encoded.bytes().remaining();
    advance(encoded);
    SegmentPadding pd = padding;
    if (pd != null) {
      pd.topUp(segment, segmentSize);
    }
    flush.hand(new Handed(channel, List.copyOf(batch), encoded, arrivalGap(batch)));
  }

  /**
   * The pace of awaited appends from different threads, for the commit delay: the time since the
   * previous awaited append handed over, if that came from another thread. Writer thread only.
   */
  private long arrivalGap(List<PendingAppend> batch) {
    if (!gathers) {
      return Long.MAX_VALUE;
    }
    Thread first = null;
    Thread last = null;
    for (PendingAppend p : batch) {
      if (p.awaited()) {
        if (first == null) {
          first = p.appender();
        }
        last = p.appender();
      }
    }
    if (first == null) {
      return Long.MAX_VALUE;
    }
    long now = System.nanoTime();
    long gap = first != lastHandedAppender ? now - lastHandedNanos : Long.MAX_VALUE;
    lastHandedNanos = now;
    lastHandedAppender = last;
    return gap;
  }

  /** Moves the chain head past a chained batch and tells the checkpointer; its receipts. */
  private List<Receipt> advance(ChainHead.Encoded encoded) {
    List<Receipt> receipts = encoded.receipts();
    head.advance(encoded);
    Checkpointer cp = checkpointer;
    if (cp != null) {
      cp.chained(receipts.size());
      GroupWorker<ChainHead.Encoded> t = tracker;
      if (t != null) {
        t.hand(encoded);
      }
    }
    return receipts;
  }

  /**
   * Adds chained batches to the segment digest and the Merkle tree, in chain order: on the tracker
   * thread (ASYNC) or the flusher's (FSYNC).
   */
  private void track(List<ChainHead.Encoded> group) {
    Checkpointer cp = checkpointer;
    if (cp == null) {
      return;
    }
    try {
      for (ChainHead.Encoded e : group) {
        cp.written(e.bytes().array(), e.receipts(), e.leaves());
      }
    } catch (Throwable t) { // fail closed: a checkpoint must never sign a partial digest
      failure = t;
    }
  }

  /** Counts the batch's awaited appends as handed over (or failed): no longer on their way. */
  private void passed(List<PendingAppend> batch) {
    int awaited = 0;
    for (PendingAppend p : batch) {
      if (p.awaited()) {
        awaited++;
      }
    }
    if (awaited > 0) {
      awaitedPassed += awaited; // single writer: no lost update
    }
  }

  /** Fails closed: the ledger refuses from now on, and these appends fail with the cause. */
  private void failWrite(Throwable t, List<PendingAppend> batch) {
    failure = t;
    PendingAppend.fail(batch, writeFailed(t));
  }

  /** What the appends of a group whose write or force failed get. */
  static LedgerException writeFailed(Throwable cause) {
    return new LedgerException("ledger write failed; the ledger refuses further appends", cause);
  }

  /**
   * A chained batch handed to the flusher, with the segment it belongs to and how long after the
   * previous awaited append of another thread its first awaited append came ({@link Long#MAX_VALUE}
   * if it has none, or the previous one was the same thread's).
   */
  private record Handed(
      FileChannel channel,
      List<PendingAppend> batch,
      ChainHead.Encoded encoded,
      long arrivalGapNanos) {}

  /**
   * The flusher's work (FSYNC): one gathering write and one force for the whole group, then its
   * appenders go; with {@link FileLedger.Options#forcesInFlight} groups forcing at once ({@link
   * GroupWorker}). Rotation and checkpoints wait for the flusher to be idle, so a group never spans
   * two segments and a checkpoint never covers a record that is not durable.
   */
  private final class Flush implements GroupWorker.Stage<Handed> {
    private final long commitDelayNanos = options.commitDelay().toNanos();
    // Only the thread between a take and its write uses it, one at a time.
    private boolean busy;

    /**
     * The group commit delay ({@link FileLedger.Options#commitDelay}): a group with a waiting
     * append waits up to the delay for more, but only while more are known to be coming — appends
     * already queued that the writer has not passed on yet (the wait ends when they are handed
     * over), or, for a small group whose first append came less than one delay after another
     * thread's, the next arrival at that pace (the wait runs its length). One thread appending
     * alone, however fast, never waits; nor does a group already large enough to share its force.
     */
    @Override
    public long gatherNanos(List<Handed> group, long waitedNanos) {
      if (commitDelayNanos == 0) {
        return 0;
      }
      if (waitedNanos == 0) {
        Handed first = null;
        int awaited = 0;
        for (Handed h : group) {
          for (PendingAppend p : h.batch()) {
            if (p.awaited()) {
              first = first == null ? h : first;
              awaited++;
            }
          }
        }
        if (first == null) {
          return 0; // queued records only: they wait for nobody, and ride the next force
        }
        busy = awaited <= SMALL_GROUP && first.arrivalGapNanos() < commitDelayNanos;
      }
      long left = commitDelayNanos - waitedNanos;
      return left > 0 && (busy || awaitedQueued.get() - awaitedPassed > 0) ? left : 0;
    }

    /** Waiting for known appends ends when they come; waiting at the observed pace runs out. */
    @Override
    public boolean gatherWakesOnHand() {
      return !busy;
    }

    @Override
    public boolean write(List<Handed> group) {
      Throwable f = failure;
      if (f != null) {
        PendingAppend.fail(appenders(group), refusing(f));
        return false;
      }
      try {
        FileChannel target = group.getFirst().channel();
        ByteBuffer[] buffers = new ByteBuffer[group.size()];
        long left = 0;
        for (int i = 0; i < buffers.length; i++) {
          if (group.get(i).channel() != target) {
            throw new IllegalStateException("a flush group spans two segments");
          }
          buffers[i] = group.get(i).encoded().bytes();
          left += buffers[i].remaining();
        }
        // Never into a stretch of zeros the padder is still writing: its write would land later.
        SegmentPadding pd = padding;
        if (pd != null) {
          pd.beforeWrite(target.position(), left);
        }
        while (left > 0) {
          left -= target.write(buffers);
        }
        return true;
      } catch (Throwable t) { // fail closed on anything, including Errors
        failWrite(t, appenders(group));
        return false;
      }
    }

    @Override
    public boolean force(List<Handed> group) {
      if (!awaited(group)) {
        // Only queued records nobody waits for: they ride the next force (an awaited record's,
        // a checkpoint's, a rotation's or close's), which covers every byte written before it.
        unforced = true;
        return true;
      }
      try {
        group.getFirst().channel().force(false);
        forces.incrementAndGet();
        lastForceNanos = System.nanoTime();
        return true;
      } catch (Throwable t) { // fail closed on anything, including Errors
        failWrite(t, appenders(group));
        return false;
      }
    }

    @Override
    public void release(List<Handed> group) {
      Throwable f = failure;
      if (f != null) { // an earlier group's force failed: this one's success proves nothing
        PendingAppend.fail(appenders(group), refusing(f));
      } else if (group.size() == 1) {
        PendingAppend.complete(group.getFirst().batch(), group.getFirst().encoded().receipts());
      } else {
        List<Receipt> receipts = new ArrayList<>();
        for (Handed h : group) {
          receipts.addAll(h.encoded().receipts());
        }
        PendingAppend.complete(appenders(group), receipts); // one wake tree for the whole force
      }
      if (checkpointer != null && failure == null) {
        // After the release, one group at a time in chain order; awaitIdle still waits for it.
        List<ChainHead.Encoded> written = new ArrayList<>(group.size());
        for (Handed h : group) {
          written.add(h.encoded());
        }
        track(written);
      }
    }
  }

  private static boolean awaited(List<Handed> group) {
    for (Handed h : group) {
      for (PendingAppend p : h.batch()) {
        if (p.awaited()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The padder failed: fail closed, every later append is refused. */
  private void padFailed(Throwable t) {
    if (failure == null) {
      failure = t;
    }
  }

  /** Ends the padder (after its last stretch). Writer thread. */
  private void stopPadder() {
    SegmentPadding pd = padding;
    if (pd != null) {
      pd.stop();
    }
  }

  /**
   * Cuts the zero-filled space off the end of a segment that is being closed and forces the new
   * size, so only the active segment can ever end in padding. Writer thread, with the flusher idle.
   */
  private void cutPadding(FileChannel segmentChannel) {
    try {
      if (SegmentPadding.cut(segmentChannel, segmentSize)) {
        forces.incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
  }

  private static List<PendingAppend> appenders(List<Handed> group) {
    List<PendingAppend> all = new ArrayList<>();
    for (Handed h : group) {
      all.addAll(h.batch());
    }
    return all;
  }

  private void force() {
    try {
      channel.force(false);
      forces.incrementAndGet();
      dirty = false;
      unforced = false;
      lastForceNanos = System.nanoTime();
    } catch (IOException | RuntimeException e) {
      failure = e; // already acknowledged ASYNC records may be lost: refuse everything after
    }
  }

  /**
   * {@code record} canonicalized; a string with no UTF-8 form is refused, naming its field only.
   */
  static CanonicalRecord canonical(LedgerRecord record) {
    try {
      return CanonicalRecord.of(record);
    } catch (IllegalArgumentException e) {
      throw new LedgerException("record rejected: " + e.getMessage(), e);
    }
  }

  /** What an append gets once the ledger has failed: it refuses, naming the cause. */
  static LedgerException refusing(Throwable cause) {
    return new LedgerException("an earlier ledger write failed; the ledger refuses appends", cause);
  }
}
