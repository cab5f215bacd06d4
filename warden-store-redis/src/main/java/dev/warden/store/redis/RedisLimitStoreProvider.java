package dev.warden.store.redis;

import dev.warden.engine.config.LimitSettings;
import dev.warden.engine.limit.LimitStore;
import dev.warden.engine.limit.LimitStoreProvider;

/** Serves {@code limits.store: redis}; registered for {@link java.util.ServiceLoader}. */
public final class RedisLimitStoreProvider implements LimitStoreProvider {
  @Override
  public String name() {
    return LimitSettings.REDIS;
  }

  @Override
  public LimitStore open(LimitSettings settings) {
    return RedisLimitStore.connect(settings.redis());
  }
}
