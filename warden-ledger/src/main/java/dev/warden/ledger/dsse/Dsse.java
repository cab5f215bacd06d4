package dev.warden.ledger.dsse;

import dev.warden.api.Signer;
import dev.warden.ledger.Jcs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * DSSE v1 (Dead Simple Signing Envelope, github.com/secure-systems-lab/dsse): signs and verifies
 * the JSON envelope {@code {"payload", "payloadType", "signatures":[{"keyid","sig"}]}}.
 *
 * <p>The signature covers {@link #pae PAE(payloadType, payload)} = {@code "DSSEv1" SP LEN(type) SP
 * type SP LEN(body) SP body}, with lengths as ASCII decimal byte counts, so the payload type is
 * authenticated together with the payload. Ed25519 signatures are the 64 raw bytes of RFC 8032,
 * ECDSA P-256 signatures ASN.1 DER over SHA-256: what sigstore, cosign and {@code openssl} produce
 * and accept.
 *
 * <p>Envelopes are written as RFC 8785 canonical JSON with standard, padded base64. Verification
 * accepts standard or URL-safe base64 with or without padding, as the spec requires of verifiers.
 */
public final class Dsse {
  /** The payload type of in-toto statements. */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();
  private static final Set<String> ENVELOPE_FIELDS = Set.of("payload", "payloadType", "signatures");
  private static final Set<String> SIGNATURE_FIELDS = Set.of("keyid", "sig");

  private Dsse() {}

  /**
   * The pre-authentication encoding that is signed: {@code DSSEv1 SP LEN SP type SP LEN SP body}.
   */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
    out.writeBytes(
        ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /**
   * Signs {@code payload} and returns the envelope as canonical JSON, with {@code keyid} = {@link
   * Signer#keyId()}.
   *
   * @throws IllegalArgumentException if {@code payloadType} is empty
   * @throws IllegalStateException if the signer fails (callers fail closed)
   */
  public static String sign(String payloadType, byte[] payload, Signer signer) {
    if (payloadType.isEmpty()) {
      throw new IllegalArgumentException("payloadType must not be empty");
    }
    byte[] sig = signer.sign(pae(payloadType, payload));
    ObjectNode envelope = MAPPER.createObjectNode();
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    envelope.put("payloadType", payloadType);
    ObjectNode s = envelope.putArray("signatures").addObject();
    s.put("keyid", signer.keyId());
    s.put("sig", Base64.getEncoder().encodeToString(sig));
    return Jcs.canonicalize(envelope);
  }

  /**
   * Verifies an envelope against trusted public keys, each trusted under its {@link
   * PublicKeys#keyId key id}. See {@link #verify(String, String, Map)}.
   */
  public static byte[] verify(String envelopeJson, String payloadType, Collection<PublicKey> keys)
      throws InvalidEnvelopeException {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    for (PublicKey k : keys) {
      byId.put(PublicKeys.keyId(k), k);
    }
    return verify(envelopeJson, payloadType, byId);
  }

  /**
   * Verifies an envelope and returns its payload.
   *
   * <p>Accepts when at least one signature verifies over the PAE with a trusted key: the key named
   * by its {@code keyid}, or, for a signature without a {@code keyid}, any trusted key (the keyid
   * is only an unauthenticated hint in DSSE). Signatures by unknown keys are skipped, as the DSSE
   * multi-signature rule (threshold 1) prescribes.
   *
   * @param trusted public keys by key id
   * @return the verified payload bytes
   * @throws InvalidEnvelopeException if the envelope is not valid JSON of the DSSE shape, has an
   *     unknown field, bad base64, a payload type other than {@code payloadType}, no signature, no
   *     signature by a trusted key, or no signature that verifies
   */
  public static byte[] verify(
      String envelopeJson, String payloadType, Map<String, PublicKey> trusted)
      throws InvalidEnvelopeException {
    Envelope e = parse(envelopeJson);
    if (!e.payloadType().equals(payloadType)) {
      throw new InvalidEnvelopeException(
          "envelope payloadType is '"
              + clip(e.payloadType())
              + "', expected '"
              + payloadType
              + "'; refusing to interpret it");
    }
    if (trusted.isEmpty()) {
      throw new InvalidEnvelopeException("no trusted public key given to verify the envelope");
    }
    byte[] pae = pae(e.payloadType(), e.payload());
    Set<String> unknown = new TreeSet<>();
    List<String> failed = new ArrayList<>();
    for (Sig s : e.signatures()) {
      Collection<Map.Entry<String, PublicKey>> candidates;
      if (s.keyId().isEmpty()) {
        candidates = trusted.entrySet();
      } else {
        PublicKey k = trusted.get(s.keyId());
        if (k == null) {
          unknown.add(clip(s.keyId()));
          continue;
        }
        candidates = List.of(Map.entry(s.keyId(), k));
      }
      for (Map.Entry<String, PublicKey> c : candidates) {
        if (verifies(c.getValue(), pae, s.sig())) {
          return e.payload();
        }
        failed.add(c.getKey());
      }
    }
    if (failed.isEmpty()) {
      throw new InvalidEnvelopeException(
          "no signature by a trusted key: envelope keyid(s) "
              + unknown
              + ", trusted keyid(s) "
              + new TreeSet<>(trusted.keySet())
              + "; pass the signer's public key");
    }
    throw new InvalidEnvelopeException(
        "signature does not verify with trusted key(s) "
            + failed
            + ": the payload, its type or the signature was altered");
  }

  /**
   * Parses an envelope without verifying it, e.g. to read its key ids. Never trust the payload of
   * an unverified envelope.
   *
   * @throws InvalidEnvelopeException if it is not a well-formed DSSE envelope
   */
  public static Envelope parse(String envelopeJson) throws InvalidEnvelopeException {
    JsonNode root;
    try {
      root = MAPPER.readTree(envelopeJson);
    } catch (JacksonException ex) {
      throw new InvalidEnvelopeException("envelope is not valid JSON"); // Jackson may quote input
    }
    if (!(root instanceof ObjectNode o)) {
      throw new InvalidEnvelopeException("envelope is not a JSON object");
    }
    onlyFields(o, ENVELOPE_FIELDS, "envelope");
    byte[] payload = base64(string(o, "payload", "envelope"), "payload");
    String payloadType = string(o, "payloadType", "envelope");
    JsonNode sigs = o.get("signatures");
    if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
      throw new InvalidEnvelopeException("envelope field 'signatures' missing or empty");
    }
    List<Sig> out = new ArrayList<>();
    int i = 0;
    for (JsonNode s : sigs) {
      String where = "signatures[" + i++ + "]";
      if (!(s instanceof ObjectNode so)) {
        throw new InvalidEnvelopeException(where + " is not a JSON object");
      }
      onlyFields(so, SIGNATURE_FIELDS, where);
      JsonNode keyId = so.get("keyid");
      if (keyId != null && !keyId.isString()) {
        throw new InvalidEnvelopeException(where + ".keyid is not a string");
      }
      out.add(
          new Sig(
              keyId == null ? "" : keyId.stringValue(),
              base64(string(so, "sig", where), where + ".sig")));
    }
    return new Envelope(payloadType, payload, List.copyOf(out));
  }

