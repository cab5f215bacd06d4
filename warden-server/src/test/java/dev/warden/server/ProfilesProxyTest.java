package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Attribution;
import dev.warden.api.Identity;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.ledger.LedgerVerifier;
import dev.warden.server.policy.ConfigSource;
import dev.warden.testing.LedgerLines;
import dev.warden.testing.StubUpstream;
import dev.warden.vault.LocalKeyring;
import io.helidon.http.HeaderNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Profiles, privacy sets, model allowlists, per-profile upstreams, escalation and shadow policy
 * through the real proxy. Who calls is chosen by the test's own {@link Admission}: the {@code
 * X-Test-Team} header becomes an identity labelled {@code team=<value>} with scope {@code chat}.
 */
class ProfilesProxyTest {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String KR_RRN = "주민등록번호 920411-2679146 확인 부탁드립니다";
  private static final String FR_NIR = "N° de sécurité sociale : 1 31 07 09 666 035 13";
  private static final String US_SSN = "My SSN is 455-84-4778, do I need it for the W-9?";
  private static final String JP_MY_NUMBER = "マイナンバー 9564 2290 6009 を提出してください";
  private static final String SG_NRIC = "NRIC: S4644604F";
  private static final String EMAIL = "Mail jane.roe@example.org today";
  private static final String CARD = "Card: 4111 1111 1111 1111 exp 12/27";

  /** Identity from a test header: through real HTTP, without the authentication branch. */
  static final Admission BY_TEAM =
      req -> {
        String team = req.headers().first(HeaderNames.create("X-Test-Team")).orElse("");
        return team.isEmpty()
            ? Attribution.ANONYMOUS
            : Attribution.of(
                new Identity(
                    "svc-" + team,
                    Identity.Kind.SERVICE,
                    Set.of("chat"),
                    Map.of("team", team),
                    "api-key"));
      };

  @TempDir Path dir;
  private final StubUpstream main = StubUpstream.start();
  private final StubUpstream eu = StubUpstream.start();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private @Nullable Gateway gateway;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws Exception {
    Gateway g = gateway;
    if (g != null) {
      g.stop();
    }
    for (AutoCloseable c : toClose) {
      c.close();
    }
    main.close();
    eu.close();
  }

  private String baseYaml(String upstreamUrl) {
    return "dataDir: "
        + dir.resolve("data")
        + "\nserver: {port: 0, drainSeconds: 1}\nreload: {watch: false}\nupstream: {url: \""
        + upstreamUrl
        + "\"}\nupstreams:\n  eu: {url: \""
        + eu.url()
        + "\", dialects: [openai-chat], profilesOnly: true}\n";
  }

  private Gateway start(String yaml) {
    return start(main, yaml);
  }

  private Gateway start(StubUpstream upstream, String yaml) {
    WardenConfig config = ConfigLoader.fromYaml(baseYaml(upstream.url()) + yaml);
    Gateway g = Gateway.start(config, Gateway::streamInspection, BY_TEAM);
    gateway = g;
    return g;
  }

  private Gateway gw() {
    return java.util.Objects.requireNonNull(gateway, "gateway started");
  }

