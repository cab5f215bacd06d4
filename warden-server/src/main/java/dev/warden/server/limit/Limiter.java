package dev.warden.server.limit;

import dev.warden.api.LimitStore;
import dev.warden.engine.config.LimitSettings;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an exchange may proceed under {@code limits:}, in the order the gateway asks:
 *
 * <ol>
 *   <li>{@link #enter()}: a slot among {@code maxInFlight} (global to this instance), else 503;
 *   <li>{@link #admit}: one request from the caller's requests-per-minute, else 429 {@code
 *       warden_rate_limited};
 *   <li>{@link #reserve}: the prompt's estimated tokens from the caller's tokens-per-day, else 429
 *       {@code warden_token_budget_exhausted};
 *   <li>{@link #charge}: after the answer, its completion tokens (the budget may go below zero; the
 *       caller's next request then waits for the next day's window).
 * </ol>
 *
 * <p>Windows are fixed: a limit refills completely one minute (or one day) after its bucket was
 * created, so within a window exactly the configured number passes, however many instances share
 * the store. Fails closed: when the store cannot be reached, {@link #admit} and {@link #reserve}
 * refuse with 503 {@code warden_limits_unavailable}. Thread-safe.
 */
public final class Limiter implements AutoCloseable {
  /** The refusal's suggested wait when the in-flight limit is full. */
  static final long OVERLOAD_RETRY_AFTER_SECONDS = 1;

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration DAY = Duration.ofDays(1);

  /** A limiter that never refuses. */
  public static final Limiter NONE = new Limiter(LimitSettings.NONE, null);

  private final LimitSettings settings;
  private final @Nullable LimitStore store;
  private final @Nullable Semaphore inFlight;

  private Limiter(LimitSettings settings, @Nullable LimitStore store) {
    this.settings = settings;
    this.store = store;
    this.inFlight = settings.maxInFlight() > 0 ? new Semaphore(settings.maxInFlight()) : null;
  }

  /** A limiter with the store {@code settings} names (none when no rate is set). */
  public static Limiter open(LimitSettings settings) {
    if (!settings.enabled()) {
      return NONE;
    }
    return new Limiter(settings, settings.rated() ? LimitStores.open(settings) : null);
  }

  /** A limiter over a given store (tests, benchmarks). */
  public static Limiter over(LimitSettings settings, LimitStore store) {
    return new Limiter(settings, store);
  }

  /**
   * Why an exchange may not proceed.
   *
   * @param status the HTTP status to answer with (429 or 503)
   * @param type the {@code warden_*} error type
   * @param message what happened and what to do, naming the limit's key path; no request content
   * @param retryAfterSeconds when trying again may succeed ({@code Retry-After}), at least 1
   */
  public record Refused(int status, String type, String message, long retryAfterSeconds) {}

  /** A held in-flight slot; closing it frees the slot. Idempotent. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  private static final Slot NO_SLOT = () -> {};

  /**
   * Takes an in-flight slot without waiting.
   *
   * @throws LimitExceeded 503 {@code warden_overloaded} when all {@code maxInFlight} are taken
   */
  public Slot enter() {
    Semaphore s = inFlight;
    if (s == null) {
      return NO_SLOT;
    }
    if (!s.tryAcquire()) {
      throw new LimitExceeded(
          new Refused(
              503,
              "warden_overloaded",
              "Warden is handling its maximum of "
                  + settings.maxInFlight()
                  + " exchanges at once (limits.maxInFlight); retry shortly",
              OVERLOAD_RETRY_AFTER_SECONDS));
    }
    java.util.concurrent.atomic.AtomicBoolean open =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        s.release();
      }
    };
  }

  /**
   * Counts one request against the caller's requests-per-minute.
   *
   * @return null when allowed
   */
  public @Nullable Refused admit(String identityId, @Nullable String profile) {
    long perMinute = settings.ratesFor(identityId, profile).requestsPerMinute();
    if (perMinute <= 0 || store == null) {
      return null;
    }
    return take(
        "rpm",
        perMinute,
        MINUTE,
        identityId,
        1,
        new Refused(
            429,
            "warden_rate_limited",
            "this caller has used its "
                + perMinute
                + " requests per minute ("
                + keyPath(identityId, profile, "requestsPerMinute")
                + "); retry after the Retry-After seconds",
            0));
  }

  /**
   * Takes {@code promptTokens} (the prompt's estimate) from the caller's tokens-per-day, all or
   * nothing.
   *
   * @return null when the remaining budget covers the prompt
   */
  public @Nullable Refused reserve(String identityId, @Nullable String profile, long promptTokens) {
    long perDay = settings.ratesFor(identityId, profile).tokensPerDay();
    if (perDay <= 0 || store == null) {
      return null;
    }
    String path = keyPath(identityId, profile, "tokensPerDay");
    if (promptTokens > perDay) {
      return new Refused(
          429,
          "warden_token_budget_exhausted",
          "the prompt is estimated at "
              + promptTokens
              + " tokens, more than the whole daily budget of "
              + perDay
              + " ("
              + path
              + "); shorten the prompt or raise the budget",
          DAY.toSeconds());
    }
    return take(
        "tpd",
        perDay,
        DAY,
        identityId,
        promptTokens,
        new Refused(
            429,
            "warden_token_budget_exhausted",
            "this caller's daily token budget of "
                + perDay
                + " ("
                + path
                + ") cannot cover the prompt's estimated "
                + promptTokens
                + " tokens; retry after the Retry-After seconds",
            0));
  }

  /**
   * Takes {@code n} from the caller's bucket; when it cannot, {@code refusal} with the wait until
   * the window refills.
   */
  private @Nullable Refused take(
      String kind, long capacity, Duration window, String identityId, long n, Refused refusal) {
    LimitStore.Take take;
    try {
      take = store().take(key(kind, capacity, identityId), capacity, window, n);
    } catch (RuntimeException e) {
      return unavailable();
    }
    if (take.taken()) {
      return null;
    }
    return new Refused(
        refusal.status(), refusal.type(), refusal.message(), seconds(take.nanosToWait(), window));
  }

  /**
   * Charges the answer's completion tokens to the caller's tokens-per-day, even past zero.
   *
   * @return false when the store could not be reached (the tokens are not charged)
   */
  public boolean charge(String identityId, @Nullable String profile, long completionTokens) {
    long perDay = settings.ratesFor(identityId, profile).tokensPerDay();
    if (perDay <= 0 || store == null || completionTokens <= 0) {
      return true;
    }
    try {
      store().charge(key("tpd", perDay, identityId), perDay, DAY, completionTokens);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether tokens are budgeted for this caller, i.e. whether counting them is worth the work. */
  public boolean budgets(String identityId, @Nullable String profile) {
    return store != null && settings.ratesFor(identityId, profile).tokensPerDay() > 0;
  }

  /** Whether any check applies at all. */
  public boolean enabled() {
    return settings.enabled();
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
    }
  }

  private LimitStore store() {
    return java.util.Objects.requireNonNull(store);
  }

  /**
   * The caller's bucket key. The limit is part of it, so a changed limit (or another profile's)
   * starts a fresh bucket instead of reshaping a live one.
   */
  private static String key(String kind, long capacity, String identityId) {
    return "warden:limit:" + kind + ":" + capacity + ":" + identityId;
  }

  private String keyPath(String identityId, @Nullable String profile, String key) {
    if (settings.identities().containsKey(identityId)) {
      return "limits.identities." + identityId + "." + key;
    }
    if (profile != null && settings.profiles().containsKey(profile)) {
      return "limits.profiles." + profile + "." + key;
    }
    return "limits.defaults." + key;
  }

  private static Refused unavailable() {
    return new Refused(
        503,
        "warden_limits_unavailable",
        "the limit store cannot be reached, so limits cannot be checked; Warden refuses traffic"
            + " until it can (check limits.redis)",
        OVERLOAD_RETRY_AFTER_SECONDS);
  }

  private static long seconds(long nanos, Duration cap) {
    long s = TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L);
    return Math.max(1, Math.min(s, cap.toSeconds()));
  }
}