  /**
   * A parsed, unverified envelope.
   *
   * @param payloadType the declared payload type
   * @param payload the decoded payload; untrusted until {@link #verify} returned it
   * @param signatures the signatures in envelope order
   */
  @SuppressWarnings("ArrayRecordComponent") // a parse result, copied by nobody; equality unused
  public record Envelope(String payloadType, byte[] payload, List<Sig> signatures) {}

  /** One signature: the unauthenticated key id hint ({@code ""} if absent) and the raw bytes. */
  @SuppressWarnings("ArrayRecordComponent") // as above
  public record Sig(String keyId, byte[] sig) {}

  private static boolean verifies(PublicKey key, byte[] pae, byte[] sig) {
    try {
      Signature v = Signature.getInstance(PublicKeys.jcaAlgorithm(key));
      v.initVerify(key);
      v.update(pae);
      return v.verify(sig);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // a malformed signature (bad DER, wrong length) is simply not valid
    }
  }

  private static void onlyFields(ObjectNode o, Set<String> allowed, String where)
      throws InvalidEnvelopeException {
    for (String name : o.propertyNames()) {
      if (!allowed.contains(name)) {
        throw new InvalidEnvelopeException(
            where + " has unknown field '" + clip(name) + "'; allowed: " + new TreeSet<>(allowed));
      }
    }
  }

  private static String string(ObjectNode o, String field, String where)
      throws InvalidEnvelopeException {
    @Nullable JsonNode n = o.get(field);
    if (n == null || !n.isString()) {
      throw new InvalidEnvelopeException(where + " field '" + field + "' missing or not a string");
    }
    return n.stringValue();
  }

  /**
   * Standard or URL-safe base64, padding optional. Non-canonical encodings (stray bits in the last
   * character, padding in the middle) are refused, so one payload has exactly one encoding per
   * alphabet and a changed character always means a changed envelope.
   */
  private static byte[] base64(String s, String field) throws InvalidEnvelopeException {
    String standard = s.replace('-', '+').replace('_', '/');
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(standard);
    } catch (IllegalArgumentException e) {
      throw new InvalidEnvelopeException(field + " is not valid base64", e);
    }
    String again = Base64.getEncoder().encodeToString(bytes);
    boolean padded = standard.indexOf('=') >= 0;
    if (!(padded ? again : again.replace("=", "")).equals(standard)) {
      throw new InvalidEnvelopeException(
          field + " is not canonical base64 (stray bits or padding)");
    }
    return bytes;
  }

  /** An attacker-chosen string in an error message: bounded, and only printable ASCII. */
  private static String clip(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return s.length() > 80 ? out + "…" : out.toString();
  }
}
