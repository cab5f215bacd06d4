package dev.warden.engine.stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code openai-responses} ({@code /v1/responses} with {@code stream: true}): named SSE events
 * whose data repeats the name in {@code type}.
 *
 * <p>Channels, by output item ({@code output_index}) and content part ({@code content_index}):
 * {@code response.output_text.delta} and {@code response.refusal.delta} ({@code delta}), {@code
 * response.function_call_arguments.delta} ({@code delta}), {@code
 * response.reasoning_summary_text.delta} ({@code summary_index}). The events that repeat full text
 * — {@code *.done}, {@code response.content_part.done}, {@code response.output_item.done} and
 * {@code response.completed} (and {@code .failed}, {@code .incomplete}) — end their channel and get
 * exactly the text that was streamed, so a client that reads either sees the same protected text.
 * Carriers are {@code *.delta} events of the channel's own kind.
 */
final class OpenAiResponsesCodec implements StreamCodec {
  @Override
  public String dialect() {
    return "openai-responses";
  }

  @Override
  public boolean ndjson() {
    return false;
  }

  @Override
  public boolean repeatsTotals() {
    return true;
  }

  @Override
  public void event(SseEvent event, Session s) {
    ObjectNode root = s.parse(event);
    Frame f = s.frame(event, root);
    String type = root.path("type").asString(event.type() == null ? "" : event.type());
    int out = root.path("output_index").asInt(0);
    int part = root.path("content_index").asInt(0);
    String text = "/output/" + out + "/content/" + part + "/text";
    String refusal = "/output/" + out + "/content/" + part + "/refusal";
    String args = "/output/" + out + "/arguments";
    String summary = "/output/" + out + "/summary/" + root.path("summary_index").asInt(0) + "/text";
    switch (type) {
      case "response.output_text.delta" -> delta(s, f, event, root, text);
      case "response.output_text.done" -> f.total(text, root, "text", "/text");
      case "response.refusal.delta" -> delta(s, f, event, root, refusal);
      case "response.refusal.done" -> f.total(refusal, root, "refusal", "/refusal");
      case "response.function_call_arguments.delta" -> delta(s, f, event, root, args);
      case "response.function_call_arguments.done" ->
          f.total(args, root, "arguments", "/arguments");
      case "response.reasoning_summary_text.delta" -> delta(s, f, event, root, summary);
      case "response.reasoning_summary_text.done" -> f.total(summary, root, "text", "/text");
      case "response.content_part.done" -> {
        if (root.get("part") instanceof ObjectNode p) {
          f.total(text, p, "text", "/part/text");
          f.total(refusal, p, "refusal", "/part/refusal");
        }
      }
      case "response.output_item.done" -> {
        if (root.get("item") instanceof ObjectNode item) {
          item(f, item, out, "/item");
        }
      }
      case "response.completed", "response.failed", "response.incomplete" -> {
        f.endsAll();
        if (root.path("response").path("output") instanceof ArrayNode items) {
          for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ObjectNode item) {
              item(f, item, i, "/response/output/" + i);
            }
          }
        }
      }
      default -> {
        // created, in_progress, *.added, error and unknown events: scanned whole, passed on.
      }
    }
    s.emit(f);
  }

  /** A finished output item repeats its parts' text (message) or its arguments (function call). */
  private static void item(Frame f, ObjectNode item, int out, String at) {
    f.total("/output/" + out + "/arguments", item, "arguments", at + "/arguments");
    if (item.path("content") instanceof ArrayNode parts) {
      for (int j = 0; j < parts.size(); j++) {
        if (parts.get(j) instanceof ObjectNode p) {
          String base = "/output/" + out + "/content/" + j;
          f.total(base + "/text", p, "text", at + "/content/" + j + "/text");
          f.total(base + "/refusal", p, "refusal", at + "/content/" + j + "/refusal");
        }
      }
    }
    if (item.path("summary") instanceof ArrayNode parts) {
      for (int j = 0; j < parts.size(); j++) {
        if (parts.get(j) instanceof ObjectNode p) {
          f.total(
              "/output/" + out + "/summary/" + j + "/text",
              p,
              "text",
              at + "/summary/" + j + "/text");
        }
      }
    }
  }

  private static void delta(Session s, Frame f, SseEvent event, ObjectNode root, String channel) {
    f.delta(
        channel,
        root,
        "delta",
        "/delta",
        t -> {
          ObjectNode c = s.object();
          for (String k :
              new String[] {"type", "item_id", "output_index", "content_index", "summary_index"}) {
            JsonNode v = root.get(k);
            if (v != null) {
              c.set(k, v);
            }
          }
          c.put("delta", t);
          return s.event(event, c);
        });
  }

  @Override
  public String errorEvent(String message, Session s) {
    ObjectNode root = s.object();
    root.put("type", "error");
    root.put("code", "warden_response_blocked");
    root.put("message", message);
    root.putNull("param");
    return "event: error\ndata: " + s.mapper.writeValueAsString(root) + "\n\n";
  }
}
