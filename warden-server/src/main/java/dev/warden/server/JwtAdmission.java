package dev.warden.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.warden.api.Attribution;
import dev.warden.api.Identity;
import dev.warden.api.PlainText;
import dev.warden.engine.config.AuthSettings;
import io.helidon.webserver.http.ServerRequest;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth.mode: jwt}: the caller presents a signed JWT. Checked in this order, each failure a
 * 401 with its own message: a JWS at all (an unsigned {@code alg: none} token is refused), an
 * algorithm on the configured list (HMAC is never on it, so a token signed with the public key as
 * an HMAC secret is refused before any key is looked at), a key from the JWKS or the configured
 * file whose type fits the algorithm and whose {@code kid} matches, a signature that verifies, and
 * then {@code iss}, {@code aud}, {@code exp} (required) and {@code nbf} within the clock skew.
 *
 * <p>The JWKS is fetched lazily and cached; an unknown {@code kid} causes at most one refetch per
 * {@code jwksMinRefreshSeconds} (nimbus's rate-limited source), so a flood of tokens with invented
 * key ids cannot turn the gateway into a load generator against the identity provider.
 */
public final class JwtAdmission implements Admission {
  private static final Logger LOG = LoggerFactory.getLogger(JwtAdmission.class);
  private static final String HOW = "send Authorization: Bearer <JWT> from your identity provider";
  private static final String CHALLENGE = AuthRefusals.bearer("invalid_token");

  private final JWKSource<SecurityContext> keys;
  private final Set<JWSAlgorithm> algorithms;
  private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
  private final AuthSettings.Claims claims;
  private final Identity.Kind defaultKind;

  /**
   * @param settings issuer, audience, algorithms, skew and claim names ({@code auth.jwt})
   * @param keys where the issuer's public keys come from (a cached JWKS, or one key)
   */
  public JwtAdmission(AuthSettings.Jwt settings, JWKSource<SecurityContext> keys) {
    this.keys = keys;
    Set<JWSAlgorithm> algs = new LinkedHashSet<>();
    settings.algorithms().forEach(a -> algs.add(JWSAlgorithm.parse(a)));
    this.algorithms = Set.copyOf(algs);
    this.claims = settings.claims();
    this.defaultKind = kind(claims.defaultKind(), Identity.Kind.USER);
    this.claimsVerifier =
        new DefaultJWTClaimsVerifier<>(
            new HashSet<>(settings.audience()),
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            Set.of("exp", "iss", "aud", claims.id()),
            Set.of());
    claimsVerifier.setMaxClockSkew(settings.clockSkewSeconds());
  }

  @Override
  public Attribution admit(ServerRequest request) {
    String token = BearerCredential.of(request, AuthRefusals.bearer(null));
    if (token == null) {
      throw AuthRefusals.missing(AuthRefusals.bearer(null), HOW);
    }
    return Attribution.of(verify(token));
  }

  /**
   * The identity {@code token} proves. Thread-safe; the only I/O is a JWKS fetch when the cache is
   * cold or an unknown {@code kid} is allowed a refresh.
   *
   * @throws RuntimeException (a refusal, 401 or 503 when answered) saying why it proves none; the
   *     message never quotes the token
   */
  public Identity verify(String token) {
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      throw AuthRefusals.invalid(CHALLENGE, "the bearer token is not a JWT");
    }
    if (!(parsed instanceof SignedJWT jws)) {
      throw AuthRefusals.invalid(
          CHALLENGE,
          "the token is not signed (alg none or encrypted); only signed JWTs are accepted");
    }
    JWSHeader header = jws.getHeader();
    if (!algorithms.contains(header.getAlgorithm())) {
      throw AuthRefusals.invalid(
          CHALLENGE,
          "the token's algorithm is not accepted here (allowed: "
              + String.join(", ", algorithms.stream().map(JWSAlgorithm::getName).sorted().toList())
              + ")");
    }
    List<JWK> candidates = candidates(header);
    if (candidates.isEmpty()) {
      throw AuthRefusals.invalid(
          CHALLENGE, "no key of the issuer matches the token's key id (kid) and algorithm");
    }
    if (!verifiedByAny(jws, candidates)) {
      throw AuthRefusals.invalid(CHALLENGE, "the token's signature does not verify");
    }
    JWTClaimsSet set;
    try {
      set = jws.getJWTClaimsSet();
      claimsVerifier.verify(set, null);
    } catch (ExpiredJWTException e) {
      throw AuthRefusals.expired(CHALLENGE, "the token has expired; get a fresh one");
    } catch (BadJWTException e) {
      throw AuthRefusals.invalid(CHALLENGE, claimProblem(e));
    } catch (ParseException e) {
      throw AuthRefusals.invalid(CHALLENGE, "the token's claims are not a JSON object");
    }
    return identity(set);
  }

  private List<JWK> candidates(JWSHeader header) {
    try {
      return keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
    } catch (RateLimitReachedException e) {
      // An unknown kid already caused a refetch within the minimum interval.
      return List.of();
    } catch (KeySourceException e) {
      LOG.warn(
          "jwks unavailable",
          net.logstash.logback.argument.StructuredArguments.kv(
              "exception", e.getClass().getName()));
      throw AuthRefusals.unavailable("the identity provider's keys (JWKS) could not be fetched");
    }
  }

  private static boolean verifiedByAny(SignedJWT jws, List<JWK> candidates) {
    for (JWK jwk : candidates) {
      try {
        JWSVerifier verifier = verifier(jwk);
        if (verifier != null && jws.verify(verifier)) {
          return true;
        }
      } catch (JOSEException | IllegalStateException e) {
        // A key of the wrong type or size for the algorithm: try the next candidate.
      }
    }
    return false;
  }

  private static @Nullable JWSVerifier verifier(JWK jwk) throws JOSEException {
    return switch (jwk) {
      case RSAKey rsa -> new RSASSAVerifier(rsa);
      case ECKey ec -> new ECDSAVerifier(ec);
      case OctetKeyPair okp -> new Ed25519Verifier(okp.toPublicJWK());
      default -> null;
    };
  }

  private static String claimProblem(BadJWTException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("missing")) {
      return "the token lacks a required claim (exp, iss, aud and the identity claim)";
    }
    if (m.contains("iss claim")) {
      return "the token's issuer (iss) is not the configured one";
    }
    if (m.contains("aud")) {
      return "the token's audience (aud) does not name this gateway";
    }
    if (m.contains("before use")) {
      return "the token is not valid yet (nbf)";
    }
    return "the token's claims are not accepted";
  }

  private Identity identity(JWTClaimsSet set) {
    Object rawId = set.getClaim(claims.id());
    if (!(rawId instanceof String id) || id.isEmpty() || !PlainText.isPlain(id, "._:@/|+-", 256)) {
      throw AuthRefusals.invalid(
          CHALLENGE,
          "the identity claim '"
              + claims.id()
              + "' must be a string of 1-256 letters, digits and ._:@/|+-");
    }
    Identity.Kind kind = defaultKind;
    if (set.getClaim(claims.kind()) instanceof String k) {
      kind = kind(k, defaultKind);
    }
    return new Identity(id, kind, scopes(set.getClaim(claims.scopes())), labels(set), "jwt");
  }

  private static Set<String> scopes(@Nullable Object raw) {
    List<String> all = new ArrayList<>();
    if (raw instanceof String s) {
      all.addAll(List.of(s.trim().split("\\s+")));
    } else if (raw instanceof List<?> list) {
      list.forEach(o -> {
        if (o instanceof String s) {
          all.add(s);
        }
      });
    }
    Set<String> out = new LinkedHashSet<>();
    for (String s : all) {
      if (!s.isEmpty() && PlainText.isPlain(s, ":._/-", 64)) {
        out.add(s);
      }
    }
    return out;
  }

  private Map<String, String> labels(JWTClaimsSet set) {
    Map<String, String> out = new LinkedHashMap<>();
    if (set.getClaim(claims.labels()) instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (k instanceof String key
            && v instanceof String value
            && !key.isEmpty()
            && PlainText.isPlain(key, "._-", 64)
            && PlainText.isPlain(value, "._:/@-", 128)) {
          out.put(key, value);
        }
      });
    }
    return out;
  }

  static Identity.Kind kind(String k, Identity.Kind fallback) {
    return switch (k) {
      case "user" -> Identity.Kind.USER;
      case "service" -> Identity.Kind.SERVICE;
      case "agent" -> Identity.Kind.AGENT;
      default -> fallback;
    };
  }
}
