package dev.warden.server;

import dev.warden.api.KeyedHasher;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.json.JsonBodies;
import dev.warden.ledger.FileLedger;
import dev.warden.vault.LocalKeyring;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles a running gateway from configuration, in flow order: keys → engine → ledger → proxy.
 * The one place where the parts meet; hosts (CLI, tests, benchmarks) call {@link #start}.
 */
public final class Gateway implements AutoCloseable {
  /** Key that chains the ledger (HMAC). */
  public static final String LEDGER_KEY = "ledger-mac";

  /** Key for value hashes in the ledger and for the {@code hash} action. */
  public static final String VALUE_KEY = "value-hash";

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  static {
    routeJulToSlf4j();
  }

  /**
   * Helidon logs through java.util.logging; this routes it into the same JSON log stream. Hosts
   * call it first thing, before any Helidon class logs. Idempotent.
   */
  public static synchronized void routeJulToSlf4j() {
    if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
      org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
      org.slf4j.bridge.SLF4JBridgeHandler.install();
    }
  }

  private final WardenServer server;
  private final Path dataDir;

  private Gateway(WardenServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  /** The engine for one configuration, keyed by the keyring under its data directory. */
  public static Protector protector(WardenConfig config, KeyedHasher hasher) {
    JsonBodies bodies =
        new JsonBodies(config.server().maxJsonDepth(), config.server().maxBodyBytes());
    return new Protector(DetectorStack.forConfig(config), config.policy(), hasher, bodies);
  }

  public static Path ledgerDir(Path dataDir) {
    return dataDir.resolve("ledger");
  }

  /**
   * Opens keys and ledger under {@code config.dataDir()} and starts the proxy.
   *
   * @throws dev.warden.api.Ledger.LedgerException if the ledger cannot be opened (e.g. damaged)
   * @throws IllegalArgumentException if the upstream is not configured
   */
  public static Gateway start(WardenConfig config) {
    Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    LocalKeyring keys = LocalKeyring.open(dataDir);
    Protector protector = protector(config, keys.hasher(VALUE_KEY));
    FileLedger.Options options =
        FileLedger.Options.defaults()
            .withDurability(
                config.ledger().durability().equals("async")
                    ? FileLedger.Durability.ASYNC
                    : FileLedger.Durability.FSYNC);
    FileLedger ledger =
        FileLedger.open(ledgerDir(dataDir), keys.authenticator(LEDGER_KEY), options);
    if (ledger.recoveredTornBytes() > 0) {
      LOG.warn(
          "ledger recovered: a torn last record was truncated and the truncation recorded",
          net.logstash.logback.argument.StructuredArguments.kv(
              "truncated_bytes", ledger.recoveredTornBytes()));
    }
    try {
      WardenServer server = WardenServer.start(config, protector, protector, ledger);
      LOG.info(
          "warden started",
          net.logstash.logback.argument.StructuredArguments.kv("port", server.port()),
          net.logstash.logback.argument.StructuredArguments.kv("mode", config.policy().mode().id()),
          net.logstash.logback.argument.StructuredArguments.kv(
              "response_protection", config.responses().protect()));
      return new Gateway(server, dataDir);
    } catch (RuntimeException e) {
      ledger.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path ledgerDir() {
    return ledgerDir(dataDir);
  }

  /** Drains in-flight requests, then closes the ledger. */
  public void stop() {
    server.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
