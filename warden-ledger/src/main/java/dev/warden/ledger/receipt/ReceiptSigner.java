package dev.warden.ledger.receipt;

import dev.warden.api.MessageAuthenticator;
import dev.warden.api.Signer;
import dev.warden.ledger.Jcs;
import dev.warden.ledger.dsse.Dsse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs receipt statements into DSSE envelopes (payload type {@code application/vnd.in-toto+json}).
 * Two kinds (DESIGN §4): {@link #signed} with an Ed25519 / ECDSA P-256 key, which a client verifies
 * with the public key alone, and {@link #hmac} for closed deployments, where the verifier holds the
 * shared key. Thread-safe.
 */
@FunctionalInterface
public interface ReceiptSigner {
  /**
   * Returns the DSSE envelope (canonical JSON) over {@code statement}.
   *
   * @throws IllegalStateException if the key is unusable; callers withhold the response
   */
  String sign(byte[] statement);

  /** The {@code Warden-Receipt} header value: standard base64 of the envelope's UTF-8 bytes. */
  default String issue(ReceiptStatement receipt) {
    byte[] envelope = sign(receipt.toStatement().toJson()).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(envelope);
  }

  /** Receipts signed by {@code signer}; the envelope's {@code keyid} is the signer's key id. */
  static ReceiptSigner signed(Signer signer) {
    return statement -> Dsse.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, statement, signer);
  }

  /**
   * Receipts authenticated with HMAC-SHA256 over the DSSE PAE under {@code mac}'s key. The {@code
   * keyid} is {@link #hmacKeyId}, which names the key without revealing anything about it.
   */
  static ReceiptSigner hmac(MessageAuthenticator mac) {
    String keyId = hmacKeyId(mac);
    return statement -> {
      byte[] tag = mac.tag(Dsse.pae(Dsse.IN_TOTO_PAYLOAD_TYPE, statement));
      ObjectNode envelope = JsonNodeFactory.instance.objectNode();
      envelope.put("payload", Base64.getEncoder().encodeToString(statement));
      envelope.put("payloadType", Dsse.IN_TOTO_PAYLOAD_TYPE);
      ObjectNode s = envelope.putArray("signatures").addObject();
      s.put("keyid", keyId);
      s.put("sig", Base64.getEncoder().encodeToString(tag));
      return Jcs.canonicalize(envelope);
    };
  }

  /** {@code hmac-sha256:} + 16 hex digits of the key's MAC over a fixed label. */
  static String hmacKeyId(MessageAuthenticator mac) {
    byte[] id = mac.tag("warden receipt key id".getBytes(StandardCharsets.US_ASCII));
    return "hmac-sha256:" + HexFormat.of().formatHex(id, 0, 8);
  }
}
