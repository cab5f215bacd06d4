package dev.warden.testing;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Anthropic Messages upstream that echoes, bound to loopback. {@code POST /v1/messages} answers
 * a {@code message} whose text is the last user turn's text (text blocks and tool results joined)
 * plus {@link Builder#appendToReply}, or a {@code tool_use} block ({@link
 * Builder#replyWithToolCall}); with {@code "stream": true} it answers Anthropic's SSE sequence:
 * {@code message_start}, {@code content_block_start}, {@code ping}, {@code content_block_delta}
 * ({@code text_delta} or {@code input_json_delta}, cut per {@link Builder#chunkChars}), {@code
 * content_block_stop}, {@code message_delta}, {@code message_stop}. {@code POST
 * /v1/messages/count_tokens} answers {@code {"input_tokens": n}}.
 */
public final class AnthropicStub extends EchoStub {
  private AnthropicStub(Builder b) {
    super(b.options);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static AnthropicStub start() {
    return builder().start();
  }

  @Override
  void routes(HttpRouting.Builder routing) {
    routing
        .post("/v1/messages", this::messages)
        .post("/v1/messages/count_tokens", this::countTokens);
  }

  @Override
  String notFound() {
    return "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"not found\"}}";
  }

  private void countTokens(ServerRequest req, ServerResponse res) {
    JsonNode request = record(req, res);
    if (request != null) {
      ObjectNode out = JSON.createObjectNode();
      out.put("input_tokens", Math.max(1, lastUserText(request).length() / 4));
      sendJson(res, out);
    }
  }

  private void messages(ServerRequest req, ServerResponse res) {
    JsonNode request = record(req, res);
    if (request == null) {
      return;
    }
    String said = lastUserText(request);
    String model = request.path("model").asString("claude-stub");
    String id = "msg_stub_" + nextId();
    boolean tool = options.toolName != null;
    if (!request.path("stream").asBoolean(false)) {
      ObjectNode msg = message(id, model, said.length());
      ObjectNode block = msg.putArray("content").addObject();
      if (tool) {
        block.put("type", "tool_use");
        block.put("id", "toolu_stub_" + nextId());
        block.put("name", options.toolName);
        block.set("input", JSON.readTree(options.toolArguments));
      } else {
        block.put("type", "text");
        block.put("text", reply(said));
      }
      msg.put("stop_reason", tool ? "tool_use" : "end_turn");
      ((ObjectNode) msg.get("usage")).put("output_tokens", 12);
      sendJson(res, msg);
      return;
    }
    List<String> events = new ArrayList<>();
    ObjectNode start = JSON.createObjectNode();
    start.put("type", "message_start");
    ObjectNode m = message(id, model, said.length());
    m.putArray("content");
    m.putNull("stop_reason");
    ((ObjectNode) m.get("usage")).put("output_tokens", 1);
    start.set("message", m);
    events.add(event("message_start", start));
    ObjectNode blockStart = JSON.createObjectNode();
    blockStart.put("type", "content_block_start");
    blockStart.put("index", 0);
    ObjectNode block = blockStart.putObject("content_block");
    if (tool) {
      block.put("type", "tool_use");
      block.put("id", "toolu_stub_" + nextId());
      block.put("name", options.toolName);
      block.putObject("input");
    } else {
      block.put("type", "text");
      block.put("text", "");
    }
    events.add(event("content_block_start", blockStart));
    events.add("event: ping\ndata: {\"type\": \"ping\"}\n\n");
    List<String> pieces =
        tool
            ? chunks(JSON.writeValueAsString(JSON.readTree(options.toolArguments)))
            : replyChunks(said);
    for (String piece : pieces) {
      ObjectNode delta = JSON.createObjectNode();
      delta.put("type", "content_block_delta");
      delta.put("index", 0);
      ObjectNode d = delta.putObject("delta");
      if (tool) {
        d.put("type", "input_json_delta");
        d.put("partial_json", piece);
      } else {
        d.put("type", "text_delta");
        d.put("text", piece);
      }
      events.add(event("content_block_delta", delta));
    }
    events.add(
        event(
            "content_block_stop", JSON.readTree("{\"type\":\"content_block_stop\",\"index\":0}")));
    ObjectNode end = JSON.createObjectNode();
    end.put("type", "message_delta");
    ObjectNode ed = end.putObject("delta");
    ed.put("stop_reason", tool ? "tool_use" : "end_turn");
    ed.putNull("stop_sequence");
    end.putObject("usage").put("output_tokens", 12);
    events.add(event("message_delta", end));
    events.add(event("message_stop", JSON.readTree("{\"type\":\"message_stop\"}")));
    sendStream(res, "text/event-stream", events);
  }

  private static ObjectNode message(String id, String model, int chars) {
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("type", "message");
    msg.put("role", "assistant");
    msg.put("model", model);
    msg.putNull("stop_sequence");
    msg.putObject("usage").put("input_tokens", Math.max(1, chars / 4));
    return msg;
  }

  private static String event(String name, JsonNode data) {
    return "event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
  }

  /** The last user turn: its string content, or its text blocks and tool results, joined. */
  static String lastUserText(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode msg = messages.get(i);
      if (!"user".equals(msg.path("role").asString(""))) {
        continue;
      }
      return text(msg.path("content"));
    }
    return "";
  }

  private static String text(JsonNode content) {
    if (content.isString()) {
      return content.asString();
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode block : content) {
      switch (block.path("type").asString("")) {
        case "text" -> parts.add(block.path("text").asString(""));
        case "tool_result" -> parts.add(text(block.path("content")));
        default -> {}
      }
    }
    return String.join(" ", parts);
  }

  /** Configures an {@link AnthropicStub}. */
  public static final class Builder extends EchoStub.Builder<Builder> {
    private Builder() {}

    public AnthropicStub start() {
      return new AnthropicStub(this);
    }
  }
}
