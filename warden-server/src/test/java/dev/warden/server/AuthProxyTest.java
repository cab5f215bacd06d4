package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.ApiKeyFormat;
import dev.warden.api.Identity;
import dev.warden.testing.LedgerLines;
import dev.warden.testing.StubUpstream;
import dev.warden.vault.ApiKeyStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code auth.mode: api-key} and owner headers, through the real proxy. */
class AuthProxyTest {
  static final String CHAT = "/v1/chat/completions";

  @TempDir Path tmp;

  @SuppressWarnings("NullAway.Init")
  ProxyHarness proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  ProxyHarness start(String yaml) {
    proxy = new ProxyHarness(tmp, StubUpstream.start(), yaml, c -> c);
    return proxy;
  }

  HttpResponse<String> send(Map<String, String> headers) throws Exception {
    return proxy.post(
        CHAT, ProxyHarness.chat("hello there").getBytes(StandardCharsets.UTF_8), headers);
  }

  static Map<String, String> bearer(String credential) {
    return Map.of("Authorization", "Bearer " + credential);
  }

  static String errorType(HttpResponse<String> r) {
    return JsonMapper.shared().readTree(r.body()).get("error").get("type").asString();
  }

  /** Every ledger record, in order. */
  static List<JsonNode> ledger(ProxyHarness p) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(p.gateway.ledgerDir())) {
      for (Path f : files.filter(x -> x.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : LedgerLines.read(f)) {
          if (!line.isBlank()) {
            out.add(JsonMapper.shared().readTree(line));
          }
        }
      }
    }
    return out;
  }

  static JsonNode lastRequestRecord(ProxyHarness p) throws Exception {
    List<JsonNode> records = ledger(p);
    for (int i = records.size() - 1; i >= 0; i--) {
      if (records.get(i).path("event").asString().equals("request")) {
        return records.get(i);
      }
    }
    throw new AssertionError("no request record in " + records);
  }

  static void assertRefused(HttpResponse<String> r, int status, String type, String secret) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(errorType(r)).isEqualTo(type);
    assertThat(r.body()).doesNotContain(secret);
    if (status == 401) {
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm=\"warden\""));
    }
  }

  @Test
  void theIssuedKeyIsAcceptedAndAttributedWhileTheClientKeyNeverReachesTheUpstream()
      throws Exception {
    ApiKeyStore.Issued issued =
        ApiKeyStore.open(tmp)
            .issue("ci-bot", Identity.Kind.SERVICE, Set.of("chat"), Map.of("team", "payments"));
    start("auth: {mode: api-key}");

    HttpResponse<String> r = send(bearer(issued.key()));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(proxy.received()).hasSize(1);
    assertThat(proxy.upstream.authorizations())
        .noneMatch(a -> a != null && a.contains(issued.key()));
    JsonNode id = lastRequestRecord(proxy).get("identity");
    assertThat(id.get("id").asString()).isEqualTo("ci-bot");
    assertThat(id.get("kind").asString()).isEqualTo("service");
    assertThat(id.get("method").asString()).isEqualTo("api-key");
    assertThat(id.get("scopes").toString()).isEqualTo("[\"chat\"]");
    assertThat(id.get("labels").get("team").asString()).isEqualTo("payments");
    assertThat(Files.readString(tmp.resolve("api-keys"))).doesNotContain(issued.key());
  }

  @Test
  void anAnthropicStyleKeyHeaderIsAcceptedToo() throws Exception {
    ApiKeyStore.Issued issued =
        ApiKeyStore.open(tmp).issue("sdk", Identity.Kind.USER, Set.of(), Map.of());
    start("auth: {mode: api-key}");

    assertThat(send(Map.of("x-api-key", issued.key())).statusCode()).isEqualTo(200);
  }

  @Test
  void eachBadCredentialIsRefusedWithItsTypeRecordedAndNeverForwarded() throws Exception {
    ApiKeyStore store = ApiKeyStore.open(tmp);
    ApiKeyStore.Issued issued = store.issue("alice", Identity.Kind.USER, Set.of(), Map.of());
    start("auth: {mode: api-key}");
    String unknown = ApiKeyFormat.mint();
    String key = issued.key();
    char last = key.charAt(key.length() - 1);
    String typo = key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');

    assertRefused(send(Map.of()), 401, "warden_auth_missing", "wdn_");
    assertRefused(send(bearer("wdn_short")), 401, "warden_auth_invalid", "wdn_short");
    assertRefused(send(bearer(typo)), 401, "warden_auth_invalid", typo);
    assertRefused(send(bearer(unknown)), 401, "warden_auth_invalid", unknown);
    HttpResponse<String> basic = send(Map.of("Authorization", "Basic " + key));
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(errorType(basic)).isEqualTo("warden_auth_invalid");
    assertThat(basic.body()).doesNotContain(key);

    assertThat(proxy.received()).isEmpty();
    List<JsonNode> records = ledger(proxy);
    assertThat(records).filteredOn(n -> n.path("outcome").asString().equals("rejected")).hasSize(5);
    assertThat(records.toString()).doesNotContain(key).doesNotContain(unknown);
  }

  @Test
  void aKeyRevokedByAnotherProcessIsRefusedByTheRunningGateway() throws Exception {
    ApiKeyStore.Issued issued =
        ApiKeyStore.open(tmp).issue("laptop", Identity.Kind.USER, Set.of(), Map.of());
    start("auth: {mode: api-key}");
    assertThat(send(bearer(issued.key())).statusCode()).isEqualTo(200);

    ApiKeyStore.open(tmp).revoke("laptop"); // as `warden keys revoke laptop` would

    HttpResponse<String> r = send(bearer(issued.key()));
    assertRefused(r, 401, "warden_auth_revoked", issued.key());
    assertThat(proxy.received()).hasSize(1);
    JsonNode rec = lastRequestRecord(proxy);
    assertThat(rec.get("outcome").asString()).isEqualTo("rejected");
    assertThat(rec.get("identity").get("id").asString()).isEqualTo("laptop");
  }

  @Test
  void anEditedKeyFileIsRefusedRatherThanTrusted() throws Exception {
    ApiKeyStore.Issued issued =
        ApiKeyStore.open(tmp).issue("bot", Identity.Kind.AGENT, Set.of(), Map.of());
    start("auth: {mode: api-key}");
    Path file = tmp.resolve("api-keys");
    String granted = Files.readString(file).replaceFirst("\t\t", "\towner:assert\t");
    Path edited = Path.of(file + ".new");
    Files.writeString(edited, granted);
    Files.setPosixFilePermissions(edited, PosixFilePermissions.fromString("rw-------"));
    Files.move(edited, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    HttpResponse<String> r = send(bearer(issued.key()));

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(errorType(r)).isEqualTo("warden_auth_unavailable");
    assertThat(proxy.received()).isEmpty();
  }

  @Test
  void ownerHeadersFromAnIdentityWithoutTheScopeAreASpoofRefusedAndRecorded() throws Exception {
    ApiKeyStore.Issued plain =
        ApiKeyStore.open(tmp).issue("plain", Identity.Kind.USER, Set.of("chat"), Map.of());
    start("auth: {mode: api-key}");

    HttpResponse<String> r =
        send(Map.of("Authorization", "Bearer " + plain.key(), "Warden-On-Behalf-Of", "ceo"));

    assertRefused(r, 403, "warden_owner_not_allowed", plain.key());
    assertThat(proxy.received()).isEmpty();
    JsonNode rec = lastRequestRecord(proxy);
    assertThat(rec.get("outcome").asString()).isEqualTo("rejected");
    assertThat(rec.get("identity").get("id").asString()).isEqualTo("plain");
    assertThat(rec.has("owner")).isFalse();
  }

  @Test
  void ownerHeadersFromAnAllowedIdentityAreRecordedAsAssertedAndNotForwarded() throws Exception {
    ApiKeyStore.Issued runner =
        ApiKeyStore.open(tmp)
            .issue("runner", Identity.Kind.SERVICE, Set.of("owner:assert"), Map.of());
    start("auth: {mode: api-key}");

    HttpResponse<String> r =
        send(
            Map.of(
                "Authorization", "Bearer " + runner.key(),
                "Warden-Agent-Id", "agent-7",
                "Warden-On-Behalf-Of", "user-42"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode owner = lastRequestRecord(proxy).get("owner");
    assertThat(owner.get("agentId").asString()).isEqualTo("agent-7");
    assertThat(owner.get("onBehalfOf").asString()).isEqualTo("user-42");
    assertThat(owner.get("assertedBy").asString()).isEqualTo("runner");
    assertThat(proxy.upstream.receivedHeaders().getFirst().keySet())
        .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("warden-"));
  }

  @Test
  void anonymousCallersCannotAssertOwnersEither() throws Exception {
    start("");

    HttpResponse<String> r = send(Map.of("Warden-Agent-Id", "agent-7"));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(errorType(r)).isEqualTo("warden_owner_not_allowed");
    assertThat(proxy.received()).isEmpty();
  }

  @Test
  void theUpstreamGetsItsOwnKeyInPlaceOfWardens() throws Exception {
    Path upstreamKey = tmp.resolve("upstream.key");
    Files.writeString(upstreamKey, "sk-upstream-own-key\n");
    Files.setPosixFilePermissions(upstreamKey, PosixFilePermissions.fromString("rw-------"));
    ApiKeyStore.Issued issued =
        ApiKeyStore.open(tmp).issue("svc", Identity.Kind.SERVICE, Set.of(), Map.of());
    start("auth: {mode: api-key, upstreamKey: {file: '" + upstreamKey + "'}}");

    assertThat(send(bearer(issued.key())).statusCode()).isEqualTo(200);

    assertThat(proxy.upstream.authorizations()).containsExactly("Bearer sk-upstream-own-key");
  }

  @Test
  void aWardenKeyPastedIntoAPromptIsRedactedBeforeTheUpstream() throws Exception {
    ApiKeyStore.Issued issued =
        ApiKeyStore.open(tmp).issue("me", Identity.Kind.USER, Set.of(), Map.of());
    ApiKeyStore.Issued leaked =
        ApiKeyStore.open(tmp).issue("other", Identity.Kind.USER, Set.of(), Map.of());
    start("auth: {mode: api-key}");

    HttpResponse<String> r =
        proxy.post(
            CHAT,
            ProxyHarness.chat("why does " + leaked.key() + " not work?")
                .getBytes(StandardCharsets.UTF_8),
            bearer(issued.key()));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(proxy.upstream.lastReceived()).doesNotContain(leaked.key());
    assertThat(ledger(proxy).toString()).contains("warden_api_key");
  }

  @Test
  void noneOffLoopbackRefusesToStart() {
    assertThatThrownBy(() ->
            Gateway.start(
                dev.warden.engine.config.ConfigLoader.fromYaml(
                        "server: {host: 127.0.0.1}\nupstream: {url: 'http://127.0.0.1:9'}")
                    .withDataDir(tmp.toString())
                    .withServer(
                        new dev.warden.engine.config.WardenConfig.Server(
                            "0.0.0.0", 0, 1 << 20, 64, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auth.mode")
        .hasMessageContaining("server.host");
  }
}
