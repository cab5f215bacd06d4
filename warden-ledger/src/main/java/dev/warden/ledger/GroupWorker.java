package dev.warden.ledger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Daemon threads that take, each round, everything handed over since the last take and process it
 * as one group. The ledger writer uses them for: in ASYNC mode with checkpoints the tracker (one
 * thread: segment digest and Merkle tree; in FSYNC the flusher's release step keeps them), in FSYNC
 * mode the padder (one thread: zeros ahead of the records) and the flusher, with one or two {@code
 * force}s in flight ({@link FileLedger.Options#forcesInFlight}; a group may first gather more
 * items, {@link Stage#gatherNanos}). Each of the flusher's threads, in turn, takes a group and
 * writes it; then forces it while the next thread already takes and writes the next group; then
 * releases it. Takes and writes run one at a time in hand order, so the bytes land in the file in
 * chain order; releases run in the same order, so a group is released only after every earlier
 * group's {@code force} came back (a failed earlier force fails it: an error that one {@code fsync}
 * reports may not be reported to another, so a later success does not prove the earlier bytes
 * durable). For the same reason a group is also released only after every force still running when
 * its own came back has come back too: Linux reports a write-back error to the first {@code fsync}
 * on the file that looks, so a later group's overlapping force may take the error that belongs to
 * this group's bytes — the stage's release then sees that failure.
 *
 * <p>Why: an appender released by one {@code force} comes back with its next record while the next
 * {@code force} already runs, and with one force at a time it waits for that one and then its own.
 * Two overlapping {@code fdatasync} calls on one file do overlap on this disk ({@code
 * warden-bench/tools/FsyncLatency.java} mode {@code overlap}), so the next group starts its force
 * as soon as it is written.
 *
 * <p>Contract: the stage's methods must not throw (they record their own failure). {@link
 * #awaitIdle} returns once every item handed before the call has been released, which also
 * publishes what the stage did to the caller. {@link #hand} after {@link #stop} is a programming
 * error.
 */
final class GroupWorker<T> {
  /** What a round does with a group, in three steps (a flush: write, force, release). */
  interface Stage<T> {
    /** Writes the group; one thread at a time, in hand order. False: it failed and is released. */
    boolean write(List<T> group);

    /** Forces what was written; may overlap another thread's write and force. False: failed. */
    boolean force(List<T> group);

    /** Lets the group's appenders go; one thread at a time, in hand order. */
    void release(List<T> group);

    /**
     * How much longer the thread that took {@code group} should wait for more items before it
     * writes it, having waited {@code waitedNanos} so far; zero or less: write now. Asked right
     * after the take and again after each wake-up (an item handed, or the time up), with the items
     * handed meanwhile added to the group; one thread at a time (the next take waits meanwhile).
     */
    default long gatherNanos(List<T> group, long waitedNanos) {
      return 0;
    }

    /**
     * Whether the wait {@link #gatherNanos} just asked for should end early when an item is handed
     * (false: it runs its full length, and the items handed meanwhile join the group at its end).
     */
    default boolean gatherWakesOnHand() {
      return true;
    }
  }

  private final ArrayDeque<T> handed = new ArrayDeque<>();
  private final Stage<T> stage;
  private final Thread[] threads;
  // All guarded by this.
  private int unfinished; // handed and not yet released
  private boolean stopping;
  private boolean writing; // a thread is between its take and the end of its write
  private long nextTicket; // the order of takes
  private long releasing; // the ticket whose turn it is to release
  private final java.util.TreeSet<Long> forcing = new java.util.TreeSet<>(); // tickets in force
  private volatile @Nullable Thread gathering; // a thread parked in gather(), woken by hand()

  /** {@code threads} threads, of which as many may be between their write and their release. */
  GroupWorker(String name, int threads, Stage<T> stage) {
    this.stage = stage;
    this.threads = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      this.threads[i] = Thread.ofPlatform().name(name + "-" + i).daemon(true).start(this::run);
    }
  }

  /** One thread that hands each group to {@code work}, in hand order. */
  GroupWorker(String name, Consumer<List<T>> work) {
    this(
        name,
        1,
        new Stage<T>() {
          @Override
          public boolean write(List<T> group) {
            work.accept(group);
            return true;
          }

          @Override
          public boolean force(List<T> group) {
            return true;
          }

          @Override
          public void release(List<T> group) {}
        });
  }

  void hand(T item) {
    synchronized (this) {
      handed.add(item);
      unfinished++;
      notifyAll();
    }
    Thread g = gathering;
    if (g != null) {
      LockSupport.unpark(g);
    }
  }

  /** Blocks (uninterruptibly: the writer thread has no one to answer to) until all is released. */
  synchronized void awaitIdle() {
    boolean interrupted = false;
    while (unfinished > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Releases everything handed over, then ends the threads. */
  void stop() {
    synchronized (this) {
      stopping = true;
      notifyAll();
    }
    for (Thread t : threads) {
      LockSupport.unpark(t); // ends a gather at once, whether or not it wakes on hand-overs
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      interrupted |= joinUninterruptibly(t);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for {@code t} to end even if interrupted; returns whether an interrupt came. */
  static boolean joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }

  private void run() {
    List<T> group = new ArrayList<>();
    while (true) {
      long ticket;
      synchronized (this) {
        while ((handed.isEmpty() || writing) && !(stopping && handed.isEmpty())) {
          waitQuietly();
        }
        if (handed.isEmpty()) {
          return;
        }
        group.addAll(handed);
        handed.clear();
        ticket = nextTicket++;
        writing = true;
      }
      gather(group);
      boolean written = stage.write(group);
      synchronized (this) {
        writing = false;
        forcing.add(ticket);
        notifyAll();
      }
      boolean forced = written && stage.force(group);
      synchronized (this) {
        forcing.remove(ticket);
        notifyAll();
        long overlapped = forcing.isEmpty() ? -1 : forcing.last();
        while (releasing != ticket || (!forcing.isEmpty() && forcing.first() <= overlapped)) {
          waitQuietly();
        }
      }
      if (forced) {
        stage.release(group);
      }
      synchronized (this) {
        releasing++;
        unfinished -= group.size();
        notifyAll();
      }
      group.clear();
    }
  }

  /**
   * Lets the stage hold a taken group open for more items ({@link Stage#gatherNanos}). Parks
   * outside the monitor so that {@link #hand} never waits on it; the thread still counts as
   * writing, so no other thread takes meanwhile, and stop ends the wait at once.
   */
  private void gather(List<T> group) {
    long wait = stage.gatherNanos(group, 0);
    if (wait <= 0) {
      return;
    }
    long started = System.nanoTime();
    try {
      while (wait > 0) {
        // A wake-up per hand-over only when it can end the wait: each one costs a context switch.
        boolean wakes = stage.gatherWakesOnHand();
        gathering = wakes ? Thread.currentThread() : null;
        boolean handedMeanwhile;
        synchronized (this) { // after publishing gathering: a hand-over now either shows or wakes
          handedMeanwhile = !handed.isEmpty();
        }
        if (!(wakes && handedMeanwhile)) {
          LockSupport.parkNanos(this, wait);
        }
        synchronized (this) {
          group.addAll(handed);
          handed.clear();
          if (stopping) {
            return;
          }
        }
        wait = stage.gatherNanos(group, System.nanoTime() - started);
      }
    } finally {
      gathering = null;
      Thread.interrupted(); // nobody else should interrupt these threads; only stop() ends them
    }
  }

  private void waitQuietly() {
    try {
      wait();
    } catch (InterruptedException e) {
      // nobody else should interrupt these threads; only stop() ends them
    }
  }
}
