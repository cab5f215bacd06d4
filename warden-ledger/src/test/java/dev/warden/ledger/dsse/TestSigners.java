package dev.warden.ledger.dsse;

import dev.warden.api.Signer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * Test-only signers over fresh JDK key pairs (production keys come from warden-vault). The key id
 * is {@link PublicKeys#keyId}, as verifiers compute it.
 */
public final class TestSigners {
  private TestSigners() {}

  /** A signer over a new Ed25519 key pair. */
  public static KeySigner ed25519() {
    try {
      return new KeySigner(
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), PublicKeys.ED25519, "Ed25519");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signer over a new ECDSA P-256 key pair (DER signatures). */
  public static KeySigner p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return new KeySigner(g.generateKeyPair(), PublicKeys.ECDSA_P256, "SHA256withECDSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A {@link Signer} that also exposes its key pair to tests. */
  public static final class KeySigner implements Signer {
    private final KeyPair pair;
    private final String algorithm;
    private final String jca;

    KeySigner(KeyPair pair, String algorithm, String jca) {
      this.pair = pair;
      this.algorithm = algorithm;
      this.jca = jca;
    }

    public PublicKey publicKey() {
      return pair.getPublic();
    }

    public PrivateKey privateKey() {
      return pair.getPrivate();
    }

    @Override
    public String keyId() {
      return PublicKeys.keyId(pair.getPublic());
    }

    @Override
    public String algorithm() {
      return algorithm;
    }

    @Override
    public byte[] publicKeyDer() {
      return pair.getPublic().getEncoded();
    }

    @Override
    public byte[] sign(byte[] message) {
      try {
        Signature s = Signature.getInstance(jca);
        s.initSign(pair.getPrivate());
        s.update(message);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("test signer failed", e);
      }
    }
  }
}
