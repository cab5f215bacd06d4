package dev.warden.ledger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A daemon thread that takes, each round, everything handed to it since its last round and
 * processes it as one group, in the order handed. The ledger writer uses two: the flusher (one
 * {@code write} and one {@code force} per group) and, in {@code ASYNC} with checkpoints, the
 * tracker (segment digest and Merkle tree), so neither holds up the chaining of the next records.
 *
 * <p>Contract: {@code work} must not throw (it records its own failure; an exception ends the
 * thread and {@link #awaitIdle} would then wait forever). {@link #awaitIdle} returns once every
 * item handed before the call has been processed, which also publishes what {@code work} wrote to
 * the caller. {@link #hand} after {@link #stop} is a programming error.
 */
final class GroupWorker<T> {
  private final ArrayDeque<T> handed = new ArrayDeque<>();
  private final Consumer<List<T>> work;
  private int unfinished; // handed and not yet processed; guarded by this
  private boolean stopping; // guarded by this
  private final Thread thread;

  GroupWorker(String name, Consumer<List<T>> work) {
    this.work = work;
    this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
  }

  synchronized void hand(T item) {
    handed.add(item);
    unfinished++;
    notifyAll();
  }

  /** Blocks (uninterruptibly: the writer thread has no one to answer to) until all is done. */
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

  /** Finishes everything handed over, then ends the thread. */
  void stop() {
    synchronized (this) {
      stopping = true;
      notifyAll();
    }
    if (joinUninterruptibly(thread)) {
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
      synchronized (this) {
        while (handed.isEmpty() && !stopping) {
          try {
            wait();
          } catch (InterruptedException e) {
            // nobody else should interrupt this thread; only stop() ends it
          }
        }
        if (handed.isEmpty()) {
          return;
        }
        group.addAll(handed);
        handed.clear();
      }
      work.accept(group);
      synchronized (this) {
        unfinished -= group.size();
        notifyAll();
      }
      group.clear();
    }
  }
}
