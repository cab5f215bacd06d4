package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engine.config.ConfigException;
import dev.warden.ledger.LedgerVerifier;
import dev.warden.ledger.VerifyReport;
import dev.warden.server.policy.ConfigSource;
import dev.warden.server.policy.PolicyBundle;
import dev.warden.testing.LedgerLines;
import dev.warden.testing.StubUpstream;
import dev.warden.vault.LocalKeyring;
import dev.warden.vault.PemSigningKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hot reload through the real proxy: what a request gets before and after a reload shows whether
 * the running policy was replaced.
 */
class PolicyReloadTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String EMAIL_PROMPT = "Mail jane.roe@example.org today";

  @TempDir Path dir;
  private StubUpstream upstream;
  private @Nullable Gateway gateway;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Path file;

  @BeforeEach
  void startUpstream() {
    upstream = StubUpstream.start();
    file = dir.resolve("warden.yaml");
  }

  @AfterEach
  void stop() {
    Gateway g = gateway;
    if (g != null) {
      g.stop();
    }
    upstream.close();
  }

  private Gateway gw() {
    return java.util.Objects.requireNonNull(gateway, "gateway started");
  }

  private String yaml(String emailAction, String extra) {
    return "dataDir: "
        + dir.resolve("data")
        + "\nserver:\n  port: 0\n  drainSeconds: 1\nupstream:\n  url: "
        + upstream.url()
        + "\nreload:\n  watch: false\npolicy:\n  types:\n    email: "
        + emailAction
        + "\n"
        + extra;
  }

  private void start(ConfigSource source) {
    gateway = Gateway.start(source);
  }

  private ConfigSource source() {
    return new ConfigSource(file, Map.of(), Map.of(), c -> c);
  }

  /** Sends the email prompt; returns the status and what the upstream saw (or the error type). */
  private String probe() throws Exception {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gw().port() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(chat(EMAIL_PROMPT)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      return res.statusCode()
          + " "
          + JSON.readTree(res.body()).path("error").path("type").asString();
    }
    String sent = upstream.lastReceived();
    String content =
        JSON.readTree(String.valueOf(sent)).path("messages").get(1).path("content").asString();
    return "200 " + content;
  }

  private static String chat(String content) {
    return "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":\""
        + content
        + "\"}]}";
  }

  private void write(String text) throws Exception {
    // Replace atomically, as editors and deployment tools do.
    Path tmp = dir.resolve("warden.yaml.tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static final String REDACTED = "200 Mail [REDACTED:email] today";
  private static final String BLOCKED = "403 warden_blocked";

  @Test
  void invalidFileNeverReplacesTheRunningPolicy() throws Exception {
    write(yaml("redact", ""));
    start(source());
    assertThat(probe()).isEqualTo(REDACTED);

    for (String bad :
        List.of(
            yaml("explode", ""),
            yaml("block", "  emial: block\n"),
            "server: [not, a, mapping\n",
            yaml("block", "bogusSection: 1\n"))) {
      write(bad);
      PolicyReloader.Outcome o = gw().reload("test");
      assertThat(o.outcome()).isEqualTo("refused");
      assertThat(o.reason()).isNotEmpty();
      assertThat(probe()).as("after refusing %s", bad).isEqualTo(REDACTED);
    }
    assertThat(gw().reload("test").reason()).contains("bogusSection");

    Files.delete(file);
    assertThat(gw().reload("test").reason()).contains("cannot read config file");
    assertThat(probe()).isEqualTo(REDACTED);

    write(yaml("block", ""));
    PolicyReloader.Outcome ok = gw().reload("test");
    assertThat(ok.outcome()).isEqualTo("applied");
    assertThat(ok.needsRestart()).isEmpty();
    assertThat(probe()).isEqualTo(BLOCKED);
    assertThat(gw().reloader().running().sha256())
        .isEqualTo(PolicyBundle.sha256Hex(Files.readAllBytes(file)));
  }

  @Test
  void refusedReasonNamesTheKeyPath() throws Exception {
    write(yaml("redact", ""));
    start(source());
    write(yaml("explode", ""));
    assertThat(gw().reload("test").reason())
        .startsWith("policy.types.email: unknown action 'explode'");
  }

  @Test
  void badSignaturesNeverReplaceTheRunningPolicy() throws Exception {
    PemSigningKey.PemPair trusted = PemSigningKey.generateEd25519();
    PemSigningKey.PemPair other = PemSigningKey.generateEd25519();
    Path pub = dir.resolve("trusted.pub.pem");
    Files.writeString(pub, trusted.publicKeyPem());
    String require = "  requireSignature:\n    keys: [" + pub + "]\n";
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");

    write(sign(yaml("redact", require), trusted, t0));
    start(source());
    assertThat(probe()).isEqualTo(REDACTED);
    assertThat(gw().reloader().running().signedBy()).isEqualTo(trusted.keyId());

    // Signed by a key that is not trusted.
    write(sign(yaml("block", require), other, t0.plusSeconds(60)));
    PolicyReloader.Outcome foreign = gw().reload("test");
    assertThat(foreign.outcome()).isEqualTo("refused");
    assertThat(foreign.reason()).contains("policy.requireSignature").contains(pub.toString());
    assertThat(probe()).isEqualTo(REDACTED);

    // Unsigned, and unsigned without the requirement: the running requirement still applies.
    write(yaml("block", require));
    assertThat(gw().reload("test").reason()).contains("is not a signed policy bundle");
    write(yaml("block", ""));
    assertThat(gw().reload("test").reason()).contains("is not a signed policy bundle");
    assertThat(probe()).isEqualTo(REDACTED);

    // A trusted bundle whose policy text was altered after signing.
    String good = sign(yaml("block", require), trusted, t0.plusSeconds(60));
    write(tamper(good));
    assertThat(gw().reload("test").outcome()).isEqualTo("refused");
    assertThat(probe()).isEqualTo(REDACTED);

    // A bundle signed by the trusted key but naming another key: the pinned key decides.
    Path otherPub = dir.resolve("other.pub.pem");
    Files.writeString(otherPub, other.publicKeyPem());
    String switchKeys = "  requireSignature:\n    keys: [" + otherPub + "]\n";
    write(sign(yaml("block", switchKeys), other, t0.plusSeconds(90)));
    assertThat(gw().reload("test").outcome()).isEqualTo("refused");
    assertThat(probe()).isEqualTo(REDACTED);

    // The real thing: signed by the trusted key.
    write(good);
    PolicyReloader.Outcome applied = gw().reload("test");
    assertThat(applied.outcome()).isEqualTo("applied");
    assertThat(probe()).isEqualTo(BLOCKED);

    // An older (validly signed) bundle is a rollback.
    write(sign(yaml("allow", require), trusted, t0.plusSeconds(30)));
    assertThat(gw().reload("test").reason()).contains("rollback");
    assertThat(probe()).isEqualTo(BLOCKED);
  }

  @Test
  void anUnsignedFileIsRefusedAtStartWhenItRequiresASignature() throws Exception {
    PemSigningKey.PemPair trusted = PemSigningKey.generateEd25519();
    Path pub = dir.resolve("trusted.pub.pem");
    Files.writeString(pub, trusted.publicKeyPem());
    write(yaml("redact", "  requireSignature:\n    keys: [" + pub + "]\n"));
    assertThatThrownBy(() -> start(source()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("policy.requireSignature")
        .hasMessageContaining(pub.toString());
    assertThat(gateway).isNull();
  }

  @Test
  void environmentCanRequireTheSignatureTheFileDoesNotMention() throws Exception {
    PemSigningKey.PemPair trusted = PemSigningKey.generateEd25519();
    Path pub = dir.resolve("trusted.pub.pem");
    Files.writeString(pub, trusted.publicKeyPem());
    Map<String, String> env = Map.of("WARDEN_POLICY_REQUIRESIGNATURE_KEYS", pub.toString());
    write(yaml("redact", ""));
    assertThatThrownBy(() -> new ConfigSource(file, env, Map.of(), c -> c).load())
        .hasMessageContaining("is not a signed policy bundle");
    write(sign(yaml("redact", ""), trusted, Instant.now()));
    gateway = Gateway.start(new ConfigSource(file, env, Map.of(), c -> c));
    assertThat(probe()).isEqualTo(REDACTED);
  }

  @Test
  void restartOnlySettingsAreReportedAndNotApplied() throws Exception {
    write(yaml("redact", ""));
    start(source());
    int port = gw().port();
    write(
        yaml("block", "")
                .replace("port: 0", "port: 1")
                .replace("drainSeconds: 1", "drainSeconds: 2")
            + "ledger:\n  durability: async\n");
    PolicyReloader.Outcome o = gw().reload("test");
    assertThat(o.outcome()).isEqualTo("applied");
    assertThat(o.needsRestart())
        .containsExactlyInAnyOrder("server.port", "server.drainSeconds", "ledger.durability");
    assertThat(gw().port()).isEqualTo(port);
    assertThat(probe()).isEqualTo(BLOCKED);
    assertThat(gw().reloader().running().config().server().port()).isZero();
    assertThat(gw().reloader().running().config().ledger().durability()).isEqualTo("fsync");
  }

  @Test
  void everyReloadIsRecordedInTheLedgerAndTheLedgerVerifies() throws Exception {
    write(yaml("redact", ""));
    start(source());
    String first = gw().reloader().running().sha256();
    write(yaml("explode", ""));
    gw().reload("test");
    write(yaml("block", ""));
    gw().reload("sighup");
    gw().reload("sighup");
    probe();
    gw().stop();

    List<JsonNode> policy = new ArrayList<>();
    for (JsonNode r : ledger()) {
      if (r.path("event").asString().equals("policy")) {
        policy.add(r);
      }
    }
    assertThat(policy)
        .extracting(r -> r.path("outcome").asString())
        .containsExactly("applied", "refused", "applied", "unchanged");
    assertThat(policy.get(0).path("details").path("trigger").asString()).isEqualTo("start");
    assertThat(policy.get(0).path("details").path("sha256").asString()).isEqualTo(first);
    JsonNode refused = policy.get(1);
    assertThat(refused.path("errorType").asString()).isEqualTo("warden_policy_refused");
    assertThat(refused.path("details").path("reason").asString()).contains("policy.types.email");
    assertThat(refused.path("details").path("sha256").asString()).isEmpty();
    JsonNode applied = policy.get(2);
    assertThat(applied.path("details").path("sha256").asString())
        .isEqualTo(PolicyBundle.sha256Hex(Files.readAllBytes(file)));
    assertThat(applied.path("details").path("previousSha256").asString()).isEqualTo(first);
    assertThat(applied.path("details").path("trigger").asString()).isEqualTo("sighup");

    VerifyReport report =
        LedgerVerifier.verify(
            gw().ledgerDir(), LocalKeyring.open(gw().dataDir()).authenticator(Gateway.LEDGER_KEY));
    assertThat(report.ok()).as(report.toString()).isTrue();
    gateway = null;
  }

  @Test
  void savingTheFileReloadsIt() throws Exception {
    write(yaml("redact", "").replace("watch: false", "watch: true"));
    start(source());
    CompletableFuture<PolicyReloader.Outcome> next = new CompletableFuture<>();
    gw().reloader().onReload(next::complete);
    write(yaml("block", "").replace("watch: false", "watch: true"));
    assertThat(next.get(30, TimeUnit.SECONDS).outcome()).isEqualTo("applied");
    assertThat(probe()).isEqualTo(BLOCKED);
  }

  @Test
  void sighupReloads() throws Exception {
    write(yaml("redact", ""));
    start(source());
    CompletableFuture<PolicyReloader.Outcome> next = new CompletableFuture<>();
    gw().reloader().onReload(next::complete);
    write(yaml("block", ""));
    Process kill =
        new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid()))
            .inheritIO()
            .start();
    assertThat(kill.waitFor()).isZero();
    assertThat(next.get(30, TimeUnit.SECONDS).outcome()).isEqualTo("applied");
    assertThat(probe()).isEqualTo(BLOCKED);
  }

  private List<JsonNode> ledger() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(gw().ledgerDir())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : LedgerLines.read(f)) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  private static String sign(String yaml, PemSigningKey.PemPair key, Instant created) {
    return PolicyBundle.sign(
        yaml.getBytes(StandardCharsets.UTF_8),
        "warden.yaml",
        created,
        PemSigningKey.fromPem(key.privateKeyPem()));
  }

  /** Re-encodes the payload with one policy character changed, keeping the signature. */
  private static String tamper(String bundle) {
    JsonNode env = JSON.readTree(bundle);
    String payload =
        new String(
            java.util.Base64.getDecoder().decode(env.path("payload").asString()),
            StandardCharsets.UTF_8);
    String altered = payload.replace("email: block", "email: allow");
    assertThat(altered).isNotEqualTo(payload);
    return bundle.replace(
        env.path("payload").asString(),
        java.util.Base64.getEncoder().encodeToString(altered.getBytes(StandardCharsets.UTF_8)));
  }
}
