package dev.warden.cli;

import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.ConfigException;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options shared by commands that read {@code warden.yaml}. */
final class ConfigOptions {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Configuration file (default: ./warden.yaml when it exists, else built-in defaults).")
  @Nullable Path config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where keys and the ledger live (default: dataDir from the config, else .warden).")
  @Nullable Path dataDir;

  /** Loads the config file (or defaults) and applies the data-dir override. */
  WardenConfig load() {
    ConfigLoader.registerTypes(DetectorStack.builtinTypes());
    Path file = config;
    if (file == null && Files.exists(Path.of("warden.yaml"))) {
      file = Path.of("warden.yaml");
    }
    WardenConfig c;
    try {
      c = file == null ? WardenConfig.defaults() : ConfigLoader.load(file);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          (file == null ? "defaults" : file.toString()) + ": " + e.getMessage(), e);
    }
    return dataDir == null ? c : c.withDataDir(dataDir.toString());
  }
}
