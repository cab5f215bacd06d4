package dev.warden.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import dev.warden.engine.detect.RuleDetector;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The invariants every derived text and every evasion finding must keep, on any input. */
final class MappingProperties {
  static final EvasionDetector DETECTOR =
      new EvasionDetector(RuleDetector.builtin(), EvasionLimits.defaults());

  private MappingProperties() {}

  static void check(String text) {
    @Nullable MappedText normalized = TextNormalizer.normalizeOrNull(text);
    checkMapping(text, normalized);
    Coverage none = new Coverage();
    @Nullable MappedText joined =
        SplitJoiner.joinOrNull(normalized == null ? text : normalized.text(), normalized, none);
    checkMapping(text, joined);
    MappedText parent = joined != null ? joined : normalized;
    @Nullable MappedText decoded =
        EncodedRuns.decodeOrNull(
            parent == null ? text : parent.text(),
            parent,
            none,
            new EncodedRuns.Budget(EvasionLimits.defaults()));
    checkMapping(text, decoded);
    List<Finding> findings = DETECTOR.detect(ScanInput.text(text));
    for (Finding f : findings) {
      assertThat(f.span().end()).isLessThanOrEqualTo(text.length());
      assertThat(f.span().length()).isPositive();
    }
  }

  /** Every character maps into the original; starts and ends never go backwards. */
  static void checkMapping(String original, @Nullable MappedText m) {
    if (m == null) {
      return;
    }
    int n = m.text().length();
    int lastStart = 0;
    int lastEnd = 0;
    for (int i = 0; i < n; i++) {
      Span s = m.toOriginal(i, i + 1);
      assertThat(s.start()).isGreaterThanOrEqualTo(lastStart);
      assertThat(s.end()).isGreaterThanOrEqualTo(lastEnd).isLessThanOrEqualTo(original.length());
      assertThat(s.length()).isPositive();
      lastStart = s.start();
      lastEnd = s.end();
    }
    if (n > 0) {
      Span whole = m.toOriginal(0, n);
      assertThat(whole.start()).isGreaterThanOrEqualTo(0);
      assertThat(whole.end()).isLessThanOrEqualTo(original.length());
    }
  }
}
