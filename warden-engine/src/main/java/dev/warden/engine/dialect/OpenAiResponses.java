package dev.warden.engine.dialect;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code openai-responses}: {@code POST /v1/responses}. Binary: {@code input_image.image_url} image
 * data URLs and {@code input_file.file_data} PDF data URLs in {@code input[].content[]}; in
 * answers, an image generation call's {@code result} (a base64 image). {@code instructions}, {@code
 * input} text, tools and function call outputs are scanned.
 */
final class OpenAiResponses extends OpenAiDialect {
  private static final Pattern IMAGE = Positions.of("/input/N/content/N/image_url");
  private static final Pattern FILE = Positions.of("/input/N/content/N/file_data");
  private static final Pattern GENERATED = Positions.of("/output/N/result");

  OpenAiResponses() {
    super("openai-responses", "/v1/responses");
  }

  @Override
  public boolean isBinary(
      Direction direction, String path, JsonNode container, @Nullable String key, String value) {
    if (key == null) {
      return false;
    }
    if (direction == Direction.RESPONSE) {
      return key.equals("result")
          && Positions.at(GENERATED, path)
          && "image_generation_call".equals(Bodies.stringField(container, "type"))
          && Base64Media.isBase64Image(value);
    }
    return switch (key) {
      case "image_url" -> Positions.at(IMAGE, path) && Base64Media.isDataUrlOf(value, "image/");
      case "file_data" ->
          Positions.at(FILE, path) && Base64Media.isDataUrlOf(value, "application/pdf");
      default -> false;
    };
  }
}
