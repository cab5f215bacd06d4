package dev.warden.engine;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  /**
   * Remembered findings by leaf text, then by JSON key: one lookup by the text (whose hash the
   * string caches) and a scan of the one or two keys it came with, instead of a {@code (text, key)}
   * record allocated and hashed per leaf (a dense body has tens of thousands).
   */
  private final Map<String, Known> seen = new HashMap<>();

  private int entries;

  /** Findings for one text under one key, and the same text under other keys. */
  private static final class Known {
    final @Nullable String jsonKey;
    final List<Finding> findings;
    @Nullable Known next;

    Known(@Nullable String jsonKey, List<Finding> findings, @Nullable Known next) {
      this.jsonKey = jsonKey;
      this.findings = findings;
      this.next = next;
    }
  }

  private final Detector inner;

  ShortLeafMemo(Detector inner) {
    this.inner = inner;
  }

  @Override
  public List<Finding> detect(ScanInput in) {
    String text = in.text();
    if (text.length() > MAX_LEAF_CHARS) {
      return inner.detect(in);
    }
    String jsonKey = in.jsonKey();
    Known first = seen.get(text);
    for (Known k = first; k != null; k = k.next) {
      if (Objects.equals(k.jsonKey, jsonKey)) {
        return k.findings;
      }
    }
    List<Finding> found = List.copyOf(inner.detect(in));
    if (entries < MAX_ENTRIES) {
      seen.put(text, new Known(jsonKey, found, first));
      entries++;
    }
    return found;
  }
}
