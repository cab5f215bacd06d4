package dev.warden.engine.stream;

import dev.warden.engine.json.JsonWalker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one inspected stream that codecs work through: its {@link Channels}, the JSON
 * settings, and the output written so far in this call. Not thread-safe.
 */
final class Session {
  /**
   * String values that name structure, not content: enum-like fields every dialect uses. They
   * repeat on every event, so each is scanned once per stream and value ({@link #repeated}) rather
   * than per event; an upstream can still put anything there, so they are never left unscanned.
   */
  private static final Set<String> STRUCTURAL =
      Set.of(
          "id",
          "object",
          "model",
          "role",
          "type",
          "finish_reason",
          "stop_reason",
          "finishReason",
          "modelVersion",
          "responseId",
          "created_at",
          "createTime",
          "done_reason",
          "status",
          "item_id",
          "call_id",
          "system_fingerprint",
          "service_tier",
          "stop_sequence",
          "signature",
          "context");

  final Channels channels;
  final JsonMapper mapper;
  private final JsonWalker walker;
  private final boolean ndjson;
  private final String dialect;
  private final StringBuilder out = new StringBuilder();

  /** The last value found clean at each structural path (key names included); bounded. */
  private final java.util.Map<String, String> cleanAt = new java.util.HashMap<>();

  private static final int MAX_CLEAN_PATHS = 512;

  Session(Channels channels, JsonMapper mapper, JsonWalker walker, StreamCodec codec) {
    this.channels = channels;
    this.mapper = mapper;
    this.walker = walker;
    this.ndjson = codec.ndjson();
    this.dialect = codec.dialect();
  }

  /** Parses an event's data as a JSON object, failing closed. */
  ObjectNode parse(SseEvent event) {
    JsonNode node;
    try {
      node = mapper.readTree(event.data());
    } catch (JacksonException e) {
      throw new StreamFormatException(
          dialect + " stream event is not valid JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new StreamFormatException(dialect + " stream event is not a JSON object");
    }
    return (ObjectNode) node;
  }

  Frame frame(SseEvent event, ObjectNode root) {
    return new Frame(event, root);
  }

  /** Runs {@code f} through the channels and writes the events that result. */
  void emit(Frame f) {
    String[] released = new String[f.slots.size()];
    for (int i = 0; i < released.length; i++) {
      Frame.Slot s = f.slots.get(i);
      if (s.kind() == Frame.Kind.DELTA) {
        released[i] =
            channels.push(
                s.channel(), s.field(), s.parent().path(s.field()).asString(), s.carrier());
      }
    }
    List<String> ending = new ArrayList<>(f.ends);
    for (String prefix : f.endsUnder) {
      ending.addAll(channels.openUnder(prefix));
    }
    if (f.endsAll) {
      ending.addAll(channels.openUnder(""));
    }
    for (String channel : ending) {
      Function<String, SseEvent> carrier = channels.carrier(channel);
      String rest = channels.flush(channel);
      if (rest.isEmpty() || carrier == null) {
        continue;
      }
      Frame.Slot own = f.lastDelta(channel);
      if (own != null) {
        int i = f.slots.indexOf(own);
        released[i] = released[i] + rest;
      } else {
        write(carrier.apply(rest));
      }
    }
    boolean[] changed = {f.modified};
    for (int i = 0; i < released.length; i++) {
      Frame.Slot s = f.slots.get(i);
      String original = s.parent().path(s.field()).asString();
      String now =
          s.kind() == Frame.Kind.TOTAL
              ? channels.total(s.channel(), s.field(), original)
              : released[i];
      if (!now.equals(original)) {
        s.parent().put(s.field(), now);
        changed[0] = true;
      }
    }
    walker.walk(
        f.root,
        (text, key, path) -> {
          if (f.claims(path)) {
            return text; // channels are done
          }
          String scanned =
              key == null || STRUCTURAL.contains(key)
                  ? repeated(path, key, text)
                  : channels.whole(path, key, text);
          if (!scanned.equals(text)) {
            changed[0] = true;
          }
          return scanned;
        });
    write(changed[0] ? f.event.withData(mapper.writeValueAsString(f.root)) : f.event);
  }

  /**
   * Scans a value that repeats from event to event at the same place (an id, a model name, a key
   * name, an SSE {@code event:} or {@code id:} field) as a whole value, unless this very value was
   * already found clean there.
   */
  String repeated(String path, @Nullable String key, String text) {
    if (text.equals(cleanAt.get(path))) {
      return text;
    }
    String scanned = channels.whole(path, key, text);
    if (scanned.equals(text) && (cleanAt.size() < MAX_CLEAN_PATHS || cleanAt.containsKey(path))) {
      cleanAt.put(path, text);
    }
    return scanned;
  }

  /** Writes an event unchanged (after the caller has scanned whatever it carries). */
  void write(SseEvent event) {
    if (ndjson) {
      out.append(event.data()).append('\n');
    } else {
      SseReader.write(event, out);
    }
  }

  /** Writes framing bytes as they are (a comment line). */
  void writeRaw(String text) {
    out.append(text);
  }

  /** Ends every open channel, writing carrier events for what they still held. */
  void flushAll() {
    for (SseEvent e : channels.flushAll()) {
      write(e);
    }
  }

  /** A new event of the same kind as {@code like} with {@code data} (for carriers). */
  SseEvent event(SseEvent like, ObjectNode data) {
    return new SseEvent(like.type(), mapper.writeValueAsString(data), null, null);
  }

  ObjectNode object() {
    return mapper.createObjectNode();
  }

  ArrayNode array() {
    return mapper.createArrayNode();
  }

  /** Takes what was written since the last call. */
  String drain() {
    String s = out.toString();
    out.setLength(0);
    return s;
  }

  boolean hasOutput() {
    return !out.isEmpty();
  }
}
