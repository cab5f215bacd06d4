package dev.warden.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The total deadline of one streamed exchange, from the first upstream read to the receipt event.
 * At expiry it closes the upstream call, which ends a blocked read at once (the relay then sends an
 * error event); if the exchange is still running {@link #WRITE_GRACE} later — stuck writing to a
 * client that stopped reading — its thread is interrupted, which closes that client's connection.
 * The lock makes sure an interrupt is consumed in {@link #close} and never leaks into later work on
 * the thread. Create and close on the exchange's thread; closing again is harmless.
 */
final class StreamDeadline implements AutoCloseable {
  /** After the deadline closed the upstream, how long the exchange may still take to finish. */
  static final Duration WRITE_GRACE = Duration.ofSeconds(2);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("warden-stream-deadline").daemon(true).unstarted(r));

  private final ReentrantLock lock = new ReentrantLock();
  private final Thread caller = Thread.currentThread();
  private final Upstream.Live upstream;
  private final ScheduledFuture<?> expiry;
  private final ScheduledFuture<?> interrupt;
  private boolean done;
  private boolean interrupted;
  private volatile boolean expired;

  StreamDeadline(Upstream.Live upstream, Duration max) {
    this.upstream = upstream;
    this.expiry = TIMER.schedule(this::expire, max.toMillis(), TimeUnit.MILLISECONDS);
    this.interrupt =
        TIMER.schedule(
            this::interruptCaller, max.plus(WRITE_GRACE).toMillis(), TimeUnit.MILLISECONDS);
  }

  private void expire() {
    expired = true;
    upstream.close();
  }

  private void interruptCaller() {
    lock.lock();
    try {
      if (!done) {
        interrupted = true;
        caller.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the deadline has passed (the upstream call was closed by it). */
  boolean expired() {
    return expired;
  }

  @Override
  public void close() {
    expiry.cancel(false);
    interrupt.cancel(false);
    lock.lock();
    try {
      done = true;
    } finally {
      lock.unlock();
    }
    if (interrupted) {
      Thread.interrupted();
    }
  }
}
