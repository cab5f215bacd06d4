package dev.warden.engine.stream;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code anthropic-messages} ({@code /v1/messages} with {@code stream: true}): named SSE events
 * {@code message_start}, {@code content_block_start}, {@code content_block_delta}, {@code
 * content_block_stop}, {@code message_delta}, {@code message_stop}, {@code ping}, {@code error}.
 *
 * <p>One channel per content block ({@code index}): the {@code text} of a {@code text_delta}, the
 * {@code partial_json} of an {@code input_json_delta} (tool input), the {@code thinking} of a
 * {@code thinking_delta}, and the initial text of {@code content_block_start}. {@code
 * content_block_stop} ends its block; {@code message_delta} and {@code message_stop} end all.
 * Carriers are {@code content_block_delta} events of the block's own delta type.
 */
final class AnthropicCodec implements StreamCodec {
  @Override
  public String dialect() {
    return "anthropic-messages";
  }

  @Override
  public boolean ndjson() {
    return false;
  }

  @Override
  public void event(SseEvent event, Session s) {
    ObjectNode root = s.parse(event);
    Frame f = s.frame(event, root);
    String type = event.type() != null ? event.type() : root.path("type").asString("");
    int index = root.path("index").asInt(-1);
    String channel = "/content/" + index;
    switch (type) {
      case "content_block_start" -> {
        if (root.get("content_block") instanceof ObjectNode block) {
          for (String field : new String[] {"text", "thinking"}) {
            String deltaType = field.equals("text") ? "text_delta" : "thinking_delta";
            f.delta(
                channel,
                block,
                field,
                "/content_block/" + field,
                t -> carrier(s, index, deltaType, field, t));
          }
        }
      }
      case "content_block_delta" -> {
        if (root.get("delta") instanceof ObjectNode delta) {
          String deltaType = delta.path("type").asString("");
          @org.jspecify.annotations.Nullable
          String field =
              switch (deltaType) {
                case "text_delta" -> "text";
                case "input_json_delta" -> "partial_json";
                case "thinking_delta" -> "thinking";
                default -> null;
              };
          if (field != null) {
            f.delta(
                channel,
                delta,
                field,
                "/delta/" + field,
                t -> carrier(s, index, deltaType, field, t));
          }
        }
      }
      case "content_block_stop" -> f.ends(channel);
      case "message_delta", "message_stop" -> f.endsAll();
      default -> {
        // message_start, ping, error and unknown events: scanned whole, passed on in order.
      }
    }
    s.emit(f);
  }

  private static SseEvent carrier(
      Session s, int index, String deltaType, String field, String text) {
    ObjectNode c = s.object();
    c.put("type", "content_block_delta");
    c.put("index", index);
    ObjectNode delta = c.putObject("delta");
    delta.put("type", deltaType);
    delta.put(field, text);
    return s.event(new SseEvent("content_block_delta", "", null, null), c);
  }

  @Override
  public String errorEvent(String message, Session s) {
    ObjectNode root = s.object();
    root.put("type", "error");
    ObjectNode error = root.putObject("error");
    error.put("type", "warden_response_blocked");
    error.put("message", message);
    return "event: error\ndata: " + s.mapper.writeValueAsString(root) + "\n\n";
  }
}
