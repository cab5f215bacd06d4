package dev.warden.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.api.ApiKeyFormat;
import dev.warden.api.Identity;
import dev.warden.engine.config.AuthSettings;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.server.JwtAdmission;
import dev.warden.vault.ApiKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of admitting one caller, per credential (sampled, so JMH reports p50/p90/p99):
 *
 * <ul>
 *   <li>{@code apiKeyValid}: an issued key against a store of 100 keys on disk: checksum, a stat of
 *       the store file (revocations made by another process are seen), HMAC-SHA256, a constant-time
 *       compare
 *   <li>{@code apiKeyUnknown}: a well-formed key that was never issued (the same work but the
 *       compare)
 *   <li>{@code jwtRs256}, {@code jwtEs256}, {@code jwtEdDsa}: parse, algorithm check, key selection
 *       from a cached JWKS, signature, claims (iss, aud, exp, nbf) and identity mapping
 * </ul>
 *
 * <p>Run: {@code java -jar warden-bench/target/benchmarks.jar AuthBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AuthBenchmark {
  @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
  private Path dir;

  @SuppressWarnings("NullAway.Init")
  private ApiKeyStore store;

  @SuppressWarnings("NullAway.Init")
  private JwtAdmission jwt;

  @SuppressWarnings("NullAway.Init")
  private JwtAdmission uncached;

  private String validKey = "";
  private String unknownKey = "";
  private String rs256 = "";
  private String es256 = "";
  private String edDsa = "";

  /**
   * A key store under {@code dir} already holding 99 service keys of other callers, so a lookup is
   * measured in a store of realistic size.
   */
  static ApiKeyStore storeOfOthers(java.nio.file.Path dir) {
    ApiKeyStore store = ApiKeyStore.open(dir);
    for (int i = 0; i < 99; i++) {
      store.issue("svc-" + i, Identity.Kind.SERVICE, Set.of("chat"), Map.of("team", "t" + i));
    }
    return store;
  }

  @Setup(Level.Trial)
  public void setup() throws Exception {
    dir = Files.createTempDirectory("warden-auth-bench");
    store = storeOfOthers(dir);
    validKey =
        store.issue("bench", Identity.Kind.USER, Set.of("chat"), Map.of("team", "bench")).key();
    unknownKey = ApiKeyFormat.mint();

    RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
    OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate();
    ImmutableJWKSet<SecurityContext> keys =
        new ImmutableJWKSet<>(
            new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK(), ed.toPublicJWK())));
    AuthSettings.Jwt settings =
        ConfigLoader.fromYaml(
                """
                auth:
                  jwt: {jwksUrl: 'https://login.example/jwks', issuer: 'https://login.example/', audience: [warden]}
                """)
            .access()
            .auth()
            .jwt();
    jwt = new JwtAdmission(settings, keys);
    uncached = new JwtAdmission(settings, keys, 0);
    rs256 = token(JWSAlgorithm.RS256, rsa, new RSASSASigner(rsa));
    es256 = token(JWSAlgorithm.ES256, ec, new ECDSASigner(ec));
    edDsa = token(JWSAlgorithm.EdDSA, ed, new Ed25519Signer(ed));
  }

  private static String token(JWSAlgorithm alg, JWK key, com.nimbusds.jose.JWSSigner signer)
      throws Exception {
    Instant now = Instant.now();
    SignedJWT t =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(),
            new JWTClaimsSet.Builder()
                .issuer("https://login.example/")
                .audience("warden")
                .subject("alice@example.com")
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("scope", "chat owner:assert")
                .build());
    t.sign(signer);
    return t.serialize();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    TempTrees.delete(dir);
  }

  @Benchmark
  public ApiKeyStore.Verdict apiKeyValid() {
    return store.verify(validKey);
  }

  @Benchmark
  public ApiKeyStore.Verdict apiKeyUnknown() {
    return store.verify(unknownKey);
  }

  @Benchmark
  public Identity jwtRs256() {
    return uncached.verify(rs256);
  }

  @Benchmark
  public Identity jwtEs256() {
    return uncached.verify(es256);
  }

  @Benchmark
  public Identity jwtEdDsa() {
    return uncached.verify(edDsa);
  }

  @Benchmark
  public Identity jwtEs256Repeat() {
    return jwt.verify(es256);
  }
}
