package dev.warden.server;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose headers have not arrived whole within {@code
 * server.headerReadTimeoutMs} of its request line. Helidon 4.5 bounds neither the time a request's
 * headers may take nor the time between their bytes: a client sending one header byte a second held
 * its connection and a thread for as long as it liked (slowloris). Helidon's idle-connection check
 * covers the time before a request line; this covers the headers; {@code server.bodyReadTimeoutMs}
 * the body.
 */
final class HeaderDeadline implements Http1ConnectionListener {
  private final ScheduledExecutorService timer;
  private final long timeoutMillis;
  private final Map<ConnectionContext, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();

  HeaderDeadline(ScheduledExecutorService timer, long timeoutMillis) {
    this.timer = timer;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
    ScheduledFuture<?> expiry =
        timer.schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
    ScheduledFuture<?> previous = armed.put(ctx, expiry);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  @Override
  public void headers(ConnectionContext ctx, Headers headers) {
    ScheduledFuture<?> expiry = armed.remove(ctx);
    if (expiry != null) {
      expiry.cancel(false);
    }
  }

  /** Connections whose headers are still awaited (a connection that failed mid-headers expires). */
  int awaited() {
    return armed.size();
  }

  private void expire(ConnectionContext ctx) {
    if (armed.remove(ctx) == null) {
      return; // the headers arrived as the deadline fired
    }
    // Closing the socket ends the blocked header read; Helidon reports it to the direct handler,
    // where it is counted with the other connections that ended before a complete request.
    try {
      ctx.serverSocket().close();
    } catch (UncheckedIOException alreadyClosed) {
      // the client left mid-headers before the deadline: nothing left to end
    }
  }
}
