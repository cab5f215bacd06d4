package dev.warden.ledger;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.Ledger.Receipt;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One queued append and the appender blocked on it until its group is written (and, in {@code
 * FSYNC}, forced).
 *
 * <p>Whoever finishes a group ({@link #complete} or {@link #fail}) publishes every outcome first
 * and then wakes only the group's first appender; each appender, once awake, wakes two more (a
 * binary tree over the group). So the thread that forced the group goes straight back to the disk
 * instead of spending a wake-up per record, and the wake-ups spread over every core. An appender
 * that gives up (interrupted) before its outcome arrives is skipped: its waker wakes its two
 * instead, so nobody below it is left parked.
 *
 * <p>With {@link LeaderCommitWriter} an appender may instead be handed the lead ({@link
 * #handLead}): {@link #awaitTurn} then returns true and the appender writes and forces the next
 * group itself, its own record included.
 *
 * <p>Thread-safety: {@link #await} (after at most one {@link #awaitTurn}) is called once, by the
 * thread that created the instance (never on an {@link #unawaited} one); {@link #complete} or
 * {@link #fail} once per instance, by the writer, the flusher or a leader.
 */
final class PendingAppend {
  private static final int WAITING = 0;
  private static final int DONE = 1;
  private static final int ABANDONED = 2;
  private static final int LEAD = 3; // LeaderCommitWriter: its turn to write and force

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(PendingAppend.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final CanonicalRecord record;

  /** The thread parked in {@link #await}; null for a record nobody waits for. */
  private final @Nullable Thread appender;

  // Written before state leaves WAITING, read after: the state's volatile access publishes them.
  private @Nullable Receipt receipt;
  private @Nullable Throwable failure;
  private @Nullable PendingAppend left;
  private @Nullable PendingAppend right;

  @SuppressWarnings("UnusedVariable") // accessed through STATE
  private volatile int state = WAITING;

  PendingAppend(CanonicalRecord record) {
    this(record, Thread.currentThread());
  }

  private PendingAppend(CanonicalRecord record, @Nullable Thread appender) {
    this.record = record;
    this.appender = appender;
  }

  /**
   * A queued record whose appender does not wait ({@link GroupCommitWriter#queue}): it is written
   * and forced with its group like any other, and the wake-ups route around it as around an
   * appender that gave up. {@link #await} must not be called on it.
   */
  static PendingAppend unawaited(CanonicalRecord record) {
    return new PendingAppend(record, null);
  }

  /** Whether a thread waits for this record (so its group must be forced before release). */
  boolean awaited() {
    return appender != null;
  }

  /** The thread that waits for this record; null for an {@link #unawaited} one. */
  @Nullable Thread appender() {
    return appender;
  }

  /**
   * Blocks until the outcome is published, wakes the next two appenders of the group, and returns
   * the receipt.
   *
   * @throws LedgerException with the write's failure, or if interrupted first (the record may then
   *     still become durable; the interrupt status stays set)
   */
  Receipt await() {
    parkWhileWaiting();
    wake(left);
    wake(right);
    Throwable f = failure;
    if (f != null) {
      throw new LedgerException(String.valueOf(f.getMessage()), f);
    }
    Receipt r = receipt;
    if (r == null) {
      throw new IllegalStateException("an append was released without a receipt");
    }
    return r;
  }

  /**
   * Blocks until either the outcome is published (false: {@link #await} now returns or throws it at
   * once) or the appender is handed the lead (true: it must write and force; an interrupt then only
   * stays set, since nobody else would).
   *
   * @throws LedgerException if interrupted while still waiting (as {@link #await})
   */
  boolean awaitTurn() {
    if (parkWhileWaiting() == LEAD) {
      STATE.setVolatile(this, WAITING); // its own group's release publishes it like any other
      return true;
    }
    return false;
  }

  /**
   * Parks while the state is WAITING and returns the state that ended the wait; an interrupt that
   * comes first abandons the append (it throws), one that comes after stays set.
   */
  private int parkWhileWaiting() {
    boolean interrupted = false;
    int s;
    while ((s = (int) STATE.getVolatile(this)) == WAITING) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        if (STATE.compareAndSet(this, WAITING, ABANDONED)) {
          Thread.currentThread().interrupt();
          throw new LedgerException(
              "interrupted while waiting; the record may still become durable");
        }
        interrupted = true; // the outcome arrived meanwhile: deliver it, keep the interrupt
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return s;
  }

  /**
   * Hands the lead to this waiting appender; the caller then unparks {@link #appender}. False if it
   * gave up (interrupted) or nobody waits for it: it must be passed over.
   */
  boolean handLead() {
    return appender != null && STATE.compareAndSet(this, WAITING, LEAD);
  }

  /** Releases {@code group}: appender {@code i} gets {@code receipts.get(i)}. */
  static void complete(List<PendingAppend> group, List<Receipt> receipts) {
    if (group.size() != receipts.size()) {
      throw new IllegalArgumentException("one receipt per append");
    }
    link(group);
    for (int i = 0; i < group.size(); i++) {
      PendingAppend p = group.get(i);
      p.receipt = receipts.get(i);
      p.publish();
    }
    wakeFirst(group);
  }

  /** Releases {@code group} with {@code cause} (its message is what each appender throws). */
  static void fail(List<PendingAppend> group, Throwable cause) {
    link(group);
    for (PendingAppend p : group) {
      p.failure = cause;
      p.publish();
    }
    wakeFirst(group);
  }

  private static void link(List<PendingAppend> group) {
    for (int i = 0; i < group.size(); i++) {
      PendingAppend p = group.get(i);
      int l = 2 * i + 1;
      p.left = l < group.size() ? group.get(l) : null;
      p.right = l + 1 < group.size() ? group.get(l + 1) : null;
    }
  }

  /** WAITING to DONE; an appender that gave up stays ABANDONED and is routed around. */
  private void publish() {
    STATE.compareAndSet(this, WAITING, DONE);
  }

  private static void wakeFirst(List<PendingAppend> group) {
    if (!group.isEmpty()) {
      wake(group.getFirst());
    }
  }

  private static void wake(@Nullable PendingAppend p) {
    if (p == null) {
      return;
    }
    Thread waiting = p.appender;
    if (waiting == null || (int) STATE.getVolatile(p) == ABANDONED) {
      wake(p.left);
      wake(p.right);
    } else {
      LockSupport.unpark(waiting);
    }
  }
}
