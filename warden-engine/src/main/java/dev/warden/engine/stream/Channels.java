package dev.warden.engine.stream;

import dev.warden.api.Action;
import dev.warden.api.Finding;
import dev.warden.api.Restorer;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import dev.warden.api.VaultSession;
import dev.warden.engine.Protector;
import dev.warden.engine.detect.StreamAnchor;
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
 * content block …), each with its own hold-back. This is where streamed text is scanned.
 *
 * <p>Per channel, text pushed in is <em>pending</em>. Text may be released up to the earliest
 * position where a match could still be unfinished:
 *
 * <ul>
 *   <li>the last {@code window} characters (the longest span of the short rules, the longest vault
 *       token and the context words' reach), so any short value is whole in the scan that releases
 *       text before it;
 *   <li>from a long rule's {@link StreamAnchor} ({@code -----BEGIN}, {@code eyJ}, {@code
 *       "private_key"} …) until the longest match from it has arrived or its closer has;
 *   <li>from the start of an open run of encoded-text characters (base64, hex, percent and
 *       backslash-u escapes, across line breaks) while it is open and at most twice the decoder's
 *       longest run, since a finding in decoded text covers its whole encoded run.
 * </ul>
 *
 * <p>Once at least {@code step} characters can go, the channel is scanned (the last {@value
 * #CONTEXT} released characters plus everything pending, so context words and lookbehinds see
 * across the release point) and released up to that point — moved back so it never cuts inside a
 * finding, nor inside a vault token (checked by restoring both sides of the cut). A scan that could
 * release nothing is not run: while a hold is open the held text is not rescanned per chunk, and
 * after a finding stopped a cut the next scan waits until the finding can go. Released text is
 * rewritten (enforce mode) and then restored.
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
    final @Nullable Anchors anchors;
    int received;
    int runStart;
    int runSegment;
    boolean bridging;
    char last;
    int waitUntil;

    Channel(
        String path,
        @Nullable String jsonKey,
        Function<String, SseEvent> carrier,
        @Nullable StringBuilder total,
        @Nullable Anchors anchors) {
      this.path = path;
      this.jsonKey = jsonKey;
      this.carrier = carrier;
      this.total = total;
      this.anchors = anchors;
    }

    /** Feeds the run tracker and the anchors with {@code text}, which has just been appended. */
    void track(String text) {
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        int pos = received + i;
        if (anchors != null) {
          anchors.accept(ch, pos);
        }
        if (runChar(ch)) {
          bridging = false;
          runSegment++;
        } else if (bridging && (ch == '\n' || ch == '\r' || ch == ' ' || ch == '\t')) {
          // indentation after a line break inside a run: the normalizer re-joins such lines
        } else if (runSegment > 0
            && (ch == '\n'
                || ch == '\r'
                || ((ch == ' ' || ch == '\t')
                    && (last == 'n' || last == 'r')
                    && pos >= 2
                    && pendingCharBefore(text, i, 2) == '\\'))) {
          bridging = true;
          runSegment = 0;
        } else {
          bridging = false;
          runSegment = 0;
          runStart = pos + 1;
        }
        last = ch;
      }
      received += text.length();
    }

    private char pendingCharBefore(String text, int i, int back) {
      int k = i - back;
      if (k >= 0) {
        return text.charAt(k);
      }
      int p = pending.length() - text.length() + k;
      return p >= 0 ? pending.charAt(p) : 0;
    }
  }

  /** Characters of an encoded run: base64 and base64url, hex, percent and backslash escapes. */
  static boolean runChar(char ch) {
    return (ch >= 'a' && ch <= 'z')
        || (ch >= 'A' && ch <= 'Z')
        || (ch >= '0' && ch <= '9')
        || ch == '+'
        || ch == '/'
        || ch == '='
        || ch == '-'
        || ch == '_'
        || ch == '%'
        || ch == '\\'
        || Character.getType(ch) == Character.FORMAT;
  }

  private final Protector protector;
  private final VaultSession vault;
  private final Restorer restorer;
  private final int window;
  private final List<StreamAnchor> anchors;
  private final int anchorContext;
  private final int runHold;
  private final int step;
  private final boolean enforce;
  private final boolean keepTotals;
  private final Map<String, Channel> open = new LinkedHashMap<>();
  private final Map<String, StringBuilder> totals = new LinkedHashMap<>();
  private final List<Replacement> replacements = new ArrayList<>();

  /**
   * @param window characters each channel always keeps unreleased until it ends: at least the
   *     longest span of any rule without an anchor in {@code anchors}, and the longest vault token,
   *     plus the context words' reach
   * @param anchors the long rules' anchors ({@link StreamAnchor})
   * @param anchorContext characters held past an anchored match's longest end (context words)
   * @param maxRunLength the longest encoded run the decoder tries
   * @param keepTotals remember each channel's released text, for events that repeat it whole
   * @param vault serves {@code tokenize} and {@code encrypt} in answers ({@link VaultSession#NONE}:
   *     they redact)
   */
  Channels(
      Protector protector,
      VaultSession vault,
      Restorer restorer,
      int window,
      List<StreamAnchor> anchors,
      int anchorContext,
      int maxRunLength,
      boolean keepTotals) {
    if (window < 1) {
      throw new IllegalArgumentException("holdBack must be positive, got " + window);
    }
    this.protector = protector;
    this.vault = vault;
    this.restorer = restorer;
    this.window = window;
    this.anchors = List.copyOf(anchors);
    this.anchorContext = anchorContext;
    this.runHold = 2 * maxRunLength;
    // Scan in steps of a quarter of the window: a scan costs about (window + step) characters,
    // so this keeps the work per released character below five scans of it.
    this.step = Math.max(64, window / 4);
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
      c = new Channel(path, jsonKey, carrier, total, new Anchors(anchors, anchorContext));
      open.put(path, c);
    } else {
      c.carrier = carrier;
    }
    c.pending.append(text);
    c.track(text);
    if (c.pending.length() < window + step || c.received < c.waitUntil) {
      return "";
    }
    int limit = releasable(c);
    if (limit < step) {
      return "";
    }
    return release(c, limit, false);
  }

  /** How many pending characters of {@code c} may be released, before any scan. */
  private int releasable(Channel c) {
    int hold = c.received - window;
    if (c.anchors != null) {
      hold = Math.min(hold, c.anchors.holdFrom(c.received));
    }
    if (c.runStart < c.received) {
      hold = Math.min(hold, Math.max(c.runStart, c.received - runHold));
    }
    return hold - c.released;
  }

  /** Ends channel {@code path}: scans and returns everything it still holds ("" if unknown). */
  String flush(String path) {
    Channel c = open.remove(path);
    return c == null ? "" : release(c, 0, true);
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
    Channel c = new Channel(path, jsonKey, t -> SseEvent.line(t), null, null);
    c.pending.append(text);
    return release(c, 0, true);
  }

  List<Replacement> replacements() {
    return List.copyOf(replacements);
  }

  /**
   * Scans what {@code c} holds and releases up to {@code limit} pending characters (all of them if
   * {@code all}), moved back so no finding and no vault token is cut.
   */
  private String release(Channel c, int limit, boolean all) {
    String pending = c.pending.toString();
    if (pending.isEmpty()) {
      return "";
    }
    int ctx = c.context.length();
    String scanned = ctx == 0 ? pending : c.context + pending;
    List<Replacement> found = protector.decide(new ScanInput(scanned, c.jsonKey, c.path), vault);
    if (enforce) {
      for (Replacement r : found) {
        if (r.decision().action() instanceof Action.Block && r.finding().span().end() > ctx) {
          Span s = r.finding().span();
          int start = Math.max(s.start() - ctx, 0);
          throw new Blocked(at(r, c.released + start, c.released + s.end() - ctx));
        }
      }
    }
    int cut = all ? pending.length() : Math.min(limit, pending.length());
    int stopper = -1;
    boolean moved = true;
    while (moved && cut > 0) {
      moved = false;
      for (Replacement r : found) {
        int s = r.finding().span().start() - ctx;
        int e = r.finding().span().end() - ctx;
        if (e > cut && s < cut && e > 0) {
          cut = Math.max(0, s); // never release part of a finding
          stopper = Math.max(stopper, e);
          moved = true;
        }
      }
    }
    if (!all) {
      cut = tokenSafe(pending, cut);
      // Rescanning before more text arrives could release nothing new: wait for a step, or until
      // the finding that stopped the cut can be released whole.
      c.waitUntil = Math.max(c.received + step, stopper < 0 ? 0 : c.released + stopper + window);
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
      out = protector.rewrite(out, applied, vault);
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
