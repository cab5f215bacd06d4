package dev.warden.server;

import static dev.warden.server.AuthProxyTest.lastRequestRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.testing.StubUpstream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code auth.mode: mtls}: a TLS listener that requires client certificates from one CA. */
class MtlsProxyTest {
  @TempDir Path tmp;
  ProxyHarness proxy;
  Issued ca;
  Issued server;

  /** A key pair and its certificate. */
  record Issued(KeyPair keys, X509Certificate cert) {}

  @BeforeEach
  void pki() throws Exception {
    ca = issue("CN=Test Client CA", null, true, null);
    server =
        issue("CN=warden-test", ca, false, new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    write(tmp.resolve("server.crt"), pem("CERTIFICATE", server.cert.getEncoded()));
    write(tmp.resolve("server.key"), pem("PRIVATE KEY", server.keys.getPrivate().getEncoded()));
    write(tmp.resolve("clients-ca.crt"), pem("CERTIFICATE", ca.cert.getEncoded()));
    proxy = new ProxyHarness(tmp, StubUpstream.start(), mtlsConfig("cn"), c -> c);
  }

  /** The {@code auth:} section of these tests, taking the identity from {@code identityFrom}. */
  String mtlsConfig(String identityFrom) {
    return "auth:\n  mode: mtls\n  mtls:\n"
        + "    identityFrom: "
        + identityFrom
        + "\n"
        + "    certFile: '"
        + tmp.resolve("server.crt")
        + "'\n"
        + "    keyFile: '"
        + tmp.resolve("server.key")
        + "'\n"
        + "    clientCaFile: '"
        + tmp.resolve("clients-ca.crt")
        + "'\n"
        + "    clients:\n      agent-runner: {kind: agent, scopes: [owner:assert]}\n";
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  static Issued issue(String dn, @Nullable Issued issuer, boolean isCa, @Nullable GeneralName san)
      throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    X500Name subject = new X500Name(dn);
    X500Name issuerName =
        issuer == null ? subject : new X500Name(issuer.cert.getSubjectX500Principal().getName());
    PrivateKey signing = issuer == null ? kp.getPrivate() : issuer.keys.getPrivate();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuerName,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minusSeconds(60)),
            Date.from(now.plusSeconds(3600)),
            subject,
            kp.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (san != null) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
    }
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signing)));
    return new Issued(kp, cert);
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static void write(Path p, String s) throws IOException {
    Files.writeString(p, s);
  }

  /** A client trusting the test CA, presenting {@code client} (or no certificate when null). */
  HttpClient client(@Nullable Issued client) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (client != null) {
      keys.setKeyEntry(
          "me", client.keys.getPrivate(), new char[0], new X509Certificate[] {client.cert});
    }
    kmf.init(keys, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
  }

  HttpResponse<String> send(HttpClient http, Map<String, String> headers) throws Exception {
    return send(http, headers, proxy);
  }

  static HttpResponse<String> send(HttpClient http, Map<String, String> headers, ProxyHarness to)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + to.gateway.port() + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(ProxyHarness.chat("hello")));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aClientCertificateFromTheCaIsTheIdentity() throws Exception {
    Issued alice = issue("CN=billing-service,O=Example", ca, false, null);

    HttpResponse<String> r = send(client(alice), Map.of());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode id = lastRequestRecord(proxy).get("identity");
    assertThat(id.get("id").asString()).isEqualTo("billing-service");
    assertThat(id.get("method").asString()).isEqualTo("mtls");
    assertThat(id.get("kind").asString()).isEqualTo("service");
  }

  @Test
  void noCertificateOrOneFromAnotherCaFailsTheHandshake() throws Exception {
    Issued otherCa = issue("CN=Other CA", null, true, null);
    Issued mallory = issue("CN=agent-runner", otherCa, false, null);

    assertThatThrownBy(() -> send(client(null), Map.of())).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> send(client(mallory), Map.of())).isInstanceOf(IOException.class);
    assertThat(proxy.received()).isEmpty();
  }

  @Test
  void listedClientsGetTheirScopesSoOnlyTheyAssertOwners() throws Exception {
    Issued runner = issue("CN=agent-runner", ca, false, null);
    Issued other = issue("CN=billing-service", ca, false, null);

    HttpResponse<String> allowed = send(client(runner), Map.of("Warden-Agent-Id", "agent-7"));
    HttpResponse<String> spoof = send(client(other), Map.of("Warden-Agent-Id", "agent-7"));

    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    assertThat(spoof.statusCode()).isEqualTo(403);
    assertThat(AuthProxyTest.errorType(spoof)).isEqualTo("warden_owner_not_allowed");
    assertThat(proxy.received()).hasSize(1);
    JsonNode rec = lastRequestRecord(proxy);
    assertThat(rec.get("identity").get("id").asString()).isEqualTo("billing-service");
    assertThat(rec.get("outcome").asString()).isEqualTo("rejected");
  }

  @Test
  void withIdentityFromSanTheFirstSubjectAlternativeNameIsTheIdentity() throws Exception {
    Issued batch =
        issue(
            "CN=ignored-common-name",
            ca,
            false,
            new GeneralName(GeneralName.dNSName, "batch.payments.example"));
    Issued noSan = issue("CN=only-a-common-name", ca, false, null);
    try (ProxyHarness sanProxy =
        new ProxyHarness(tmp.resolve("san"), StubUpstream.start(), mtlsConfig("san"), c -> c)) {
      HttpResponse<String> ok = send(client(batch), Map.of(), sanProxy);

      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(lastRequestRecord(sanProxy).get("identity").get("id").asString())
          .isEqualTo("batch.payments.example");

      HttpResponse<String> refused = send(client(noSan), Map.of(), sanProxy);

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
      assertThat(AuthProxyTest.errorType(refused)).isEqualTo("warden_auth_invalid");
      assertThat(lastRequestRecord(sanProxy).get("outcome").asString()).isEqualTo("rejected");
      assertThat(sanProxy.received()).hasSize(1);
    }
  }
}
