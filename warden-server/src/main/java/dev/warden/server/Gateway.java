package dev.warden.server;

import dev.warden.api.KeyedHasher;
import dev.warden.api.Ledger;
import dev.warden.api.Signer;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.json.JsonBodies;
import dev.warden.ledger.CheckpointListener;
import dev.warden.ledger.FileLedger;
import dev.warden.ledger.receipt.ReceiptSigner;
import dev.warden.ledger.timestamp.CheckpointAnchor;
import dev.warden.ledger.timestamp.TimestampClient;
import dev.warden.ledger.timestamp.TimestampException;
import dev.warden.server.policy.ConfigSource;
import dev.warden.server.policy.LoadedPolicy;
import dev.warden.vault.LocalKeyring;
import dev.warden.vault.SigningAlgorithm;
import dev.warden.vault.TokenVault;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles a running gateway from configuration, in flow order: keys → engine → ledger (signed
 * checkpoints, optional RFC 3161 anchoring) → receipts → proxy. The one place where the parts meet;
 * hosts (CLI, tests, benchmarks) call {@link #start}.
 */
public final class Gateway implements AutoCloseable {
  /** Key that chains the ledger (HMAC). */
  public static final String LEDGER_KEY = "ledger-mac";

  /** Key for value hashes in the ledger and for the {@code hash} action. */
  public static final String VALUE_KEY = "value-hash";

  /** Key of HMAC receipts ({@code ledger.receipts: hmac}). */
  public static final String RECEIPT_KEY = "receipt-mac";

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
  private final @Nullable CheckpointAnchor anchor;
  private final @Nullable TokenVault vault;
  private @Nullable PolicyReloader reloader;

  private Gateway(
      WardenServer server,
      Path dataDir,
      @Nullable CheckpointAnchor anchor,
      @Nullable TokenVault vault) {
    this.server = server;
    this.dataDir = dataDir;
    this.anchor = anchor;
    this.vault = vault;
  }

  /**
   * The token vault, opened only when the policy tokenizes or encrypts (so other set-ups create no
   * vault files). Expired entries are purged at start; {@code warden vault purge} does it later.
   */
  private static @Nullable TokenVault openVault(WardenConfig config, Path dataDir) {
    if (!config.usesVault()) {
      return null;
    }
    TokenVault v = TokenVault.open(dataDir, Duration.ofMinutes(config.vault().ttlMinutes()));
    long purged = v.purgeExpired();
    LOG.info(
        "vault opened",
        net.logstash.logback.argument.StructuredArguments.kv("scope", config.vault().scope()),
        net.logstash.logback.argument.StructuredArguments.kv(
            "ttl_minutes", config.vault().ttlMinutes()),
        net.logstash.logback.argument.StructuredArguments.kv("expired_purged", purged));
    return v;
  }

  /**
   * Starts from a configuration source and follows it: the start is recorded as a {@code policy}
   * event with the text's sha256, SIGHUP reloads, and so does a change of the file unless {@code
   * reload.watch} is false. See {@link PolicyReloader} for what a reload may change.
   *
   * @throws dev.warden.engine.config.ConfigException if the configuration (or its signature) is
   *     refused; nothing was started
   */
  public static Gateway start(ConfigSource source) {
    return start(source, Gateway::streamInspection);
  }

  /** Streamed answers are inspected by the stream codecs, with the given response engine. */
  static StreamInspection streamInspection(Protector protector) {
    return (dialect, answers, restorer) ->
        dev.warden.engine.stream.StreamInspectors.forDialect(dialect, protector, answers, restorer);
  }

  /**
   * As {@link #start(ConfigSource)}, with stream inspection made by {@code streams} from the
   * response engine of the policy in force (again on every reload).
   */
  public static Gateway start(
      ConfigSource source,
      java.util.function.Function<Protector, @Nullable StreamInspection> streams) {
    return start(source, streams, null);
  }

  /**
   * As above, with {@code admission} deciding who each exchange is from (null: the configured
   * {@code auth:} mode).
   */
  static Gateway start(
      ConfigSource source,
      java.util.function.Function<Protector, @Nullable StreamInspection> streams,
      @Nullable Admission admission) {
    LoadedPolicy initial = source.load();
    Gateway g = start(initial.config(), streams, admission);
    try {
      PolicyReloader r =
          new PolicyReloader(
              g.server,
              g.server.ledger(),
              source,
              LocalKeyring.open(g.dataDir).hasher(VALUE_KEY),
              streams,
              initial);
      g.reloader = r;
      r.recordStart();
      boolean hup = r.listenForHangup();
      Path file = source.file();
      boolean watching = false;
      if (file != null && initial.config().policyFile().watch()) {
        r.watch(file);
        watching = true;
      }
      LOG.info(
          "policy in force",
          net.logstash.logback.argument.StructuredArguments.kv("sha256", initial.sha256()),
          net.logstash.logback.argument.StructuredArguments.kv(
              "signed_by", String.valueOf(initial.signedBy())),
          net.logstash.logback.argument.StructuredArguments.kv("reload_on_sighup", hup),
          net.logstash.logback.argument.StructuredArguments.kv("reload_on_change", watching));
      return g;
    } catch (IOException | RuntimeException e) {
      g.stop();
      throw e instanceof IOException io
          ? new java.io.UncheckedIOException("cannot watch the config file: " + io.getMessage(), io)
          : (RuntimeException) e;
    }
  }

  /**
   * Reloads the configuration now, as SIGHUP does.
   *
   * @throws IllegalStateException if this gateway was started without a source ({@link
   *     #start(WardenConfig)})
   */
  public PolicyReloader.Outcome reload(String trigger) {
    return reloader().reload(trigger);
  }

  /** The reloader of a gateway started from a {@link ConfigSource}. */
  public PolicyReloader reloader() {
    PolicyReloader r = reloader;
    if (r == null) {
      throw new IllegalStateException("this gateway was started without a configuration source");
    }
    return r;
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
    return start(config, Gateway::streamInspection);
  }

  /**
   * As {@link #start(WardenConfig)}, with the stream inspection made from the gateway's response
   * engine by {@code streams} (returning null refuses {@code stream: true}).
   */
  public static Gateway start(
      WardenConfig config,
      java.util.function.Function<Protector, @Nullable StreamInspection> streams) {
    return start(config, streams, null);
  }

  /**
   * As above, with {@code admission} deciding who each exchange is from (null: the configured
   * {@code auth:} mode).
   */
  static Gateway start(
      WardenConfig config,
      java.util.function.Function<Protector, @Nullable StreamInspection> streams,
      @Nullable Admission admission) {
    return start(config, streams, admission, null);
  }

  /**
   * As {@link #start(WardenConfig)}, but recording every decision into {@code ledger} instead of
   * the file ledger under the data directory, which is then neither opened nor created (and {@code
   * ledger.timestamp} anchors nothing: it belongs to the file ledger's checkpoints). For hosts that
   * keep the record elsewhere, and for the load harness, which measures the file ledger's cost
   * against a ledger that keeps nothing. The gateway closes {@code ledger} when it stops; receipts
   * still carry the sequence numbers {@code ledger} returns.
   */
  public static Gateway start(WardenConfig config, Ledger ledger) {
    return start(config, Gateway::streamInspection, null, ledger);
  }

  private static Gateway start(
      WardenConfig config,
      java.util.function.Function<Protector, @Nullable StreamInspection> streams,
      @Nullable Admission admission,
      @Nullable Ledger hostLedger) {
    Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    LocalKeyring keys = LocalKeyring.open(dataDir);
    Protector protector = protector(config, keys.hasher(VALUE_KEY));
    Protector answers = ProfileEngines.answers(config, keys.hasher(VALUE_KEY), protector);
    ProfileEngines profiles = ProfileEngines.of(config, keys.hasher(VALUE_KEY), streams);
    Signer signer =
        keys.signingKeys().active(SigningAlgorithm.parse(config.ledger().signingAlgorithm()));
    @Nullable CheckpointAnchor anchor =
        hostLedger == null ? checkpointAnchor(config.ledger().timestamp()) : null;
    Ledger ledger =
        hostLedger != null ? hostLedger : openFileLedger(config, dataDir, keys, signer, anchor);
    @Nullable ReceiptSigner receipts =
        switch (config.ledger().receipts()) {
          case "signed" -> ReceiptSigner.signed(signer);
          case "hmac" -> ReceiptSigner.hmac(keys.authenticator(RECEIPT_KEY));
          default -> null;
        };
    @Nullable TokenVault vault;
    try {
      vault = openVault(config, dataDir);
    } catch (RuntimeException e) {
      ledger.close();
      closeQuietly(anchor);
      throw e;
    }
    try {
      WardenServer server =
          WardenServer.start(
              config,
              protector,
              answers,
              ledger,
              receipts,
              streams.apply(answers),
              vault == null ? VaultBinding.NONE : VaultBinding.of(vault, config.vault()),
              admission == null ? Authentication.admission(config, dataDir) : admission,
              profiles);
      LOG.info(
          "warden started",
          net.logstash.logback.argument.StructuredArguments.kv("port", server.port()),
          net.logstash.logback.argument.StructuredArguments.kv("mode", config.policy().mode().id()),
          net.logstash.logback.argument.StructuredArguments.kv(
              "auth", config.access().auth().mode()),
          net.logstash.logback.argument.StructuredArguments.kv(
              "response_protection", config.responses().protect()),
          net.logstash.logback.argument.StructuredArguments.kv("signing_key", signer.keyId()),
          net.logstash.logback.argument.StructuredArguments.kv(
              "receipts", config.ledger().receipts()));
      return new Gateway(server, dataDir, anchor, vault);
    } catch (RuntimeException e) {
      ledger.close();
      if (vault != null) {
        vault.close();
      }
      closeQuietly(anchor);
      throw e;
    }
  }

  private static FileLedger openFileLedger(
      WardenConfig config,
      Path dataDir,
      LocalKeyring keys,
      Signer signer,
      @Nullable CheckpointAnchor anchor) {
    FileLedger.Options options =
        FileLedger.Options.defaults()
            .withDurability(
                config.ledger().durability().equals("async")
                    ? FileLedger.Durability.ASYNC
                    : FileLedger.Durability.FSYNC)
            .withSigner(signer)
            .withCheckpointListener(anchor == null ? CheckpointListener.NONE : anchor)
            .withGroupCommit(
                config.ledger().forcesInFlight(),
                java.time.Duration.ofNanos(config.ledger().commitDelayMicros() * 1000L))
            .withGroupCommit(
                config.ledger().groupCommit().equals("leader")
                    ? FileLedger.GroupCommit.LEADER
                    : FileLedger.GroupCommit.THREADS);
    FileLedger ledger;
    try {
      ledger = FileLedger.open(ledgerDir(dataDir), keys.authenticator(LEDGER_KEY), options);
    } catch (RuntimeException e) {
      closeQuietly(anchor);
      throw e;
    }
    if (ledger.recoveredTornBytes() > 0) {
      LOG.warn(
          "ledger recovered: a torn last record was truncated and the truncation recorded",
          net.logstash.logback.argument.StructuredArguments.kv(
              "truncated_bytes", ledger.recoveredTornBytes()));
    }
    return ledger;
  }

  private static @Nullable CheckpointAnchor checkpointAnchor(WardenConfig.Timestamping t) {
    if (!t.enabled()) {
      return null;
    }
    try {
      TimestampClient client =
          TimestampClient.create(
              URI.create(t.url()), Path.of(t.trustAnchor()), Duration.ofMillis(t.timeoutMs()));
      return new CheckpointAnchor(client, Duration.ofMillis(t.timeoutMs()));
    } catch (TimestampException e) {
      throw new IllegalArgumentException("ledger.timestamp.trustAnchor: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(@Nullable CheckpointAnchor anchor) {
    if (anchor != null) {
      anchor.close();
    }
  }

  public int port() {
    return server.port();
  }

  WardenServer server() {
    return server;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path ledgerDir() {
    return ledgerDir(dataDir);
  }

  /**
   * Drains in-flight requests, closes the ledger (which writes a last checkpoint), then waits for
   * pending checkpoint timestamps up to the TSA timeout.
   */
  public void stop() {
    PolicyReloader r = reloader;
    if (r != null) {
      r.close();
    }
    server.stop();
    closeQuietly(anchor);
    if (vault != null) {
      vault.close();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
