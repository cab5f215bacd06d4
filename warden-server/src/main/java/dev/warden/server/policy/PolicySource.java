package dev.warden.server.policy;

/**
 * Where a running gateway gets its configuration again on reload. Implementations read the file
 * afresh on every call and check all of it; a call either returns a configuration that may replace
 * the running one or throws, never anything in between.
 */
@FunctionalInterface
public interface PolicySource {
  /**
   * Reads, verifies and validates the configuration.
   *
   * @throws dev.warden.engine.config.ConfigException naming the key path (or the file) at fault and
   *     the fix; a bad signature is one
   */
  LoadedPolicy load();
}
