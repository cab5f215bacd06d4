package dev.warden.testing;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Gemini API upstream that echoes, bound to loopback. {@code POST
 * /v1beta/models/{model}:generateContent} answers a {@code GenerateContentResponse} whose candidate
 * text is the last user turn's text parts (and function responses) plus {@link
 * Builder#appendToReply}, or a {@code functionCall} part ({@link Builder#replyWithToolCall}).
 * {@code :streamGenerateContent?alt=sse} answers SSE {@code data:} events, each a {@code
 * GenerateContentResponse} with the next piece of text ({@link Builder#chunkChars}), the last one
 * with {@code finishReason} and {@code usageMetadata}; without {@code alt=sse} it answers Gemini's
 * non-incremental form, one JSON array of those objects.
 */
public final class GeminiStub extends EchoStub {
  private static final Pattern PATH =
      Pattern.compile("/v1beta/models/([A-Za-z0-9._-]+):(generateContent|streamGenerateContent)");

  private GeminiStub(Builder b) {
    super(b.options);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static GeminiStub start() {
    return builder().start();
  }

  @Override
  void routes(HttpRouting.Builder routing) {
    routing.post("/v1beta/models/*", this::generate);
  }

  @Override
  String notFound() {
    return "{\"error\":{\"code\":404,\"message\":\"not found\",\"status\":\"NOT_FOUND\"}}";
  }

  private void generate(ServerRequest req, ServerResponse res) {
    Matcher m = PATH.matcher(req.path().rawPath());
    JsonNode request = record(req, res);
    if (request == null) {
      return;
    }
    if (!m.matches()) {
      res.status(Status.NOT_FOUND_404).send(notFound());
      return;
    }
    String model = m.group(1);
    String said = lastUserText(request);
    boolean stream = m.group(2).equals("streamGenerateContent");
    if (!stream) {
      sendJson(res, answer(model, parts(said, null), true, said.length()));
      return;
    }
    List<ObjectNode> pieces = new ArrayList<>();
    if (options.toolName != null) {
      pieces.add(answer(model, parts(said, null), true, said.length()));
    } else {
      List<String> chunks = replyChunks(said);
      for (int i = 0; i < chunks.size(); i++) {
        boolean last = i == chunks.size() - 1;
        pieces.add(answer(model, parts(said, chunks.get(i)), last, said.length()));
      }
    }
    if ("alt=sse".equals(req.query().rawValue())) {
      List<String> events = new ArrayList<>();
      pieces.forEach(p -> events.add("data: " + JSON.writeValueAsString(p) + "\r\n\r\n"));
      sendStream(res, "text/event-stream", events);
    } else {
      ArrayNode all = JSON.createArrayNode();
      pieces.forEach(all::add);
      sendJson(res, all);
    }
  }

  /** A text part with {@code text} (the whole reply when null), or the configured call. */
  private ArrayNode parts(String said, @Nullable String text) {
    ArrayNode parts = JSON.createArrayNode();
    ObjectNode part = parts.addObject();
    if (options.toolName != null) {
      ObjectNode call = part.putObject("functionCall");
      call.put("name", options.toolName);
      call.set("args", JSON.readTree(options.toolArguments));
    } else {
      part.put("text", text == null ? reply(said) : text);
    }
    return parts;
  }

  private static ObjectNode answer(String model, ArrayNode parts, boolean last, int chars) {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode candidate = out.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.set("parts", parts);
    content.put("role", "model");
    candidate.put("index", 0);
    if (last) {
      candidate.put("finishReason", "STOP");
      ObjectNode usage = out.putObject("usageMetadata");
      int tokens = Math.max(1, chars / 4);
      usage.put("promptTokenCount", tokens);
      usage.put("candidatesTokenCount", tokens);
      usage.put("totalTokenCount", 2 * tokens);
    }
    out.put("modelVersion", model);
    return out;
  }

  /** The last {@code contents[]} turn from the user: text parts and function responses, joined. */
  static String lastUserText(JsonNode request) {
    JsonNode contents = request.path("contents");
    for (int i = contents.size() - 1; i >= 0; i--) {
      JsonNode turn = contents.get(i);
      if (!turn.path("role").asString("user").equals("user")) {
        continue;
      }
      List<String> texts = new ArrayList<>();
      for (JsonNode part : turn.path("parts")) {
        if (part.has("text")) {
          texts.add(part.path("text").asString(""));
        } else if (part.has("functionResponse")) {
          texts.add(JSON.writeValueAsString(part.path("functionResponse").path("response")));
        }
      }
      return String.join(" ", texts);
    }
    return "";
  }

  /** Configures a {@link GeminiStub}. */
  public static final class Builder extends EchoStub.Builder<Builder> {
    private Builder() {}

    public GeminiStub start() {
      return new GeminiStub(this);
    }
  }
}
