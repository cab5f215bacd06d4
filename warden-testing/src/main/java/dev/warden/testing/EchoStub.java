package dev.warden.testing;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the provider stubs share: a loopback Helidon server that records every request (body, raw
 * path with query, headers) and answers by echoing, as JSON or as a stream written chunk by chunk
 * and flushed after each, in the provider's wire format.
 */
abstract class EchoStub implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong streamsCompleted = new AtomicLong();
  private final AtomicLong streamsAborted = new AtomicLong();
  final Options options;

  EchoStub(Options options) {
    this.options = options;
    HttpRouting.Builder routing = HttpRouting.builder();
    routes(routing);
    routing.any((req, res) ->
        res.status(Status.NOT_FOUND_404)
            .header(HeaderNames.CONTENT_TYPE, "application/json")
            .send(notFound()));
    this.server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(options.port)
            .shutdownHook(false)
            .connectionOptions(o -> o.tcpNoDelay(true)) // as providers do: no Nagle on SSE
            .routing(routing)
            .build()
            .start();
  }

  /** Registers the provider's routes; handlers call {@link #record} first. */
  abstract void routes(HttpRouting.Builder routing);

  /** The provider's 404 body. */
  abstract String notFound();

  public final int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:port}. */
  public final String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Every request body received, in arrival order, as UTF-8 text. */
  public final List<String> received() {
    return List.copyOf(received);
  }

  public final @Nullable String lastReceived() {
    return received.isEmpty() ? null : received.getLast();
  }

  /** Every request's raw path with its query ({@code /v1beta/models/m:x?alt=sse}). */
  public final List<String> receivedPaths() {
    return List.copyOf(paths);
  }

  /** Every request's headers, names lower-cased, in arrival order. */
  public final List<Map<String, String>> receivedHeaders() {
    return List.copyOf(headers);
  }

  /** Streamed answers written to the end and closed. */
  public final long streamsCompleted() {
    return streamsCompleted.get();
  }

  /**
   * Streamed answers that ended because a write failed: the caller closed the connection. A gateway
   * that cancels its upstream call (a block, a client disconnect) shows up here.
   */
  public final long streamsAborted() {
    return streamsAborted.get();
  }

  @Override
  public final void close() {
    server.stop();
  }

  /** Records the request and parses its body; null (after answering 400) when it is not JSON. */
  final @Nullable JsonNode record(ServerRequest req, ServerResponse res) {
    byte[] body = req.content().as(byte[].class);
    received.add(new String(body, StandardCharsets.UTF_8));
    String query = req.query().rawValue();
    paths.add(req.path().rawPath() + (query.isEmpty() ? "" : "?" + query));
    Map<String, String> seen = new TreeMap<>();
    req.headers().forEach(h -> seen.put(h.name().toLowerCase(Locale.ROOT), h.values()));
    headers.add(seen);
    try {
      return JSON.readTree(body);
    } catch (RuntimeException e) {
      res.status(Status.BAD_REQUEST_400)
          .header(HeaderNames.CONTENT_TYPE, "application/json")
          .send(notFound().replace("not found", "invalid json"));
      return null;
    }
  }

  final long nextId() {
    return ids.incrementAndGet();
  }

  /** The echo text: "You said: " + what the user said + the configured suffix. */
  final String reply(String said) {
    return "You said: " + said + options.appendToReply;
  }

  static void sendJson(ServerResponse res, JsonNode body) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json").send(JSON.writeValueAsBytes(body));
  }

  /**
   * Writes each event and flushes it ({@link Builder#chunkDelay} apart), so the client sees the
   * chunks as separate reads. A failed write counts the stream as aborted.
   */
  final void sendStream(ServerResponse res, String contentType, List<String> events) {
    res.header(HeaderNames.CONTENT_TYPE, contentType);
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    try (OutputStream out = res.outputStream()) {
      for (int i = 0; i < events.size(); i++) {
        if (i > 0 && !options.chunkDelay.isZero()) {
          Thread.sleep(options.chunkDelay);
        }
        out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException | UncheckedIOException e) {
      streamsAborted.incrementAndGet();
      return;
    } catch (InterruptedException e) {
      streamsAborted.incrementAndGet();
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      // Helidon reports a closed connection with its own unchecked types.
      streamsAborted.incrementAndGet();
      return;
    }
    streamsCompleted.incrementAndGet();
  }

  /**
   * The streamed reply to {@code said}: {@link #reply} in {@link #chunks}, then {@link
   * Builder#fillerChunks} pieces of filler prose, so a test can make a stream outlast a block.
   */
  final List<String> replyChunks(String said) {
    List<String> out = chunks(reply(said));
    int size = Math.max(1, options.chunkChars <= 0 ? 8 : options.chunkChars);
    // Leading space: filler must not run on into the reply's last word (an address, a number).
    String filler = " lorem ipsum dolor sit amet".repeat(size / 27 + 1).substring(0, size);
    for (int i = 0; i < options.fillerChunks; i++) {
      out.add(filler);
    }
    return out;
  }

  /** {@code text} cut into pieces of {@link Options#chunkChars} code points (whole when 0). */
  final List<String> chunks(String text) {
    int size = options.chunkChars;
    List<String> out = new ArrayList<>();
    if (size <= 0 || text.isEmpty()) {
      out.add(text);
      return out;
    }
    int[] cps = text.codePoints().toArray();
    for (int i = 0; i < cps.length; i += size) {
      out.add(new String(cps, i, Math.min(size, cps.length - i)));
    }
    return out;
  }

  /** Settings shared by the provider stubs' builders. */
  static final class Options {
    int port;
    String appendToReply = "";
    int chunkChars;
    @Nullable String toolName;
    String toolArguments = "{}";
    int fillerChunks;
    java.time.Duration chunkDelay = java.time.Duration.ZERO;
  }

  /**
   * The builder every stub extends.
   *
   * @param <B> the concrete builder
   */
  @SuppressWarnings("unchecked") // the self type: every subclass passes itself as B
  abstract static class Builder<B extends Builder<B>> {
    final Options options = new Options();

    /** Port to bind on 127.0.0.1; 0 (default) picks a free one. */
    public B port(int port) {
      options.port = port;
      return (B) this;
    }

    /** Text appended to every reply, e.g. a fake secret for response protection to find. */
    public B appendToReply(String text) {
      options.appendToReply = text;
      return (B) this;
    }

    /**
     * Streams the reply (text, or tool-call arguments) in pieces of this many characters, one event
     * each; 0 (default) sends it in one piece.
     */
    public B chunkChars(int chars) {
      options.chunkChars = chars;
      return (B) this;
    }

    /** Extra filler pieces after the streamed reply text, for long streams (default 0). */
    public B fillerChunks(int chunks) {
      options.fillerChunks = chunks;
      return (B) this;
    }

    /** Pause between streamed events (default none). */
    public B chunkDelay(java.time.Duration delay) {
      options.chunkDelay = delay;
      return (B) this;
    }

    /** Replies with a call of tool {@code name} with these JSON arguments instead of text. */
    public B replyWithToolCall(String name, String argumentsJson) {
      JSON.readTree(argumentsJson); // fail early on a typo in a test
      options.toolName = name;
      options.toolArguments = argumentsJson;
      return (B) this;
    }
  }
}
