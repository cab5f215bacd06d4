package dev.warden.ledger.dsse;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Loads and names the public keys that verify Warden signatures: Ed25519 and ECDSA P-256, as X.509
 * SubjectPublicKeyInfo in DER or PEM ({@code -----BEGIN PUBLIC KEY-----}), the form {@code openssl
 * pkey -pubout}, cosign and {@code warden keys export-public} use.
 *
 * <p>Key ids are {@code hex(SHA-256(SubjectPublicKeyInfo DER))}: anyone holding the public key
 * computes the same id, so an auditor needs nothing but the key file.
 */
public final class PublicKeys {
  /** {@link dev.warden.api.Signer#algorithm()} of Ed25519 keys. */
  public static final String ED25519 = "ed25519";

  /** {@link dev.warden.api.Signer#algorithm()} of ECDSA P-256 keys (DER signatures). */
  public static final String ECDSA_P256 = "ecdsa-p256-sha256";

  private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String PEM_END = "-----END PUBLIC KEY-----";

  /** The order n of P-256 (FIPS 186-4 D.1.2.3), a cross-check of the JDK's curve table. */
  private static final BigInteger P256_ORDER =
      new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

  // Declared after P256_ORDER: static initializers run in text order.
  private static final ECParameterSpec P256 = p256();

  private PublicKeys() {}

  /**
   * Parses a public key from PEM or DER SubjectPublicKeyInfo bytes.
   *
   * @throws InvalidEnvelopeException if the bytes are not such a key, or the key is neither Ed25519
   *     nor ECDSA on P-256
   */
  public static PublicKey parse(byte[] pemOrDer) throws InvalidEnvelopeException {
    byte[] der = isPem(pemOrDer) ? pemBody(pemOrDer) : pemOrDer;
    PublicKey key = null;
    for (String algorithm : new String[] {"Ed25519", "EC"}) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException | RuntimeException e) {
        // not this algorithm; try the next
      }
    }
    if (key == null) {
      throw new InvalidEnvelopeException(
          "not an Ed25519 or ECDSA P-256 public key in PEM or DER SubjectPublicKeyInfo form"
              + " (export one with: openssl pkey -pubout, or warden keys export-public)");
    }
    algorithm(key); // rejects EC keys on other curves
    return key;
  }

  /**
   * Reads a key file (PEM or DER).
   *
   * @throws InvalidEnvelopeException if the file is not a supported public key (names the file)
   * @throws IOException if it cannot be read
   */
  public static PublicKey load(Path file) throws IOException, InvalidEnvelopeException {
    try {
      return parse(Files.readAllBytes(file));
    } catch (InvalidEnvelopeException e) {
      throw new InvalidEnvelopeException(file + ": " + e.getMessage(), e);
    }
  }

  /** The key id of a public key: lowercase hex SHA-256 of its SubjectPublicKeyInfo DER. */
  public static String keyId(PublicKey key) {
    return keyId(key.getEncoded());
  }

  /** The key id of SubjectPublicKeyInfo DER bytes (see {@link #keyId(PublicKey)}). */
  public static String keyId(byte[] spkiDer) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spkiDer));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  /**
   * {@link #ED25519} or {@link #ECDSA_P256}.
   *
   * @throws InvalidEnvelopeException for any other kind of key
   */
  public static String algorithm(PublicKey key) throws InvalidEnvelopeException {
    if (key instanceof EdECPublicKey ed && "Ed25519".equals(ed.getParams().getName())) {
      return ED25519;
    }
    if (key instanceof ECPublicKey ec && isP256(ec.getParams())) {
      return ECDSA_P256;
    }
    throw new InvalidEnvelopeException(
        "unsupported public key ("
            + key.getAlgorithm()
            + "); Warden signs with Ed25519 or ECDSA P-256 only");
  }

  /** The JCA signature algorithm that verifies signatures of {@code key}. */
  static String jcaAlgorithm(PublicKey key) throws InvalidEnvelopeException {
    return algorithm(key).equals(ED25519) ? "Ed25519" : "SHA256withECDSA";
  }

  /** PEM text of SubjectPublicKeyInfo DER bytes, 64 columns, ending in a newline. */
  public static String toPem(byte[] spkiDer) {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spkiDer);
    return PEM_BEGIN + "\n" + b64 + "\n" + PEM_END + "\n";
  }

  private static boolean isPem(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII);
    return head.stripLeading().startsWith("-----BEGIN");
  }

  private static byte[] pemBody(byte[] bytes) throws InvalidEnvelopeException {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    int begin = text.indexOf(PEM_BEGIN);
    int end = text.indexOf(PEM_END);
    if (begin < 0 || end < begin) {
      throw new InvalidEnvelopeException(
          "PEM without a '" + PEM_BEGIN + "' ... '" + PEM_END + "' block (a private key?)");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new InvalidEnvelopeException("PEM public key body is not valid base64", e);
    }
  }

  private static boolean isP256(ECParameterSpec p) {
    return p.getCurve().equals(P256.getCurve())
        && p.getGenerator().equals(P256.getGenerator())
        && p.getOrder().equals(P256.getOrder())
        && p.getCofactor() == P256.getCofactor();
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
      if (!spec.getOrder().equals(P256_ORDER)) {
        throw new IllegalStateException("the JDK's secp256r1 has an unexpected order");
      }
      return spec;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("secp256r1 is mandatory in every JDK", e);
    }
  }
}
