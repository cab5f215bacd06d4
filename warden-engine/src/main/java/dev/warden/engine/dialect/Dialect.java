package dev.warden.engine.dialect;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One provider API family, as the gateway needs to know it: its request paths, how a request names
 * its model and asks for a stream, which JSON values are binary content (passed on unscanned), what
 * headers its upstream needs, how its errors look and how its streams are framed. Knows nothing
 * about HTTP classes; hosts translate.
 *
 * <p>Contract: implementations are immutable and thread-safe; no method throws on hostile input.
 * Every string a dialect does not declare binary is scanned, wherever it sits in the body — a
 * dialect narrows nothing else.
 */
public interface Dialect {
  /** The stable id used in configuration, records and logs, e.g. {@code anthropic-messages}. */
  String id();

  /**
   * The request paths this dialect answers, fixed or with one {@code {model}} placeholder that
   * stands for a model name inside one path segment ({@code
   * /v1beta/models/{model}:generateContent}).
   */
  List<String> paths();

  /**
   * The query parameters a path accepts, by name, with their allowed values; any other parameter
   * (or value) is refused. Most paths accept none.
   *
   * @param template one of {@link #paths()}
   */
  default Map<String, Set<String>> queryParameters(String template) {
    return Map.of();
  }

  /**
   * The query parameters a path must carry, with the value each must have: a request without one is
   * refused, naming it. Most paths require none.
   *
   * @param template one of {@link #paths()}
   */
  default Map<String, String> requiredQueryParameters(String template) {
    return Map.of();
  }

  /** The model the request names (body or path), or null when it names none. */
  @Nullable String model(JsonNode body, Endpoint endpoint);

  /** The request asks for a streamed answer (by a body field or by its path). */
  boolean streamRequested(JsonNode body, Endpoint endpoint);

  /**
   * A string value is binary content of a declared kind — an image, audio, a PDF — to be passed on
   * unchanged and not scanned as text. True only at the dialect's documented positions and only
   * when the value really is base64 of the declared kind ({@link Base64Media}).
   *
   * @param direction request (client → upstream) or response
   * @param path the walker's pointer-style path of the value
   * @param container the object or array that holds the value
   * @param key the member name, or null for an array element
   */
  boolean isBinary(
      Direction direction, String path, JsonNode container, @Nullable String key, String value);

  /** The dialect's own error body, so its SDKs surface Warden's {@code warden_*} type and text. */
  byte[] errorBody(int status, String type, String message);

  /** The dialect's error as one event of its stream framing, for a stream that is cut off. */
  byte[] errorEvent(int status, String type, String message);

  /**
   * Client request headers passed on to the upstream (lower case) when their value is plain;
   * everything else the client sends stays at the gateway. Credential headers are among them.
   */
  List<String> forwardedHeaders();

  /** The subset of {@link #forwardedHeaders()} that carries a credential for the upstream. */
  List<String> credentialHeaders();

  /** Upstream response headers passed back to the client (lower case), when plain. */
  List<String> returnedHeaders();

  /** How this dialect's streamed answers are framed. */
  Framing framing();

  /** Which way a body travels. */
  enum Direction {
    REQUEST,
    RESPONSE
  }

  /** The wire framing of a dialect's streamed answers. */
  enum Framing {
    /** Server-sent events ({@code text/event-stream}): {@code event:}/{@code data:} lines. */
    SSE("text/event-stream"),
    /** Newline-delimited JSON ({@code application/x-ndjson}): one JSON object per line. */
    NDJSON("application/x-ndjson");

    private final String contentType;

    Framing(String contentType) {
      this.contentType = contentType;
    }

    /** The Content-Type of such a stream. */
    public String contentType() {
      return contentType;
    }
  }
}
