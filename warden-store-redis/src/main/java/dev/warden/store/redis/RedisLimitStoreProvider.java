package dev.warden.store.redis;

import dev.warden.api.LimitStore;
import dev.warden.api.LimitStoreProvider;
import java.time.Duration;

/** Serves {@code limits.store: redis}; registered for {@link java.util.ServiceLoader}. */
public final class RedisLimitStoreProvider implements LimitStoreProvider {
  @Override
  public String name() {
    return "redis";
  }

  @Override
  public LimitStore open(String url, Duration timeout) {
    return RedisLimitStore.connect(url, timeout);
  }
}
