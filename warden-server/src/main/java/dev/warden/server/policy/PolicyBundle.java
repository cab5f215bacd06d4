package dev.warden.server.policy;

import dev.warden.api.Signer;
import dev.warden.ledger.Jcs;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A signed policy bundle: a DSSE envelope (payload type {@value #PAYLOAD_TYPE}) whose payload is
 * the JSON statement
 *
 * <pre>{@code
 * {"_type": "https://warden.dev/policy-bundle/v1", "name": "warden.yaml",
 *  "created": "2026-11-23T09:00:00Z", "sha256": "<hex of the policy bytes>",
 *  "policy": "<the warden.yaml text>"}
 * }</pre>
 *
 * <p>The signature covers the whole statement (DSSE PAE), so the file name, the creation time and
 * the policy text are authenticated together; {@code created} lets a running gateway refuse an
 * older bundle (a rollback). {@code sha256} is the digest of the policy text's UTF-8 bytes, the
 * same digest Warden records for an unsigned file with the same text.
 *
 * <p>Guarantees of {@link #verify}: the policy returned was signed by one of the trusted keys and
 * is exactly the text that was signed; every malformed, unsigned, foreign-signed or altered bundle
 * throws {@link InvalidBundleException} with a message that names what is wrong, never key
 * material.
 */
public final class PolicyBundle {
  /** DSSE payload type of a policy bundle. */
  public static final String PAYLOAD_TYPE = "application/vnd.warden.policy+json";

  /** The statement's {@code _type}. */
  public static final String STATEMENT_TYPE = "https://warden.dev/policy-bundle/v1";

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();
  private static final Set<String> FIELDS = Set.of("_type", "name", "created", "sha256", "policy");

  private PolicyBundle() {}

  /**
   * A bundle's statement.
   *
   * @param name the file name the policy was signed from (informational)
   * @param created when it was signed, to the second
   * @param sha256 hex SHA-256 of {@code policy}'s UTF-8 bytes
   * @param policy the YAML text
   * @param keyId the key id of the signature that verified; empty from {@link #readUnverified}
   */
  public record Contents(
      String name, Instant created, String sha256, String policy, String keyId) {}

  /** A bundle that is not well-formed, not signed by a trusted key, or altered. */
  public static final class InvalidBundleException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidBundleException(String message) {
      super(message);
    }

    public InvalidBundleException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Signs {@code policy} (the bytes of a {@code warden.yaml}) and returns the bundle JSON.
   *
   * @throws IllegalArgumentException if the bytes are not UTF-8 text
   */
  public static String sign(byte[] policy, String name, Instant created, Signer signer) {
    String text;
    try {
      text = utf8(policy);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the policy file is not UTF-8 text", e);
    }
    ObjectNode statement = MAPPER.createObjectNode();
    statement.put("_type", STATEMENT_TYPE);
    statement.put("name", name);
    statement.put("created", created.truncatedTo(ChronoUnit.SECONDS).toString());
    statement.put("sha256", sha256Hex(policy));
    statement.put("policy", text);
    byte[] payload = Jcs.canonicalize(statement).getBytes(StandardCharsets.UTF_8);
    return Dsse.sign(PAYLOAD_TYPE, payload, signer) + "\n";
  }

  /**
   * Whether {@code bytes} are a DSSE envelope (a JSON object with a {@code payloadType}) rather
   * than YAML. A YAML file written in JSON syntax is not mistaken for one unless it has that key,
   * which {@code warden.yaml} never has.
   */
  public static boolean looksLikeBundle(byte[] bytes) {
    int i = 0;
    while (i < bytes.length && Character.isWhitespace(bytes[i])) {
      i++;
    }
    if (i == bytes.length || bytes[i] != '{') {
      return false;
    }
    try {
      return MAPPER.readTree(bytes) instanceof ObjectNode o && o.has("payloadType");
    } catch (JacksonException e) {
      return false;
    }
  }

  /**
   * Verifies a bundle against trusted public keys (by key id) and returns its statement.
   *
   * @throws InvalidBundleException if it is not a policy bundle, no signature verifies with a
   *     trusted key, or the statement is malformed or its digest does not match its policy
   */
  public static Contents verify(byte[] bundle, Map<String, PublicKey> trusted)
      throws InvalidBundleException {
    String json = envelopeText(bundle);
    byte[] payload;
    try {
      payload = Dsse.verify(json, PAYLOAD_TYPE, trusted);
    } catch (InvalidEnvelopeException e) {
      throw new InvalidBundleException("signature not accepted: " + e.getMessage(), e);
    }
    String keyId = "";
    try {
      for (Dsse.Sig s : Dsse.parse(json).signatures()) {
        if (trusted.containsKey(s.keyId())) {
          keyId = s.keyId();
          break;
        }
      }
    } catch (InvalidEnvelopeException e) {
      throw new InvalidBundleException("not a DSSE envelope: " + e.getMessage(), e);
    }
    return statement(payload, keyId);
  }

  /**
   * The statement without checking any signature: for {@code warden policy verify} to show what a
   * bundle claims and for a gateway that requires no signature. Never a basis for trust.
   */
  public static Contents readUnverified(byte[] bundle) throws InvalidBundleException {
    Dsse.Envelope e;
    try {
      e = Dsse.parse(envelopeText(bundle));
    } catch (InvalidEnvelopeException bad) {
      throw new InvalidBundleException("not a DSSE envelope: " + bad.getMessage(), bad);
    }
    if (!e.payloadType().equals(PAYLOAD_TYPE)) {
      throw new InvalidBundleException(
          "payloadType is not " + PAYLOAD_TYPE + "; this is not a Warden policy bundle");
    }
    return statement(e.payload(), "");
  }

  /** Lowercase hex SHA-256. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  private static String envelopeText(byte[] bundle) throws InvalidBundleException {
    try {
      return utf8(bundle);
    } catch (CharacterCodingException e) {
      throw new InvalidBundleException("the bundle is not UTF-8 JSON", e);
    }
  }

  private static Contents statement(byte[] payload, String keyId) throws InvalidBundleException {
    JsonNode node;
    try {
      node = MAPPER.readTree(payload);
    } catch (JacksonException e) {
      throw new InvalidBundleException("the signed statement is not JSON", e);
    }
    if (!(node instanceof ObjectNode o)) {
      throw new InvalidBundleException("the signed statement is not a JSON object");
    }
    for (String field : o.propertyNames()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidBundleException(
            "the signed statement has an unknown field: " + clip(field));
      }
    }
    if (!STATEMENT_TYPE.equals(text(o, "_type"))) {
      throw new InvalidBundleException("the signed statement's _type is not " + STATEMENT_TYPE);
    }
    String policy = text(o, "policy");
    String sha256 = text(o, "sha256");
    if (!sha256Hex(policy.getBytes(StandardCharsets.UTF_8)).equals(sha256)) {
      throw new InvalidBundleException("the signed statement's sha256 does not match its policy");
    }
    Instant created;
    try {
      created = Instant.parse(text(o, "created"));
    } catch (DateTimeParseException e) {
      throw new InvalidBundleException("the signed statement's created is not an RFC 3339 time", e);
    }
    return new Contents(text(o, "name"), created, sha256, policy, keyId);
  }

  private static String text(ObjectNode o, String field) throws InvalidBundleException {
    JsonNode v = o.get(field);
    if (v == null || !v.isString()) {
      throw new InvalidBundleException("the signed statement has no string field '" + field + "'");
    }
    return v.asString();
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
  }

  private static String clip(String s) {
    String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
