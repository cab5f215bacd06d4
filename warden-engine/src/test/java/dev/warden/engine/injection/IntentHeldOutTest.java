package dev.warden.engine.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.ScanInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The held-out injection set: 320 samples (40 injections and 40 hard negatives in each of en, de,
 * ko, ja) written by someone who saw neither the signals nor the intent sets, scored once on
 * 2026-11-24 (docs/detection.md, "Intent model"). It is never trained on; these floors keep the
 * measured figures from sliding back.
 */
class IntentHeldOutTest {
  private static final Path HELD_OUT =
      Path.of(
          "src/test/resources/dev/warden/engine/injection/intent-heldout/held-2026-11-24.jsonl");

  @Test
  void theHeldOutSetKeepsItsScore() throws IOException {
    InjectionDetector withModel = InjectionDetector.builtin();
    InjectionDetector signalsOnly = new InjectionDetector(0.5, InjectionSignals.ALL, true, null);
    int injections = 0;
    int found = 0;
    int foundBySignals = 0;
    int negatives = 0;
    int falsePositives = 0;
    for (String line : Files.readAllLines(HELD_OUT)) {
      JsonNode sample = JsonMapper.shared().readTree(line);
      ScanInput in = ScanInput.text(sample.path("text").asString());
      boolean flagged = !withModel.detect(in).isEmpty();
      if (sample.path("label").asInt() == 1) {
        injections++;
        found += flagged ? 1 : 0;
        foundBySignals += signalsOnly.detect(in).isEmpty() ? 0 : 1;
      } else {
        negatives++;
        falsePositives += flagged ? 1 : 0;
      }
    }
    assertThat(injections).isEqualTo(160);
    assertThat(negatives).isEqualTo(160);
    // Measured: 123 of 160 found (31 by the signals alone), 5 of 160 negatives flagged. First
    // scored with the model trained on the first two batches of the intent sets: 100 of 160.
    assertThat(found).as("injections found").isGreaterThanOrEqualTo(116);
    assertThat(found).as("the model adds to the signals").isGreaterThan(foundBySignals + 50);
    assertThat(falsePositives).as("hard negatives flagged").isLessThanOrEqualTo(6);
  }
}
