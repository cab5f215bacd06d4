package dev.warden.server;

import static dev.warden.server.AuthProxyTest.errorType;
import static dev.warden.server.AuthProxyTest.lastRequestRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
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
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.warden.testing.StubUpstream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code auth.mode: jwt} through the real proxy, with the issuer's JWKS served by a real loopback
 * HTTP server that counts its fetches.
 */
class JwtProxyTest {
  static final String ISSUER = "https://login.test/";
  static final String AUDIENCE = "warden";

  @TempDir Path tmp;

  @SuppressWarnings("NullAway.Init")
  static RSAKey rsa;

  @SuppressWarnings("NullAway.Init")
  static ECKey ec;

  @SuppressWarnings("NullAway.Init")
  static OctetKeyPair ed;

  HttpServer jwks;
  final AtomicInteger jwksFetches = new AtomicInteger();

  @SuppressWarnings("NullAway.Init")
  ProxyHarness proxy;

  @BeforeEach
  void issuer() throws Exception {
    if (rsa == null) {
      rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
      ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
      ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
    }
    byte[] body =
        new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK(), ed.toPublicJWK()))
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/jwks.json",
        ex -> {
          jwksFetches.incrementAndGet();
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    jwks.start();
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    jwks.stop(0);
  }

  ProxyHarness start(String keySource) {
    proxy =
        new ProxyHarness(
            tmp,
            StubUpstream.start(),
            "auth:\n  mode: jwt\n  jwt:\n    "
                + keySource
                + "\n    issuer: '"
                + ISSUER
                + "'\n    audience: ["
                + AUDIENCE
                + "]\n    jwksMinRefreshSeconds: 60\n",
            c -> c);
    return proxy;
  }

  ProxyHarness startWithJwks() {
    return start("jwksUrl: 'http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json'");
  }

  static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("alice@example.com")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("scope", "chat owner:assert")
        .claim("warden_kind", "agent")
        .claim("warden_labels", Map.of("team", "payments"));
  }

  static String sign(JWK key, JWSAlgorithm alg, Consumer<JWTClaimsSet.Builder> edit)
      throws Exception {
    JWSSigner signer =
        switch (key) {
          case RSAKey r -> new RSASSASigner(r);
          case ECKey e -> new ECDSASigner(e);
          case OctetKeyPair o -> new Ed25519Signer(o);
          default -> throw new IllegalArgumentException();
        };
    JWTClaimsSet.Builder b = claims();
    edit.accept(b);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
            b.build());
    jwt.sign(signer);
    return jwt.serialize();
  }

  HttpResponse<String> send(String token) throws Exception {
    return proxy.post(
        AuthProxyTest.CHAT,
        ProxyHarness.chat("hello").getBytes(StandardCharsets.UTF_8),
        Map.of("Authorization", "Bearer " + token));
  }

  void assertRefused(String token, String type) throws Exception {
    assertRefused(token, type, "");
  }

  void assertRefused(String token, String type, String says) throws Exception {
    HttpResponse<String> r = send(token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(errorType(r)).as(r.body()).isEqualTo(type);
    assertThat(r.body()).contains(says);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(r.body()).doesNotContain(token);
  }

  @Test
  void tokensOfEachAllowedAlgorithmAreAcceptedAndTheirClaimsBecomeTheIdentity() throws Exception {
    startWithJwks();

    for (String token :
        List.of(
            sign(rsa, JWSAlgorithm.RS256, b -> {}),
            sign(ec, JWSAlgorithm.ES256, b -> {}),
            sign(ed, JWSAlgorithm.EdDSA, b -> {}))) {
      HttpResponse<String> r = send(token);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    assertThat(proxy.received()).hasSize(3);
    JsonNode id = lastRequestRecord(proxy).get("identity");
    assertThat(id.get("id").asString()).isEqualTo("alice@example.com");
    assertThat(id.get("kind").asString()).isEqualTo("agent");
    assertThat(id.get("method").asString()).isEqualTo("jwt");
    assertThat(id.get("scopes").toString()).isEqualTo("[\"chat\",\"owner:assert\"]");
    assertThat(id.get("labels").get("team").asString()).isEqualTo("payments");
    assertThat(jwksFetches.get()).isEqualTo(1);
  }

  @Test
  void eachBadTokenIs401WithItsTypeAndNeverReachesTheUpstream() throws Exception {
    startWithJwks();
    Instant past = Instant.now().minusSeconds(3600);

    assertRefused(
        sign(rsa, JWSAlgorithm.RS256, b -> b.expirationTime(Date.from(past))),
        "warden_auth_expired");
    assertRefused(
        sign(rsa, JWSAlgorithm.RS256, b -> b.issuer("https://evil.test/")), "warden_auth_invalid");
    assertRefused(sign(rsa, JWSAlgorithm.RS256, b -> b.audience("other")), "warden_auth_invalid");
    assertRefused(
        sign(rsa, JWSAlgorithm.RS256, b -> b.expirationTime(null)), "warden_auth_invalid");
    assertRefused(new PlainJWT(claims().build()).serialize(), "warden_auth_invalid");
    assertRefused("not.a.jwt", "warden_auth_invalid");
    assertRefused("garbage", "warden_auth_invalid");
    // Signed by a key the issuer never published, naming a published kid: the signature fails.
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    assertRefused(sign(stranger, JWSAlgorithm.RS256, b -> {}), "warden_auth_invalid", "signature");

    assertThat(proxy.received()).isEmpty();
    assertThat(AuthProxyTest.ledger(proxy))
        .filteredOn(n -> n.path("outcome").asString().equals("rejected"))
        .hasSize(8);
  }

  @Test
  void anHs256TokenKeyedWithThePublicKeyIsRefused() throws Exception {
    startWithJwks();
    // The classic confusion attack: HMAC "signed" with the bytes of the issuer's public key.
    byte[] publicKeyBytes = rsa.toPublicJWK().toRSAPublicKey().getEncoded();
    JWTClaimsSet set = claims().build();
    SignedJWT forged =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), set);
    forged.sign(
        new MACSigner(
            java.util.Arrays.copyOf(publicKeyBytes, Math.max(32, publicKeyBytes.length))));

    assertRefused(forged.serialize(), "warden_auth_invalid", "algorithm");
    assertThat(proxy.received()).isEmpty();
  }

  @Test
  void unknownKidsRefetchTheJwksAtMostOncePerInterval() throws Exception {
    startWithJwks();
    assertThat(send(sign(rsa, JWSAlgorithm.RS256, b -> {})).statusCode()).isEqualTo(200);
    assertThat(jwksFetches.get()).isEqualTo(1);
    RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-unknown").generate();

    for (int i = 0; i < 5; i++) {
      assertRefused(sign(rotated, JWSAlgorithm.RS256, b -> {}), "warden_auth_invalid", "key id");
    }

    assertThat(jwksFetches.get()).isBetween(1, 2);
    assertThat(proxy.received()).hasSize(1);
  }

  @Test
  void anUnreachableJwksFailsClosed() throws Exception {
    jwks.stop(0);
    startWithJwks();

    HttpResponse<String> r = send(sign(rsa, JWSAlgorithm.RS256, b -> {}));

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(errorType(r)).isEqualTo("warden_auth_unavailable");
    assertThat(proxy.received()).isEmpty();
  }

  @Test
  void aLocalPublicKeyFileVerifiesTokensWhateverTheirKid() throws Exception {
    Path pem = tmp.resolve("issuer.pem");
    Files.writeString(
        pem,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(ec.toECPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    start("publicKeyFile: '" + pem + "'");

    assertThat(send(sign(ec, JWSAlgorithm.ES256, b -> {})).statusCode()).isEqualTo(200);
    assertRefused(sign(rsa, JWSAlgorithm.RS256, b -> {}), "warden_auth_invalid");
    assertThat(proxy.received()).hasSize(1);
  }
}
