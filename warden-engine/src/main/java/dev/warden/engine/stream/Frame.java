package dev.warden.engine.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON event being inspected: a codec marks where its text channels are ({@link #delta}), which
 * channels it ends ({@link #ends}) and which fields repeat a channel's full text ({@link #total});
 * {@link Session#emit} does the rest in a fixed order: push every delta, flush what ends (into this
 * event's own slot for that channel, else into a carrier event written just before), fill totals,
 * scan every other string leaf as a whole value, then write the event.
 */
final class Frame {
  enum Kind {
    DELTA,
    TOTAL
  }

  record Slot(
      Kind kind,
      String channel,
      ObjectNode parent,
      String field,
      String eventPath,
      Function<String, SseEvent> carrier) {}

  final SseEvent event;
  final ObjectNode root;
  final List<Slot> slots = new ArrayList<>();
  final Set<String> ends = new LinkedHashSet<>();
  final List<String> endsUnder = new ArrayList<>();
  boolean endsAll;
  private final Map<String, Integer> claimed = new HashMap<>();

  Frame(SseEvent event, ObjectNode root) {
    this.event = event;
    this.root = root;
  }

  /**
   * {@code parent.field} (a string) is the next piece of channel {@code channel}.
   *
   * @param eventPath where the field is in this event, so the whole-value scan skips it
   * @param carrier builds an event carrying only text of this channel
   */
  Frame delta(
      String channel,
      ObjectNode parent,
      String field,
      String eventPath,
      Function<String, SseEvent> carrier) {
    if (parent.path(field).isString()) {
      slots.add(new Slot(Kind.DELTA, channel, parent, field, eventPath, carrier));
      claimed.put(eventPath, slots.size() - 1);
    }
    return this;
  }

  /** {@code parent.field} repeats channel {@code channel}'s full text; the channel ends here. */
  Frame total(String channel, ObjectNode parent, String field, String eventPath) {
    if (parent.path(field).isString()) {
      slots.add(new Slot(Kind.TOTAL, channel, parent, field, eventPath, SseEvent::line));
      claimed.put(eventPath, slots.size() - 1);
      ends.add(channel);
    }
    return this;
  }

  /** Channel {@code channel} ends with this event: what it holds is flushed before it. */
  Frame ends(String channel) {
    ends.add(channel);
    return this;
  }

  /** Every open channel whose name starts with {@code prefix} ends with this event. */
  Frame endsUnder(String prefix) {
    endsUnder.add(prefix);
    return this;
  }

  /** Every open channel ends with this event. */
  Frame endsAll() {
    endsAll = true;
    return this;
  }

  /** Whether {@code path} (or a parent of it) is a slot, so the whole-value scan leaves it. */
  boolean claims(String path) {
    if (claimed.isEmpty()) {
      return false;
    }
    if (claimed.containsKey(path)) {
      return true;
    }
    for (String p : claimed.keySet()) {
      if (path.startsWith(p) && path.length() > p.length() && path.charAt(p.length()) == '/') {
        return true;
      }
    }
    return false;
  }

  @Nullable Slot lastDelta(String channel) {
    for (int i = slots.size() - 1; i >= 0; i--) {
      Slot s = slots.get(i);
      if (s.kind() == Kind.DELTA && s.channel().equals(channel)) {
        return s;
      }
    }
    return null;
  }
}
