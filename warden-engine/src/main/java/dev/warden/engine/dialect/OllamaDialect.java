package dev.warden.engine.dialect;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The Ollama native API ({@code ollama-chat}: {@code POST /api/chat}, {@code ollama-generate}:
 * {@code POST /api/generate}). Ollama streams by default: a request is a stream request unless it
 * says {@code "stream": false} (anything but a JSON {@code false} counts as streaming, the safe
 * reading). Streams are NDJSON, the last object with {@code "done": true}. Binary: {@code images[]}
 * entries that are base64 of an image. Errors use OpenAI's object shape, which Ollama's clients
 * surface as the error text.
 */
final class OllamaDialect implements Dialect {
  private final String id;
  private final String path;
  private final Pattern images;

  private OllamaDialect(String id, String path, String imagesAt) {
    this.id = id;
    this.path = path;
    this.images = Positions.of(imagesAt);
  }

  static OllamaDialect chat() {
    return new OllamaDialect("ollama-chat", "/api/chat", "/messages/N/images/N");
  }

  static OllamaDialect generate() {
    return new OllamaDialect("ollama-generate", "/api/generate", "/images/N");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<String> paths() {
    return List.of(path);
  }

  @Override
  public @Nullable String model(JsonNode body, Endpoint endpoint) {
    return Bodies.stringField(body, "model");
  }

  @Override
  public boolean streamRequested(JsonNode body, Endpoint endpoint) {
    JsonNode stream = body.isObject() ? body.get("stream") : null;
    return stream == null || stream.isNull() || !stream.isBoolean() || stream.asBoolean();
  }

  @Override
  public boolean isBinary(
      Direction direction, String path, JsonNode container, @Nullable String key, String value) {
    return direction == Direction.REQUEST
        && key == null
        && Positions.at(images, path)
        && Base64Media.isBase64Image(value);
  }

  @Override
  public byte[] errorBody(int status, String type, String message) {
    return ErrorShapes.bytes(ErrorShapes.openAi(status, type, message));
  }

  /** An NDJSON line with the error object (Ollama's clients raise on an {@code error} member). */
  @Override
  public byte[] errorEvent(int status, String type, String message) {
    return ErrorShapes.ndjson(ErrorShapes.openAi(status, type, message));
  }

  @Override
  public List<String> forwardedHeaders() {
    return List.of("authorization");
  }

  @Override
  public List<String> credentialHeaders() {
    return List.of("authorization");
  }

  @Override
  public List<String> returnedHeaders() {
    return List.of("retry-after");
  }

  @Override
  public Framing framing() {
    return Framing.NDJSON;
  }

  @Override
  public String toString() {
    return id;
  }
}
