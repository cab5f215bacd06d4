package dev.warden.server;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.warden.engine.config.AuthSettings;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Where {@link JwtAdmission} finds the issuer's public keys: a JWKS URL or one PEM file. */
final class JwtKeys {
  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int READ_TIMEOUT_MS = 5_000;
  private static final int MAX_JWKS_BYTES = 256 * 1024;

  private JwtKeys() {}

  /**
   * The key source of {@code jwt}: a cached, rate-limited remote JWKS, or the one key of {@code
   * publicKeyFile}.
   *
   * @throws IllegalArgumentException naming {@code auth.jwt.publicKeyFile} when the file is not a
   *     readable PEM public key
   */
  static JWKSource<SecurityContext> of(AuthSettings.Jwt jwt) {
    if (!jwt.jwksUrl().isEmpty()) {
      try {
        return JWKSourceBuilder.<SecurityContext>create(
                URI.create(jwt.jwksUrl()).toURL(),
                new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_JWKS_BYTES))
            .cache(jwt.jwksCacheSeconds() * 1000L, READ_TIMEOUT_MS + CONNECT_TIMEOUT_MS)
            .refreshAheadCache(false)
            .rateLimited(jwt.jwksMinRefreshSeconds() * 1000L)
            .retrying(false)
            .build();
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("auth.jwt.jwksUrl: is not a valid URL", e);
      }
    }
    JWK key = fromPem(Path.of(jwt.publicKeyFile()));
    // One configured key verifies every token, whatever kid it names; only the key type must fit
    // the token's algorithm.
    return (selector, context) -> {
      JWKMatcher m = selector.getMatcher();
      return m.getKeyTypes() == null || m.getKeyTypes().contains(key.getKeyType())
          ? List.of(key)
          : List.of();
    };
  }

  /** An RSA, EC or Ed25519 public key from a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo). */
  static JWK fromPem(Path file) {
    byte[] der;
    try {
      String pem = Files.readString(file, StandardCharsets.US_ASCII);
      String body =
          pem.replace("-----BEGIN PUBLIC KEY-----", "")
              .replace("-----END PUBLIC KEY-----", "")
              .replaceAll("\\s", "");
      der = Base64.getDecoder().decode(body);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "auth.jwt.publicKeyFile: cannot read a PEM public key from "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    for (String alg : List.of("RSA", "EC", "Ed25519")) {
      PublicKey k;
      try {
        k = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
      } catch (java.security.GeneralSecurityException e) {
        continue;
      }
      if (k instanceof RSAPublicKey rsa) {
        return new RSAKey.Builder(rsa).build();
      }
      if (k instanceof ECPublicKey ec) {
        return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
      }
      byte[] raw = Arrays.copyOfRange(der, der.length - 32, der.length);
      return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).build();
    }
    throw new IllegalArgumentException(
        "auth.jwt.publicKeyFile: "
            + file
            + " is not an RSA, EC or Ed25519 public key (expected -----BEGIN PUBLIC KEY-----)");
  }
}
