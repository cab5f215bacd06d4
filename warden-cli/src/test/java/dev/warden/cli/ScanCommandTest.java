package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.CliTest.Run;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScanCommandTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String EMAIL = "dana.whitfield@example.org";
  static final String AWS = "AKIAQ4XN7ZP2LM3RT6WB";

  @TempDir Path tmp;

  static Run withStdin(String stdin, String... args) {
    return withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  static Run withStdin(InputStream stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(stdin);
    try {
      return CliTest.run(args);
    } finally {
      System.setIn(saved);
    }
  }

  Path file(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void sarifHasDriverRulesAndResultsWithRegionsButNoValues() throws Exception {
    Path f = file("notes.txt", "line one\r\nmail " + EMAIL + " and\n  key " + AWS + "\n");

    Run r = CliTest.run("scan", f.toString(), "--format", "sarif");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).doesNotContain(EMAIL, AWS, "whitfield");
    JsonNode sarif = JSON.readTree(r.out());
    assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
    JsonNode run = sarif.get("runs").get(0);
    assertThat(run.at("/tool/driver/name").asString()).isEqualTo("warden");
    assertThat(run.get("columnKind").asString()).isEqualTo("utf16CodeUnits");
    List<String> ruleIds = new ArrayList<>();
    run.at("/tool/driver/rules").forEach(rule -> ruleIds.add(rule.get("id").asString()));
    JsonNode results = run.get("results");
    assertThat(results).hasSize(2);

    JsonNode email = results.get(0);
    assertThat(email.get("ruleId").asString()).isIn(ruleIds);
    assertThat(ruleIds.get(email.get("ruleIndex").asInt()))
        .isEqualTo(email.get("ruleId").asString());
    assertThat(email.get("level").asString()).isEqualTo("warning");
    assertThat(email.at("/message/text").asString()).contains("email").doesNotContain("dana");
    JsonNode loc = email.at("/locations/0/physicalLocation");
    assertThat(loc.at("/artifactLocation/uri").asString()).endsWith("notes.txt");
    JsonNode region = loc.get("region");
    assertThat(region.get("startLine").asInt()).isEqualTo(2);
    assertThat(region.get("startColumn").asInt()).isEqualTo(6);
    assertThat(region.get("endLine").asInt()).isEqualTo(2);
    assertThat(region.get("endColumn").asInt()).isEqualTo(6 + EMAIL.length());

    JsonNode aws = results.get(1).at("/locations/0/physicalLocation/region");
    assertThat(aws.get("startLine").asInt()).isEqualTo(3);
    assertThat(aws.get("startColumn").asInt()).isEqualTo(7);
    assertThat(aws.get("endColumn").asInt()).isEqualTo(7 + AWS.length());
  }

  @Test
  void sarifLevelIsErrorForBlockedTypes() throws Exception {
    Path f = file("pay.txt", "Refund issued to 4539148803436467\n");
    JsonNode sarif = JSON.readTree(CliTest.run("scan", f.toString(), "--format", "sarif").out());
    JsonNode result = sarif.at("/runs/0/results/0");
    assertThat(result.at("/properties/type").asString()).isEqualTo("card");
    assertThat(result.get("level").asString()).isEqualTo("error");
  }

  @Test
  void jsonAndJsonlOutputCarryPositionsTypesAndRules() throws Exception {
    String emoji = "\uD83D\uDE00 "; // 😀 is two UTF-16 code units
    String text = emoji + "mail " + EMAIL;
    Path f = file("e.txt", text);

    Run json = CliTest.run("scan", f.toString(), "--format", "json");
    assertThat(json.code()).isEqualTo(1);
    JsonNode doc = JSON.readTree(json.out());
    assertThat(doc.get("findingCount").asInt()).isEqualTo(1);
    assertThat(doc.get("filesScanned").asInt()).isEqualTo(1);
    JsonNode hit = doc.get("findings").get(0);
    assertThat(hit.get("type").asString()).isEqualTo("email");
    assertThat(hit.get("start").asInt()).isEqualTo(text.indexOf(EMAIL));
    assertThat(hit.get("end").asInt()).isEqualTo(text.indexOf(EMAIL) + EMAIL.length());
    assertThat(hit.get("column").asInt()).isEqualTo(text.indexOf(EMAIL) + 1);
    assertThat(hit.get("action").asString()).isEqualTo("redact");
    assertThat(json.out()).doesNotContain(EMAIL);

    Run jsonl = CliTest.run("scan", f.toString(), "--format", "jsonl");
    String[] lines = jsonl.out().split("\n");
    assertThat(lines).hasSize(1);
    assertThat(JSON.readTree(lines[0]).get("ruleId").asString())
        .isEqualTo(hit.get("ruleId").asString());
  }

  @Test
  void jsonlInOutEchoesIdsAndGivesUtf16OffsetsOfTheDecodedText() {
    String withEmoji = "\uD83D\uDE00\uD83D\uDE00 write to " + EMAIL + " today";
    String input =
        "{\"id\":\"a-1\",\"text\":"
            + JSON.writeValueAsString(withEmoji)
            + "}\n"
            + "\n"
            + "{\"id\":42,\"text\":\"nothing here\"}\n"
            + "{\"id\":1.50,\"text\":\"key "
            + AWS
            + "\",\"extra\":true}\r\n"
            + "{\"id\":7,\"text\":\"\\ud83d\\ude00 "
            + EMAIL
            + "\"}";

    Run r = withStdin(input, "scan", "--input-format", "jsonl", "--format", "jsonl", "-");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(4);
    JsonNode first = JSON.readTree(lines[0]);
    assertThat(first.get("id").isString()).isTrue();
    assertThat(first.get("id").asString()).isEqualTo("a-1");
    JsonNode f = first.get("findings").get(0);
    assertThat(f.get("type").asString()).isEqualTo("email");
    int start = f.get("start").asInt();
    int end = f.get("end").asInt();
    assertThat(start).isEqualTo(withEmoji.indexOf(EMAIL)).isEqualTo(14);
    assertThat(withEmoji.substring(start, end)).isEqualTo(EMAIL);
    assertThat(f.get("confidence").isNumber()).isTrue();
    assertThat(f.get("ruleId").asString()).isNotEmpty();
    assertThat(f.propertyNames())
        .containsExactlyInAnyOrder("type", "ruleId", "start", "end", "confidence");

    assertThat(lines[1]).isEqualTo("{\"id\":42,\"findings\":[]}");
    assertThat(lines[2]).startsWith("{\"id\":1.50,");
    JsonNode fourth = JSON.readTree(lines[3]);
    assertThat(fourth.get("id").asInt()).isEqualTo(7);
    assertThat(fourth.at("/findings/0/start").asInt()).isEqualTo(3);
    assertThat(r.out()).doesNotContain(EMAIL, AWS);
  }

  @Test
  void invalidJsonlLinesAreNamedOnStderrAndExitTwoWhileTheRestIsScanned() {
    String input =
        "{\"id\":1,\"text\":\"clean\"}\n"
            + "not json\n"
            + "{\"id\":null,\"text\":\"x\"}\n"
            + "[1,2]\n"
            + "{\"id\":5,\"text\":7}\n"
            + "{\"id\":6,\"text\":\"mail "
            + EMAIL
            + "\"}\n";

    Run r = withStdin(input, "scan", "--input-format", "jsonl", "--format", "jsonl");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("line 2: not valid JSON")
        .contains("line 3: \"id\" must be a string or a number")
        .contains("line 4: must be a JSON object")
        .contains("line 5: \"text\" must be a string")
        .doesNotContain("line 1:", "line 6:", "not json\n");
    assertThat(r.out().split("\n")).hasSize(2);
    assertThat(r.out()).contains("{\"id\":6,\"findings\":[{");
  }

  @Test
  void jsonlInputNeedsJsonlOutput() {
    Run r = withStdin("", "scan", "--input-format", "jsonl");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--format jsonl");
  }

  @Test
  void jsonlIsStreamedLineByLineNotBufferedWhole() {
    int total = 5_000;
    StringWriter out = new StringWriter();
    int[] outputSeenAt = {-1};
    // A generated input that checks, while it is still being read, that output already flowed.
    InputStream lines =
        new InputStream() {
          int line;
          byte[] current = new byte[0];
          int pos;

          @Override
          public int read() {
            if (pos == current.length) {
              if (line == total) {
                return -1;
              }
              if (outputSeenAt[0] < 0 && !out.toString().isEmpty()) {
                outputSeenAt[0] = line;
              }
              current =
                  ("{\"id\":" + line + ",\"text\":\"row " + line + " mail " + EMAIL + "\"}\n")
                      .getBytes(StandardCharsets.UTF_8);
              pos = 0;
              line++;
            }
            return current[pos++];
          }
        };
    InputStream saved = System.in;
    System.setIn(lines);
    int code;
    try {
      code =
          Main.run(
              new PrintWriter(out, false),
              new PrintWriter(new StringWriter(), true),
              "scan",
              "--input-format",
              "jsonl",
              "--format",
              "jsonl");
    } finally {
      System.setIn(saved);
    }
    assertThat(code).isEqualTo(1);
    assertThat(out.toString().split("\n")).hasSize(total);
    assertThat(outputSeenAt[0])
        .as("output was written before the input ended")
        .isBetween(1, total - 1);
  }

  @Test
  void foldersAreWalkedSkippingBinaryLargeFilesLinksAndGit() throws Exception {
    Path root = tmp.resolve("tree");
    file("tree/a.txt", "mail " + EMAIL + "\n");
    file("tree/sub/b.md", "nothing\n");
    file("tree/sub/deeper/c.log", "key " + AWS + "\n");
    file("tree/.git/config", "mail " + EMAIL + "\n");
    byte[] binary = ("mail " + EMAIL + "\0\0\1").getBytes(StandardCharsets.UTF_8);
    Files.write(root.resolve("sub/img.bin"), binary);
    file("tree/big.txt", "mail " + EMAIL + "\n" + "x".repeat(5000));
    Path outside = file("outside/secret.txt", "key " + AWS + "\n");
    Files.createSymbolicLink(root.resolve("sub/link.txt"), outside);
    Files.createSymbolicLink(root.resolve("outlink"), outside.getParent());

    Run r = CliTest.run("scan", root.toString(), "--max-file-size", "1000", "--format", "json");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.out());
    List<String> files = new ArrayList<>();
    doc.get("findings")
        .forEach(h -> files.add(Path.of(h.get("file").asString()).getFileName().toString()));
    assertThat(files).containsExactly("a.txt", "c.log");
    assertThat(doc.get("filesScanned").asInt()).isEqualTo(3);
    assertThat(r.err())
        .contains("img.bin: binary")
        .contains("big.txt: 50")
        .contains("over --max-file-size 1000")
        .contains("link.txt: symbolic link")
        .doesNotContain(EMAIL, AWS);
    assertThat(r.out()).doesNotContain(EMAIL, AWS);
  }

  @Test
  void aNamedFileThatCannotBeScannedIsAnErrorNotAPass() throws Exception {
    Path bin = tmp.resolve("x.bin");
    Files.write(bin, new byte[] {'a', 0, 'b'});
    Path big = file("big.txt", "y".repeat(2000));
    Path dirty = file("d.txt", "mail " + EMAIL);

    Run r =
        CliTest.run(
            "scan", bin.toString(), big.toString(), dirty.toString(), "--max-file-size", "1000");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not scanned: " + bin, "binary", "not scanned: " + big);
    assertThat(r.out()).as("the rest is still scanned").contains("email", "1 finding in 1 file");
  }

  @Test
  void jsonlFilesAreNamedInLineErrors() throws Exception {
    Path in = file("in.jsonl", "{\"id\":1,\"text\":\"ok\"}\n{oops\n");
    Run r = CliTest.run("scan", "--input-format", "jsonl", "--format", "jsonl", in.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(in + ":line 2: not valid JSON");
    assertThat(r.out()).isEqualTo("{\"id\":1,\"findings\":[]}\n");
  }

  @Test
  void textOutputOverSeveralFilesSummarisesAndExitsZeroWhenClean() throws Exception {
    Path a = file("x/a.txt", "clean\n");
    Path b = file("x/b.txt", "also clean\n");
    Run r = CliTest.run("scan", a.toString(), b.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("0 findings in 2 files");
  }

  @Test
  void progressGoesToStderrOnlyAndOnlyForManyFiles() throws Exception {
    for (int i = 0; i < 25; i++) {
      file("many/f" + i + ".txt", i == 7 ? "mail " + EMAIL : "plain text " + i);
    }
    Run r = CliTest.run("scan", tmp.resolve("many").toString(), "--progress");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("\r[", "25/25 files");
    assertThat(r.out()).doesNotContain("\r", "[#").contains("1 finding in 25 files");

    Run few = CliTest.run("scan", tmp.resolve("many/f1.txt").toString(), "--progress");
    assertThat(few.err()).doesNotContain("\r[");
    Run off = CliTest.run("scan", tmp.resolve("many").toString());
    assertThat(off.err()).as("not a terminal").doesNotContain("\r[");
  }

  @Test
  void stdinIsScannedWithDash() {
    Run r = withStdin("mail " + EMAIL, "scan", "-", "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(JSON.readTree(r.out()).at("/findings/0/file").asString()).isEqualTo("<stdin>");
  }

  @Test
  void configAppliesToScan() throws Exception {
    Path yaml =
        file(
            "warden.yaml",
            """
            detection:
              allowlist:
                - values: ['%s']
              customRules:
                - id: employee-id
                  type: employee_id
                  pattern: 'EMP-[0-9]{6}'
                  truePositives: ["badge EMP-204311"]
                  falsePositives: ["EMP-12"]
            policy:
              types: {employee_id: block}
            """
                .formatted(EMAIL));
    Path f = file("in.txt", "mail " + EMAIL + " badge EMP-555123\n");
    Run r = CliTest.run("scan", f.toString(), "--config", yaml.toString(), "--format", "sarif");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode results = JSON.readTree(r.out()).at("/runs/0/results");
    assertThat(results).hasSize(1);
    assertThat(results.get(0).get("ruleId").asString()).isEqualTo("employee-id");
    assertThat(results.get(0).get("level").asString()).isEqualTo("error");
  }
}
