package dev.warden.server;

import dev.warden.api.Ledger;
import dev.warden.api.LedgerRecord;
import io.helidon.http.DirectHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the failures Helidon raises before a request reaches routing (bad framing, a client that
 * vanished in the middle of its headers) and reports them at a bounded rate: at most one {@code
 * (protocol)} ledger record and one log line per interval, whatever the number of connections.
 *
 * <p>Anyone who can open a connection can cause one of these without authenticating; one durable
 * ledger append and one log line each would let a client that opens and drops connections fill the
 * ledger and the log and slow every other exchange. The first failure after a quiet interval is
 * recorded at once (an isolated malformed request still leaves its trace immediately); the ones
 * that follow within the interval are counted and written as one record with the count when the
 * interval ends, or when the server stops. Neither record nor log line carries anything the client
 * sent.
 */
final class ProtocolErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrors.class);

  private final Ledger ledger;
  private final Health health;
  private final Supplier<String> mode;
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong incompleteTotal = new AtomicLong();

  // Guarded by this: what happened since the last record.
  private long pending;
  private long pendingIncomplete;
  private @Nullable ErrorBody lastError;
  private boolean recordedThisInterval;

  /**
   * @param mode the policy mode written into each record ({@code enforce} or {@code dry-run})
   */
  ProtocolErrors(Ledger ledger, Health health, Supplier<String> mode) {
    this.ledger = ledger;
    this.health = health;
    this.mode = mode;
  }

  /** Starts the interval that bounds the reports; ends with {@code timer}'s shutdown. */
  void reportEvery(long intervalMillis, ScheduledExecutorService timer) {
    timer.scheduleAtFixedRate(
        this::endInterval, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Counts one failure and reports it if it is the first since the last report.
   *
   * @param event what Helidon reported; {@code INTERNAL_ERROR} and {@code OTHER} are how it reports
   *     a connection that ended or failed before a complete request (a client closing mid-headers)
   * @param answer what the client is answered (if it is still there)
   */
  void count(DirectHandler.EventType event, ErrorBody answer) {
    boolean incomplete =
        event == DirectHandler.EventType.INTERNAL_ERROR || event == DirectHandler.EventType.OTHER;
    total.incrementAndGet();
    if (incomplete) {
      incompleteTotal.incrementAndGet();
    }
    Report report;
    synchronized (this) {
      pending++;
      pendingIncomplete += incomplete ? 1 : 0;
      lastError = answer;
      if (recordedThisInterval) {
        return;
      }
      recordedThisInterval = true;
      report = take();
    }
    write(report);
  }

  /** Failures counted since start. */
  long total() {
    return total.get();
  }

  /** Of {@link #total()}, the connections that ended before a complete request. */
  long incomplete() {
    return incompleteTotal.get();
  }

  /** Writes what is still pending (at the end of an interval and when the server stops). */
  void endInterval() {
    Report report;
    synchronized (this) {
      recordedThisInterval = pending > 0;
      if (pending == 0) {
        return;
      }
      report = take();
    }
    write(report);
  }

  private Report take() {
    ErrorBody error = java.util.Objects.requireNonNull(lastError);
    Report r = new Report(pending, pendingIncomplete, error);
    pending = 0;
    pendingIncomplete = 0;
    return r;
  }

  private void write(Report r) {
    LOG.atWarn()
        .addKeyValue("count", r.count())
        .addKeyValue("incomplete", r.incomplete())
        .addKeyValue("total", total.get())
        .addKeyValue("status", r.last().status())
        .addKeyValue("error_type", r.last().type())
        .log("requests refused at the HTTP level (malformed, or the connection ended mid-request)");
    try {
      ledger.append(
          new LedgerRecord(
              "request",
              ExchangeHandler.newCorrelationId(),
              "(protocol)",
              null,
              mode.get(),
              "rejected",
              r.last().status(),
              r.last().type(),
              List.of(),
              null,
              Map.of(
                  "count", Long.toString(r.count()), "incomplete", Long.toString(r.incomplete()))));
    } catch (RuntimeException e) {
      health.ledgerFailed();
    }
  }

  /** One report: how many failures it stands for, and the last one's answer. */
  private record Report(long count, long incomplete, ErrorBody last) {}
}
