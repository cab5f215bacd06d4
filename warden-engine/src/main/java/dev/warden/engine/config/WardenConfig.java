package dev.warden.engine.config;

import dev.warden.engine.detect.CustomRule;
import dev.warden.engine.policy.Allowlist;
import dev.warden.engine.policy.Policy;
import java.util.List;
import java.util.Map;

/**
 * The whole validated configuration ({@code warden.yaml} plus command-line overrides). Immutable;
 * every value has passed {@link ConfigLoader}'s checks. Defaults are the safe ones: loopback bind,
 * enforce mode, response protection on, durable ledger.
 */
public record WardenConfig(
    String dataDir,
    Server server,
    Upstream upstream,
    Responses responses,
    LedgerSettings ledger,
    Policy policy,
    Detection detection,
    Map<String, Upstream> upstreams,
    Vault vault,
    PolicyFile policyFile,
    Access access) {

  /**
   * @param upstream the default, OpenAI-compatible upstream ({@code upstream:})
   * @param upstreams further upstreams by name ({@code upstreams:}), each serving the dialects it
   *     lists; no dialect is served by two upstreams
   */
  public WardenConfig {
    upstreams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(upstreams));
  }

  public static final String DEFAULT_DATA_DIR = ".warden";

  /**
   * @param maxBodyBytes larger request or upstream response bodies are refused (413 / 502)
   * @param maxJsonDepth deeper JSON nesting is refused (400)
   * @param drainSeconds on SIGTERM, in-flight requests get this long to finish
   * @param bodyReadTimeoutMs a request body must have arrived whole this long after its headers; a
   *     slower one is refused (408) and its connection closed
   * @param headerReadTimeoutMs the headers must have arrived whole this long after the request
   *     line; else the connection is closed (a client trickling its headers cannot hold it)
   * @param idleTimeoutMs a connection with no request in progress (silent, trickling its request
   *     line, or an idle keep-alive) is closed this long after it opened or its last request began
   *     or ended
   * @param maxConnections open client connections at most; further ones wait in the accept backlog
   *     until one closes
   */
  public record Server(
      String host,
      int port,
      int maxBodyBytes,
      int maxJsonDepth,
      int drainSeconds,
      int bodyReadTimeoutMs,
      int headerReadTimeoutMs,
      int idleTimeoutMs,
      int maxConnections) {
    public static final int DEFAULT_BODY_READ_TIMEOUT_MS = 60_000;
    public static final int DEFAULT_HEADER_READ_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_IDLE_TIMEOUT_MS = 60_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    /** A listener with the default connection bounds. */
    public Server(
        String host,
        int port,
        int maxBodyBytes,
        int maxJsonDepth,
        int drainSeconds,
        int bodyReadTimeoutMs) {
      this(
          host,
          port,
          maxBodyBytes,
          maxJsonDepth,
          drainSeconds,
          bodyReadTimeoutMs,
          DEFAULT_HEADER_READ_TIMEOUT_MS,
          DEFAULT_IDLE_TIMEOUT_MS,
          DEFAULT_MAX_CONNECTIONS);
    }

    /** A listener with the default {@code bodyReadTimeoutMs} and connection bounds. */
    public Server(String host, int port, int maxBodyBytes, int maxJsonDepth, int drainSeconds) {
      this(host, port, maxBodyBytes, maxJsonDepth, drainSeconds, DEFAULT_BODY_READ_TIMEOUT_MS);
    }

    /** This listener bound to {@code host} and {@code port}, every other setting kept. */
    public Server withAddress(String host, int port) {
      return new Server(
          host,
          port,
          maxBodyBytes,
          maxJsonDepth,
          drainSeconds,
          bodyReadTimeoutMs,
          headerReadTimeoutMs,
          idleTimeoutMs,
          maxConnections);
    }
  }

  /**
   * @param url base URL of the upstream; empty means "not configured"
   * @param forwardAuthorization pass the client's credential headers ({@code Authorization}, and
   *     the dialect's own such as {@code x-api-key}) to the upstream
   * @param passThrough extra request paths forwarded (still scanned both ways)
   * @param dialects the dialect ids whose routes this upstream serves
   * @param profilesOnly {@code upstreams.<name>.profilesOnly}: the upstream serves only the
   *     profiles that name it, never a route by itself
   */
  public record Upstream(
      String url,
      int connectTimeoutMs,
      int timeoutMs,
      boolean forwardAuthorization,
      List<String> passThrough,
      List<String> dialects,
      boolean profilesOnly) {
    public Upstream {
      passThrough = List.copyOf(passThrough);
      dialects = List.copyOf(dialects);
    }

    /** An upstream that serves its dialects' routes. */
    public Upstream(
        String url,
        int connectTimeoutMs,
        int timeoutMs,
        boolean forwardAuthorization,
        List<String> passThrough,
        List<String> dialects) {
      this(url, connectTimeoutMs, timeoutMs, forwardAuthorization, passThrough, dialects, false);
    }

    /** An upstream serving the OpenAI-compatible dialects. */
    public Upstream(
        String url,
        int connectTimeoutMs,
        int timeoutMs,
        boolean forwardAuthorization,
        List<String> passThrough) {
      this(
          url,
          connectTimeoutMs,
          timeoutMs,
          forwardAuthorization,
          passThrough,
          dev.warden.engine.dialect.Dialects.OPENAI_IDS);
    }

    /** The same upstream at another URL. */
    public Upstream withUrl(String newUrl) {
      return new Upstream(
          newUrl,
          connectTimeoutMs,
          timeoutMs,
          forwardAuthorization,
          passThrough,
          dialects,
          profilesOnly);
    }

    public boolean configured() {
      return !url.isEmpty();
    }
  }

  /**
   * The upstream that serves {@code dialectId} (its config name, {@code default} for {@code
   * upstream:}), or empty when none does.
   */
  public java.util.Optional<Map.Entry<String, Upstream>> upstreamFor(String dialectId) {
    if (upstream.configured() && upstream.dialects().contains(dialectId)) {
      return java.util.Optional.of(Map.entry(DEFAULT_UPSTREAM, upstream));
    }
    for (Map.Entry<String, Upstream> e : upstreams.entrySet()) {
      if (!e.getValue().profilesOnly() && e.getValue().dialects().contains(dialectId)) {
        return java.util.Optional.of(e);
      }
    }
    return java.util.Optional.empty();
  }

  /** Whether any upstream is configured at all. */
  public boolean hasUpstream() {
    return upstream.configured() || !upstreams.isEmpty();
  }

  /** The name {@code upstream:} goes by next to the named {@code upstreams:}. */
  public static final String DEFAULT_UPSTREAM = "default";

  /**
   * @param protect scan and transform upstream responses before they reach the client
   * @param streamIdleTimeoutMs a streamed answer whose upstream sends nothing for this long is
   *     ended with an error event
   * @param streamMaxDurationMs a streamed answer still running after this long is ended with an
   *     error event, however steadily the upstream sends
   */
  public record Responses(boolean protect, int streamIdleTimeoutMs, int streamMaxDurationMs) {
    public static final int DEFAULT_STREAM_IDLE_TIMEOUT_MS = 60_000;
    public static final int DEFAULT_STREAM_MAX_DURATION_MS = 600_000;

    /** Default streaming limits. */
    public Responses(boolean protect) {
      this(protect, DEFAULT_STREAM_IDLE_TIMEOUT_MS, DEFAULT_STREAM_MAX_DURATION_MS);
    }
  }

  /**
   * The ledger: durability, response receipts, the signing key's algorithm and timestamping.
   *
   * @param durability {@code fsync} (default: acknowledged only when on disk) or {@code async}
   * @param receipts {@code signed} (default: a {@code Warden-Receipt} header signed with the active
   *     Ed25519/P-256 key), {@code hmac} (HMAC-SHA256 under {@code keys/receipt-mac.key}, for
   *     closed deployments) or {@code off}
   * @param signingAlgorithm {@code ed25519} (default) or {@code p256}: the algorithm of the signing
   *     key created on first start; an existing key is kept ({@code warden keys rotate} changes it)
   * @param timestamp the RFC 3161 authority checkpoints are anchored with, or {@link
   *     Timestamping#NONE}
   * @param forcesInFlight {@code fsync}: groups of appends in {@code force} at once (1 or 2)
   * @param commitDelayMicros {@code fsync}: how long a group of appends may wait for more that are
   *     on their way before its {@code force} (0: never)
   * @param groupCommit {@code fsync}: who writes and forces — {@code threads} (a writer and a
   *     flusher thread) or {@code leader} (the appenders: one leads each force, the rest wait)
   */
  public record LedgerSettings(
      String durability,
      String receipts,
      String signingAlgorithm,
      Timestamping timestamp,
      int forcesInFlight,
      int commitDelayMicros,
      String groupCommit) {
    /** The default {@code ledger.forcesInFlight}. */
    public static final int DEFAULT_FORCES_IN_FLIGHT = 1;

    /** The default {@code ledger.commitDelayMicros}. */
    public static final int DEFAULT_COMMIT_DELAY_MICROS = 0;

    /**
     * The default {@code ledger.groupCommit} (measured: docs/benchmarks.md, "Ledger speed, seventh
     * pass").
     */
    public static final String DEFAULT_GROUP_COMMIT = "threads";

    /** The largest {@code ledger.commitDelayMicros}. */
    public static final int MAX_COMMIT_DELAY_MICROS = 5_000;

    /** Durability only; receipts signed, Ed25519, no timestamping, default group commit. */
    public LedgerSettings(String durability) {
      this(
          durability,
          "signed",
          "ed25519",
          Timestamping.NONE,
          DEFAULT_FORCES_IN_FLIGHT,
          DEFAULT_COMMIT_DELAY_MICROS,
          DEFAULT_GROUP_COMMIT);
    }
  }

  /**
   * The RFC 3161 time-stamp authority that anchors checkpoints.
   *
   * @param url the TSA's HTTP(S) endpoint; empty means no timestamping
   * @param trustAnchor PEM file with the CA certificate(s) the TSA's certificate must chain to
   * @param timeoutMs connect and answer timeout per request
   */
  public record Timestamping(String url, String trustAnchor, int timeoutMs) {
    public static final Timestamping NONE = new Timestamping("", "", 10_000);

    public boolean enabled() {
      return !url.isEmpty();
    }
  }

  /**
   * The {@code detection} section (per-type confidence thresholds live in the {@link Policy}).
   *
   * @param customRules the operator's rules, each already checked against its own examples
   * @param allowlist findings it covers are dropped, never those of hard-block types
   */
  public record Detection(List<CustomRule> customRules, Allowlist allowlist) {
    public static final Detection NONE = new Detection(List.of(), Allowlist.empty());

    public Detection {
      customRules = List.copyOf(customRules);
    }
  }

  /**
   * The token vault behind the {@code tokenize} and {@code encrypt} actions (opened only when the
   * policy uses one of them). See {@code docs/tokens.md}.
   *
   * @param scope where a token restores: {@code conversation} (default: one caller's one
   *     conversation), {@code identity} (one caller) or {@code global}
   * @param ttlMinutes an entry restores for this long after it was last issued
   * @param conversationHeader the request header carrying the conversation id; without it, each
   *     exchange is its own conversation
   * @param allowReveal whether {@code warden vault reveal} may print a value (recorded in the
   *     ledger)
   */
  public record Vault(
      String scope, int ttlMinutes, String conversationHeader, boolean allowReveal) {
    public static final Vault DEFAULTS =
        new Vault("conversation", 1440, "X-Conversation-Id", false);
  }

  /** Whether the policy uses a reversible action (tokenize or encrypt) anywhere. */
  public boolean usesVault() {
    java.util.function.Predicate<dev.warden.api.Action> reversible =
        a ->
            a instanceof dev.warden.api.Action.Tokenize
                || a instanceof dev.warden.api.Action.Encrypt;
    return reversible.test(policy.defaultAction())
        || policy.actions().values().stream().anyMatch(reversible)
        || access.profiles().usesVault();
  }

  /**
   * How the configuration file itself is trusted and followed.
   *
   * @param requireSignatureKeys {@code policy.requireSignature.keys}: paths of PEM public keys;
   *     when not empty, the file must be a policy bundle signed by one of them, at start and on
   *     every reload (a running gateway keeps the keys it started with)
   * @param watch {@code reload.watch}: reload when the file changes (SIGHUP reloads regardless)
   */
  public record PolicyFile(List<String> requireSignatureKeys, boolean watch) {
    public static final PolicyFile DEFAULT = new PolicyFile(List.of(), true);

    public PolicyFile {
      requireSignatureKeys = List.copyOf(requireSignatureKeys);
    }

    public boolean signatureRequired() {
      return !requireSignatureKeys.isEmpty();
    }
  }

  public static WardenConfig defaults() {
    return ConfigLoader.fromYaml("");
  }

  public WardenConfig withServer(Server s) {
    return with(p -> p.server = s);
  }

  public WardenConfig withUpstream(Upstream u) {
    return with(p -> p.upstream = u);
  }

  public WardenConfig withDataDir(String d) {
    return with(p -> p.dataDir = d);
  }

  public WardenConfig withLedger(LedgerSettings l) {
    return with(p -> p.ledger = l);
  }

  public WardenConfig withUpstreams(Map<String, Upstream> named) {
    return with(p -> p.upstreams = named);
  }

  public WardenConfig withPolicy(Policy pol) {
    return with(p -> p.policy = pol);
  }

  public WardenConfig withVault(Vault v) {
    return with(p -> p.vault = v);
  }

  public WardenConfig withResponses(Responses r) {
    return with(p -> p.responses = r);
  }

  public WardenConfig withDetection(Detection d) {
    return with(p -> p.detection = d);
  }

  public WardenConfig withAccess(Access a) {
    return with(p -> p.access = a);
  }

  /** A copy with the parts {@code edit} replaces; the record's own checks run on the copy. */
  private WardenConfig with(java.util.function.Consumer<Parts> edit) {
    Parts p = new Parts(this);
    edit.accept(p);
    return new WardenConfig(
        p.dataDir,
        p.server,
        p.upstream,
        p.responses,
        p.ledger,
        p.policy,
        p.detection,
        p.upstreams,
        p.vault,
        p.policyFile,
        p.access);
  }

  /** The components of one configuration, open for one {@link #with} edit. */
  private static final class Parts {
    String dataDir;
    Server server;
    Upstream upstream;
    Responses responses;
    LedgerSettings ledger;
    Policy policy;
    Detection detection;
    Map<String, Upstream> upstreams;
    Vault vault;
    final PolicyFile policyFile;
    Access access;

    Parts(WardenConfig c) {
      dataDir = c.dataDir;
      server = c.server;
      upstream = c.upstream;
      responses = c.responses;
      ledger = c.ledger;
      policy = c.policy;
      detection = c.detection;
      upstreams = c.upstreams;
      vault = c.vault;
      policyFile = c.policyFile;
      access = c.access;
    }
  }
}
