package dev.warden.ledger.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicKeysTest {
  @Test
  void loadsPemAndDerOfBothAlgorithms() throws Exception {
    for (TestSigners.KeySigner s :
        new TestSigners.KeySigner[] {TestSigners.ed25519(), TestSigners.p256()}) {
      PublicKey fromDer = PublicKeys.parse(s.publicKeyDer());
      PublicKey fromPem = PublicKeys.parse(PublicKeys.toPem(s.publicKeyDer()).getBytes());
      assertThat(fromDer.getEncoded()).isEqualTo(s.publicKeyDer());
      assertThat(fromPem.getEncoded()).isEqualTo(s.publicKeyDer());
      assertThat(PublicKeys.algorithm(fromPem)).isEqualTo(s.algorithm());
    }
  }

  @Test
  void keyIdIsTheSha256OfTheDerThatOpensslComputesToo(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("k.pem");
    DsseTest.openssl(dir, "genpkey", "-algorithm", "ed25519", "-out", key.toString());
    Path pub = dir.resolve("pub.pem");
    DsseTest.openssl(dir, "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
    Path der = dir.resolve("pub.der");
    DsseTest.openssl(
        dir, "pkey", "-pubin", "-in", pub.toString(), "-outform", "DER", "-out", der.toString());
    String digest = DsseTest.openssl(dir, "dgst", "-sha256", "-r", der.toString());

    assertThat(PublicKeys.keyId(PublicKeys.load(pub))).isEqualTo(digest.substring(0, 64));
    assertThat(PublicKeys.keyId(PublicKeys.load(der))).isEqualTo(digest.substring(0, 64));
    assertThat(HexFormat.of().parseHex(PublicKeys.keyId(PublicKeys.load(pub)))).hasSize(32);
  }

  @Test
  void refusesOtherKeysAndGarbage(@TempDir Path dir) throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    assertThatThrownBy(() -> PublicKeys.parse(rsa.generateKeyPair().getPublic().getEncoded()))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("Ed25519 or ECDSA P-256");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    assertThatThrownBy(() -> PublicKeys.parse(ec.generateKeyPair().getPublic().getEncoded()))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("Ed25519 or ECDSA P-256");
    Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n");
    assertThatThrownBy(() -> PublicKeys.load(junk))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("junk.pem");
    assertThatThrownBy(() -> PublicKeys.parse(new byte[] {1, 2, 3}))
        .isInstanceOf(InvalidEnvelopeException.class);
  }
}
