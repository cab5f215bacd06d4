package dev.warden.engine.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict JSON parsing for bodies: UTF-8 only, one value, no duplicate keys (a smuggling vector: the
 * upstream could read the copy Warden did not scan), bounded depth, string length and size.
 */
public final class JsonBodies {
  private final JsonMapper mapper;
  private final int maxDepth;

  public JsonBodies(int maxDepth, int maxBytes) {
    this.maxDepth = maxDepth;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxDocumentLength(maxBytes)
                    .maxStringLength(maxBytes)
                    .maxNameLength(64 * 1024)
                    .maxNumberLength(1000)
                    .build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  public JsonMapper mapper() {
    return mapper;
  }

  /**
   * Parses a body.
   *
   * @throws BodyException {@code warden_invalid_encoding}, {@code warden_too_deep} or {@code
   *     warden_invalid_json}
   */
  public JsonNode parse(byte[] body) {
    requireUtf8(body);
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new BodyException("warden_invalid_json", "body is empty; expected a JSON object");
      }
      return node;
    } catch (StreamConstraintsException e) {
      if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
        throw new BodyException(
            "warden_too_deep", "JSON nesting is deeper than the limit of " + maxDepth);
      }
      throw new BodyException("warden_invalid_json", "JSON exceeds a size limit");
    } catch (JacksonException e) {
      throw new BodyException("warden_invalid_json", "body is not valid JSON: " + describe(e));
    }
  }

  /** Parses JSON found inside a string (tool-call arguments); {@code null} when it is not JSON. */
  public @org.jspecify.annotations.Nullable JsonNode parseEmbedded(String text) {
    try {
      return mapper.readTree(text);
    } catch (JacksonException e) {
      return null;
    }
  }

  public byte[] write(JsonNode node) {
    return mapper.writeValueAsBytes(node);
  }

  public String writeString(JsonNode node) {
    return mapper.writeValueAsString(node);
  }

  /** Location and kind of a parse error, never the offending text. */
  private static String describe(JacksonException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = "malformed";
    }
    // Jackson quotes the offending token; drop quoted parts so no body text is echoed back.
    msg = msg.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
    if (msg.length() > 160) {
      msg = msg.substring(0, 160) + "…";
    }
    var loc = e.getLocation();
    return loc == null
        ? msg
        : msg + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }

  static void requireUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw new BodyException("warden_invalid_encoding", "body is not valid UTF-8");
    }
  }
}
