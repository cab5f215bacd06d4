package dev.warden.engine.stream;

import java.util.ArrayList;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code openai-chat} ({@code /v1/chat/completions}, also vLLM and llama.cpp): {@code data:} events
 * of {@code chat.completion.chunk} objects, ended by {@code data: [DONE]}.
 *
 * <p>Channels per choice {@code i} (by its {@code index} field): every string field of {@code
 * delta} except {@code role} ({@code content}, {@code refusal}, servers' {@code reasoning_content}
 * …), and each tool call's {@code function.arguments} by the tool call's {@code index}, and the
 * legacy {@code function_call.arguments}. A non-null {@code finish_reason} ends the choice's
 * channels; {@code [DONE]} ends all. Carriers are chunks with the same {@code id}, {@code model}
 * and {@code created} and one delta.
 */
final class OpenAiChatCodec implements StreamCodec {
  @Override
  public String dialect() {
    return "openai-chat";
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
        String channel = "/choices/" + index + "/delta/";
        String at = "/choices/" + k + "/delta/";
        if (choice.get("delta") instanceof ObjectNode delta) {
          for (Map.Entry<String, JsonNode> e : new ArrayList<>(delta.properties())) {
            String name = e.getKey();
            if (e.getValue().isString() && !name.equals("role")) {
              f.delta(
                  channel + name,
                  delta,
                  name,
                  at + name,
                  text -> carrier(s, event, root, index, d -> d.put(name, text)));
            }
          }
          if (delta.path("tool_calls") instanceof ArrayNode calls) {
            for (int m = 0; m < calls.size(); m++) {
              if (calls.get(m) instanceof ObjectNode call
                  && call.get("function") instanceof ObjectNode fn) {
                int j = call.path("index").asInt(m);
                f.delta(
                    channel + "tool_calls/" + j + "/function/arguments",
                    fn,
                    "arguments",
                    at + "tool_calls/" + m + "/function/arguments",
                    text ->
                        carrier(
                            s,
                            event,
                            root,
                            index,
                            d -> {
                              ObjectNode c = d.putArray("tool_calls").addObject();
                              c.put("index", j);
                              c.putObject("function").put("arguments", text);
                            }));
              }
            }
          }
          if (delta.get("function_call") instanceof ObjectNode fn) {
            f.delta(
                channel + "function_call/arguments",
                fn,
                "arguments",
                at + "function_call/arguments",
                text ->
                    carrier(
                        s,
                        event,
                        root,
                        index,
                        d -> d.putObject("function_call").put("arguments", text)));
          }
        }
        JsonNode finish = choice.get("finish_reason");
        if (finish != null && !finish.isNull()) {
          f.endsUnder(channel);
        }
      }
    }
    s.emit(f);
  }

  /** A chunk like {@code like} (same id, model, created …) with one choice and one delta. */
  private static SseEvent carrier(
      Session s,
      SseEvent event,
      ObjectNode like,
      int index,
      java.util.function.Consumer<ObjectNode> fill) {
    ObjectNode c = s.object();
    for (Map.Entry<String, JsonNode> e : like.properties()) {
      if (!e.getKey().equals("choices")
          && !e.getKey().equals("usage")
          && e.getValue().isValueNode()) {
        c.set(e.getKey(), e.getValue());
      }
    }
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", index);
    fill.accept(choice.putObject("delta"));
    choice.putNull("finish_reason");
    return s.event(event, c);
  }

  @Override
  public String errorEvent(String message, Session s) {
    ObjectNode root = s.object();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", "warden_response_blocked");
    error.putNull("param");
    error.put("code", "warden_response_blocked");
    return "data: " + s.mapper.writeValueAsString(root) + "\n\n";
  }
}
