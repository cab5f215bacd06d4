package dev.warden.testing;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Ollama upstream that echoes, bound to loopback. Like Ollama it streams unless the request says
 * {@code "stream": false}: NDJSON ({@code application/x-ndjson}), one object per piece of text
 * ({@link Builder#chunkChars}) with {@code "done": false}, then a last one with {@code "done":
 * true}, {@code done_reason} and counters. {@code POST /api/chat} echoes the last user message into
 * {@code message.content} (or answers {@code message.tool_calls}, {@link
 * Builder#replyWithToolCall}); {@code POST /api/generate} echoes {@code prompt} into {@code
 * response}.
 */
public final class OllamaStub extends EchoStub {
  private static final String CREATED = "2026-01-01T00:00:00.000000Z";

  private OllamaStub(Builder b) {
    super(b.options);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static OllamaStub start() {
    return builder().start();
  }

  @Override
  void routes(HttpRouting.Builder routing) {
    routing.post("/api/chat", this::chat).post("/api/generate", this::generate);
  }

  @Override
  String notFound() {
    return "{\"error\":\"not found\"}";
  }

  private static boolean streams(JsonNode request) {
    JsonNode s = request.get("stream");
    return s == null || !s.isBoolean() || s.asBoolean();
  }

  private void chat(ServerRequest req, ServerResponse res) {
    JsonNode request = record(req, res);
    if (request == null) {
      return;
    }
    String said = "";
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asString(""))) {
        said = messages.get(i).path("content").asString("");
        break;
      }
    }
    String model = request.path("model").asString("llama-stub");
    boolean tool = options.toolName != null;
    if (!streams(request) || tool) {
      // Ollama sends a tool call whole, in one object, even when streaming.
      ObjectNode one = base(model, true);
      ObjectNode msg = one.putObject("message");
      msg.put("role", "assistant");
      if (tool) {
        msg.put("content", "");
        ObjectNode fn = msg.putArray("tool_calls").addObject().putObject("function");
        fn.put("name", options.toolName);
        fn.set("arguments", JSON.readTree(options.toolArguments));
      } else {
        msg.put("content", reply(said));
      }
      finish(one);
      if (streams(request)) {
        sendStream(res, "application/x-ndjson", List.of(JSON.writeValueAsString(one) + "\n"));
      } else {
        sendJson(res, one);
      }
      return;
    }
    List<String> lines = new ArrayList<>();
    for (String piece : replyChunks(said)) {
      ObjectNode o = base(model, false);
      ObjectNode msg = o.putObject("message");
      msg.put("role", "assistant");
      msg.put("content", piece);
      lines.add(JSON.writeValueAsString(o) + "\n");
    }
    ObjectNode last = base(model, true);
    ObjectNode msg = last.putObject("message");
    msg.put("role", "assistant");
    msg.put("content", "");
    finish(last);
    lines.add(JSON.writeValueAsString(last) + "\n");
    sendStream(res, "application/x-ndjson", lines);
  }

  private void generate(ServerRequest req, ServerResponse res) {
    JsonNode request = record(req, res);
    if (request == null) {
      return;
    }
    String said = request.path("prompt").asString("");
    String model = request.path("model").asString("llama-stub");
    if (!streams(request)) {
      ObjectNode one = base(model, true);
      one.put("response", reply(said));
      finish(one);
      sendJson(res, one);
      return;
    }
    List<String> lines = new ArrayList<>();
    for (String piece : replyChunks(said)) {
      ObjectNode o = base(model, false);
      o.put("response", piece);
      lines.add(JSON.writeValueAsString(o) + "\n");
    }
    ObjectNode last = base(model, true);
    last.put("response", "");
    finish(last);
    lines.add(JSON.writeValueAsString(last) + "\n");
    sendStream(res, "application/x-ndjson", lines);
  }

  private static ObjectNode base(String model, boolean done) {
    ObjectNode o = JSON.createObjectNode();
    o.put("model", model);
    o.put("created_at", CREATED);
    o.put("done", done);
    return o;
  }

  private static void finish(ObjectNode last) {
    last.put("done_reason", "stop");
    last.put("total_duration", 1_000_000L);
    last.put("prompt_eval_count", 8);
    last.put("eval_count", 12);
  }

  /** Configures an {@link OllamaStub}. */
  public static final class Builder extends EchoStub.Builder<Builder> {
    private Builder() {}

    public OllamaStub start() {
      return new OllamaStub(this);
    }
  }
}
