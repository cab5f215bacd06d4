package dev.warden.vault;

import dev.warden.api.Signer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Ed25519 keys kept outside the data directory, in the PEM files {@code openssl genpkey -algorithm
 * ed25519} writes: the keys that sign policy bundles, held by whoever approves policy rather than
 * by the gateway that runs it.
 *
 * <p>Guarantees: only unencrypted PKCS#8 Ed25519 private keys are accepted (anything else is
 * refused with the fix named, never with key bytes in the message); the {@link Signer} returned
 * shows only its key id in {@code toString}; its key id is {@link SigningKeys#keyIdOf} of the
 * derived public key, the id the DSSE verifier computes from the public key file.
 */
public final class PemSigningKey {
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow. */
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private PemSigningKey() {}

  /** A new key pair as PEM text; {@code toString} never shows the private half. */
  public record PemPair(String privateKeyPem, String publicKeyPem, String keyId) {
    @Override
    public String toString() {
      return "PemPair[ed25519 keyid=" + keyId + "]";
    }
  }

  /** Generates an Ed25519 key pair. */
  public static PemPair generateEd25519() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] spki = pair.getPublic().getEncoded();
      return new PemPair(
          SigningKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
          SigningKeys.pem("PUBLIC KEY", spki),
          SigningKeys.keyIdOf(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is unavailable in this JDK", e);
    }
  }

  /**
   * A signer over the private key in {@code pem}.
   *
   * @throws IllegalArgumentException if the text holds no unencrypted PKCS#8 Ed25519 private key
   */
  public static Signer fromPem(String pem) {
    if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          "the private key is encrypted; decrypt it first (openssl pkey -in K -out K.plain)");
    }
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int b = pem.indexOf(begin);
    int e = b < 0 ? -1 : pem.indexOf(end, b);
    if (e < 0) {
      throw new IllegalArgumentException(
          "no PKCS#8 'PRIVATE KEY' PEM block; create a key with: warden policy keygen, or"
              + " openssl genpkey -algorithm ed25519");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("the PRIVATE KEY block is not valid base64", bad);
    }
    PrivateKey key;
    byte[] seed;
    try {
      key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
      if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
        throw new GeneralSecurityException("not an Ed25519 key");
      }
      seed = ed.getBytes().get();
    } catch (GeneralSecurityException notEd25519) {
      throw new IllegalArgumentException(
          "not an Ed25519 private key (policy bundles are signed with Ed25519); create one with:"
              + " warden policy keygen",
          notEd25519);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
    byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    Arrays.fill(seed, (byte) 0);
    byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
    System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
    return new JdkEd25519Signer(SigningKeys.keyIdOf(spki), key, spki);
  }

  /** Signs with the JDK's Ed25519: signing a bundle is rare, so no faster path is needed. */
  private static final class JdkEd25519Signer implements Signer {
    private final String keyId;
    private final PrivateKey key;
    private final byte[] publicDer;

    JdkEd25519Signer(String keyId, PrivateKey key, byte[] publicDer) {
      this.keyId = keyId;
      this.key = key;
      this.publicDer = publicDer;
    }

    @Override
    public String keyId() {
      return keyId;
    }

    @Override
    public String algorithm() {
      return SigningAlgorithm.ED25519.signerName();
    }

    @Override
    public byte[] publicKeyDer() {
      return publicDer.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
      try {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(message);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 signing failed", e);
      }
    }

    @Override
    public String toString() {
      return "Signer[ed25519 keyid=" + keyId + "]";
    }
  }
}
