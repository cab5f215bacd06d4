package dev.warden.testing;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI-compatible upstream that answers by echoing what it received, bound to loopback. The
 * demo uses it to show exactly what left the gateway; tests use {@link #received()} to assert that
 * nothing unprotected arrived.
 *
 * <p>{@code POST /v1/chat/completions} answers a {@code chat.completion} whose assistant message is
 * the last user message (plus {@link Builder#appendToReply} text, to exercise response protection);
 * {@code /v1/completions} echoes the prompt; {@code /v1/embeddings} returns a fixed small vector
 * per input, or {@code dimensions} deterministic values, as float arrays or (with {@code
 * encoding_format: base64}) as base64 of little-endian float32 the way OpenAI sends them; {@code
 * /v1/responses} answers a {@code response} whose {@code output_text} message echoes the last user
 * input. Everything else is a 404.
 *
 * <p>With {@code "stream": true}, chat and completions answer the same text as Server-Sent Events
 * the way OpenAI does: {@code chat.completion.chunk} (or {@code text_completion}) events of {@link
 * Builder#streamChunkChars} characters each, {@link Builder#streamDelay} apart, an optional tool
 * call whose arguments arrive as deltas, a final chunk with {@code finish_reason}, then {@code
 * data: [DONE]}; {@code /v1/responses} answers the Responses API's named events ({@code
 * response.output_text.delta} …, an optional {@code function_call} item, {@code
 * response.completed}). Misbehaviour for failure tests: {@link Builder#streamStallAfter} (stop
 * sending, keep the connection open), {@link Builder#streamDropAfter} (abort the connection). The
 * counters ({@link #streamsStarted}, {@link #streamsCompleted}, {@link #streamsAborted}, {@link
 * #streamedBytes}) let a test observe from the upstream side what the gateway did to the call.
 */
public final class StubUpstream implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
  private final Map<String, String> responseHeaders;
  private final AtomicLong ids = new AtomicLong();
  private final String appendToReply;
  private final Duration delay;
  private final @Nullable String rawReply;
  private final @Nullable String rawContentType;
  private final int streamChunkChars;
  private final Duration streamDelay;
  private final int streamFillerChunks;
  private final int streamStallAfter;
  private final int streamDropAfter;
  private final @Nullable String toolName;
  private final @Nullable String toolArguments;
  private final AtomicLong streamsStarted = new AtomicLong();
  private final AtomicLong streamsCompleted = new AtomicLong();
  private final AtomicLong streamsAborted = new AtomicLong();
  private final AtomicLong streamedBytes = new AtomicLong();
  private volatile boolean closed;

  private StubUpstream(Builder b) {
    this.streamChunkChars = b.streamChunkChars;
    this.streamDelay = b.streamDelay;
    this.streamFillerChunks = b.streamFillerChunks;
    this.streamStallAfter = b.streamStallAfter;
    this.streamDropAfter = b.streamDropAfter;
    this.toolName = b.toolName;
    this.toolArguments = b.toolArguments;
    this.appendToReply = b.appendToReply;
    this.delay = b.delay;
    this.rawReply = b.rawReply;
    this.rawContentType = b.rawContentType;
    this.responseHeaders = Map.copyOf(b.responseHeaders);
    this.server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(b.port)
            .shutdownHook(false)
            .connectionOptions(o -> o.tcpNoDelay(true)) // as providers do: no Nagle on SSE
            .routing(r ->
                r.post("/v1/chat/completions", (req, res) -> handle(req, res, this::chat))
                    .post("/v1/completions", (req, res) -> handle(req, res, this::completion))
                    .post("/v1/embeddings", (req, res) -> handle(req, res, this::embeddings))
                    .post("/v1/responses", (req, res) -> handle(req, res, this::responses))
                    .any((req, res) ->
                        res.status(Status.NOT_FOUND_404)
                            .header(HeaderNames.CONTENT_TYPE, "application/json")
                            .send("{\"error\":{\"message\":\"not found\",\"type\":\"stub\"}}")))
            .build()
            .start();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static StubUpstream start() {
    return builder().start();
  }

  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Every request body received, in arrival order, as UTF-8 text. */
  public List<String> received() {
    return List.copyOf(received);
  }

  /** The {@code Authorization} header of each request ({@code ""} when absent). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** Every request's headers, names lower-cased, in arrival order. */
  public List<Map<String, String>> receivedHeaders() {
    return List.copyOf(headers);
  }

  public @Nullable String lastReceived() {
    return received.isEmpty() ? null : received.getLast();
  }

  /** Streamed answers begun. */
  public long streamsStarted() {
    return streamsStarted.get();
  }

  /** Streamed answers sent to the end ({@code data: [DONE]} written and flushed). */
  public long streamsCompleted() {
    return streamsCompleted.get();
  }

  /**
   * Streamed answers that ended because a write failed: the caller closed the connection (or a drop
   * was configured). A gateway that cancels its upstream call on a client disconnect shows up here.
   */
  public long streamsAborted() {
    return streamsAborted.get();
  }

  /** Bytes of streamed answers written so far (flushed to the socket), over all streams. */
  public long streamedBytes() {
    return streamedBytes.get();
  }

  @Override
  public void close() {
    closed = true;
    server.stop();
  }

  @FunctionalInterface
  private interface Answer {
    ObjectNode answer(JsonNode request);
  }

  /** Thrown inside a streamed answer to abort the connection (a configured drop). */
  private static final class Drop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Drop() {
      super("stub: configured mid-stream drop", null, false, false);
    }
  }

  private void handle(ServerRequest req, ServerResponse res, Answer answer) {
    byte[] body = req.content().as(byte[].class);
    String text = new String(body, StandardCharsets.UTF_8);
    received.add(text);
    authorizations.add(req.headers().first(HeaderNames.AUTHORIZATION).orElse(""));
    Map<String, String> seen = new TreeMap<>();
    req.headers().forEach(h -> seen.put(h.name().toLowerCase(Locale.ROOT), h.values()));
    headers.add(seen);
    responseHeaders.forEach(res::header);
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (rawReply != null) {
      res.header(
              HeaderNames.CONTENT_TYPE,
              rawContentType == null ? "application/json" : rawContentType)
          .send(rawReply.getBytes(StandardCharsets.UTF_8));
      return;
    }
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (RuntimeException e) {
      res.status(Status.BAD_REQUEST_400)
          .header(HeaderNames.CONTENT_TYPE, "application/json")
          .send("{\"error\":{\"message\":\"invalid json\",\"type\":\"stub\"}}");
      return;
    }
    if (request.path("stream").asBoolean(false)) {
      String path = req.path().path();
      if (path.endsWith("/chat/completions")) {
        stream(res, request, true);
        return;
      }
      if (path.endsWith("/completions")) {
        stream(res, request, false);
        return;
      }
      if (path.endsWith("/responses")) {
        streamResponse(res, request);
        return;
      }
    }
    ObjectNode reply = answer.answer(request);
    res.header(HeaderNames.CONTENT_TYPE, "application/json").send(JSON.writeValueAsBytes(reply));
  }

  /**
   * Writes the reply as SSE events, flushing each one. A failed write (the caller went away) counts
   * the stream as aborted; a configured drop throws out of the handler so the server closes the
   * connection without the terminating chunk.
   */
  private void stream(ServerResponse res, JsonNode request, boolean chat) {
    streamsStarted.incrementAndGet();
    List<String> events = new java.util.ArrayList<>();
    String text =
        chat
            ? "You said: " + lastUserMessage(request) + appendToReply
            : "You said: "
                + (request.path("prompt").isString() ? request.path("prompt").asString() : "")
                + appendToReply;
    String id = "stub-" + ids.incrementAndGet();
    String model = request.path("model").asString("stub-model");
    if (chat) {
      events.add(chunk(id, model, true, d -> d.put("role", "assistant").put("content", ""), null));
    }
    for (String piece : split(text, streamChunkChars)) {
      events.add(
          chat
              ? chunk(id, model, true, d -> d.put("content", piece), null)
              : chunk(id, model, false, c -> c.put("text", piece), null));
    }
    for (int i = 0; i < streamFillerChunks; i++) {
      // Leading space: filler must not run on into the reply's last word (an address, a key).
      String filler = " lorem ipsum dolor sit amet".repeat(streamChunkChars / 27 + 1);
      String piece = filler.substring(0, Math.max(1, streamChunkChars));
      events.add(
          chat
              ? chunk(id, model, true, d -> d.put("content", piece), null)
              : chunk(id, model, false, c -> c.put("text", piece), null));
    }
    String tool = toolName;
    String args = toolArguments;
    if (chat && tool != null && args != null) {
      events.add(
          chunk(
              id,
              model,
              true,
              d -> {
                ObjectNode call = d.putArray("tool_calls").addObject();
                call.put("index", 0).put("id", "call_stub_1").put("type", "function");
                call.putObject("function").put("name", tool).put("arguments", "");
              },
              null));
      for (String piece : split(args, streamChunkChars)) {
        events.add(
            chunk(
                id,
                model,
                true,
                d -> {
                  ObjectNode call = d.putArray("tool_calls").addObject();
                  call.put("index", 0).putObject("function").put("arguments", piece);
                },
                null));
      }
    }
    String finish = chat && tool != null ? "tool_calls" : "stop";
    events.add(chunk(id, model, chat, d -> {}, finish));
    events.add("[DONE]");

    List<String> framed = new java.util.ArrayList<>();
    for (String e : events) {
      framed.add("data: " + e + "\n\n");
    }
    writeEvents(res, framed);
  }

  /**
   * The Responses API stream, as OpenAI sends it: {@code response.created}, the message item and
   * its {@code output_text} part, one {@code response.output_text.delta} per {@link
   * Builder#streamChunkChars} characters, the done events repeating the whole text, an optional
   * {@code function_call} item whose {@code arguments} arrive as {@code
   * response.function_call_arguments.delta} events ({@link Builder#streamToolCall}), then {@code
   * response.completed}. No end marker follows (the Responses API sends none).
   */
  private void streamResponse(ServerResponse res, JsonNode request) {
    streamsStarted.incrementAndGet();
    String text = "You said: " + lastResponsesInput(request) + appendToReply;
    long n = ids.incrementAndGet();
    String model = request.path("model").asString("stub-model");
    String msgId = "msg_stub_" + n;
    List<String> events = new java.util.ArrayList<>();
    int[] seq = {0};
    java.util.function.BiConsumer<String, java.util.function.Consumer<ObjectNode>> add =
        (type, fill) -> {
          ObjectNode e = JSON.createObjectNode();
          e.put("type", type);
          e.put("sequence_number", seq[0]++);
          fill.accept(e);
          events.add("event: " + type + "\ndata: " + JSON.writeValueAsString(e) + "\n\n");
        };
    ObjectNode created = responseObject("resp_stub_" + n, model, "in_progress");
    add.accept("response.created", e -> e.set("response", created));
    add.accept("response.in_progress", e -> e.set("response", created));
    ObjectNode item = JSON.createObjectNode();
    item.put("id", msgId).put("type", "message").put("status", "in_progress");
    item.put("role", "assistant").putArray("content");
    add.accept("response.output_item.added", e -> e.put("output_index", 0).set("item", item));
    java.util.function.Function<String, ObjectNode> part =
        t -> {
          ObjectNode p = JSON.createObjectNode().put("type", "output_text").put("text", t);
          p.putArray("annotations");
          return p;
        };
    add.accept(
        "response.content_part.added",
        e ->
            e.put("item_id", msgId)
                .put("output_index", 0)
                .put("content_index", 0)
                .set("part", part.apply("")));
    for (String piece : split(text, streamChunkChars)) {
      add.accept(
          "response.output_text.delta",
          e ->
              e.put("item_id", msgId)
                  .put("output_index", 0)
                  .put("content_index", 0)
                  .put("delta", piece));
    }
    add.accept(
        "response.output_text.done",
        e ->
            e.put("item_id", msgId)
                .put("output_index", 0)
                .put("content_index", 0)
                .put("text", text));
    add.accept(
        "response.content_part.done",
        e ->
            e.put("item_id", msgId)
                .put("output_index", 0)
                .put("content_index", 0)
                .set("part", part.apply(text)));
    ObjectNode doneItem = item.deepCopy().put("status", "completed");
    doneItem.putArray("content").add(part.apply(text));
    add.accept("response.output_item.done", e -> e.put("output_index", 0).set("item", doneItem));
    ObjectNode completed = responseObject("resp_stub_" + n, model, "completed");
    completed.withArray("output").add(doneItem);
    String tool = toolName;
    String args = toolArguments;
    if (tool != null && args != null) {
      String fcId = "fc_stub_" + n;
      ObjectNode call = JSON.createObjectNode();
      call.put("id", fcId).put("type", "function_call").put("status", "in_progress");
      call.put("call_id", "call_stub_1").put("name", tool).put("arguments", "");
      add.accept("response.output_item.added", e -> e.put("output_index", 1).set("item", call));
      for (String piece : split(args, streamChunkChars)) {
        add.accept(
            "response.function_call_arguments.delta",
            e -> e.put("item_id", fcId).put("output_index", 1).put("delta", piece));
      }
      add.accept(
          "response.function_call_arguments.done",
          e -> e.put("item_id", fcId).put("output_index", 1).put("arguments", args));
      ObjectNode doneCall = call.deepCopy().put("status", "completed").put("arguments", args);
      add.accept("response.output_item.done", e -> e.put("output_index", 1).set("item", doneCall));
      completed.withArray("output").add(doneCall);
    }
    int tokens = Math.max(1, text.length() / 4);
    completed
        .putObject("usage")
        .put("input_tokens", tokens)
        .put("output_tokens", tokens)
        .put("total_tokens", 2 * tokens);
    add.accept("response.completed", e -> e.set("response", completed));
    writeEvents(res, events);
  }

  private static ObjectNode responseObject(String id, String model, String status) {
    ObjectNode r = JSON.createObjectNode();
    r.put("id", id);
    r.put("object", "response");
    r.put("created_at", 1_700_000_000L);
    r.put("status", status);
    r.put("model", model);
    r.putArray("output");
    return r;
  }

  /** Writes SSE events (each already framed), honouring the delay, stall and drop settings. */
  private void writeEvents(ServerResponse res, List<String> events) {
    res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    java.io.OutputStream out = res.outputStream();
    try {
      for (int i = 0; i < events.size(); i++) {
        if (i == streamDropAfter) {
          throw new Drop();
        }
        if (i == streamStallAfter) {
          stall();
          return;
        }
        if (i > 0 && !streamDelay.isZero()) {
          Thread.sleep(streamDelay);
        }
        byte[] event = events.get(i).getBytes(StandardCharsets.UTF_8);
        out.write(event);
        out.flush();
        streamedBytes.addAndGet(event.length);
      }
      out.close();
      streamsCompleted.incrementAndGet();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      streamsAborted.incrementAndGet();
    } catch (InterruptedException e) {
      streamsAborted.incrementAndGet();
      Thread.currentThread().interrupt();
    } catch (Drop e) {
      streamsAborted.incrementAndGet();
      throw e;
    } catch (RuntimeException e) {
      // Helidon wraps socket failures in its own unchecked types.
      streamsAborted.incrementAndGet();
    }
  }

  /** Holds the connection open without sending, until the stub closes (at most ten minutes). */
  private void stall() throws InterruptedException {
    for (int i = 0; i < 6000 && !closed; i++) {
      Thread.sleep(100);
    }
  }

  private static List<String> split(String text, int size) {
    List<String> out = new java.util.ArrayList<>();
    int step = Math.max(1, size);
    for (int i = 0; i < text.length(); ) {
      int end = Math.min(text.length(), i + step);
      // Never split a surrogate pair: each delta must be valid JSON text on its own.
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      out.add(text.substring(i, end));
      i = end;
    }
    return out;
  }

  private String chunk(
      String id,
      String model,
      boolean chat,
      java.util.function.Consumer<ObjectNode> fill,
      @Nullable String finishReason) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", id);
    c.put("object", chat ? "chat.completion.chunk" : "text_completion");
    c.put("created", 1_700_000_000L);
    c.put("model", model);
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    if (chat) {
      fill.accept(choice.putObject("delta"));
    } else {
      choice.put("text", "");
      fill.accept(choice);
    }
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    return JSON.writeValueAsString(c);
  }

  private static String lastUserMessage(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if ("user".equals(m.path("role").asString(""))) {
        JsonNode content = m.path("content");
        return content.isString() ? content.asString() : JSON.writeValueAsString(content);
      }
    }
    return "";
  }

  private ObjectNode chat(JsonNode request) {
    String last = lastUserMessage(request);
    ObjectNode reply = base(request, "chat.completion");
    ObjectNode choice = reply.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", "You said: " + last + appendToReply);
    choice.put("finish_reason", "stop");
    usage(reply, last.length());
    return reply;
  }

  private ObjectNode completion(JsonNode request) {
    String prompt = request.path("prompt").isString() ? request.path("prompt").asString() : "";
    ObjectNode reply = base(request, "text_completion");
    ObjectNode choice = reply.putArray("choices").addObject();
    choice.put("index", 0);
    choice.put("text", "You said: " + prompt + appendToReply);
    choice.put("finish_reason", "stop");
    usage(reply, prompt.length());
    return reply;
  }

  private ObjectNode embeddings(JsonNode request) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("object", "list");
    reply.put("model", request.path("model").asString("stub-embedding"));
    ArrayNode data = reply.putArray("data");
    JsonNode input = request.path("input");
    int n = input.isArray() ? input.size() : 1;
    boolean base64 = "base64".equals(request.path("encoding_format").asString(""));
    int dimensions = request.path("dimensions").asInt(0);
    for (int i = 0; i < n; i++) {
      ObjectNode e = data.addObject();
      e.put("object", "embedding");
      e.put("index", i);
      float[] vector = dimensions > 0 ? vector(i, dimensions) : new float[] {0.125f, -0.5f, 0.25f};
      if (base64) {
        e.put("embedding", base64(vector));
      } else {
        ArrayNode values = e.putArray("embedding");
        for (float v : vector) {
          values.add(v);
        }
      }
    }
    usage(reply, 8);
    return reply;
  }

  /**
   * The Responses API's last user input: {@code input} as a string, or its last user item's text.
   */
  private static String lastResponsesInput(JsonNode request) {
    String last = "";
    JsonNode input = request.path("input");
    if (input.isString()) {
      last = input.asString();
    } else {
      for (int i = input.size() - 1; i >= 0; i--) {
        JsonNode item = input.get(i);
        if (!"user".equals(item.path("role").asString(""))) {
          continue;
        }
        JsonNode content = item.path("content");
        if (content.isString()) {
          last = content.asString();
        } else {
          List<String> texts = new java.util.ArrayList<>();
          content.forEach(part -> {
            if (part.has("text")) {
              texts.add(part.path("text").asString(""));
            }
          });
          last = String.join(" ", texts);
        }
        break;
      }
    }
    return last;
  }

  /** The Responses API: {@code input} is a string or a list of items with text parts. */
  private ObjectNode responses(JsonNode request) {
    String last = lastResponsesInput(request);
    ObjectNode reply = JSON.createObjectNode();
    reply.put("id", "resp_stub_" + ids.incrementAndGet());
    reply.put("object", "response");
    reply.put("created_at", 1_700_000_000L);
    reply.put("status", "completed");
    reply.put("model", request.path("model").asString("stub-model"));
    ObjectNode message = reply.putArray("output").addObject();
    message.put("type", "message");
    message.put("id", "msg_stub_" + ids.get());
    message.put("status", "completed");
    message.put("role", "assistant");
    ObjectNode text = message.putArray("content").addObject();
    text.put("type", "output_text");
    text.put("text", "You said: " + last + appendToReply);
    text.putArray("annotations");
    ObjectNode usage = reply.putObject("usage");
    int tokens = Math.max(1, last.length() / 4);
    usage.put("input_tokens", tokens);
    usage.put("output_tokens", tokens);
    usage.put("total_tokens", 2 * tokens);
    return reply;
  }

  /**
   * A deterministic vector of {@code dimensions} values in [-1, 1] for input {@code index}: as
   * varied as a real embedding, so its base64 form is as random-looking as a real one.
   */
  private static float[] vector(int index, int dimensions) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(31L * index + dimensions);
    float[] v = new float[Math.min(dimensions, 8192)];
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  /** OpenAI's {@code encoding_format: base64}: little-endian float32 values, base64-encoded. */
  private static String base64(float[] vector) {
    java.nio.ByteBuffer bytes =
        java.nio.ByteBuffer.allocate(4 * vector.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      bytes.putFloat(v);
    }
    return java.util.Base64.getEncoder().encodeToString(bytes.array());
  }

  private ObjectNode base(JsonNode request, String object) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("id", "stub-" + ids.incrementAndGet());
    reply.put("object", object);
    reply.put("created", 1_700_000_000L);
    reply.put("model", request.path("model").asString("stub-model"));
    return reply;
  }

  private static void usage(ObjectNode reply, int chars) {
    ObjectNode usage = reply.putObject("usage");
    int tokens = Math.max(1, chars / 4);
    usage.put("prompt_tokens", tokens);
    usage.put("completion_tokens", tokens);
    usage.put("total_tokens", 2 * tokens);
  }

  /** Configures a stub; every setting has a harmless default. */
  public static final class Builder {
    private int port;
    private String appendToReply = "";
    private Duration delay = Duration.ZERO;
    private @Nullable String rawReply;
    private @Nullable String rawContentType;
    private final Map<String, String> responseHeaders = new TreeMap<>();
    private int streamChunkChars = 8;
    private Duration streamDelay = Duration.ZERO;
    private int streamFillerChunks;
    private int streamStallAfter = Integer.MAX_VALUE;
    private int streamDropAfter = Integer.MAX_VALUE;
    private @Nullable String toolName;
    private @Nullable String toolArguments;

    private Builder() {}

    /** Characters of reply text per streamed delta (default 8). */
    public Builder streamChunkChars(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("streamChunkChars must be at least 1, got " + chars);
      }
      this.streamChunkChars = chars;
      return this;
    }

    /** Pause between streamed events (default none). */
    public Builder streamDelay(Duration delay) {
      this.streamDelay = delay;
      return this;
    }

    /** Extra filler deltas after the reply text, for long streams (default 0). */
    public Builder streamFillerChunks(int chunks) {
      this.streamFillerChunks = chunks;
      return this;
    }

    /**
     * After this many events, stop sending and hold the connection open (a stalled upstream).
     * Counted from 0; the first event of a chat stream is the role delta.
     */
    public Builder streamStallAfter(int events) {
      this.streamStallAfter = events;
      return this;
    }

    /** After this many events, abort the connection without ending the chunked body. */
    public Builder streamDropAfter(int events) {
      this.streamDropAfter = events;
      return this;
    }

    /**
     * Streamed chat answers end with one tool call of this name whose JSON {@code arguments} arrive
     * in deltas of {@link #streamChunkChars} characters ({@code finish_reason: tool_calls}).
     */
    public Builder streamToolCall(String name, String argumentsJson) {
      this.toolName = name;
      this.toolArguments = argumentsJson;
      return this;
    }

    /** A header added to every answer. */
    public Builder responseHeader(String name, String value) {
      responseHeaders.put(name, value);
      return this;
    }

    /** Port to bind on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Text appended to every reply, e.g. a fake secret for response protection to find. */
    public Builder appendToReply(String text) {
      this.appendToReply = text;
      return this;
    }

    /** Delay before answering, to exercise timeouts. */
    public Builder delay(Duration delay) {
      this.delay = delay;
      return this;
    }

    /** Answer every request with exactly this body (misbehaving-upstream tests). */
    public Builder rawReply(String body, String contentType) {
      this.rawReply = body;
      this.rawContentType = contentType;
      return this;
    }

    public StubUpstream start() {
      return new StubUpstream(this);
    }
  }
}