  private HttpResponse<String> post(String path, String body, @Nullable String team)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw().port() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (team != null) {
      b.header("X-Test-Team", team);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> chat(String content, @Nullable String team) throws Exception {
    return post("/v1/chat/completions", ProxyHarness.chat(content), team);
  }

  private List<JsonNode> ledger() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(gw().ledgerDir())) {
      for (Path p : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : LedgerLines.read(p)) {
          if (!line.isBlank()) {
            out.add(JSON.readTree(line));
          }
        }
      }
    }
    return out;
  }

  /** The ledger record of one exchange's {@code event} ({@code request} or {@code response}). */
  private JsonNode record(HttpResponse<?> r, String event) throws Exception {
    String id = r.headers().firstValue("Warden-Correlation-Id").orElseThrow();
    return ledger().stream()
        .filter(n -> n.path("correlationId").asString().equals(id))
        .filter(n -> n.path("event").asString().equals(event))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + event + " record for " + id));
  }

  private static final String PRIVACY_PROFILES =
      """
      profiles:
        kr: {match: {labels: {team: kr}}, privacy: kr-pipa}
        eu: {match: {labels: {team: eu}}, privacy: eu-gdpr}
        us: {match: {labels: {team: us}}, privacy: us}
        jp: {match: {labels: {team: jp}}, privacy: jp-appi}
        asia: {match: {labels: {team: asia}}, privacy: asia}
      """;

  @Test
  void eachPrivacySetBlocksItsJurisdictionsIdentifierWhereTheDefaultPolicyRedacts()
      throws Exception {
    start(PRIVACY_PROFILES);
    String[][] cases = {
      {"kr", KR_RRN, "kr_rrn"},
      {"eu", FR_NIR, "fr_nir"},
      {"us", US_SSN, "us_ssn"},
      {"jp", JP_MY_NUMBER, "jp_mynumber"},
      {"asia", SG_NRIC, "sg_nric"},
      {"asia", KR_RRN, "kr_rrn"},
    };
    for (String[] c : cases) {
      HttpResponse<String> blocked = chat(c[1], c[0]);
      assertThat(blocked.statusCode()).as(c[0] + " " + c[2]).isEqualTo(403);
      assertThat(blocked.body()).contains("warden_blocked", c[2]);
      JsonNode rec = record(blocked, "request");
      assertThat(rec.path("profile").asString()).isEqualTo(c[0]);
      assertThat(rec.path("outcome").asString()).isEqualTo("blocked");
      assertThat(rec.path("identity").path("labels").path("team").asString()).isEqualTo(c[0]);

      int before = main.received().size();
      HttpResponse<String> redacted = chat(c[1], null);
      assertThat(redacted.statusCode()).as("default policy, " + c[2]).isEqualTo(200);
      assertThat(main.received()).hasSize(before + 1);
      assertThat(main.lastReceived()).contains("[REDACTED:" + c[2] + "]");
      assertThat(record(redacted, "request").has("profile")).isFalse();
    }
    // A set acts only on its own jurisdiction: a US SSN under kr-pipa keeps the default (redact).
    HttpResponse<String> ssnUnderKr = chat(US_SSN, "kr");
    assertThat(ssnUnderKr.statusCode()).isEqualTo(200);
    assertThat(main.lastReceived()).contains("[REDACTED:us_ssn]");
    assertThat(record(ssnUnderKr, "request").path("profile").asString()).isEqualTo("kr");
    // A caller no profile matches runs under the default policy.
    assertThat(chat(KR_RRN, "search").statusCode()).isEqualTo(200);
    assertThat(eu.received()).isEmpty();
  }

  @Test
  void profileActionsOverrideTheirPrivacySet() throws Exception {
    start(
        """
        profiles:
          kr: {match: {labels: {team: kr}}, privacy: kr-pipa, actions: {kr_rrn: hash, email: allow}}
        """);

    HttpResponse<String> r = chat(KR_RRN + " " + EMAIL, "kr");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(main.lastReceived())
        .contains("[HASH:kr_rrn:", "jane.roe@example.org")
        .doesNotContain("920411-2679146");
    JsonNode rec = record(r, "request");
    assertThat(rec.path("findings").toString())
        .contains("\"action\":\"hash\"", "\"action\":\"allow\"");
  }

  @Test
  void aModelOffTheAllowlistIsRefusedWith403NamingModelAndProfileAndNotForwarded()
      throws Exception {
    start(
        """
        profiles:
          pay: {match: {labels: {team: pay}}, models: ["gpt-4o*", claude-3-haiku]}
        """);

    HttpResponse<String> refused = chat("hello", "pay");

    assertThat(refused.statusCode()).isEqualTo(403);
    JsonNode err = JSON.readTree(refused.body()).path("error");
    assertThat(err.path("type").asString()).isEqualTo("warden_model_not_allowed");
    assertThat(err.path("message").asString()).contains("'gpt-test'", "'pay'", "gpt-4o*");
    assertThat(main.received()).isEmpty();
    JsonNode rec = record(refused, "request");
    assertThat(rec.path("outcome").asString()).isEqualTo("rejected");
    assertThat(rec.path("status").asInt()).isEqualTo(403);
    assertThat(rec.path("errorType").asString()).isEqualTo("warden_model_not_allowed");
    assertThat(rec.path("model").asString()).isEqualTo("gpt-test");
    assertThat(rec.path("profile").asString()).isEqualTo("pay");

    String allowed = ProxyHarness.chat("hello").replace("gpt-test", "gpt-4o-mini");
    assertThat(post("/v1/chat/completions", allowed, "pay").statusCode()).isEqualTo(200);
    assertThat(main.received()).hasSize(1);
    // Other callers are not bound by the profile's allowlist.
    assertThat(chat("hello", null).statusCode()).isEqualTo(200);
    assertThat(main.received()).hasSize(2);
  }

  @Test
  void aProfileWithAnUpstreamGoesThereAndOthersToTheUsualUpstream() throws Exception {
    start(
        """
        profiles:
          eu-team: {match: {labels: {team: eu}}, upstream: eu}
        """);

    HttpResponse<String> viaEu = chat("hello from the EU", "eu");
    HttpResponse<String> viaMain = chat("hello from elsewhere", "us");

    assertThat(viaEu.statusCode()).isEqualTo(200);
    assertThat(viaMain.statusCode()).isEqualTo(200);
    assertThat(eu.received()).singleElement().asString().contains("hello from the EU");
    assertThat(main.received()).singleElement().asString().contains("hello from elsewhere");
    assertThat(record(viaEu, "response").path("profile").asString()).isEqualTo("eu-team");

    // The profile's upstream serves only openai-chat: other dialects are refused, not rerouted.
    HttpResponse<String> completions =
        post("/v1/completions", "{\"model\":\"m\",\"prompt\":\"hi\"}", "eu");
    assertThat(completions.statusCode()).isEqualTo(404);
    assertThat(completions.body()).contains("upstreams.eu", "openai-completions");
    assertThat(main.received()).hasSize(1);
    assertThat(eu.received()).hasSize(1);
  }

  @Test
  void escalateAnswers202WithATicketRecordsItAndForwardsNothing() throws Exception {
    start(
        """
        profiles:
          review: {match: {labels: {team: review}}, actions: {us_ssn: escalate}}
        """);

    HttpResponse<String> held = chat(US_SSN, "review");

    assertThat(held.statusCode()).isEqualTo(202);
    JsonNode body = JSON.readTree(held.body());
    String ticket = body.path("ticket").asString();
    assertThat(ticket).matches("tk-[0-9a-f]{32}");
    assertThat(body.path("status").asString()).isEqualTo("escalated");
    assertThat(held.body()).contains("us_ssn").doesNotContain("455-84-4778");
    assertThat(held.headers().firstValue("Warden-Receipt")).isPresent();
    assertThat(main.received()).isEmpty();
    JsonNode rec = record(held, "request");
    assertThat(rec.path("outcome").asString()).isEqualTo("escalated");
    assertThat(rec.path("status").asInt()).isEqualTo(202);
    assertThat(rec.path("details").path("ticket").asString()).isEqualTo(ticket);
    assertThat(rec.path("findings").toString()).contains("\"action\":\"escalate\"");
    assertThat(Long.parseLong(held.headers().firstValue("Warden-Ledger-Seq").orElseThrow()))
        .isEqualTo(rec.path("seq").asLong());
    // Tickets are unique per held request.
    String second = JSON.readTree(chat(US_SSN, "review").body()).path("ticket").asString();
    assertThat(second).isNotEqualTo(ticket);

    // Block is stronger: a card number (block) beside the SSN (escalate) is refused outright.
    HttpResponse<String> both = chat(US_SSN + " " + CARD, "review");
    assertThat(both.statusCode()).isEqualTo(403);
    assertThat(record(both, "request").path("outcome").asString()).isEqualTo("blocked");
    assertThat(main.received()).isEmpty();
    assertThat(
            LedgerVerifier.verify(
                    gw().ledgerDir(),
                    LocalKeyring.open(gw().dataDir()).authenticator(Gateway.LEDGER_KEY))
                .ok())
        .isTrue();
  }

  @Test
  void escalateInAnAnswerActsAsBlockForWholeAndStreamedAnswers() throws Exception {
    StubUpstream leaky =
        StubUpstream.builder()
            .appendToReply(" Your SSN 455-84-4778 is on file")
            .streamChunkChars(4)
            .start();
    toClose.add(leaky);
    start(
        leaky,
        """
        policy: {types: {us_ssn: escalate}}
        """);

    HttpResponse<String> whole = chat("what is on file?", null);
    assertThat(whole.statusCode()).isEqualTo(502);
    assertThat(whole.body()).contains("warden_response_blocked").doesNotContain("455-84-4778");

    String streamBody = ProxyHarness.chat("what is on file?");
    streamBody = streamBody.substring(0, streamBody.length() - 1) + ",\"stream\":true}";
    HttpResponse<String> streamed = post("/v1/chat/completions", streamBody, null);
    assertThat(streamed.body()).doesNotContain("455-84-4778").contains("warden_response_blocked");
    assertThat(record(streamed, "response").path("outcome").asString()).isEqualTo("blocked");
  }

  @Test
  void aProfilePolicyAppliesToStreamedAnswers() throws Exception {
    StubUpstream leaky =
        StubUpstream.builder()
            .appendToReply(" Write to jane.roe@example.org")
            .streamChunkChars(3)
            .start();
    toClose.add(leaky);
    start(
        leaky,
        """
        profiles:
          strict: {match: {labels: {team: strict}}, actions: {email: block}}
        """);
    String streamBody = ProxyHarness.chat("hello");
    streamBody = streamBody.substring(0, streamBody.length() - 1) + ",\"stream\":true}";

    HttpResponse<String> underProfile = post("/v1/chat/completions", streamBody, "strict");
    HttpResponse<String> underDefault = post("/v1/chat/completions", streamBody, null);

    assertThat(underProfile.body()).doesNotContain("jane.roe@example.org");
    assertThat(underProfile.body()).contains("warden_response_blocked");
    JsonNode rec = record(underProfile, "response");
    assertThat(rec.path("outcome").asString()).isEqualTo("blocked");
    assertThat(rec.path("profile").asString()).isEqualTo("strict");
    assertThat(underDefault.body())
        .doesNotContain("jane.roe@example.org")
        .doesNotContain("warden_response_blocked");
    assertThat(record(underDefault, "response").path("outcome").asString())
        .isEqualTo("transformed");
  }

  @Test
  void shadowRecordsWhatTheCandidateWouldHaveDoneWithoutChangingTheAnswer() throws Exception {
    start(
        """
        shadow:
          types: {email: block, us_ssn: escalate}
        """);

    HttpResponse<String> r = chat(EMAIL, null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(main.lastReceived()).contains("[REDACTED:email]");
    JsonNode rec = record(r, "request");
    assertThat(rec.path("outcome").asString()).isEqualTo("transformed");
    assertThat(rec.path("details").path("shadowOutcome").asString()).isEqualTo("blocked");
    assertThat(rec.path("details").path("shadowActions").asString()).isEqualTo("email:block");
    assertThat(record(r, "response").has("details")).isFalse();

    HttpResponse<String> ssn = chat(US_SSN, null);
    assertThat(ssn.statusCode()).isEqualTo(200);
    assertThat(record(ssn, "request").path("details").path("shadowOutcome").asString())
        .isEqualTo("escalated");

    HttpResponse<String> clean = chat("hello there", null);
    assertThat(clean.statusCode()).isEqualTo(200);
    JsonNode cleanRec = record(clean, "request");
    assertThat(cleanRec.path("outcome").asString()).isEqualTo("forwarded");
    assertThat(cleanRec.path("details").path("shadowOutcome").asString()).isEqualTo("forwarded");
    assertThat(main.received()).hasSize(3);
  }

  @Test
  void aReloadReplacesProfilesAndShadowAndABadOneKeepsThem() throws Exception {
    Path file = dir.resolve("warden.yaml");
    String base = baseYaml(main.url());
    Files.writeString(
        file, base + "profiles:\n  kr: {match: {labels: {team: kr}}, privacy: kr-pipa}\n");
    gateway = Gateway.start(ConfigSource.of(file), Gateway::streamInspection, BY_TEAM);

    assertThat(chat(KR_RRN, "kr").statusCode()).isEqualTo(403);

    Files.writeString(
        file,
        base
            + "profiles:\n  kr: {match: {labels: {team: kr}}, actions: {kr_rrn: allow}}\n"
            + "shadow: {types: {kr_rrn: block}}\n");
    PolicyReloader.Outcome applied = gw().reload("test");
    assertThat(applied.applied()).isTrue();
    assertThat(applied.needsRestart()).isEmpty();
    HttpResponse<String> allowed = chat(KR_RRN, "kr");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(main.lastReceived()).contains("920411-2679146");
    assertThat(record(allowed, "request").path("details").path("shadowOutcome").asString())
        .isEqualTo("blocked");

    Files.writeString(
        file, base + "profiles:\n  kr: {match: {labels: {team: kr}}, upstream: nowhere}\n");
    PolicyReloader.Outcome refused = gw().reload("test");
    assertThat(refused.outcome()).isEqualTo("refused");
    assertThat(refused.reason()).contains("profiles.kr.upstream");
    assertThat(chat(KR_RRN, "kr").statusCode()).isEqualTo(200);
  }
}
