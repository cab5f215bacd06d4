package dev.warden.engine.stream;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code openai-completions} ({@code /v1/completions}): {@code data:} events of {@code
 * text_completion} objects, ended by {@code data: [DONE]}. One channel per choice: {@code
 * choices[i].text}; a non-null {@code finish_reason} ends it.
 */
final class OpenAiCompletionsCodec implements StreamCodec {
  @Override
  public String dialect() {
    return "openai-completions";
  }

  @Override
  public boolean ndjson() {
    return false;
  }

  @Override
  public void event(SseEvent event, Session s) {
    if (event.data().strip().equals("[DONE]")) {
      s.flushAll();
      s.write(event);
      return;
    }
    ObjectNode root = s.parse(event);
    Frame f = s.frame(event, root);
    if (root.path("choices") instanceof ArrayNode choices) {
      for (int k = 0; k < choices.size(); k++) {
        if (!(choices.get(k) instanceof ObjectNode choice)) {
          continue;
        }
        int index = choice.path("index").asInt(k);
        String channel = "/choices/" + index + "/text";
        f.delta(
            channel,
            choice,
            "text",
            "/choices/" + k + "/text",
            text -> {
              ObjectNode c = s.object();
              for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (!e.getKey().equals("choices") && e.getValue().isValueNode()) {
                  c.set(e.getKey(), e.getValue());
                }
              }
              ObjectNode ch = c.putArray("choices").addObject();
              ch.put("index", index);
              ch.put("text", text);
              ch.putNull("logprobs");
              ch.putNull("finish_reason");
              return s.event(event, c);
            });
        JsonNode finish = choice.get("finish_reason");
        if (finish != null && !finish.isNull()) {
          f.ends(channel);
        }
      }
    }
    s.emit(f);
  }

  @Override
  public String errorEvent(String message, Session s) {
    return new OpenAiChatCodec().errorEvent(message, s);
  }
}
