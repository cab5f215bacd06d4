package dev.warden.engine.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.ScanInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The held-out injection sets: 320 samples each (40 injections and 40 hard negatives in each of en,
 * de, ko, ja), each written by someone who saw neither the signals nor the intent sets, never
 * trained on (docs/detection.md, "Intent model"). These floors keep the measured figures from
 * sliding back.
 */
class IntentHeldOutTest {
  private static final Path HELD_OUT =
      Path.of("src/test/resources/dev/warden/engine/injection/intent-heldout");

  /**
   * Measured on 2026-11-24. First set: 127 of 160 found (31 by the signals alone), 5 negatives
   * flagged; first scored with the model trained on two batches of the intent sets, 100 of 160.
   * Second set, first scored with the model of five batches: 114 of 160 (36 by the signals alone),
   * 3 flagged; with the sixth batch, 122. On 2026-11-25, with the seventh batch, the mean of five
   * training orders, the model alone reporting from 0.8 and conditions no longer excusing it: 140
   * and 134, flagged 6 and 4. Third set, scored once on arrival with that model: 133 of 160, 12
   * flagged (the model of 2026-11-24: 121, 11); after the reported-clause fixes it prompted, 6
   * flagged. With the eighth batch (Korean and Japanese, half of its injections plain business
   * requests): 140, 134 and 137, flagged 6, 4 and 7; the fourth set, scored once with that model:
   * 146 of 160, 5 flagged (the previous model: 145, 6). With the ninth batch (tool output): 140,
   * 137, 136 and 146, flagged 6, 4, 7 and 5; the fifth set, scored once with that model: 137 of 160
   * (39 by the signals alone), 3 flagged. Floors a few samples below, so that a retrain on more
   * data may trade one sample for many elsewhere without failing here.
   */
  @ParameterizedTest
  @CsvSource({
    "held-2026-11-24.jsonl, 135, 7",
    "held2-2026-11-24.jsonl, 129, 5",
    "held3-2026-11-25.jsonl, 128, 7",
    "held4-2026-11-25.jsonl, 141, 7",
    "held5-2026-11-25.jsonl, 132, 6"
  })
  void aHeldOutSetKeepsItsScore(String file, int minFound, int maxFlagged) throws IOException {
    InjectionDetector withModel = InjectionDetector.builtin();
    InjectionDetector signalsOnly = new InjectionDetector(0.5, InjectionSignals.ALL, true, null);
    int injections = 0;
    int found = 0;
    int foundBySignals = 0;
    int negatives = 0;
    int falsePositives = 0;
    for (String line : Files.readAllLines(HELD_OUT.resolve(file))) {
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
    assertThat(found).as("injections found").isGreaterThanOrEqualTo(minFound);
    assertThat(found).as("the model adds to the signals").isGreaterThan(foundBySignals + 50);
    assertThat(falsePositives).as("hard negatives flagged").isLessThanOrEqualTo(maxFlagged);
  }
}
