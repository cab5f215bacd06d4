package dev.warden.engine.dialect;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code openai-completions}: {@code POST /v1/completions}. No binary parts; all text scanned. */
final class OpenAiCompletions extends OpenAiDialect {
  OpenAiCompletions() {
    super("openai-completions", "/v1/completions");
  }

  @Override
  public boolean isBinary(
      Direction direction, String path, JsonNode container, @Nullable String key, String value) {
    return false;
  }
}
