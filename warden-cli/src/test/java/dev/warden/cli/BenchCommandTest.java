package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchCommandTest {
  /** The project's corpus, seen from the warden-cli module (Surefire's working directory). */
  static final Path CORPUS = Path.of("..", "warden-engine", "src", "test", "resources", "corpus");

  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;

  @Test
  void textReportHasEveryTypeTotalsAndThroughput() {
    Run r = CliTest.run("bench", "detection", "--corpus", CORPUS.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("precision", "recall", "fpr", "support")
        .contains("email", "card", "private_key", "total")
        .containsPattern("Throughput: [0-9.]+ MB/s");
  }

  @Test
  void jsonReportMatchesTheCorpusAndTheGateFails() {
    Run r =
        CliTest.run(
            "bench",
            "detection",
            "--corpus",
            CORPUS.toString(),
            "--format",
            "json",
            "--min-precision",
            "0.5",
            "--min-recall",
            "1.0");

    JsonNode doc = JSON.readTree(r.out());
    double recall = doc.at("/total/recall").asDouble();
    assertThat(doc.get("samples").asInt()).isGreaterThanOrEqualTo(300);
    assertThat(doc.at("/types/email/support").asInt()).isPositive();
    assertThat(doc.at("/types/email/precision").asDouble()).isBetween(0.0, 1.0);
    assertThat(doc.at("/types/email/fpr").isNumber()).isTrue();
    assertThat(doc.at("/throughput/megabytesPerSecond").asDouble()).isPositive();
    assertThat(doc.at("/throughput/passes").asInt()).isEqualTo(5);
    assertThat(doc.at("/throughput/bytes").asLong()).isGreaterThan(5L * 40_000);
    // The corpus has known misses, so a recall floor of 1.0 fails the gate.
    assertThat(recall).isLessThan(1.0);
    assertThat(doc.at("/gate/passed").asBoolean()).isFalse();
    assertThat(r.code()).isEqualTo(1);

    Run pass =
        CliTest.run(
            "bench",
            "detection",
            "--corpus",
            CORPUS.toString(),
            "--min-precision",
            "0.9",
            "--min-recall",
            "0.9");
    assertThat(pass.code()).as(pass.out()).isZero();
  }

  @Test
  void customRulesAndAllowlistsFromTheConfigAreMeasured() throws Exception {
    Path corpus = tmp.resolve("c.jsonl");
    Files.writeString(
        corpus,
        """
        {"id":"1","lang":"en","kind":"prose","text":"badge EMP-204311 lost","labels":[{"type":"employee_id","value":"EMP-204311"}]}
        {"id":"2","lang":"en","kind":"prose","text":"TEMP-2043119 is fine","labels":[]}
        {"id":"3","lang":"en","kind":"prose","text":"mail qa-bot@northwind-traders.com","labels":[]}
        """);
    Path yaml = tmp.resolve("warden.yaml");
    Files.writeString(
        yaml,
        """
        detection:
          allowlist: [{values: [qa-bot@northwind-traders.com]}]
          customRules:
            - id: employee-id
              type: employee_id
              pattern: '\\bEMP-[0-9]{6}\\b'
              truePositives: ["EMP-204311"]
              falsePositives: ["TEMP-2043119"]
        """);

    Run r =
        CliTest.run(
            "bench",
            "detection",
            "--corpus",
            corpus.toString(),
            "--config",
            yaml.toString(),
            "--format",
            "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.at("/types/employee_id/recall").asDouble()).isEqualTo(1.0);
    assertThat(doc.at("/types/employee_id/fpr").asDouble()).isEqualTo(0.0);
    assertThat(doc.at("/types/email/fp").asInt()).as("allowlisted").isZero();
    assertThat(doc.at("/types/phone/precision").isNull()).as("no findings: undefined").isTrue();
    assertThat(r.out()).doesNotContain("EMP-204311", "qa-bot");
  }

  @Test
  void missingCorpusIsAClearError() {
    Run r = CliTest.run("bench", "detection");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--corpus");

    Run absent = CliTest.run("bench", "detection", "--corpus", tmp.resolve("nope").toString());
    assertThat(absent.code()).isEqualTo(2);
    assertThat(absent.err()).contains("no such file or folder");

    Run badFloor =
        CliTest.run("bench", "detection", "--corpus", CORPUS.toString(), "--min-recall", "1.5");
    assertThat(badFloor.code()).isEqualTo(2);
    assertThat(badFloor.err()).contains("--min-recall must be between 0 and 1");
  }
}
