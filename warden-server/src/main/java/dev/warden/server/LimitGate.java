package dev.warden.server;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.warden.api.Attribution;
import dev.warden.engine.limit.TokenCount;
import dev.warden.engine.limit.Usage;
import dev.warden.server.limit.Limiter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of {@link Limiter}: which identity and profile an exchange is charged to, what
 * its prompt is estimated at, and what its answer reports. Outlives policy reloads (the server
 * holds one), so counters survive a new policy.
 */
final class LimitGate implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LimitGate.class);

  static final LimitGate NONE = new LimitGate(Limiter.NONE);

  private final Limiter limiter;

  LimitGate(Limiter limiter) {
    this.limiter = limiter;
  }

  /**
   * Takes an in-flight slot.
   *
   * @throws dev.warden.server.limit.LimitExceeded when none is free
   */
  Limiter.Slot enter() {
    return limiter.enter();
  }

  /** One request of {@code who}'s per-minute rate; null when allowed. */
  Limiter.@Nullable Refused admit(Attribution who) {
    return limiter.admit(who.identity().id(), who.profile());
  }

  /** Reserves the estimated prompt of {@code forwarded} from {@code who}'s daily budget. */
  Limiter.@Nullable Refused reserve(Attribution who, byte[] forwarded) {
    if (!limiter.budgets(who.identity().id(), who.profile())) {
      return null;
    }
    return limiter.reserve(who.identity().id(), who.profile(), TokenCount.estimate(forwarded));
  }

  /** Charges the completion of a whole (non-streamed) answer; error answers cost nothing. */
  void charge(Attribution who, int status, byte[] answer, String correlationId) {
    if (status / 100 != 2 || !limiter.budgets(who.identity().id(), who.profile())) {
      return;
    }
    charge(who, TokenCount.completion(answer), correlationId);
  }

  /**
   * Wraps the client stream of a streamed answer so its usage is read as it passes; {@link
   * #charge(Attribution, OutputStream, String)} then charges what it reported, or an estimate of
   * what passed.
   */
  OutputStream meter(Attribution who, OutputStream client) {
    return limiter.budgets(who.identity().id(), who.profile()) ? new Metered(client) : client;
  }

  /** Charges what a {@link #meter}ed stream carried. */
  void charge(Attribution who, OutputStream metered, String correlationId) {
    if (metered instanceof Metered m) {
      charge(who, m.usage.tokens(), correlationId);
    }
  }

  private void charge(Attribution who, long tokens, String correlationId) {
    if (!limiter.charge(who.identity().id(), who.profile(), tokens)) {
      // The answer has gone out; the budget is short by these tokens. Logged, never thrown.
      LOG.error(
          "token charge failed: the limit store cannot be reached",
          kv("correlation_id", correlationId),
          kv("tokens", tokens));
    }
  }

  @Override
  public void close() {
    limiter.close();
  }

  /** Passes every byte on and reads the usage fields on the way. */
  private static final class Metered extends FilterOutputStream {
    final Usage usage = new Usage();

    Metered(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      usage.feed(b, off, len);
    }
  }
}
