package dev.warden.engine.dialect;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code gemini}: {@code POST /v1beta/models/{model}:generateContent} and {@code
 * :streamGenerateContent}. The model and the stream choice come from the path; the streaming path
 * requires exactly one query parameter, {@code alt=sse}: without it Gemini streams one JSON array
 * whose elements split a value at any place, which Warden does not inspect as a stream, so such a
 * request is refused rather than answered with pieces scanned one by one. Binary: a part's {@code
 * inline_data}/{@code inlineData} {@code data} with the signature of its {@code mime_type}/{@code
 * mimeType} (text types are scanned), in {@code contents}, {@code system_instruction} and answer
 * candidates. Text parts, {@code functionCall.args}, {@code functionResponse.response}, tool
 * declarations are scanned.
 */
final class Gemini implements Dialect {
  static final String GENERATE = "/v1beta/models/{model}:generateContent";
  static final String STREAM = "/v1beta/models/{model}:streamGenerateContent";

  private static final Pattern REQUEST_PART =
      Positions.of(
          "/(contents/N|system_instruction|systemInstruction)/parts/N/(inline_data|inlineData)/data");
  private static final Pattern ANSWER_PART =
      Positions.of("/candidates/N/content/parts/N/(inline_data|inlineData)/data");

  @Override
  public String id() {
    return "gemini";
  }

  @Override
  public List<String> paths() {
    return List.of(GENERATE, STREAM);
  }

  @Override
  public Map<String, Set<String>> queryParameters(String template) {
    return template.equals(STREAM) ? Map.of("alt", Set.of("sse")) : Map.of();
  }

  @Override
  public Map<String, String> requiredQueryParameters(String template) {
    return template.equals(STREAM) ? Map.of("alt", "sse") : Map.of();
  }

  @Override
  public @Nullable String model(JsonNode body, Endpoint endpoint) {
    return endpoint.pathModel();
  }

  @Override
  public boolean streamRequested(JsonNode body, Endpoint endpoint) {
    return endpoint.template().equals(STREAM);
  }

  @Override
  public boolean isBinary(
      Direction direction, String path, JsonNode container, @Nullable String key, String value) {
    if (!"data".equals(key)) {
      return false;
    }
    Pattern at = direction == Direction.REQUEST ? REQUEST_PART : ANSWER_PART;
    if (!Positions.at(at, path)) {
      return false;
    }
    String mime = Bodies.stringField(container, "mime_type", "mimeType");
    return mime != null && Base64Media.isBase64Of(mime, value);
  }

  @Override
  public byte[] errorBody(int status, String type, String message) {
    return ErrorShapes.bytes(ErrorShapes.google(status, type, message));
  }

  @Override
  public byte[] errorEvent(int status, String type, String message) {
    return ErrorShapes.sse("", ErrorShapes.google(status, type, message));
  }

  @Override
  public List<String> forwardedHeaders() {
    return List.of("x-goog-api-key", "authorization");
  }

  @Override
  public List<String> credentialHeaders() {
    return List.of("x-goog-api-key", "authorization");
  }

  @Override
  public List<String> returnedHeaders() {
    return List.of("retry-after");
  }

  @Override
  public Framing framing() {
    return Framing.SSE;
  }

  @Override
  public String toString() {
    return id();
  }
}
