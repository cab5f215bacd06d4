package dev.warden.server;

import dev.warden.api.Attribution;
import dev.warden.api.Identity;
import dev.warden.api.PlainText;
import dev.warden.engine.config.AuthSettings;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.jspecify.annotations.Nullable;

/**
 * {@code auth.mode: mtls}: the listener speaks TLS and requires a client certificate chaining to
 * {@code auth.mtls.clientCaFile} (a client without one fails the handshake and never reaches
 * Warden); the certificate's subject CN, or its first DNS/email/URI SAN, is the identity. Kind and
 * scopes come from {@code auth.mtls.clients} for listed subjects, else {@code defaultKind} and no
 * scopes.
 */
final class MtlsAdmission implements Admission {
  private static final String CHALLENGE = "Mutual realm=\"warden\"";

  private final AuthSettings.Mtls settings;

  MtlsAdmission(AuthSettings.Mtls settings) {
    this.settings = settings;
  }

  @Override
  public Attribution admit(ServerRequest request) {
    Optional<Certificate[]> chain = request.remotePeer().tlsCertificates();
    if (chain.isEmpty()
        || chain.get().length == 0
        || !(chain.get()[0] instanceof X509Certificate cert)) {
      throw AuthRefusals.missing(
          CHALLENGE, "present a client certificate issued by the gateway's client CA");
    }
    String subject = subject(cert);
    if (subject == null) {
      throw AuthRefusals.invalid(
          CHALLENGE,
          "the client certificate has no usable "
              + (settings.identityFrom().equals("san") ? "subject alternative name" : "common name")
              + " (1-256 letters, digits and ._:@/-)");
    }
    AuthSettings.Client known = settings.clients().get(subject);
    Identity.Kind kind =
        JwtAdmission.kind(
            known == null ? settings.defaultKind() : known.kind(), Identity.Kind.SERVICE);
    return Attribution.of(
        new Identity(
            subject,
            kind,
            known == null ? java.util.Set.of() : java.util.Set.copyOf(known.scopes()),
            Map.of(),
            "mtls"));
  }

  private @Nullable String subject(X509Certificate cert) {
    String s = settings.identityFrom().equals("san") ? san(cert) : commonName(cert);
    return s != null && !s.isEmpty() && PlainText.isPlain(s, "._:@/-", 256) ? s : null;
  }

  private static @Nullable String commonName(X509Certificate cert) {
    try {
      LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
      for (Rdn rdn : dn.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  /** The first DNS name (2), email (1) or URI (6) subject alternative name. */
  private static @Nullable String san(X509Certificate cert) {
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names == null) {
        return null;
      }
      for (List<?> n : names) {
        if (n.size() == 2 && n.get(0) instanceof Integer t && (t == 1 || t == 2 || t == 6)) {
          return String.valueOf(n.get(1));
        }
      }
    } catch (CertificateParsingException e) {
      return null;
    }
    return null;
  }

  /**
   * The TLS settings of the listener: the server's key and chain, the client CA as the only trust,
   * client authentication required.
   *
   * @throws IllegalArgumentException naming the {@code auth.mtls} key whose file is unusable
   */
  static Tls listenerTls(AuthSettings.Mtls m) {
    List<X509Certificate> chain = certificates(m.certFile(), "auth.mtls.certFile");
    List<X509Certificate> trust = certificates(m.clientCaFile(), "auth.mtls.clientCaFile");
    PrivateKey key = privateKey(m.keyFile());
    return Tls.builder()
        .privateKey(key)
        .privateKeyCertChain(chain)
        .trust(trust)
        .clientAuth(TlsClientAuth.REQUIRED)
        .endpointIdentificationAlgorithm(Tls.ENDPOINT_IDENTIFICATION_NONE)
        .build();
  }

  private static List<X509Certificate> certificates(String file, String key) {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException(key + ": " + file + " holds no PEM certificate");
      }
      return out;
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException(
          key
              + ": cannot read PEM certificates from "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
  }

  private static PrivateKey privateKey(String file) {
    byte[] der;
    try {
      String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
      if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
        throw new IllegalArgumentException(
            "auth.mtls.keyFile: "
                + file
                + " must be an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); convert"
                + " with: openssl pkcs8 -topk8 -nocrypt -in old.key -out server.key");
      }
      String body =
          pem.substring(
                  pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                  pem.indexOf("-----END PRIVATE KEY-----"))
              .replaceAll("\\s", "");
      der = Base64.getDecoder().decode(body);
    } catch (IOException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "auth.mtls.keyFile: cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    for (String alg : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (java.security.GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new IllegalArgumentException(
        "auth.mtls.keyFile: " + file + " is not an RSA, EC or Ed25519 PKCS#8 private key");
  }
}
