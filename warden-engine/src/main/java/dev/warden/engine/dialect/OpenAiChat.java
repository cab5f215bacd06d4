package dev.warden.engine.dialect;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code openai-chat}: {@code POST /v1/chat/completions}. Binary: {@code image_url.url} data URLs
 * of images, {@code input_audio.data} of the declared {@code format}, {@code file.file_data} PDF
 * data URLs; in answers, {@code message.audio.data}. Everything else — text parts, system and
 * developer messages, tool definitions, tool results, tool-call {@code arguments} (embedded JSON) —
 * is scanned.
 */
final class OpenAiChat extends OpenAiDialect {
  private static final Pattern IMAGE_URL = Positions.of("/messages/N/content/N/image_url/url");
  private static final Pattern AUDIO = Positions.of("/messages/N/content/N/input_audio/data");
  private static final Pattern FILE = Positions.of("/messages/N/content/N/file/file_data");
  private static final Pattern ANSWER_AUDIO = Positions.of("/choices/N/message/audio/data");

  OpenAiChat() {
    super("openai-chat", "/v1/chat/completions");
  }

  @Override
  public boolean isBinary(
      Direction direction, String path, JsonNode container, @Nullable String key, String value) {
    if (key == null) {
      return false;
    }
    if (direction == Direction.RESPONSE) {
      return key.equals("data")
          && Positions.at(ANSWER_AUDIO, path)
          && Base64Media.isBase64OfAny(value, Base64Media.AUDIO);
    }
    return switch (key) {
      case "url" -> Positions.at(IMAGE_URL, path) && Base64Media.isDataUrlOf(value, "image/");
      case "data" -> Positions.at(AUDIO, path) && isDeclaredAudio(container, value);
      case "file_data" ->
          Positions.at(FILE, path) && Base64Media.isDataUrlOf(value, "application/pdf");
      default -> false;
    };
  }

  /** {@code input_audio: {data, format}} where format is {@code wav} or {@code mp3}. */
  private static boolean isDeclaredAudio(JsonNode inputAudio, String value) {
    String format = Bodies.stringField(inputAudio, "format");
    return format != null
        && Base64Media.isBase64Of("audio/" + format.toLowerCase(Locale.ROOT), value);
  }
}
