package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void versionAndHelp() {
    assertThat(run("--version").out()).startsWith("warden ");
    Run help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("demo", "serve", "scan", "ledger", "init", "keys", "receipt");
    assertThat(run("keys", "--help").out()).contains("list", "rotate", "export-public");
    assertThat(run("receipt", "verify", "--help").out())
        .contains("--receipt", "--header", "--public-key", "--hmac-key-dir", "Exit code");
    assertThat(run("serve", "--help").out())
        .contains("--upstream", "--port", "--host", "--config", "--mode")
        .contains("/v1/responses", "/v1/messages", "/api/chat", "upstreams.<name>.dialects");
    assertThat(run("ledger", "verify", "--help").out()).contains("--no-key", "Exit code");
  }

  @Test
  void scanReportsFindingsWithoutPrintingSecrets() throws Exception {
    String aws = "AKIAQ4XN7ZP2LM3RT6WB";
    Path file = tmp.resolve("notes.txt");
    Files.writeString(file, "line one\ncontact dana.whitfield@example.org key " + aws + "\n");

    Run r = run("scan", file.toString(), "--data-dir", tmp.resolve("d").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains(":2:9", "email", "aws_access_key", "2 findings")
        .doesNotContain(aws, "dana.whitfield@example.org", "whitfield");
  }

  @Test
  void scanOfCleanTextExitsZeroAndRedactPrintsTheSafeText() throws Exception {
    Path clean = tmp.resolve("clean.txt");
    Files.writeString(clean, "nothing to see here\n");
    assertThat(run("scan", clean.toString()).code()).isZero();

    Path dirty = tmp.resolve("dirty.txt");
    Files.writeString(dirty, "mail dana.whitfield@example.org now");
    Run r = run("scan", "--redact", dirty.toString());
    assertThat(r.out()).isEqualTo("mail [REDACTED:email] now");
  }

  @Test
  void scanOfMissingFileIsAnError() {
    Run r = run("scan", tmp.resolve("absent.txt").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no such file");
  }

  @Test
  void badConfigNamesTheKeyPath() throws Exception {
    Path yaml = tmp.resolve("warden.yaml");
    Files.writeString(yaml, "policy:\n  types:\n    emial: redact\n");
    Run r = run("serve", "--config", yaml.toString(), "--upstream", "http://127.0.0.1:9");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("policy.types.emial", "unknown detection type");
  }

  @Test
  void serveRefusesNoAuthenticationOffLoopbackAndUnknownAuthModes() {
    Run open =
        run(
            "serve",
            "--data-dir",
            tmp.toString(),
            "--upstream",
            "http://127.0.0.1:9",
            "--host",
            "0.0.0.0",
            "--port",
            "0");
    assertThat(open.code()).isEqualTo(2);
    assertThat(open.err()).contains("auth.mode", "server.host", "--auth api-key");
    Run unknown =
        run(
            "serve",
            "--data-dir",
            tmp.toString(),
            "--upstream",
            "http://127.0.0.1:9",
            "--auth",
            "basic");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("auth.mode", "none, api-key, jwt, mtls");
  }

  @Test
  void serveWithoutUpstreamSaysHowToFixIt() {
    Run r = run("serve", "--data-dir", tmp.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--upstream");
  }

  @Test
  void initWritesAValidConfigAndKeysAndNeverOverwrites() throws Exception {
    Run first = run("init", "--dir", tmp.toString());
    assertThat(first.code()).isZero();
    Path yaml = tmp.resolve("warden.yaml");
    assertThat(yaml).exists();
    assertThat(tmp.resolve(".warden/keys/ledger-mac.key")).exists();
    assertThat(tmp.resolve(".warden/keys/signing-000001.key")).exists();
    assertThat(first.out()).contains("signing key ");
    Files.writeString(yaml, "# mine\n", java.nio.file.StandardOpenOption.APPEND);

    Run second = run("init", "--dir", tmp.toString());
    assertThat(second.out()).contains("kept existing");
    assertThat(second.out().lines().filter(l -> l.startsWith("signing key ")))
        .containsExactlyElementsOf(
            first.out().lines().filter(l -> l.startsWith("signing key ")).toList());
    assertThat(Files.readString(yaml)).endsWith("# mine\n");
  }

  @Test
  void demoProtectsAndVerifies() {
    Run r = run("demo", "--data-dir", tmp.resolve("demo").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("[REDACTED:email]", "[REDACTED:aws_access_key]", "[REDACTED:private_key]")
        .contains("HTTP 403", "never left the gateway")
        .contains("ledger OK")
        .contains("warden serve --upstream");
  }

  @Test
  void ledgerVerifyPassesThenNamesTampering() throws Exception {
    Path data = tmp.resolve("demo");
    assertThat(run("demo", "--data-dir", data.toString()).code()).isZero();

    Run ok = run("ledger", "verify", "--data-dir", data.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("ledger OK", "HMAC");

    Path segment;
    try (var files = Files.list(data.resolve("ledger"))) {
      segment = files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(segment, StandardCharsets.UTF_8));
    String original = lines.get(1);
    lines.set(1, original.replace("\"status\":200", "\"status\":201"));
    assertThat(lines.get(1)).as("the test really changed record 2").isNotEqualTo(original);
    Files.write(segment, lines, StandardCharsets.UTF_8);

    Run bad = run("ledger", "verify", "--data-dir", data.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).contains("DAMAGED", "MODIFIED", "seq 2");

    Run noKey = run("ledger", "verify", data.resolve("ledger").toString(), "--no-key");
    assertThat(noKey.code()).isEqualTo(1);
  }
}
