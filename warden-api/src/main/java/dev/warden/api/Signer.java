package dev.warden.api;

/**
 * Signs bytes with a private key held inside the implementation; the key never leaves it. Used for
 * ledger checkpoints and response receipts (DSSE envelopes). Thread-safe.
 *
 * <p>Anyone holding the matching public key verifies with standard tooling: Ed25519 signatures are
 * the 64 raw bytes of RFC 8032; ECDSA P-256 signatures are ASN.1 DER over SHA-256, as DSSE,
 * sigstore and openssl expect.
 */
public interface Signer {
  /** Stable key id carried in envelopes ({@code keyid}); derived from the public key. */
  String keyId();

  /** {@code "ed25519"} or {@code "ecdsa-p256-sha256"}. */
  String algorithm();

  /** The public key in X.509 SubjectPublicKeyInfo DER form, for export and verification. */
  byte[] publicKeyDer();

  /**
   * Signs {@code message}.
   *
   * @throws IllegalStateException if the key is unusable; callers fail closed
   */
  byte[] sign(byte[] message);
}
