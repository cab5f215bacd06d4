package dev.warden.cli;

import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.ConfigException;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.server.policy.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Options shared by commands that read {@code warden.yaml}. */
final class ConfigOptions {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Configuration file or signed policy bundle (default: ./warden.yaml when it exists, else"
              + " built-in defaults). WARDEN_* environment variables override its keys.")
  @Nullable Path config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where keys and the ledger live (default: dataDir from the config, else .warden).")
  @Nullable Path dataDir;

  /** The file read: --config, else ./warden.yaml when present, else null (defaults). */
  @Nullable Path file() {
    if (config != null) {
      return config;
    }
    return Files.exists(Path.of("warden.yaml")) ? Path.of("warden.yaml") : null;
  }

  /**
   * The pipeline for this command line: file, WARDEN_* environment, these flags, then {@code
   * finish}.
   */
  ConfigSource source(UnaryOperator<WardenConfig> finish) {
    return source(Map.of(), finish);
  }

  /**
   * As {@link #source(UnaryOperator)}, with the command's own flags as dotted key paths ({@code
   * auth.mode}) validated with the rest of the file.
   */
  ConfigSource source(Map<String, JsonNode> commandFlags, UnaryOperator<WardenConfig> finish) {
    ConfigLoader.registerTypes(DetectorStack.builtinTypes());
    Map<String, JsonNode> flags = new LinkedHashMap<>(commandFlags);
    if (dataDir != null) {
      flags.put("dataDir", JsonNodeFactory.instance.stringNode(dataDir.toString()));
    }
    return new ConfigSource(file(), System.getenv(), flags, finish);
  }

  /** Loads the config file (or defaults) with the environment and the data-dir override. */
  WardenConfig load() {
    try {
      return source(c -> c).load().config();
    } catch (ConfigException e) {
      throw new IllegalArgumentException(where() + ": " + e.getMessage(), e);
    }
  }

  String where() {
    Path file = file();
    return file == null ? "defaults" : file.toString();
  }
}
