package dev.warden.ledger.dsse;

import dev.warden.ledger.Jcs;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-toto Statement v1 (github.com/in-toto/attestation, {@code spec/v1/statement.md}): what was
 * attested ({@code subject}: names with sha256 digests), and a typed {@code predicate} saying what
 * about it. Serialized as RFC 8785 canonical JSON, the payload of a DSSE envelope with payload type
 * {@link Dsse#IN_TOTO_PAYLOAD_TYPE}.
 *
 * <p>Immutable: {@link #predicate()} returns a copy.
 *
 * @param subjects at least one; each with a name and a lowercase hex sha256 digest
 * @param predicateType a URI naming the predicate's schema
 */
public record InTotoStatement(List<Subject> subjects, String predicateType, ObjectNode predicate) {
  /** The {@code _type} of every Statement v1. */
  public static final String TYPE = "https://in-toto.io/Statement/v1";

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  /**
   * One attested artifact.
   *
   * @param name e.g. a file name; not empty
   * @param sha256 64 lowercase hex digits
   */
  public record Subject(String name, String sha256) {
    public Subject {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sha256, "sha256");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("subject name must not be empty");
      }
      if (!isHex64(sha256)) {
        throw new IllegalArgumentException(
            "subject '" + name + "' digest sha256 must be 64 lowercase hex digits");
      }
    }
  }

  public InTotoStatement {
    subjects = List.copyOf(subjects);
    Objects.requireNonNull(predicateType, "predicateType");
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("a statement needs at least one subject");
    }
    if (predicateType.isEmpty()) {
      throw new IllegalArgumentException("predicateType must not be empty");
    }
    predicate = predicate.deepCopy();
    Jcs.canonicalize(predicate); // fails now, naming nothing secret, rather than at signing time
  }

  @Override
  public ObjectNode predicate() {
    return predicate.deepCopy();
  }

  /** A new, empty predicate object for building one. */
  public static ObjectNode newPredicate() {
    return MAPPER.createObjectNode();
  }

  /** The statement as canonical JSON (UTF-8): the bytes a DSSE envelope carries and signs. */
  public byte[] toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("_type", TYPE);
    ArrayNode subject = o.putArray("subject");
    for (Subject s : subjects) {
      ObjectNode n = subject.addObject();
      n.put("name", s.name());
      n.putObject("digest").put("sha256", s.sha256());
    }
    o.put("predicateType", predicateType);
    o.set("predicate", predicate.deepCopy());
    return Jcs.canonicalize(o).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses a statement, e.g. the payload {@link Dsse#verify} returned.
   *
   * @param expectedPredicateType the only predicate type accepted
   * @throws InvalidEnvelopeException if it is not strict UTF-8 JSON of the Statement v1 shape, a
   *     subject lacks a sha256 digest, or the predicate type differs
   */
  public static InTotoStatement parse(byte[] json, String expectedPredicateType)
      throws InvalidEnvelopeException {
    JsonNode root;
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(json))
              .toString();
      root = MAPPER.readTree(text);
    } catch (CharacterCodingException | JacksonException e) {
      throw new InvalidEnvelopeException("statement is not valid UTF-8 JSON");
    }
    if (!(root instanceof ObjectNode o)) {
      throw new InvalidEnvelopeException("statement is not a JSON object");
    }
    if (!TYPE.equals(text(o.get("_type")))) {
      throw new InvalidEnvelopeException("statement _type is not " + TYPE);
    }
    String predicateType = text(o.get("predicateType"));
    if (!expectedPredicateType.equals(predicateType)) {
      throw new InvalidEnvelopeException(
          "statement predicateType is not " + expectedPredicateType + "; refusing to interpret it");
    }
    JsonNode predicate = o.get("predicate");
    if (!(predicate instanceof ObjectNode p)) {
      throw new InvalidEnvelopeException("statement predicate missing or not an object");
    }
    JsonNode subject = o.get("subject");
    if (subject == null || !subject.isArray() || subject.isEmpty()) {
      throw new InvalidEnvelopeException("statement subject missing or empty");
    }
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode s : subject) {
      JsonNode digest = s.get("digest");
      String name = text(s.get("name"));
      String sha256 = digest == null ? null : text(digest.get("sha256"));
      if (name == null || name.isEmpty() || sha256 == null || !isHex64(sha256)) {
        throw new InvalidEnvelopeException(
            "statement subject[" + subjects.size() + "] needs a name and a 64-hex sha256 digest");
      }
      subjects.add(new Subject(name, sha256));
    }
    try {
      return new InTotoStatement(subjects, expectedPredicateType, p);
    } catch (IllegalArgumentException e) {
      throw new InvalidEnvelopeException("statement predicate: " + e.getMessage(), e);
    }
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    return n != null && n.isString() ? n.stringValue() : null;
  }

  static boolean isHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
