package dev.warden.engine.dialect;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the OpenAI API family shares (also spoken by vLLM, llama.cpp's server, Ollama's {@code /v1}
 * and most gateways): {@code model} and {@code stream} in the body, bearer credentials plus the
 * organization/project selectors, OpenAI's error object, SSE streams ending with {@code data:
 * [DONE]}. Extra fields those servers accept ({@code guided_json}, {@code cache_prompt}, …) are
 * plain JSON and scanned like any other.
 */
abstract class OpenAiDialect implements Dialect {
  private static final List<String> FORWARDED =
      List.of("authorization", "openai-organization", "openai-project");
  private static final List<String> RETURNED =
      List.of(
          "retry-after",
          "x-request-id",
          "openai-processing-ms",
          "x-ratelimit-limit-requests",
          "x-ratelimit-remaining-requests",
          "x-ratelimit-reset-requests",
          "x-ratelimit-limit-tokens",
          "x-ratelimit-remaining-tokens",
          "x-ratelimit-reset-tokens");

  private final String id;
  private final String path;

  OpenAiDialect(String id, String path) {
    this.id = id;
    this.path = path;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final List<String> paths() {
    return List.of(path);
  }

  @Override
  public @Nullable String model(JsonNode body, Endpoint endpoint) {
    return Bodies.stringField(body, "model");
  }

  /**
   * As lenient as the most lenient upstream: {@code "true"} and {@code 1} count, so a value some
   * server would stream on is never taken for a plain request.
   */
  @Override
  public boolean streamRequested(JsonNode body, Endpoint endpoint) {
    return body.isObject() && body.path("stream").asBoolean(false);
  }

  @Override
  public byte[] errorBody(int status, String type, String message) {
    return ErrorShapes.bytes(ErrorShapes.openAi(status, type, message));
  }

  @Override
  public byte[] errorEvent(int status, String type, String message) {
    return ErrorShapes.sse("", ErrorShapes.openAi(status, type, message));
  }

  @Override
  public List<String> forwardedHeaders() {
    return FORWARDED;
  }

  @Override
  public List<String> credentialHeaders() {
    return List.of("authorization");
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
    return id;
  }
}
