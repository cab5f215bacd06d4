package dev.warden.cli;

import dev.warden.engine.config.WardenConfig;
import dev.warden.ledger.LedgerVerifier;
import dev.warden.ledger.VerifyReport;
import dev.warden.server.Gateway;
import dev.warden.testing.StubUpstream;
import dev.warden.vault.LocalKeyring;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "See Warden protect real requests in one minute, with nothing to configure.",
      "Starts the gateway on a free loopback port in front of a built-in model that echoes what it",
      "received, sends a few realistic requests, shows what the app sent next to what actually left",
      "the gateway, then verifies the ledger."
    })
final class DemoCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the demo keeps keys and ledger (default: .warden-demo).")
  Path dataDir = Path.of(".warden-demo");

  private record Sample(String title, String prompt, String expectation) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    WardenConfig base = WardenConfig.defaults().withDataDir(dataDir.toString());
    List<Sample> samples = samples();
    try (StubUpstream model =
        StubUpstream.builder()
            .appendToReply(" (model's note: escalate to the on-call lead at ops.lead@example.net)")
            .start()) {
      WardenConfig config =
          base.withServer(
                  new WardenConfig.Server(
                      "127.0.0.1",
                      0,
                      base.server().maxBodyBytes(),
                      base.server().maxJsonDepth(),
                      1))
              .withUpstream(new WardenConfig.Upstream(model.url(), 2_000, 10_000, true, List.of()));
      Gateway gateway = Gateway.start(config);
      int[] ok = new int[1];
      try {
        out.printf(
            "%nWarden demo — gateway http://127.0.0.1:%d  →  built-in echo model %s%n"
                + "policy: enforce · email redact · phone mask · keys redact · card block · responses protected%n",
            gateway.port(), model.url());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int n = 0;
        for (Sample s : samples) {
          n++;
          int before = model.received().size();
          HttpResponse<String> res = send(http, gateway.port(), s.prompt());
          boolean reached = model.received().size() > before;
          String upstreamSaw =
              reached
                  ? lastUserContent(model.received().getLast())
                  : "(nothing — the request never left the gateway)";
          out.printf("%n[%d] %s — HTTP %d, %s%n", n, s.title(), res.statusCode(), s.expectation());
          printSideBySide(out, "app sent", s.prompt(), "upstream received", upstreamSaw);
          out.printf("    %-18s %s%n", "app got back", oneLine(replyText(res.body())));
          out.printf(
              "    %-18s %s%n",
              "ledger record",
              res.headers()
                      .firstValue("Warden-Ledger-Seq")
                      .map(v -> "seq " + v)
                      .orElse("written (refusals carry no seq header)")
                  + ", correlation id "
                  + res.headers().firstValue("Warden-Correlation-Id").orElse("?"));
          ok[0]++;
        }
      } finally {
        gateway.stop();
      }
      Path ledgerDir = gateway.ledgerDir();
      VerifyReport report =
          LedgerVerifier.verify(
              ledgerDir, LocalKeyring.open(gateway.dataDir()).authenticator(Gateway.LEDGER_KEY));
      out.printf(
          "%nLedger verification (warden ledger verify %s --key-dir %s):%n  ",
          ledgerDir, gateway.dataDir());
      LedgerCommand.Verify.print(out, ledgerDir, report);
      out.printf(
          "%nNext: put Warden in front of a real model —%n"
              + "  ./warden serve --upstream https://api.openai.com --port 8080%n"
              + "  then point your SDK at http://127.0.0.1:8080/v1 (OPENAI_BASE_URL) and keep your API key as is.%n");
      out.flush();
      return report.ok() && ok[0] == samples.size() ? 0 : 1;
    }
  }

  private static List<Sample> samples() throws Exception {
    return List.of(
        new Sample(
            "email + phone",
            "Hi, I'm Jane Doe. Please send the refund confirmation to jane.doe@example.com or call me on +1 415-555-0172.",
            "email redacted, phone masked"),
        new Sample(
            "API key + private key",
            "Our deploy fails. The script uses AWS key AKIAZ7Q3M4R2XW5LTD6N and signs with this key:\n"
                + freshPrivateKeyPem()
                + "\nWhat is wrong?",
            "both credentials redacted before leaving"),
        new Sample(
            "clean",
            "Summarize the benefits of code review in two sentences.",
            "nothing sensitive, forwarded as is"),
        new Sample(
            "card number",
            "Please charge my Visa 4111 1111 1111 1111 (exp 09/28) for the upgrade.",
            "blocked by policy, never forwarded"));
  }

  /** A throwaway key made now, so the demo never ships a key that someone could reuse. */
  private static String freshPrivateKeyPem() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----";
  }

  private static HttpResponse<String> send(HttpClient http, int port, String prompt)
      throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", "demo-model");
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", "You are a helpful assistant.");
    messages.addObject().put("role", "user").put("content", prompt);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer demo-not-a-real-key")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static String lastUserContent(String requestJson) {
    JsonNode messages = JSON.readTree(requestJson).path("messages");
    return messages.get(messages.size() - 1).path("content").asString("");
  }

  private static String replyText(String responseJson) {
    JsonNode root = JSON.readTree(responseJson);
    if (root.has("error")) {
      return "error "
          + root.path("error").path("type").asString()
          + ": "
          + root.path("error").path("message").asString();
    }
    return root.path("choices").path(0).path("message").path("content").asString("");
  }

  private static final int COLUMN = 52;

  /** Two columns, wrapped; lines of the private key are shortened so the table stays readable. */
  private static void printSideBySide(
      PrintWriter out, String leftTitle, String left, String rightTitle, String right) {
    List<String> l = wrap(left);
    List<String> r = wrap(right);
    out.printf("    %-" + COLUMN + "s │ %s%n", leftTitle, rightTitle);
    out.printf("    %s┼%s%n", "─".repeat(COLUMN + 1), "─".repeat(COLUMN + 1));
    for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
      out.printf(
          "    %-" + COLUMN + "s │ %s%n",
          i < l.size() ? l.get(i) : "",
          i < r.size() ? r.get(i) : "");
    }
  }

  private static List<String> wrap(String text) {
    List<String> lines = new java.util.ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String line =
          raw.length() > 60 && raw.matches("[A-Za-z0-9+/=]+") ? raw.substring(0, 20) + "…" : raw;
      while (line.length() > COLUMN) {
        int cut = line.lastIndexOf(' ', COLUMN);
        if (cut <= 0) {
          cut = COLUMN;
        }
        lines.add(line.substring(0, cut));
        line = line.substring(cut).stripLeading();
      }
      lines.add(line);
    }
    return lines;
  }

  private static String oneLine(String s) {
    String flat = s.replace('\n', ' ');
    return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
  }
}
