package dev.warden.engine.dialect;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code anthropic-messages}: {@code POST /v1/messages} (and {@code /v1/messages/count_tokens},
 * which carries the same body and never streams). Binary: an {@code image} or {@code document}
 * block's {@code source.data} when {@code source.type} is {@code base64} and the data has the
 * signature of its {@code media_type} — also inside a {@code tool_result}'s content. {@code
 * system}, text blocks, {@code tool_use.input}, tool results and tool definitions are scanned; a
 * {@code text} document source is text and scanned.
 */
final class AnthropicMessages implements Dialect {
  static final String MESSAGES = "/v1/messages";
  static final String COUNT_TOKENS = "/v1/messages/count_tokens";

  private static final Pattern SOURCE =
      Positions.of("/messages/N/content/N(/content/N)?/source/data");
  private static final List<String> FORWARDED =
      List.of("x-api-key", "authorization", "anthropic-version", "anthropic-beta");
  private static final List<String> RETURNED =
      List.of(
          "retry-after",
          "request-id",
          "anthropic-ratelimit-requests-limit",
          "anthropic-ratelimit-requests-remaining",
          "anthropic-ratelimit-requests-reset",
          "anthropic-ratelimit-tokens-limit",
          "anthropic-ratelimit-tokens-remaining",
          "anthropic-ratelimit-tokens-reset",
          "anthropic-ratelimit-input-tokens-limit",
          "anthropic-ratelimit-input-tokens-remaining",
          "anthropic-ratelimit-input-tokens-reset",
          "anthropic-ratelimit-output-tokens-limit",
          "anthropic-ratelimit-output-tokens-remaining",
          "anthropic-ratelimit-output-tokens-reset");

  @Override
  public String id() {
    return "anthropic-messages";
  }

  @Override
  public List<String> paths() {
    return List.of(MESSAGES, COUNT_TOKENS);
  }

  @Override
  public @Nullable String model(JsonNode body, Endpoint endpoint) {
    return Bodies.stringField(body, "model");
  }

  @Override
  public boolean streamRequested(JsonNode body, Endpoint endpoint) {
    return endpoint.template().equals(MESSAGES)
        && body.isObject()
        && body.path("stream").asBoolean(false);
  }

  @Override
  public boolean isBinary(
      Direction direction, String path, JsonNode container, @Nullable String key, String value) {
    if (direction != Direction.REQUEST || !"data".equals(key) || !Positions.at(SOURCE, path)) {
      return false;
    }
    String mediaType = Bodies.stringField(container, "media_type");
    return "base64".equals(Bodies.stringField(container, "type"))
        && mediaType != null
        && (mediaType.startsWith("image/") || mediaType.equals("application/pdf"))
        && Base64Media.isBase64Of(mediaType, value);
  }

  @Override
  public byte[] errorBody(int status, String type, String message) {
    return ErrorShapes.bytes(ErrorShapes.anthropic(type, message));
  }

  /** An SSE {@code error} event, as Anthropic sends one mid-stream. */
  @Override
  public byte[] errorEvent(int status, String type, String message) {
    return ErrorShapes.sse("error", ErrorShapes.anthropic(type, message));
  }

  @Override
  public List<String> forwardedHeaders() {
    return FORWARDED;
  }

  @Override
  public List<String> credentialHeaders() {
    return List.of("x-api-key", "authorization");
  }

  @Override
  public List<String> returnedHeaders() {
    return RETURNED;
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
