package dev.warden.engine;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remembers a path-independent detector's findings on short leaves for the length of one body.
 *
 * <p>A dense chat body is mostly short leaves that repeat: every message has the keys {@code role}
 * and {@code content} and a role value; scanning each of them through the whole stack cost as much
 * as the messages' text (docs/benchmarks.md, fourth pass). The contract that makes remembering
 * exact: {@code inner} answers from {@link ScanInput#text()} and {@link ScanInput#jsonKey()} alone
 * and is deterministic — true of every detector below {@link
 * dev.warden.engine.policy.FindingFilter} in {@link DetectorStack}. Spans are offsets into the
 * text, so a remembered list is valid for every leaf with that text.
 *
 * <p>Bounded: leaves of at most {@value #MAX_LEAF_CHARS} chars — key names, enum-like values
 * ({@code user}, {@code function}), ids, one-word replies; not sentences, which rarely repeat
 * within a body — and at most {@value #MAX_ENTRIES} distinct ones per body; past that, leaves are
 * scanned as usual. Not thread-safe: one per body.
 */
final class ShortLeafMemo implements Detector {
  static final int MAX_LEAF_CHARS = 32;
  static final int MAX_ENTRIES = 4096;

  private record Leaf(String text, @Nullable String jsonKey) {}

  private final Detector inner;
  private final Map<Leaf, List<Finding>> seen = new HashMap<>();

  ShortLeafMemo(Detector inner) {
    this.inner = inner;
  }

  @Override
  public List<Finding> detect(ScanInput in) {
    if (in.text().length() > MAX_LEAF_CHARS) {
      return inner.detect(in);
    }
    Leaf leaf = new Leaf(in.text(), in.jsonKey());
    List<Finding> known = seen.get(leaf);
    if (known != null) {
      return known;
    }
    List<Finding> found = List.copyOf(inner.detect(in));
    if (seen.size() < MAX_ENTRIES) {
      seen.put(leaf, found);
    }
    return found;
  }
}
