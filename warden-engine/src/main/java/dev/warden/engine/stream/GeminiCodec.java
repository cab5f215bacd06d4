package dev.warden.engine.stream;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code gemini} ({@code :streamGenerateContent?alt=sse}): {@code data:} events, each a whole
 * {@code GenerateContentResponse} whose parts carry the next piece of text.
 *
 * <p>Channels per candidate ({@code index}, else its position): the {@code text} of its parts, and
 * separately the text of parts marked {@code thought}; parts of one candidate continue one another
 * across events whatever their position. {@code functionCall.args} arrive whole in one event and
 * are scanned as whole values. A {@code finishReason} ends the candidate's channels; the end of the
 * stream ends all. Carriers are responses with one candidate holding one text part.
 */
final class GeminiCodec implements StreamCodec {
  @Override
  public String dialect() {
    return "gemini";
  }

  @Override
  public boolean ndjson() {
    return false;
  }

  @Override
  public void event(SseEvent event, Session s) {
    ObjectNode root = s.parse(event);
    Frame f = s.frame(event, root);
    if (root.path("candidates") instanceof ArrayNode candidates) {
      for (int k = 0; k < candidates.size(); k++) {
        if (!(candidates.get(k) instanceof ObjectNode candidate)) {
          continue;
        }
        int index = candidate.path("index").asInt(k);
        String channel = "/candidates/" + index + "/content/parts/";
        if (candidate.path("content").path("parts") instanceof ArrayNode parts) {
          for (int p = 0; p < parts.size(); p++) {
            if (parts.get(p) instanceof ObjectNode part) {
              boolean thought = part.path("thought").asBoolean(false);
              String name = thought ? "thought" : "text";
              f.delta(
                  channel + name,
                  part,
                  "text",
                  "/candidates/" + k + "/content/parts/" + p + "/text",
                  t -> carrier(s, event, root, index, thought, t));
            }
          }
        }
        JsonNode finish = candidate.get("finishReason");
        if (finish != null && !finish.isNull()) {
          f.endsUnder(channel);
        }
      }
    }
    s.emit(f);
  }

  private static SseEvent carrier(
      Session s, SseEvent event, ObjectNode like, int index, boolean thought, String text) {
    ObjectNode c = s.object();
    ObjectNode candidate = c.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    ObjectNode part = content.putArray("parts").addObject();
    part.put("text", text);
    if (thought) {
      part.put("thought", true);
    }
    content.put("role", "model");
    candidate.put("index", index);
    for (Map.Entry<String, JsonNode> e : like.properties()) {
      if (e.getValue().isString()) {
        c.set(e.getKey(), e.getValue()); // modelVersion, responseId
      }
    }
    return s.event(event, c);
  }

  @Override
  public String errorEvent(String message, Session s) {
    ObjectNode root = s.object();
    ObjectNode error = root.putObject("error");
    error.put("code", 403);
    error.put("message", message);
    error.put("status", "PERMISSION_DENIED");
    return "data: " + s.mapper.writeValueAsString(root) + "\n\n";
  }
}
