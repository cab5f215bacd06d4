package dev.warden.ledger;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.Ledger.Receipt;
import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.merkle.Rfc6962;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
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
 * <p>In {@code FSYNC} mode a third thread, the padder, keeps real zero-filled space ahead of the
 * records (up to {@link #PREALLOCATE} bytes, written with ordinary writes, never a sparse {@code
 * setLength}): a {@code force} that only overwrites allocated blocks flushes data, while one that
 * grows the file must also commit the size change through the filesystem journal — on ext4 here
 * about half of a {@code force}'s time. The padder writes each stretch through a channel of its own
 * and forces it itself, so neither the 1 MiB write nor its {@code force} sits between a group and
 * its release; the flusher never writes into a stretch the padder has not finished (it waits for it
 * instead). Its own channel matters for fail-closed: Linux reports a write-back error once per open
 * file, so a {@code force} on a separate open file cannot take the error that belongs to the
 * flusher's. Rotation and close cut the padding off again; after a crash {@link FileLedger#open}
 * does, and the verifier reads it as the end of the file ({@link Segments#dataEnd}).
 */
final class GroupCommitWriter {
  private static final int MAX_BATCH = 4096;

  /**
   * FSYNC commit delay: a group of at most this many awaited appends may wait for the next at the
   * observed pace; a larger one already shares its {@code force} well.
   */
  private static final int SMALL_GROUP = 4;

  /** Zero-filled space kept ahead of the active segment's records, in FSYNC mode. */
  static final int PREALLOCATE = 1 << 20;

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
  private final @Nullable GroupWorker<Padding> padder; // FSYNC only
  // ASYNC with checkpoints only: keeps the segment digest and Merkle tree off the chaining thread
  // (in FSYNC the flusher keeps them).
  private final @Nullable GroupWorker<Encoded> tracker;

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
  private long seq;
  private String hash;
  private String mac;
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
  private final MessageDigest sha256 = Checkpointer.sha256();

  // Preallocation. Writer thread: where the zero-filled space handed to the padder ends in the
  // active segment. Written by the writer before each hand-over, read by the flusher: where the
  // latest stretch starts, which the flusher must not write past while the padder is busy.
  private final int preallocate;
  private long preallocatedEnd;
  private volatile long paddingFrom = Long.MAX_VALUE;
  // Padder thread only: its own channel on the segment it pads, and the zeros.
  private @Nullable FileChannel padChannel;
  private @Nullable Path padSegment;
  private @Nullable ByteBuffer zeros;

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
    // A small segment gets no more padding than its own size: rotation would only cut it off.
    this.preallocate = (int) Math.min(PREALLOCATE, (options.maxSegmentBytes() + 4095) & -4096L);
    this.seq = head.seq();
    this.hash = head.hash();
    this.mac = head.mac();
    try {
      this.segmentSize = channel.size();
      this.preallocatedEnd = segmentSize;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the size of " + segment, e);
    }
    this.flusher =
        options.durability() == FileLedger.Durability.FSYNC
            ? new GroupWorker<>("warden-ledger-flusher", options.forcesInFlight(), new Flush())
            : null;
    this.gathers = flusher != null && !options.commitDelay().isZero();
    this.padder = flusher != null ? new GroupWorker<>("warden-ledger-padder", this::pad) : null;
    // FSYNC: the flusher keeps the digest and tree itself once a group is released, which spares
    // a thread wake-up per batch; ASYNC has no flusher, so a tracker thread does it.
    this.tracker =
        checkpointer == null || flusher != null
            ? null
            : new GroupWorker<>("warden-ledger-tracker", this::track);
    this.thread = Thread.ofPlatform().name("warden-ledger-writer").daemon(true).start(this::run);
  }

  Receipt append(LedgerRecord record) {
    return submit(record, true).await();
  }

  /**
   * Queues {@code record} without waiting ({@link dev.warden.api.Ledger#queue}): the same FIFO
   * queue as {@link #append}, so a later append of this thread is chained, written and forced after
   * it. It does not wake the writer: it is chained with whatever append comes next (or a due
   * checkpoint, or close).
   */
  void queue(LedgerRecord record) {
    submit(record, false);
  }

  private PendingAppend submit(LedgerRecord record, boolean awaited) {
    CanonicalRecord canonical;
    try {
      // Serialized here, on the appender's thread: appenders canonicalize in parallel and the
      // single writer only chains, hashes and writes.
      canonical = CanonicalRecord.of(record);
    } catch (IllegalArgumentException e) {
      throw new LedgerException("record rejected: " + e.getMessage(), e);
    }
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
  void close() {
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

  @Nullable Throwable failure() {
    return failure;
  }

  long forceCount() {
    return forces.get();
  }

  /** The active segment's channel; after {@link #close} the caller closes it. */
  FileChannel channel() {
    return channel;
  }

  /** What failed while closing (the final force or checkpoint), or null. */
  @Nullable Throwable closeFailure() {
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
    GroupWorker<Encoded> t = tracker;
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
      GroupWorker<Padding> pd = padder;
      if (pd != null) {
        pd.awaitIdle(); // rotation cuts the padding: no stretch may still be on its way
      }
      GroupWorker<Encoded> t = tracker;
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
    FileChannel opened =
        FileChannel.open(
            next,
            java.util.Set.of(
                java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS),
            Segments.privateFile(dir));
    AtomicFiles.forceDirectory(dir);
    FileChannel old = channel;
    channel = opened;
    segment = next;
    segmentOpenedNanos = System.nanoTime();
    segmentSize = 0;
    preallocatedEnd = 0;
    paddingFrom = Long.MAX_VALUE;
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
    Encoded encoded;
    try {
      encoded = encode(batch);
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
    Encoded encoded;
    try {
      encoded = encode(batch);
    } catch (Throwable t) { // fail closed on anything, including Errors
      failWrite(t, batch);
      return;
    }
    segmentSize += encoded.bytes().remaining();
    advance(encoded);
    topUpPadding();
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
  private List<Receipt> advance(Encoded encoded) {
    List<Receipt> receipts = encoded.receipts();
    seq = receipts.getLast().seq();
    hash = receipts.getLast().hash();
    mac = encoded.mac();
    Checkpointer cp = checkpointer;
    if (cp != null) {
      cp.chained(receipts.size());
      GroupWorker<Encoded> t = tracker;
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
  private void track(List<Encoded> group) {
    Checkpointer cp = checkpointer;
    if (cp == null) {
      return;
    }
    try {
      for (Encoded e : group) {
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
    PendingAppend.fail(
        batch, new LedgerException("ledger write failed; the ledger refuses further appends", t));
  }

  /**
   * A chained batch: its bytes, one receipt and one Merkle leaf hash per record (leaves only with
   * checkpoints, else empty), and the MAC of its last record.
   */
  @SuppressWarnings("ArrayRecordComponent") // private to this class; equality unused
  private record Encoded(ByteBuffer bytes, List<Receipt> receipts, byte[][] leaves, String mac) {}

  /**
   * A chained batch handed to the flusher, with the segment it belongs to and how long after the
   * previous awaited append of another thread its first awaited append came ({@link Long#MAX_VALUE}
   * if it has none, or the previous one was the same thread's).
   */
  private record Handed(
      FileChannel channel, List<PendingAppend> batch, Encoded encoded, long arrivalGapNanos) {}

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
        GroupWorker<Padding> pd = padder;
        if (pd != null && target.position() + left > paddingFrom) {
          pd.awaitIdle();
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
        List<Encoded> written = new ArrayList<>(group.size());
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

  /**
   * After chaining a batch: when less than half of {@link #preallocate} is left ahead of the
   * records, hands the padder the next stretch of zeros to write and force, so the forces that
   * follow overwrite allocated blocks instead of growing the file. Records that outrun the space
   * simply grow the file, as without preallocation. Writer thread.
   */
  private void topUpPadding() {
    GroupWorker<Padding> pd = padder;
    if (pd == null || preallocatedEnd - segmentSize >= preallocate / 2) {
      return;
    }
    long from = Math.max(preallocatedEnd, segmentSize);
    paddingFrom = from; // before the hand-over: the flusher must see it before any later group
    pd.hand(new Padding(segment, from));
    preallocatedEnd = from + preallocate;
  }

  /**
   * The padder's work: writes each stretch of zeros through its own channel on the segment and
   * forces it. Fails closed: an error refuses every later append.
   */
  private void pad(List<Padding> stretches) {
    try {
      for (Padding p : stretches) {
        FileChannel ch = padChannel;
        if (ch == null || !p.segment().equals(padSegment)) {
          if (ch != null) {
            ch.close();
          }
          ch =
              FileChannel.open(
                  p.segment(),
                  java.nio.file.StandardOpenOption.WRITE,
                  java.nio.file.LinkOption.NOFOLLOW_LINKS);
          padChannel = ch;
          padSegment = p.segment();
        }
        ByteBuffer z = zeros;
        if (z == null) {
          z = ByteBuffer.allocateDirect(preallocate);
          zeros = z;
        }
        z.clear();
        while (z.hasRemaining()) {
          ch.write(z, p.from() + z.position());
        }
        ch.force(false); // not counted in forceCount: it makes no record durable
      }
    } catch (Throwable t) { // fail closed on anything, including Errors
      failure = t;
    }
  }

  /** Ends the padder (after its last stretch) and closes its channel. Writer thread. */
  private void stopPadder() {
    GroupWorker<Padding> pd = padder;
    if (pd == null) {
      return;
    }
    pd.stop();
    FileChannel ch = padChannel; // the padder's thread has ended: its fields are visible
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
  }

  /** A stretch of zeros for the padder: {@link #preallocate} bytes at {@code from} in segment. */
  private record Padding(Path segment, long from) {}

  /**
   * Cuts the zero-filled space off the end of a segment that is being closed and forces the new
   * size, so only the active segment can ever end in padding. Writer thread, with the flusher idle.
   */
  private void cutPadding(FileChannel segmentChannel) {
    try {
      if (segmentChannel.size() > segmentSize) {
        segmentChannel.truncate(segmentSize);
        segmentChannel.force(false);
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

  /**
   * Chains the batch from the current head; the head itself moves only once it is written. Each
   * record's canonical body is laid out once as {@code prevMac ‖ body} (the HMAC input); SHA-256 is
   * fed {@code prev} and the body part of the same array.
   */
  private Encoded encode(List<PendingAppend> batch) {
    List<Receipt> receipts = new ArrayList<>(batch.size());
    byte[] time = LedgerFormat.time(options.clock().instant());
    byte[][] seqs = new byte[batch.size()][];
    int total = 0;
    for (int i = 0; i < batch.size(); i++) {
      seqs[i] = Long.toString(seq + 1 + i).getBytes(StandardCharsets.US_ASCII);
      total += batch.get(i).record.lineLength(seqs[i], time);
    }
    byte[] out = new byte[total];
    int at = 0;
    long s = seq;
    byte[] h = hash.getBytes(StandardCharsets.US_ASCII);
    byte[] m = mac.getBytes(StandardCharsets.US_ASCII);
    // The leaf hashes the raw chain hash: taken here, before it is hex, instead of parsed back.
    byte[][] leaves = new byte[checkpointer == null ? 0 : batch.size()][];
    for (int i = 0; i < batch.size(); i++) {
      CanonicalRecord r = batch.get(i).record;
      s++;
      byte[] input = new byte[64 + r.bodyLength(seqs[i], time)];
      System.arraycopy(m, 0, input, 0, 64);
      r.body(input, 64, seqs[i], time, h);
      sha256.reset();
      sha256.update(h); // prev is 64 hex digits (ASCII): prev ‖ body hashed in two updates
      sha256.update(input, 64, input.length - 64);
      byte[] rawHash = sha256.digest();
      if (leaves.length > 0) {
        leaves[i] = Rfc6962.leafHash(rawHash);
      }
      byte[] nextHash = LedgerFormat.hexAscii(rawHash);
      byte[] nextMac = LedgerFormat.hexAscii(key.tag(input));
      at = r.line(out, at, seqs[i], time, h, nextHash, nextMac);
      h = nextHash;
      m = nextMac;
      receipts.add(new Receipt(s, new String(h, StandardCharsets.US_ASCII)));
    }
    return new Encoded(
        ByteBuffer.wrap(out), receipts, leaves, new String(m, StandardCharsets.US_ASCII));
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

  private static LedgerException refusing(Throwable cause) {
    return new LedgerException("an earlier ledger write failed; the ledger refuses appends", cause);
  }
}
