package dev.warden.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Action;
import dev.warden.engine.policy.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @Test
  void emptyFileGivesSafeDefaults() {
    WardenConfig c = ConfigLoader.fromYaml("");

    assertThat(c.server().host()).isEqualTo("127.0.0.1");
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.server().maxBodyBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(c.policy().mode()).isEqualTo(Mode.ENFORCE);
    assertThat(c.responses().protect()).isTrue();
    assertThat(c.ledger().durability()).isEqualTo("fsync");
    assertThat(c.ledger().receipts()).isEqualTo("signed");
    assertThat(c.ledger().signingAlgorithm()).isEqualTo("ed25519");
    assertThat(c.ledger().timestamp().enabled()).isFalse();
    assertThat(c.ledger().forcesInFlight())
        .isEqualTo(WardenConfig.LedgerSettings.DEFAULT_FORCES_IN_FLIGHT);
    assertThat(c.ledger().commitDelayMicros())
        .isEqualTo(WardenConfig.LedgerSettings.DEFAULT_COMMIT_DELAY_MICROS);
    assertThat(c.ledger().groupCommit())
        .isEqualTo(WardenConfig.LedgerSettings.DEFAULT_GROUP_COMMIT);
    assertThat(c.dataDir()).isEqualTo(".warden");
    assertThat(c.policy().actions().get("card")).isInstanceOf(Action.Block.class);
    assertThat(c.policy().actions().get("email")).isInstanceOf(Action.Redact.class);
  }

  @Test
  void fullFileIsRead() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            """
            mode: dry-run
            server: {port: 9000, maxJsonDepth: 32}
            upstream: {url: "http://127.0.0.1:11434/", passThrough: [/v1/models]}
            responses: {protect: false}
            policy:
              defaultAction: block
              mask: {visible: 2}
              types: {email: hash, phone: mask, card: allow}
            """);

    assertThat(c.policy().mode()).isEqualTo(Mode.DRY_RUN);
    assertThat(c.server().port()).isEqualTo(9000);
    assertThat(c.server().maxJsonDepth()).isEqualTo(32);
    assertThat(c.upstream().url()).isEqualTo("http://127.0.0.1:11434");
    assertThat(c.upstream().passThrough()).containsExactly("/v1/models");
    assertThat(c.responses().protect()).isFalse();
    assertThat(c.policy().defaultAction()).isInstanceOf(Action.Block.class);
    assertThat(c.policy().actions().get("email")).isInstanceOf(Action.Hash.class);
    assertThat(c.policy().actions().get("phone")).isEqualTo(new Action.Mask(2));
    assertThat(c.policy().actions().get("card")).isInstanceOf(Action.Allow.class);
  }

  @Test
  void ledgerReceiptsKeysAndTimestampingAreRead(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path ca = java.nio.file.Files.writeString(tmp.resolve("ca.pem"), "x");
    WardenConfig c =
        ConfigLoader.fromYaml(
            "ledger:\n  receipts: hmac\n  signingAlgorithm: p256\n  timestamp:\n"
                + "    url: https://tsa.example/tsr\n    trustAnchor: "
                + ca
                + "\n    timeoutMs: 3000\n");

    assertThat(c.ledger().receipts()).isEqualTo("hmac");
    assertThat(c.ledger().signingAlgorithm()).isEqualTo("p256");
    assertThat(c.ledger().timestamp())
        .isEqualTo(new WardenConfig.Timestamping("https://tsa.example/tsr", ca.toString(), 3000));
    assertThat(c.ledger().timestamp().enabled()).isTrue();
  }

  @Test
  void ledgerGroupCommitSettingsAreRead() {
    WardenConfig c = ConfigLoader.fromYaml("ledger: {forcesInFlight: 1, commitDelayMicros: 250}\n");

    assertThat(c.ledger().forcesInFlight()).isEqualTo(1);
    assertThat(c.ledger().commitDelayMicros()).isEqualTo(250);
    assertThat(ConfigLoader.fromYaml("ledger: {groupCommit: leader}\n").ledger().groupCommit())
        .isEqualTo("leader");
    assertThat(ConfigLoader.fromYaml("ledger: {groupCommit: threads}\n").ledger().groupCommit())
        .isEqualTo("threads");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          prot: 1                                  | prot: unknown key; allowed here: mode
          mode: audit                              | mode: unknown value 'audit'; allowed: enforce, dry-run
          server: {port: 70000}                    | server.port: must be between 0 and 65535, got 70000
          server: {port: eighty}                   | server.port: must be a whole number, got a string
          server: {maxBodyBytes: 10}               | server.maxBodyBytes: must be between 1024
          server: [1, 2]                           | server: must be a mapping
          upstream: {url: ftp://x}                 | upstream.url: must start with http:// or https://
          upstream: {url: 'http://u:p@host'}       | upstream.url: must name a host and carry no credentials
          upstream: {timeout: 5}                   | upstream.timeout: unknown key; allowed here: url, connectTimeoutMs, timeoutMs, forwardAuthorization, passThrough
          upstream: {passThrough: [models]}        | upstream.passThrough: 'models' must be an absolute path
          responses: {protect: yes please}         | responses.protect: must be true or false
          responses: {streamIdleTimeoutMs: 0}      | responses.streamIdleTimeoutMs: must be between 1
          ledger: {durability: sometimes}          | ledger.durability: unknown value 'sometimes'; allowed: fsync, async
          ledger: {receipts: yes}                  | ledger.receipts: unknown value 'yes'; allowed: signed, hmac, off
          ledger: {signingAlgorithm: rsa}          | ledger.signingAlgorithm: unknown value 'rsa'; allowed: ed25519, p256
          ledger: {forcesInFlight: 3}              | ledger.forcesInFlight: must be between 1 and 2, got 3
          ledger: {commitDelayMicros: -1}          | ledger.commitDelayMicros: must be between 0 and 5000, got -1
          ledger: {commitDelayMicros: 10000}       | ledger.commitDelayMicros: must be between 0 and 5000, got 10000
          ledger: {groupCommit: flusher}           | ledger.groupCommit: unknown value 'flusher'; allowed: threads, leader
          ledger: {timestamp: {url: 'http://127.0.0.1:1/tsa'}} | ledger.timestamp.trustAnchor: required when ledger.timestamp.url is set
          ledger: {timestamp: {trustAnchor: ca.pem}} | ledger.timestamp.url: required when ledger.timestamp.trustAnchor is set
          ledger: {timestamp: {url: 'http://127.0.0.1:1/tsa', trustAnchor: /nonexistent/ca.pem}} | ledger.timestamp.trustAnchor: cannot read '/nonexistent/ca.pem'
          ledger: {timestamp: {url: 'tsa.example'}} | ledger.timestamp.url: must start with http:// or https://
          ledger: {timestamp: {timeout: 5}}        | ledger.timestamp.timeout: unknown key; allowed here: url, trustAnchor, timeoutMs
          policy: {minConfidence: 2}               | policy.minConfidence: must be between 0.0 and 1.0, got 2.0
          policy: {types: {emial: redact}}         | policy.types.emial: unknown detection type; known types:
          policy: {types: {email: shred}}          | policy.types.email: unknown action 'shred'; allowed: allow, redact, mask, hash, tokenize, encrypt, escalate, block
          vault: {scope: session}                  | vault.scope: unknown value 'session'
          vault: {ttlMinutes: 0}                   | vault.ttlMinutes: must be between 1 and
          vault: {conversationHeader: Warden-Conv} | vault.conversationHeader: 'Warden-Conv' is reserved
          vault: {conversationHeader: 'a b'}       | vault.conversationHeader: must be an HTTP header name
          vault: {reveal: true}                    | vault.reveal: unknown key; allowed here: scope, ttlMinutes, conversationHeader, allowReveal
          policy: {defaultAction: [redact]}        | policy.defaultAction: unknown value '(a list)'
          policy: {mask: {visible: 9}}             | policy.mask.visible: must be between 0 and 8, got 9
          'a: [unclosed'                           | not valid YAML
          """)
  void invalidConfigNamesTheKeyPath(String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected.strip());
  }
}
