package dev.warden.engine.stream;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ollama-chat} ({@code /api/chat}) and {@code ollama-generate} ({@code /api/generate}):
 * NDJSON, one object per line, the last with {@code "done": true}.
 *
 * <p>Channels: chat {@code message.content} and {@code message.thinking}; generate {@code response}
 * and {@code thinking}. Tool calls ({@code message.tool_calls[].function.arguments}) arrive whole
 * as objects and are scanned as whole values. {@code "done": true} ends all channels, whose rest
 * goes into that line's own field. Carriers are lines like the current one with one field.
 */
final class OllamaCodec implements StreamCodec {
  private final boolean chat;

  OllamaCodec(boolean chat) {
    this.chat = chat;
  }

  @Override
  public String dialect() {
    return chat ? "ollama-chat" : "ollama-generate";
  }

  @Override
  public boolean ndjson() {
    return true;
  }

  @Override
  public void event(SseEvent event, Session s) {
    ObjectNode root = s.parse(event);
    Frame f = s.frame(event, root);
    if (chat) {
      if (root.get("message") instanceof ObjectNode message) {
        for (String field : new String[] {"content", "thinking"}) {
          f.delta(
              "/message/" + field,
              message,
              field,
              "/message/" + field,
              t -> carrier(s, root, field, t));
        }
      }
    } else {
      for (String field : new String[] {"response", "thinking"}) {
        f.delta("/" + field, root, field, "/" + field, t -> carrier(s, root, field, t));
      }
    }
    if (root.path("done").asBoolean(false)) {
      f.endsAll();
    }
    s.emit(f);
  }

  private SseEvent carrier(Session s, ObjectNode like, String field, String text) {
    ObjectNode c = s.object();
    for (Map.Entry<String, JsonNode> e : like.properties()) {
      if (e.getKey().equals("model") || e.getKey().equals("created_at")) {
        c.set(e.getKey(), e.getValue());
      }
    }
    if (chat) {
      ObjectNode message = c.putObject("message");
      message.put("role", "assistant");
      message.put("content", field.equals("content") ? text : "");
      if (field.equals("thinking")) {
        message.put("thinking", text);
      }
    } else {
      c.put("response", field.equals("response") ? text : "");
      if (field.equals("thinking")) {
        c.put("thinking", text);
      }
    }
    c.put("done", false);
    return SseEvent.line(s.mapper.writeValueAsString(c));
  }

  @Override
  public String errorEvent(String message, Session s) {
    ObjectNode root = s.object();
    root.put("error", message);
    return s.mapper.writeValueAsString(root) + "\n";
  }
}
