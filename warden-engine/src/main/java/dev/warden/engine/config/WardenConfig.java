package dev.warden.engine.config;

import dev.warden.engine.detect.CustomRule;
import dev.warden.engine.policy.Allowlist;
import dev.warden.engine.policy.Policy;
import java.util.List;

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
    PolicyFile policyFile) {

  /** A configuration whose policy file needs no signature and is watched. */
  public WardenConfig(
      String dataDir,
      Server server,
      Upstream upstream,
      Responses responses,
      LedgerSettings ledger,
      Policy policy,
      Detection detection) {
    this(dataDir, server, upstream, responses, ledger, policy, detection, PolicyFile.DEFAULT);
  }

  /** A configuration without custom rules or allowlists. */
  public WardenConfig(
      String dataDir,
      Server server,
      Upstream upstream,
      Responses responses,
      LedgerSettings ledger,
      Policy policy) {
    this(dataDir, server, upstream, responses, ledger, policy, Detection.NONE);
  }

  public static final String DEFAULT_DATA_DIR = ".warden";

  /**
   * @param maxBodyBytes larger request or upstream response bodies are refused (413 / 502)
   * @param maxJsonDepth deeper JSON nesting is refused (400)
   * @param drainSeconds on SIGTERM, in-flight requests get this long to finish
   */
  public record Server(
      String host, int port, int maxBodyBytes, int maxJsonDepth, int drainSeconds) {}

  /**
   * @param url base URL of the OpenAI-compatible upstream; empty means "not configured"
   * @param forwardAuthorization pass the client's {@code Authorization} header to the upstream
   * @param passThrough extra request paths forwarded (still scanned both ways)
   */
  public record Upstream(
      String url,
      int connectTimeoutMs,
      int timeoutMs,
      boolean forwardAuthorization,
      List<String> passThrough) {
    public Upstream {
      passThrough = List.copyOf(passThrough);
    }
  }

  /**
   * @param protect scan and transform upstream responses before they reach the client
   */
  public record Responses(boolean protect) {}

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
   */
  public record LedgerSettings(
      String durability, String receipts, String signingAlgorithm, Timestamping timestamp) {
    /** Durability only; receipts signed, Ed25519, no timestamping. */
    public LedgerSettings(String durability) {
      this(durability, "signed", "ed25519", Timestamping.NONE);
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
    return new WardenConfig(dataDir, s, upstream, responses, ledger, policy, detection, policyFile);
  }

  public WardenConfig withUpstream(Upstream u) {
    return new WardenConfig(dataDir, server, u, responses, ledger, policy, detection, policyFile);
  }

  public WardenConfig withDataDir(String d) {
    return new WardenConfig(d, server, upstream, responses, ledger, policy, detection, policyFile);
  }

  public WardenConfig withPolicy(Policy p) {
    return new WardenConfig(dataDir, server, upstream, responses, ledger, p, detection, policyFile);
  }

  public WardenConfig withResponses(Responses r) {
    return new WardenConfig(dataDir, server, upstream, r, ledger, policy, detection, policyFile);
  }

  public WardenConfig withDetection(Detection d) {
    return new WardenConfig(dataDir, server, upstream, responses, ledger, policy, d, policyFile);
  }
}
