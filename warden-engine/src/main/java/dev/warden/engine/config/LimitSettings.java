package dev.warden.engine.config;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Request and token limits ({@code limits:}): requests per minute and LLM tokens per day for each
 * calling identity, global in-flight backpressure, and where the counters live.
 *
 * <p>The rates that apply to one caller are resolved key by key: the caller's entry under {@code
 * identities} (by identity id), else the entry of the profile that applied under {@code profiles},
 * else {@code defaults}. Zero means unlimited.
 *
 * @param defaults the rates of every identity without an override
 * @param identities overrides by identity id
 * @param profiles overrides by profile name, for identities whose profile has one
 * @param maxInFlight exchanges handled at once by this instance; 0 = unbounded
 * @param store {@link #MEMORY} (this instance) or {@link #REDIS} (shared by every instance that
 *     points at the same Redis)
 * @param redis where the shared counters live when {@code store} is {@code redis}
 */
public record LimitSettings(
    Rates defaults,
    Map<String, Override> identities,
    Map<String, Override> profiles,
    int maxInFlight,
    String store,
    Redis redis) {
  public static final String MEMORY = "memory";
  public static final String REDIS = "redis";

  /** No limit of any kind. */
  public static final LimitSettings NONE =
      new LimitSettings(Rates.UNLIMITED, Map.of(), Map.of(), 0, MEMORY, Redis.NONE);

  public LimitSettings {
    identities = Map.copyOf(identities);
    profiles = Map.copyOf(profiles);
  }

  /** Whether any request, token or in-flight limit applies. */
  public boolean enabled() {
    return maxInFlight > 0 || rated();
  }

  /** Whether any requests-per-minute or tokens-per-day limit is set. */
  public boolean rated() {
    return defaults.limited()
        || identities.values().stream().anyMatch(Override::limited)
        || profiles.values().stream().anyMatch(Override::limited);
  }

  /** The rates of {@code identityId} under {@code profile} (null: the default policy). */
  public Rates ratesFor(String identityId, @Nullable String profile) {
    Override byIdentity = identities.getOrDefault(identityId, Override.NONE);
    Override byProfile =
        profile == null ? Override.NONE : profiles.getOrDefault(profile, Override.NONE);
    return new Rates(
        pick(
            byIdentity.requestsPerMinute(),
            byProfile.requestsPerMinute(),
            defaults.requestsPerMinute()),
        pick(byIdentity.tokensPerDay(), byProfile.tokensPerDay(), defaults.tokensPerDay()));
  }

  private static long pick(@Nullable Long first, @Nullable Long second, long fallback) {
    return first != null ? first : second != null ? second : fallback;
  }

  /**
   * Limits of one caller; 0 = unlimited.
   *
   * @param requestsPerMinute requests per fixed one-minute window
   * @param tokensPerDay prompt (estimated) plus completion (reported) tokens per fixed one-day
   *     window
   */
  public record Rates(long requestsPerMinute, long tokensPerDay) {
    public static final Rates UNLIMITED = new Rates(0, 0);

    public boolean limited() {
      return requestsPerMinute > 0 || tokensPerDay > 0;
    }
  }

  /** An override: each key it leaves out (null) falls through to the next level. */
  public record Override(@Nullable Long requestsPerMinute, @Nullable Long tokensPerDay) {
    public static final Override NONE = new Override(null, null);

    boolean limited() {
      return (requestsPerMinute != null && requestsPerMinute > 0)
          || (tokensPerDay != null && tokensPerDay > 0);
    }
  }

  /**
   * A Redis endpoint. The URL may carry a password, so {@link #toString()} never shows it.
   *
   * @param url {@code redis://[:password@]host:port[/db]} or {@code rediss://…}; empty when unset
   * @param timeoutMs how long one limit check may wait for Redis before it fails closed
   */
  public record Redis(String url, int timeoutMs) {
    public static final int DEFAULT_TIMEOUT_MS = 500;
    public static final Redis NONE = new Redis("", DEFAULT_TIMEOUT_MS);

    @java.lang.Override
    public String toString() {
      return "Redis[url="
          + (url.isEmpty() ? "" : ConfigNode.REDACTED)
          + ", timeoutMs="
          + timeoutMs
          + "]";
    }
  }
}
