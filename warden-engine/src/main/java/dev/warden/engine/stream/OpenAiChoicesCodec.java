package dev.warden.engine.stream;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shape both OpenAI SSE streams share ({@code chat.completion.chunk} and {@code
 * text_completion}): {@code data:} events whose {@code choices} array carries one entry per choice
 * by its {@code index} field, ended by {@code data: [DONE]}, which flushes every channel.
 *
 * <p>Subclasses say which fields of one choice are channels ({@link #choice}) and which channels a
 * non-null {@code finish_reason} ends ({@link #finish}); {@code logprobs} never passes, because its
 * tokens would repeat the text a channel holds back.
 */
abstract class OpenAiChoicesCodec implements StreamCodec {
  @Override
  public final boolean ndjson() {
    return false;
  }

  @Override
  public final void event(SseEvent event, Session s) {
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
        f.drop(choice, "logprobs");
        choice(new Choice(event, s, f, root, choice, index, k));
        JsonNode finish = choice.get("finish_reason");
        if (finish != null && !finish.isNull()) {
          finish(f, index);
        }
      }
    }
    s.emit(f);
  }

  /** Registers the channel deltas of one choice of an event with {@code c.frame()}. */
  abstract void choice(Choice c);

  /** Ends the channels of choice {@code index}, whose {@code finish_reason} arrived. */
  abstract void finish(Frame f, int index);

  /**
   * One choice of one event: {@code index} is its {@code index} field (the channel's identity
   * across events), {@code position} its place in this event's array (the JSON path of the delta).
   */
  record Choice(
      SseEvent event,
      Session session,
      Frame frame,
      ObjectNode root,
      ObjectNode choice,
      int index,
      int position) {

    /**
     * A new event like this one (same {@code id}, {@code model}, {@code created} …, no usage) with
     * a single choice of this index, returned for the caller to fill.
     */
    ObjectNode carrierChoice(ObjectNode chunk) {
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        if (!e.getKey().equals("choices")
            && !e.getKey().equals("usage")
            && e.getValue().isValueNode()) {
          chunk.set(e.getKey(), e.getValue());
        }
      }
      ObjectNode one = chunk.putArray("choices").addObject();
      one.put("index", index);
      return one;
    }
  }

  @Override
  public final String errorEvent(String message, Session s) {
    ObjectNode root = s.object();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", "warden_response_blocked");
    error.putNull("param");
    error.put("code", "warden_response_blocked");
    return "data: " + s.mapper.writeValueAsString(root) + "\n\n";
  }
}
