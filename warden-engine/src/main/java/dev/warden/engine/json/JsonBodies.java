package dev.warden.engine.json;

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
    if (!isUtf8(body)) {
      throw new BodyException("warden_invalid_encoding", "body is not valid UTF-8");
    }
  }

  /**
   * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. A loop with
   * an ASCII fast path instead of a {@code CharsetDecoder}, which allocated a decoded copy of every
   * body only to throw it away.
   */
  static boolean isUtf8(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      int need;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + need >= n) {
        return false;
      }
      int cp = c & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int cont = b[i + k] & 0xFF;
        if ((cont & 0xC0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cont & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false;
      }
      i += need + 1;
    }
    return true;
  }
}
