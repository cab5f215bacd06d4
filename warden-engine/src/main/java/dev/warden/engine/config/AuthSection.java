package dev.warden.engine.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code auth:} into {@link AuthSettings}. Refuses, naming the key path: {@code mode: none}
 * on a non-loopback {@code server.host}; a JWT set-up without exactly one key source, without
 * issuer or audience, or allowing {@code none} or an HMAC algorithm; mTLS without certificate, key
 * and client CA.
 */
final class AuthSection {
  private AuthSection() {}

  private static final Map<String, String> MODES =
      orderedMap(AuthSettings.NONE_MODE, AuthSettings.API_KEY, AuthSettings.JWT, AuthSettings.MTLS);
  private static final Map<String, String> KINDS = orderedMap("user", "service", "agent");
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9:._/-]{1,64}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  static AuthSettings read(ConfigNode top, WardenConfig.Server server) {
    return top.section("auth", n -> auth(n, server));
  }

  private static AuthSettings auth(ConfigNode n, WardenConfig.Server server) {
    String mode = n.choice("mode", AuthSettings.NONE_MODE, MODES);
    if (mode.equals(AuthSettings.NONE_MODE) && !AuthSettings.isLoopback(server.host())) {
      throw new ConfigException(
          n.path("mode"),
          "'none' admits every caller anonymously and is allowed only on a loopback bind, but"
              + " server.host is '"
              + server.host()
              + "'; set auth.mode to api-key, jwt or mtls (warden serve --auth api-key), or bind server.host to 127.0.0.1");
    }
    String ownerScope = n.string("ownerScope", AuthSettings.DEFAULT_OWNER_SCOPE);
    checkScope(n.path("ownerScope"), ownerScope);
    boolean jwtRequired = mode.equals(AuthSettings.JWT);
    AuthSettings.Jwt jwt = n.section("jwt", j -> jwt(j, jwtRequired));
    boolean mtlsRequired = mode.equals(AuthSettings.MTLS);
    AuthSettings.Mtls mtls = n.section("mtls", m -> mtls(m, mtlsRequired));
    AuthSettings.UpstreamKey upstreamKey = n.section("upstreamKey", AuthSection::upstreamKey);
    return new AuthSettings(mode, ownerScope, jwt, mtls, upstreamKey);
  }

  private static AuthSettings.Jwt jwt(ConfigNode n, boolean required) {
    AuthSettings.Jwt d = AuthSettings.Jwt.UNSET;
    String jwksUrl = n.string("jwksUrl", "");
    String publicKeyFile = n.string("publicKeyFile", "");
    String issuer = n.string("issuer", "");
    List<String> audience = n.strings("audience");
    List<String> algorithms =
        n.has("algorithms") ? n.strings("algorithms") : defaultAlgorithms(n, d.algorithms());
    int skew = (int) n.integer("clockSkewSeconds", d.clockSkewSeconds(), 0, 600);
    int minRefresh = (int) n.integer("jwksMinRefreshSeconds", d.jwksMinRefreshSeconds(), 1, 3600);
    int cache = (int) n.integer("jwksCacheSeconds", d.jwksCacheSeconds(), 1, 86_400);
    AuthSettings.Claims claims = n.section("claims", AuthSection::claims);
    for (int i = 0; i < algorithms.size(); i++) {
      checkAlgorithm(n.path("algorithms") + "[" + i + "]", algorithms.get(i));
    }
    if (!jwksUrl.isEmpty()) {
      checkJwksUrl(n.path("jwksUrl"), jwksUrl);
    }
    if (required) {
      if (jwksUrl.isEmpty() == publicKeyFile.isEmpty()) {
        throw new ConfigException(
            n.path(jwksUrl.isEmpty() ? "jwksUrl" : "publicKeyFile"),
            "auth.mode jwt needs exactly one key source: auth.jwt.jwksUrl (e.g."
                + " https://login.example/.well-known/jwks.json) or auth.jwt.publicKeyFile (a PEM"
                + " public key)");
      }
      if (issuer.isEmpty()) {
        throw new ConfigException(
            n.path("issuer"), "is required with auth.mode jwt, e.g. https://login.example/");
      }
      if (audience.isEmpty()) {
        throw new ConfigException(
            n.path("audience"), "is required with auth.mode jwt, e.g. [warden]");
      }
      if (algorithms.isEmpty()) {
        throw new ConfigException(n.path("algorithms"), "must list at least one algorithm");
      }
    }
    return new AuthSettings.Jwt(
        jwksUrl, publicKeyFile, issuer, audience, algorithms, skew, minRefresh, cache, claims);
  }

  /** Shows the default algorithms in {@code config show}, as if written. */
  private static List<String> defaultAlgorithms(ConfigNode n, List<String> defaults) {
    n.strings("algorithms");
    tools.jackson.databind.node.ArrayNode shown =
        tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    defaults.forEach(shown::add);
    n.show("algorithms", shown);
    return defaults;
  }

  private static void checkAlgorithm(String path, String alg) {
    if (alg.equalsIgnoreCase("none")) {
      throw new ConfigException(path, "'none' means unsigned tokens and is never accepted");
    }
    if (alg.toUpperCase(Locale.ROOT).startsWith("HS")) {
      throw new ConfigException(
          path,
          "HMAC algorithms ("
              + alg
              + ") are refused: with a public key as the HMAC secret anyone could sign tokens;"
              + " allowed: "
              + String.join(", ", AuthSettings.Jwt.ALLOWED_ALGORITHMS));
    }
    if (!AuthSettings.Jwt.ALLOWED_ALGORITHMS.contains(alg)) {
      throw new ConfigException(
          path,
          "unknown algorithm '"
              + alg
              + "'; allowed: "
              + String.join(", ", AuthSettings.Jwt.ALLOWED_ALGORITHMS));
    }
  }

  private static void checkJwksUrl(String path, String raw) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(path, "is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost();
    if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new ConfigException(path, "must be an https URL, e.g. https://login.example/jwks.json");
    }
    if (scheme.equals("http") && !AuthSettings.isLoopback(host)) {
      throw new ConfigException(
          path,
          "must use https (plain http is accepted only for a loopback host): the keys it serves"
              + " decide who is admitted");
    }
  }

  private static AuthSettings.Claims claims(ConfigNode n) {
    AuthSettings.Claims d = AuthSettings.Claims.DEFAULTS;
    return new AuthSettings.Claims(
        claimName(n, "id", d.id()),
        claimName(n, "kind", d.kind()),
        n.choice("defaultKind", d.defaultKind(), KINDS),
        claimName(n, "scopes", d.scopes()),
        claimName(n, "labels", d.labels()));
  }

  private static String claimName(ConfigNode n, String key, String fallback) {
    String v = n.string(key, fallback);
    if (v.isBlank()) {
      throw new ConfigException(n.path(key), "must name a claim, e.g. " + fallback);
    }
    return v;
  }

  private static AuthSettings.Mtls mtls(ConfigNode n, boolean required) {
    AuthSettings.Mtls d = AuthSettings.Mtls.UNSET;
    String cert = n.string("certFile", "");
    String key = n.string("keyFile", "");
    String ca = n.string("clientCaFile", "");
    String from = n.choice("identityFrom", d.identityFrom(), orderedMap("cn", "san"));
    String kind = n.choice("defaultKind", d.defaultKind(), KINDS);
    Map<String, AuthSettings.Client> clients = n.section("clients", AuthSection::clients);
    if (required) {
      requirePath(n, "certFile", cert, "server.crt (PEM chain)");
      requirePath(n, "keyFile", key, "server.key (PEM, PKCS#8)");
      requirePath(n, "clientCaFile", ca, "clients-ca.crt (PEM)");
    }
    return new AuthSettings.Mtls(cert, key, ca, from, kind, clients);
  }

  private static Map<String, AuthSettings.Client> clients(ConfigNode n) {
    Map<String, AuthSettings.Client> clients = new LinkedHashMap<>();
    for (String subject : n.keys()) {
      clients.put(
          subject,
          n.section(
              subject,
              c -> {
                List<String> scopes = c.strings("scopes");
                for (int i = 0; i < scopes.size(); i++) {
                  checkScope(c.path("scopes") + "[" + i + "]", scopes.get(i));
                }
                return new AuthSettings.Client(c.choice("kind", "service", KINDS), scopes);
              }));
    }
    return clients;
  }

  private static void requirePath(ConfigNode n, String key, String value, String example) {
    if (value.isEmpty()) {
      throw new ConfigException(n.path(key), "is required with auth.mode mtls, e.g. " + example);
    }
  }

  private static AuthSettings.UpstreamKey upstreamKey(ConfigNode n) {
    String env = n.string("env", "");
    String file = n.string("file", "");
    if (!env.isEmpty() && !file.isEmpty()) {
      throw new ConfigException(
          n.path("file"), "set either auth.upstreamKey.env or .file, not both");
    }
    if (!env.isEmpty() && !ENV_NAME.matcher(env).matches()) {
      throw new ConfigException(
          n.path("env"), "must be an environment variable name such as OPENAI_API_KEY");
    }
    return new AuthSettings.UpstreamKey(env, file);
  }

  private static void checkScope(String path, String scope) {
    if (!SCOPE.matcher(scope).matches()) {
      throw new ConfigException(
          path, "a scope is 1-64 of letters, digits and :._/- (e.g. owner:assert)");
    }
  }

  private static Map<String, String> orderedMap(String... values) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String v : values) {
      m.put(v, v);
    }
    return m;
  }
}
