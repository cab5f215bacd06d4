package dev.warden.ledger.receipt;

import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.dsse.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a receipt against the bodies it should cover. Passes only if the envelope's signature
 * verifies (public key, or the HMAC key), the statement is a Warden receipt, the response body's
 * SHA-256 equals the {@code response} subject and — when the receipt has a {@code request} subject
 * — the request body's SHA-256 equals it. Messages name the failed check, never body content.
 */
public final class ReceiptVerifier {
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN PUBLIC KEY-----[^-]*-----END PUBLIC KEY-----");

  private ReceiptVerifier() {}

  /**
   * Verifies with public keys (each trusted under its key id).
   *
   * @param receipt the {@code Warden-Receipt} header value (base64) or the envelope JSON itself
   * @param requestBody the request body as sent to Warden, or null if the caller has none
   * @param responseBody the response body as received from Warden
   * @throws InvalidReceiptException naming the first failed check
   */
  public static ReceiptStatement verify(
      String receipt,
      byte @Nullable [] requestBody,
      byte[] responseBody,
      Map<String, PublicKey> trusted)
      throws InvalidReceiptException {
    byte[] statement;
    try {
      statement = Dsse.verify(envelope(receipt), Dsse.IN_TOTO_PAYLOAD_TYPE, trusted);
    } catch (InvalidEnvelopeException e) {
      throw new InvalidReceiptException("receipt signature: " + e.getMessage(), e);
    }
    return checkBodies(ReceiptStatement.parse(statement), requestBody, responseBody);
  }

  /** Verifies an HMAC receipt with the shared key; see {@link #verify}. */
  public static ReceiptStatement verifyHmac(
      String receipt, byte @Nullable [] requestBody, byte[] responseBody, MessageAuthenticator mac)
      throws InvalidReceiptException {
    Dsse.Envelope e;
    try {
      e = Dsse.parse(envelope(receipt));
    } catch (InvalidEnvelopeException ex) {
      throw new InvalidReceiptException("receipt envelope: " + ex.getMessage(), ex);
    }
    if (!e.payloadType().equals(Dsse.IN_TOTO_PAYLOAD_TYPE)) {
      throw new InvalidReceiptException("receipt payloadType is not " + Dsse.IN_TOTO_PAYLOAD_TYPE);
    }
    byte[] pae = Dsse.pae(e.payloadType(), e.payload());
    boolean ok = false;
    for (Dsse.Sig s : e.signatures()) {
      ok |= mac.verify(pae, s.sig());
    }
    if (!ok) {
      throw new InvalidReceiptException(
          "receipt HMAC does not verify with key "
              + ReceiptSigner.hmacKeyId(mac)
              + ": the receipt was altered or made with another key");
    }
    return checkBodies(ReceiptStatement.parse(e.payload()), requestBody, responseBody);
  }

  /**
   * Public keys from PEM text holding one or more {@code PUBLIC KEY} blocks (as {@code warden keys
   * export-public} writes), or one DER key, by key id.
   *
   * @throws InvalidReceiptException if no supported key is found
   */
  public static Map<String, PublicKey> publicKeys(byte[] pemOrDer) throws InvalidReceiptException {
    Map<String, PublicKey> out = new LinkedHashMap<>();
    try {
      String text = new String(pemOrDer, StandardCharsets.US_ASCII);
      Matcher m = PEM_BLOCK.matcher(text);
      while (m.find()) {
        PublicKey k = PublicKeys.parse(m.group().getBytes(StandardCharsets.US_ASCII));
        out.put(PublicKeys.keyId(k), k);
      }
      if (out.isEmpty()) {
        PublicKey k = PublicKeys.parse(pemOrDer);
        out.put(PublicKeys.keyId(k), k);
      }
    } catch (InvalidEnvelopeException e) {
      throw new InvalidReceiptException(
          e.getMessage() == null ? "bad public key" : e.getMessage(), e);
    }
    return out;
  }

  /** The envelope JSON from a header value (base64) or from the JSON itself. */
  static String envelope(String receipt) throws InvalidReceiptException {
    String r = receipt.strip();
    if (r.startsWith("{")) {
      return r;
    }
    try {
      return new String(Base64.getDecoder().decode(r), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidReceiptException(
          "receipt is neither base64 (the Warden-Receipt header value) nor envelope JSON", e);
    }
  }

  private static ReceiptStatement checkBodies(
      ReceiptStatement s, byte @Nullable [] requestBody, byte[] responseBody)
      throws InvalidReceiptException {
    if (!ReceiptStatement.sha256Hex(responseBody).equals(s.responseSha256())) {
      throw new InvalidReceiptException(
          "the response body does not match the receipt: its SHA-256 differs from the receipt's"
              + " response subject (altered, or the receipt belongs to another response)");
    }
    if (s.requestSha256() == null) {
      if (requestBody != null) {
        throw new InvalidReceiptException(
            "the receipt covers no request body (Warden refused the request before reading it)");
      }
    } else if (requestBody == null) {
      throw new InvalidReceiptException(
          "the receipt covers a request body; pass it to check the request too");
    } else if (!ReceiptStatement.sha256Hex(requestBody).equals(s.requestSha256())) {
      throw new InvalidReceiptException(
          "the request body does not match the receipt: its SHA-256 differs from the receipt's"
              + " request subject");
    }
    return s;
  }
}
