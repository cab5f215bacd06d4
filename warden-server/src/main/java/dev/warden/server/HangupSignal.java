package dev.warden.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP as a reload request. The JVM's own HUP handler (which runs shutdown hooks, i.e. stops the
 * gateway) is replaced once per process by one that runs the registered listeners, each on its own
 * thread so a slow reload never blocks the signal dispatcher.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is the only public route to signals
 * in the JDK; where it is unavailable (Windows, {@code -Xrs}), {@link #register} returns false and
 * reloads still happen on file change.
 */
final class HangupSignal {
  private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);
  private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
  private static boolean installed;
  private static boolean unavailable;

  private HangupSignal() {}

  /** Runs {@code listener} on every SIGHUP until {@link #unregister}; false if signals are off. */
  static synchronized boolean register(Runnable listener) {
    if (!installed && !unavailable) {
      try {
        sun.misc.Signal.handle(
            new sun.misc.Signal("HUP"),
            signal -> {
              for (Runnable r : LISTENERS) {
                Thread.ofVirtual().name("warden-sighup").start(r);
              }
            });
        installed = true;
      } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
        unavailable = true;
        LOG.warn(
            "SIGHUP cannot be handled in this JVM; reload on file change only",
            net.logstash.logback.argument.StructuredArguments.kv(
                "exception", e.getClass().getName()));
      }
    }
    if (!installed) {
      return false;
    }
    LISTENERS.add(listener);
    return true;
  }

  static void unregister(Runnable listener) {
    LISTENERS.remove(listener);
  }
}
