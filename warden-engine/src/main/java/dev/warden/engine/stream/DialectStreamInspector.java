package dev.warden.engine.stream;

import dev.warden.api.Restorer;
import dev.warden.api.VaultSession;
import dev.warden.engine.Protector;
import dev.warden.engine.detect.ContextWords;
import dev.warden.engine.detect.RuleCatalog;
import dev.warden.engine.json.JsonWalker;
import dev.warden.engine.normalize.EvasionLimits;
import dev.warden.engine.transform.Replacement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link StreamInspector}: a reader (SSE or NDJSON) feeding a dialect's {@link
 * StreamCodec}, whose text goes through per-channel hold-back {@link Channels}. Assembled by {@link
 * StreamInspectors}.
 */
final class DialectStreamInspector implements StreamInspector {
  /** Largest event (SSE) or line (NDJSON) accepted; larger fails closed. */
  static final int MAX_EVENT_BYTES = 4 << 20;

  private final StreamCodec codec;
  private final Session session;
  private final @Nullable SseReader sse;
  private final @Nullable NdjsonReader ndjson;
  private final SseReader.Listener listener;
  private boolean ended;

  DialectStreamInspector(
      StreamCodec codec, Protector responses, VaultSession vault, Restorer restorer, int holdBack) {
    this.codec = codec;
    Channels channels =
        new Channels(
            responses,
            vault,
            restorer,
            holdBack,
            RuleCatalog.longAnchors(),
            ContextWords.WINDOW,
            EvasionLimits.defaults().maxRunLength(),
            codec.repeatsTotals());
    this.session =
        new Session(
            channels, responses.bodies().mapper(), new JsonWalker(responses.bodies()), codec);
    if (codec.ndjson()) {
      this.sse = null;
      this.ndjson = new NdjsonReader(MAX_EVENT_BYTES);
    } else {
      this.sse = new SseReader(MAX_EVENT_BYTES);
      this.ndjson = null;
    }
    this.listener =
        new SseReader.Listener() {
          @Override
          public void event(SseEvent event) {
            codec.event(screened(event), session);
          }

          @Override
          public void comment(String text) {
            // A comment is a keep-alive; forward it scanned, so it cannot carry a value out.
            String scanned = session.channels.whole("(comment)", null, text);
            session.writeRaw(":" + scanned.replace('\n', ' ').replace('\r', ' ') + "\n\n");
          }
        };
  }

  /**
   * The event with its {@code event:} and {@code id:} fields scanned: they reach the client as
   * sent, so an upstream must not be able to carry a value out in them.
   */
  private SseEvent screened(SseEvent event) {
    String type = event.type() == null ? null : session.repeated("(event)", null, event.type());
    String id = event.id() == null ? null : session.repeated("(id)", null, event.id());
    return java.util.Objects.equals(type, event.type()) && java.util.Objects.equals(id, event.id())
        ? event
        : new SseEvent(type, event.data(), id, event.retry());
  }

  @Override
  public void accept(byte[] chunk, int offset, int length, Output out) {
    requireOpen();
    try {
      if (sse != null) {
        sse.feed(chunk, offset, length, listener);
      } else if (ndjson != null) {
        ndjson.feed(chunk, offset, length, line -> codec.event(SseEvent.line(line), session));
      }
    } catch (Channels.Blocked b) {
      throw blocked(b, out);
    } catch (RuntimeException e) {
      ended = true;
      throw e;
    }
    write(out);
  }

  @Override
  public void finish(Output out) {
    requireOpen();
    try {
      if (sse != null) {
        sse.finish();
      } else if (ndjson != null) {
        ndjson.finish(line -> codec.event(SseEvent.line(line), session));
      }
      session.flushAll();
    } catch (Channels.Blocked b) {
      throw blocked(b, out);
    } catch (RuntimeException e) {
      ended = true;
      throw e;
    }
    ended = true;
    write(out);
  }

  @Override
  public List<Replacement> replacements() {
    return session.channels.replacements();
  }

  private void requireOpen() {
    if (ended) {
      throw new IllegalStateException(
          "this stream inspector has ended (finished, blocked or failed); use one per stream");
    }
  }

  private void write(Output out) {
    if (session.hasOutput()) {
      out.write(session.drain().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * What was released before the block went out (it was scanned); then the dialect's error event
   * and Warden's abort marker.
   */
  private StreamBlockedException blocked(Channels.Blocked b, Output out) {
    ended = true;
    write(out); // events released before the blocking one in this chunk were scanned
    String type = b.by.finding().type();
    String message =
        "Warden blocked the streamed response: it contained a value of type '"
            + type
            + "' that policy blocks; the stream was ended";
    String terminal = codec.errorEvent(message, session) + abortMarker(b.by);
    return new StreamBlockedException(b.by, terminal.getBytes(StandardCharsets.UTF_8));
  }

  private String abortMarker(Replacement by) {
    tools.jackson.databind.node.ObjectNode root = session.object();
    tools.jackson.databind.node.ObjectNode abort = root.putObject("warden_abort");
    abort.put("reason", "blocked");
    abort.put("type", by.finding().type());
    abort.put("rule", by.finding().ruleId());
    String json = session.mapper.writeValueAsString(root);
    return codec.ndjson() ? json + "\n" : "event: warden-abort\ndata: " + json + "\n\n";
  }
}
