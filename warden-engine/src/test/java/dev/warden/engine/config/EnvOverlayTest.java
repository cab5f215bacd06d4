package dev.warden.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class EnvOverlayTest {
  private static WardenConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.fromTree(EnvOverlay.apply(ConfigLoader.parseYaml(yaml), env).tree())
        .config();
  }

  @Test
  void namesMapToKeyPaths() {
    Map<String, String> names = EnvOverlay.names();
    assertThat(names)
        .containsEntry("WARDEN_SERVER_PORT", "server.port")
        .containsEntry("WARDEN_SERVER_MAXBODYBYTES", "server.maxBodyBytes")
        .containsEntry("WARDEN_DATADIR", "dataDir")
        .containsEntry("WARDEN_MODE", "mode")
        .containsEntry("WARDEN_POLICY_TYPES_US_SSN", "policy.types.us_ssn")
        .containsEntry("WARDEN_POLICY_REQUIRESIGNATURE_KEYS", "policy.requireSignature.keys")
        .containsEntry("WARDEN_LEDGER_TIMESTAMP_URL", "ledger.timestamp.url")
        .containsEntry("WARDEN_UPSTREAM_PASSTHROUGH", "upstream.passThrough");
    // Every name maps to exactly one path: two keys never share a variable.
    assertThat(Set.copyOf(names.values())).hasSameSizeAs(names.values());
  }

  @Test
  void variablesOverrideTheFileAndPassTheSameChecks() {
    WardenConfig c =
        load(
            "server:\n  port: 8080\npolicy:\n  types:\n    email: mask\n",
            Map.of(
                "WARDEN_SERVER_PORT", "9001",
                "WARDEN_POLICY_TYPES_EMAIL", "block",
                "WARDEN_RESPONSES_PROTECT", "false",
                "WARDEN_MODE", "dry-run",
                "WARDEN_UPSTREAM_PASSTHROUGH", "/v1/models, /v1/files",
                "PATH", "/usr/bin"));
    assertThat(c.server().port()).isEqualTo(9001);
    assertThat(c.policy().action("email").id()).isEqualTo("block");
    assertThat(c.responses().protect()).isFalse();
    assertThat(c.policy().mode().id()).isEqualTo("dry-run");
    assertThat(c.upstream().passThrough()).containsExactly("/v1/models", "/v1/files");
    assertThat(
            load("", Map.of("WARDEN_UPSTREAM_PASSTHROUGH", "[/v1/models]"))
                .upstream()
                .passThrough())
        .containsExactly("/v1/models");

    assertThatThrownBy(() -> load("", Map.of("WARDEN_SERVER_PORT", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("server.port: must be between 0 and 65535");
    assertThatThrownBy(() -> load("", Map.of("WARDEN_POLICY_TYPES_EMAIL", "explode")))
        .hasMessageStartingWith("policy.types.email: unknown action 'explode'");
  }

  @Test
  void aTypoInAKeyLikeVariableIsAnErrorNamingIt() {
    assertThatThrownBy(() -> load("", Map.of("WARDEN_SERVER_PROT", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("WARDEN_SERVER_PROT")
        .hasMessageContaining("did you mean WARDEN_SERVER_PORT?");
    assertThatThrownBy(() -> load("", Map.of("WARDEN_POLICY_TYPES_EMIAL", "block")))
        .hasMessageContaining("WARDEN_POLICY_TYPES_EMIAL");
  }

  @Test
  void launcherVariablesAreNotConfiguration() {
    Map<String, String> launcher =
        Map.of("WARDEN_LOG_LEVEL", "DEBUG", "WARDEN_BUILD_LOCK", "/tmp/x", "WARDENX", "1");
    assertThat(shown(launcher)).isEqualTo(shown(Map.of()));
  }

  private static String shown(Map<String, String> env) {
    return ConfigLoader.toYaml(
        ConfigLoader.fromTree(EnvOverlay.apply(ConfigLoader.parseYaml(""), env).tree())
            .effective());
  }

  @Test
  void secretKeysAreRefusedFromTheEnvironment() {
    JsonNode defaults =
        JsonNodeFactory.instance
            .objectNode()
            .set("store", JsonNodeFactory.instance.objectNode().put("password", "(redacted)"));
    ConfigLoader.Loaded withSecret =
        new ConfigLoader.Loaded(
            WardenConfig.defaults(),
            (tools.jackson.databind.node.ObjectNode) defaults,
            Set.of("store.password"));
    assertThatThrownBy(() ->
            EnvOverlay.apply(
                ConfigLoader.parseYaml(""),
                Map.of("WARDEN_STORE_PASSWORD", "hunter2-not-real"),
                withSecret))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("store.password: is secret-bearing")
        .hasMessageContaining("WARDEN_STORE_PASSWORD")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void theSecretAccessorRedactsAndCollectsThePath() {
    ConfigNode n =
        new ConfigNode("", ConfigLoader.parseYaml("store:\n  password: hunter2-not-real\n"));
    String value = n.section("store", s -> s.secret("password", ""));
    assertThat(value).isEqualTo("hunter2-not-real");
    assertThat(ConfigLoader.toYaml(n.effective())).contains("(redacted)").doesNotContain("hunter2");
    assertThat(n.secretPaths()).isEqualTo(Set.of("store.password"));
    assertThat(List.copyOf(n.secretPaths())).hasSize(1);
  }
}
