package dev.warden.server.limit;

import dev.warden.api.LimitStore;
import dev.warden.api.LimitStoreProvider;
import dev.warden.engine.config.LimitSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens the {@link LimitStore} that {@code limits.store} names. */
public final class LimitStores {
  private LimitStores() {}

  /**
   * The store for {@code settings}: {@link MemoryLimitStore} for {@code memory}, otherwise the
   * {@link LimitStoreProvider} of that name on the class path.
   *
   * @throws IllegalArgumentException when no provider serves the configured store, or it cannot
   *     connect
   */
  public static LimitStore open(LimitSettings settings) {
    if (settings.store().equals(LimitSettings.MEMORY)) {
      return new MemoryLimitStore();
    }
    List<String> found = new ArrayList<>();
    for (LimitStoreProvider provider : ServiceLoader.load(LimitStoreProvider.class)) {
      if (provider.name().equals(settings.store())) {
        return provider.open(
            settings.redis().url(), Duration.ofMillis(settings.redis().timeoutMs()));
      }
      found.add(provider.name());
    }
    throw new IllegalArgumentException(
        "limits.store: '"
            + settings.store()
            + "' needs the warden-store-"
            + settings.store()
            + " module on the class path (the warden CLI ships it); stores found: memory"
            + (found.isEmpty() ? "" : ", " + String.join(", ", found)));
  }
}
