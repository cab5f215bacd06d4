package dev.warden.vault;

import java.util.Locale;

/** Signature algorithms for ledger checkpoints and receipts. */
public enum SigningAlgorithm {
  /** Ed25519 (RFC 8032): 64-byte raw signatures. The default. */
  ED25519("ed25519", "ed25519", "Ed25519", "Ed25519"),
  /** ECDSA on NIST P-256 with SHA-256; ASN.1 DER signatures. */
  P256("p256", "ecdsa-p256-sha256", "EC", "SHA256withECDSA");

  private final String id;
  private final String signerName;
  private final String keyAlgorithm;
  private final String jcaSignature;

  SigningAlgorithm(String id, String signerName, String keyAlgorithm, String jcaSignature) {
    this.id = id;
    this.signerName = signerName;
    this.keyAlgorithm = keyAlgorithm;
    this.jcaSignature = jcaSignature;
  }

  /** The name used on the command line and in config: {@code ed25519} or {@code p256}. */
  public String id() {
    return id;
  }

  /** The name {@link dev.warden.api.Signer#algorithm()} reports. */
  public String signerName() {
    return signerName;
  }

  /** The JCA {@code KeyFactory}/{@code KeyPairGenerator} algorithm. */
  public String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** The JCA {@code Signature} algorithm. */
  public String jcaSignature() {
    return jcaSignature;
  }

  /**
   * Parses {@code ed25519} or {@code p256} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static SigningAlgorithm parse(String value) {
    for (SigningAlgorithm a : values()) {
      if (a.id.equals(value.toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown signing algorithm '" + value + "'; allowed: ed25519, p256");
  }
}
