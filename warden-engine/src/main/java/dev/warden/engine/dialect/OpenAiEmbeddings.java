package dev.warden.engine.dialect;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code openai-embeddings}: {@code POST /v1/embeddings}. Inputs are scanned. In answers asked for
 * with {@code encoding_format: base64}, each {@code data[].embedding} is base64 of float32 values:
 * passed on unscanned when it decodes to a whole number of floats (redacting inside it would only
 * corrupt the vector). Never a stream.
 */
final class OpenAiEmbeddings extends OpenAiDialect {
  private static final Pattern EMBEDDING = Positions.of("/data/N/embedding");

  OpenAiEmbeddings() {
    super("openai-embeddings", "/v1/embeddings");
  }

  @Override
  public boolean isBinary(
      Direction direction, String path, JsonNode container, @Nullable String key, String value) {
    return direction == Direction.RESPONSE
        && "embedding".equals(key)
        && Positions.at(EMBEDDING, path)
        && Base64Media.isBase64Floats(value);
  }
}
