package dev.warden.engine.stream;

import java.util.ArrayList;
import java.util.Map;
import java.util.function.Consumer;
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
final class OpenAiChatCodec extends OpenAiChoicesCodec {
  @Override
  public String dialect() {
    return "openai-chat";
  }

  @Override
  void choice(Choice c) {
    if (!(c.choice().get("delta") instanceof ObjectNode delta)) {
      return;
    }
    Frame f = c.frame();
    String channel = channelPrefix(c.index());
    String at = "/choices/" + c.position() + "/delta/";
    for (Map.Entry<String, JsonNode> e : new ArrayList<>(delta.properties())) {
      String name = e.getKey();
      if (e.getValue().isString() && !name.equals("role")) {
        f.delta(channel + name, delta, name, at + name, text -> carrier(c, d -> d.put(name, text)));
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
                      c,
                      d -> {
                        ObjectNode added = d.putArray("tool_calls").addObject();
                        added.put("index", j);
                        added.putObject("function").put("arguments", text);
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
          text -> carrier(c, d -> d.putObject("function_call").put("arguments", text)));
    }
  }

  @Override
  void finish(Frame f, int index) {
    f.endsUnder(channelPrefix(index));
  }

  private static String channelPrefix(int index) {
    return "/choices/" + index + "/delta/";
  }

  /** A chunk like the event's (same id, model, created …) with one choice and one delta. */
  private static SseEvent carrier(Choice c, Consumer<ObjectNode> fill) {
    ObjectNode chunk = c.session().object();
    ObjectNode one = c.carrierChoice(chunk);
    fill.accept(one.putObject("delta"));
    one.putNull("finish_reason");
    return c.session().event(c.event(), chunk);
  }
}
