package dev.warden.engine.normalize;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests of the normalizer, the decoders and the detector around them. In a normal build
 * {@code @FuzzTest} replays its seed inputs (regression mode); {@code JAZZER_FUZZ=1} fuzzes for
 * real. The property is {@link MappingProperties#check}: no exception, spans within the original,
 * mapping monotonic.
 */
class EvasionFuzzer {
  @FuzzTest(maxDuration = "30s")
  void normalizeAndDecode(FuzzedDataProvider data) {
    MappingProperties.check(data.consumeRemainingAsString());
  }
}
