package dev.warden.engine.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads {@code limits:} into {@link LimitSettings}. */
final class LimitsSection {
  /** A day of requests at one per millisecond: beyond it a limit is a typo, not a limit. */
  private static final long MAX_REQUESTS_PER_MINUTE = 60_000_000L;

  private static final long MAX_TOKENS_PER_DAY = 1_000_000_000_000L;
  private static final Map<String, String> STORES =
      orderedMap(LimitSettings.MEMORY, LimitSettings.REDIS);

  private LimitsSection() {}

  static LimitSettings read(ConfigNode top, ProfileSettings profiles) {
    return top.section("limits", n -> limits(n, profiles));
  }

  private static LimitSettings limits(ConfigNode n, ProfileSettings profileSettings) {
    String store = n.choice("store", LimitSettings.MEMORY, STORES);
    LimitSettings.Redis redis = n.section("redis", r -> redis(r, store));
    int maxInFlight = (int) n.integer("maxInFlight", 0, 0, 1_000_000);
    LimitSettings.Rates defaults =
        n.section(
            "defaults",
            d ->
                new LimitSettings.Rates(
                    d.integer("requestsPerMinute", 0, 0, MAX_REQUESTS_PER_MINUTE),
                    d.integer("tokensPerDay", 0, 0, MAX_TOKENS_PER_DAY)));
    Map<String, LimitSettings.Override> identities =
        n.section("identities", LimitsSection::overrides);
    Map<String, LimitSettings.Override> profiles = n.section("profiles", LimitsSection::overrides);
    if (!profileSettings.names().isEmpty()) {
      for (String name : profiles.keySet()) {
        if (!profileSettings.names().contains(name)) {
          throw new ConfigException(
              n.path("profiles") + "." + name,
              "no profile of that name; defined profiles: "
                  + String.join(", ", profileSettings.names()));
        }
      }
    }
    return new LimitSettings(defaults, identities, profiles, maxInFlight, store, redis);
  }

  private static Map<String, LimitSettings.Override> overrides(ConfigNode n) {
    Map<String, LimitSettings.Override> out = new LinkedHashMap<>();
    for (String key : n.keys()) {
      if (key.isBlank()) {
        throw new ConfigException(n.path(key), "an identity or profile name must not be empty");
      }
      out.put(key, n.section(key, LimitsSection::override));
    }
    return out;
  }

  private static LimitSettings.Override override(ConfigNode n) {
    // Only the keys present are read, so a key left out shows as absent and falls through.
    for (String key : n.keys()) {
      if (!key.equals("requestsPerMinute") && !key.equals("tokensPerDay")) {
        throw new ConfigException(
            n.path(key), "unknown key; allowed here: requestsPerMinute, tokensPerDay");
      }
    }
    return new LimitSettings.Override(
        optional(n, "requestsPerMinute", MAX_REQUESTS_PER_MINUTE),
        optional(n, "tokensPerDay", MAX_TOKENS_PER_DAY));
  }

  private static @Nullable Long optional(ConfigNode n, String key, long max) {
    return n.has(key) ? Long.valueOf(n.integer(key, 0, 0, max)) : null;
  }

  private static LimitSettings.Redis redis(ConfigNode r, String store) {
    String url = r.secret("url", "");
    int timeoutMs = (int) r.integer("timeoutMs", LimitSettings.Redis.DEFAULT_TIMEOUT_MS, 1, 60_000);
    if (store.equals(LimitSettings.REDIS) && url.isEmpty()) {
      throw new ConfigException(
          r.path("url"),
          "is required when limits.store is redis, e.g. redis://127.0.0.1:6379 (a password goes"
              + " in the URL: redis://:PASSWORD@host:6379)");
    }
    if (!url.isEmpty()) {
      checkUrl(r.path("url"), url);
    }
    return new LimitSettings.Redis(url, timeoutMs);
  }

  /** Validates the URL without quoting it: it may hold a password. */
  private static void checkUrl(String path, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(
          path,
          "is not a valid URL (value not shown: it may hold a password); expected redis://host:port");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new ConfigException(
          path, "must start with redis:// or rediss:// (value not shown: it may hold a password)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new ConfigException(
          path,
          "names no host (value not shown: it may hold a password); expected redis://host:port");
    }
  }

  private static Map<String, String> orderedMap(String... names) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String name : names) {
      m.put(name, name);
    }
    return m;
  }
}
