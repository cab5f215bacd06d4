package dev.warden.engine.stream;

import dev.warden.api.Action;
import dev.warden.api.Finding;
import dev.warden.api.Restorer;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import dev.warden.engine.Protector;
import dev.warden.engine.policy.Mode;
import dev.warden.engine.transform.Replacement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The text channels of one stream (a choice's content, each tool call's arguments, an Anthropic
 * content block …), each with its own hold-back window. This is where streamed text is scanned.
 *
 * <p>Per channel: text pushed in is <em>pending</em>; once more than {@code holdBack + step}
 * characters are pending, the channel is scanned (the last {@value #CONTEXT} released characters
 * plus everything pending, so context words and lookbehinds see across the release point) and
 * everything but the last {@code holdBack} characters is released — moved back so it never cuts
 * inside a finding, nor inside a vault token (checked by restoring both sides of the cut). Released
 * text is rewritten (enforce mode) and then restored. Because {@code holdBack} is at least the
 * longest span any rule can match, a value is always whole in some scan before any of it leaves.
 *
 * <p>A block decision anywhere in a scan (released or held) throws {@link Blocked} at once, so none
 * of the value and nothing after it is released. Not thread-safe.
 */
final class Channels {
  /** Released characters kept as scan context (context words look 40 characters back). */
  static final int CONTEXT = 256;

  /** A block decision; carries the replacement, never the value. */
  static final class Blocked extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Replacement by;

    Blocked(Replacement by) {
      super("blocked: " + by.finding().type(), null, false, false);
      this.by = by;
    }
  }

  private static final class Channel {
    final String path;
    final @Nullable String jsonKey;
    Function<String, SseEvent> carrier;
    final StringBuilder context = new StringBuilder();
    final StringBuilder pending = new StringBuilder();
    int released;
    final @Nullable StringBuilder total;

    Channel(
        String path,
        @Nullable String jsonKey,
        Function<String, SseEvent> carrier,
        @Nullable StringBuilder total) {
      this.path = path;
      this.jsonKey = jsonKey;
      this.carrier = carrier;
      this.total = total;
    }
  }

  private final Protector protector;
  private final Restorer restorer;
  private final int holdBack;
  private final int step;
  private final boolean enforce;
  private final boolean keepTotals;
  private final Map<String, Channel> open = new LinkedHashMap<>();
  private final Map<String, StringBuilder> totals = new LinkedHashMap<>();
  private final List<Replacement> replacements = new ArrayList<>();

  /**
   * @param holdBack characters each channel keeps unreleased until it ends; at least the longest
   *     rule span and the longest vault token
   * @param keepTotals remember each channel's released text, for events that repeat it whole
   */
  Channels(Protector protector, Restorer restorer, int holdBack, boolean keepTotals) {
    if (holdBack < 1) {
      throw new IllegalArgumentException("holdBack must be positive, got " + holdBack);
    }
    this.protector = protector;
    this.restorer = restorer;
    this.holdBack = holdBack;
    // Scan in steps of a quarter of the window: a scan costs about (holdBack + step) characters,
    // so this keeps the work per released character below five scans of it.
    this.step = Math.max(64, holdBack / 4);
    this.enforce = protector.policy().mode() == Mode.ENFORCE;
    this.keepTotals = keepTotals;
  }

  /**
   * Appends {@code text} to channel {@code path} and returns what may be released now (possibly
   * empty). {@code carrier} builds an event that carries text of this channel alone; it is used
   * when the channel is flushed by an event that has no slot of its own for the text.
   */
  String push(
      String path, @Nullable String jsonKey, String text, Function<String, SseEvent> carrier) {
    Channel c = open.get(path);
    if (c == null) {
      StringBuilder total =
          keepTotals ? totals.computeIfAbsent(path, k -> new StringBuilder()) : null;
      c = new Channel(path, jsonKey, carrier, total);
      open.put(path, c);
    } else {
      c.carrier = carrier;
    }
    c.pending.append(text);
    if (c.pending.length() < holdBack + step) {
      return "";
    }
    return release(c, false);
  }

  /** Ends channel {@code path}: scans and returns everything it still holds ("" if unknown). */
  String flush(String path) {
    Channel c = open.remove(path);
    return c == null ? "" : release(c, true);
  }

  /** The open channels whose path starts with {@code prefix}, in the order they opened. */
  List<String> openUnder(String prefix) {
    List<String> out = new ArrayList<>();
    for (String p : open.keySet()) {
      if (p.startsWith(prefix)) {
        out.add(p);
      }
    }
    return out;
  }

  /** Whether {@code path} is an open channel. */
  boolean isOpen(String path) {
    return open.containsKey(path);
  }

  /** Ends every open channel, in the order they opened; returns the carrier events to write. */
  List<SseEvent> flushAll() {
    List<SseEvent> out = new ArrayList<>();
    for (String path : List.copyOf(open.keySet())) {
      Channel c = open.get(path);
      String rest = flush(path);
      if (c != null && !rest.isEmpty()) {
        out.add(c.carrier.apply(rest));
      }
    }
    return out;
  }

  /** The carrier of an open channel, for a codec that flushes it. */
  @Nullable Function<String, SseEvent> carrier(String path) {
    Channel c = open.get(path);
    return c == null ? null : c.carrier;
  }

  /**
   * What channel {@code path} released in total, for an event that repeats a channel's full text
   * (the caller flushes the channel first). A channel never streamed is scanned as a whole value.
   */
  String total(String path, @Nullable String jsonKey, String repeated) {
    StringBuilder t = totals.get(path);
    return t != null ? t.toString() : whole(path, jsonKey, repeated);
  }

  /** Scans a complete value that is not streamed (a finished tool call, a metadata string). */
  String whole(String path, @Nullable String jsonKey, String text) {
    if (text.isEmpty()) {
      return text;
    }
    Channel c = new Channel(path, jsonKey, t -> SseEvent.line(t), null);
    c.pending.append(text);
    return release(c, true);
  }

  List<Replacement> replacements() {
    return List.copyOf(replacements);
  }

  private String release(Channel c, boolean all) {
    String pending = c.pending.toString();
    if (pending.isEmpty()) {
      return "";
    }
    int ctx = c.context.length();
    String scanned = ctx == 0 ? pending : c.context + pending;
    List<Replacement> found = protector.decide(new ScanInput(scanned, c.jsonKey, c.path));
    if (enforce) {
      for (Replacement r : found) {
        if (r.decision().action() instanceof Action.Block && r.finding().span().end() > ctx) {
          Span s = r.finding().span();
          int start = Math.max(s.start() - ctx, 0);
          throw new Blocked(at(r, c.released + start, c.released + s.end() - ctx));
        }
      }
    }
    int cut = all ? pending.length() : pending.length() - holdBack;
    boolean moved = true;
    while (moved && cut > 0) {
      moved = false;
      for (Replacement r : found) {
        int s = r.finding().span().start() - ctx;
        int e = r.finding().span().end() - ctx;
        if (e > cut && s < cut && e > 0) {
          cut = Math.max(0, s); // never release part of a finding
          moved = true;
        }
      }
    }
    if (!all) {
      cut = tokenSafe(pending, cut);
    }
    if (cut <= 0) {
      return "";
    }
    String out = pending.substring(0, cut);
    List<Replacement> applied = new ArrayList<>();
    for (Replacement r : found) {
      int s = r.finding().span().start() - ctx;
      int e = r.finding().span().end() - ctx;
      if (e <= 0 || s >= cut) {
        continue; // released earlier (context) or still held
      }
      int from = Math.max(s, 0);
      applied.add(at(r, from, e));
      replacements.add(at(r, c.released + from, c.released + e));
    }
    if (enforce && !applied.isEmpty()) {
      out = protector.rewrite(out, applied);
    }
    out = restorer.restore(out);
    c.context.append(pending, 0, cut);
    if (c.context.length() > CONTEXT) {
      c.context.delete(0, c.context.length() - CONTEXT);
    }
    c.pending.delete(0, cut);
    c.released += cut;
    if (c.total != null) {
      c.total.append(out);
    }
    return out;
  }

  /**
   * Moves {@code cut} back until no vault token straddles it: restoring the text around the cut
   * must give the same as restoring each side on its own. A token is at most {@code maxTokenLength}
   * long, so a window of that size on each side holds any token that straddles.
   */
  private int tokenSafe(String text, int cut) {
    int t = restorer.maxTokenLength();
    if (t <= 0) {
      return cut;
    }
    while (cut > 0) {
      int from = Math.max(0, cut - t);
      int to = Math.min(text.length(), cut + t);
      String window = text.substring(from, to);
      int m = cut - from;
      String whole = restorer.restore(window);
      if (whole.equals(window)
          || whole.equals(
              restorer.restore(window.substring(0, m)) + restorer.restore(window.substring(m)))) {
        return cut;
      }
      cut--;
    }
    return 0;
  }

  private static Replacement at(Replacement r, int start, int end) {
    Finding f = r.finding();
    return new Replacement(
        new Finding(f.type(), f.ruleId(), new Span(start, end), f.confidence(), f.why()),
        r.decision(),
        r.path(),
        r.valueHash());
  }
}
