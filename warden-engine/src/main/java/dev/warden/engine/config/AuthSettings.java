package dev.warden.engine.config;

import java.util.List;
import java.util.Map;

/**
 * How callers authenticate ({@code auth:}). Fail closed: every mode but {@code none} refuses a
 * request without a valid credential before its body is read; {@code none} is accepted only on a
 * loopback bind.
 *
 * @param mode {@code none}, {@code api-key}, {@code jwt} or {@code mtls}
 * @param ownerScope the scope an identity needs to send the owner headers ({@code Warden-Agent-Id},
 *     {@code Warden-On-Behalf-Of}); default {@code owner:assert}
 * @param jwt the JWT verification settings ({@code auth.jwt}), used when {@code mode} is {@code
 *     jwt}
 * @param mtls the TLS listener and client-certificate mapping ({@code auth.mtls}), used when {@code
 *     mode} is {@code mtls}
 * @param upstreamKey where the upstream's own credential comes from ({@code auth.upstreamKey});
 *     with authentication on, the client's credential is Warden's and is never forwarded
 */
public record AuthSettings(
    String mode, String ownerScope, Jwt jwt, Mtls mtls, UpstreamKey upstreamKey) {
  public static final String NONE_MODE = "none";
  public static final String API_KEY = "api-key";
  public static final String JWT = "jwt";
  public static final String MTLS = "mtls";
  public static final String DEFAULT_OWNER_SCOPE = "owner:assert";

  /** No authentication: every caller is anonymous; allowed on loopback binds only. */
  public static final AuthSettings NONE =
      new AuthSettings(NONE_MODE, DEFAULT_OWNER_SCOPE, Jwt.UNSET, Mtls.UNSET, UpstreamKey.NONE);

  /** Only the mode differs from {@link #NONE}. */
  public static AuthSettings mode(String mode) {
    return NONE.withMode(mode);
  }

  public AuthSettings withMode(String m) {
    return new AuthSettings(m, ownerScope, jwt, mtls, upstreamKey);
  }

  public AuthSettings withJwt(Jwt j) {
    return new AuthSettings(mode, ownerScope, j, mtls, upstreamKey);
  }

  public AuthSettings withMtls(Mtls m) {
    return new AuthSettings(mode, ownerScope, jwt, m, upstreamKey);
  }

  public AuthSettings withUpstreamKey(UpstreamKey u) {
    return new AuthSettings(mode, ownerScope, jwt, mtls, u);
  }

  /** Whether callers must present a credential. */
  public boolean enabled() {
    return !mode.equals(NONE_MODE);
  }

  /**
   * Whether {@code host} is a loopback name or literal; resolved without DNS, so a name that merely
   * points at a loopback address does not count.
   */
  public static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      return false;
    }
    try {
      return java.net.InetAddress.ofLiteral(h).isLoopbackAddress();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * JWT bearer tokens ({@code auth.jwt}). Exactly one of {@code jwksUrl} and {@code publicKeyFile}
   * is set.
   *
   * @param jwksUrl the JWKS document (https, or http on loopback); fetched lazily, cached
   * @param publicKeyFile a PEM public key (RSA, EC or Ed25519) used for every token
   * @param issuer the required {@code iss}
   * @param audience the accepted {@code aud} values; a token must name at least one
   * @param algorithms accepted {@code alg} values; asymmetric only (never {@code none} or HS*)
   * @param clockSkewSeconds tolerance on {@code exp} and {@code nbf}
   * @param jwksMinRefreshSeconds at most one JWKS fetch per this interval, including fetches caused
   *     by an unknown {@code kid}
   * @param jwksCacheSeconds how long a fetched JWKS is used before it is fetched again
   * @param claims which claims give the identity's id, kind, scopes and labels
   */
  public record Jwt(
      String jwksUrl,
      String publicKeyFile,
      String issuer,
      List<String> audience,
      List<String> algorithms,
      int clockSkewSeconds,
      int jwksMinRefreshSeconds,
      int jwksCacheSeconds,
      Claims claims) {
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "ES256", "EdDSA");

    /** Algorithms a token may name: the asymmetric JWS algorithms nimbus verifies. */
    public static final List<String> ALLOWED_ALGORITHMS =
        List.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
            "EdDSA", "Ed25519");

    static final Jwt UNSET =
        new Jwt("", "", "", List.of(), DEFAULT_ALGORITHMS, 60, 30, 300, Claims.DEFAULTS);

    public Jwt {
      audience = List.copyOf(audience);
      algorithms = List.copyOf(algorithms);
    }
  }

  /**
   * Where identity fields come from in a verified JWT.
   *
   * @param id the claim holding the identity id (default {@code sub})
   * @param kind the claim holding {@code user}, {@code service} or {@code agent} (default {@code
   *     warden_kind}); absent means {@code defaultKind}
   * @param defaultKind the kind of a token without the {@code kind} claim
   * @param scopes the claim holding scopes: a space-separated string or a list (default {@code
   *     scope})
   * @param labels the claim holding an object of string labels (default {@code warden_labels})
   */
  public record Claims(String id, String kind, String defaultKind, String scopes, String labels) {
    public static final Claims DEFAULTS =
        new Claims("sub", "warden_kind", "user", "scope", "warden_labels");
  }

  /**
   * Mutual TLS ({@code auth.mtls}): the gateway listens with TLS and requires a client certificate
   * issued by {@code clientCaFile}.
   *
   * @param certFile the server's certificate chain (PEM)
   * @param keyFile the server's private key (PEM, PKCS#8)
   * @param clientCaFile the CA certificate(s) (PEM) client certificates must chain to
   * @param identityFrom {@code cn} (the subject's common name, default) or {@code san} (the first
   *     DNS, email or URI subject alternative name)
   * @param defaultKind the kind of a client not listed in {@code clients}
   * @param clients per-subject kind and scopes (e.g. granting {@code owner:assert})
   */
  public record Mtls(
      String certFile,
      String keyFile,
      String clientCaFile,
      String identityFrom,
      String defaultKind,
      Map<String, Client> clients) {
    static final Mtls UNSET = new Mtls("", "", "", "cn", "service", Map.of());

    public Mtls {
      clients = Map.copyOf(clients);
    }
  }

  /**
   * One known mTLS client.
   *
   * @param kind {@code user}, {@code service} or {@code agent}
   * @param scopes the scopes the client is granted
   */
  public record Client(String kind, List<String> scopes) {
    public Client {
      scopes = List.copyOf(scopes);
    }
  }

  /**
   * The upstream's own credential, sent in the dialect's credential header in place of the client's
   * (which, with authentication on, is Warden's and is stripped).
   *
   * @param env an environment variable holding the key
   * @param file a file (owner-only) holding the key
   */
  public record UpstreamKey(String env, String file) {
    public static final UpstreamKey NONE = new UpstreamKey("", "");

    public boolean configured() {
      return !env.isEmpty() || !file.isEmpty();
    }
  }
}
