package dev.warden.engine;

import static dev.warden.engine.ProtectorTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Restorer;
import dev.warden.api.TokenFormat;
import dev.warden.api.VaultSession;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The engine's side of tokenize and encrypt: the rewriter calls the vault session, values inside
 * markers the vault issued are not detected again, fake markers are. The real vault is exercised
 * end to end in warden-server's vault proxy test; here a recording session stands in, because the
 * engine must not depend on the vault module.
 */
class ReversibleActionsTest {
  /** Issues numbered tokens and envelopes; genuine means "issued by this session". */
  static class RecordingSession implements VaultSession {
    final Map<String, String> issued = new ConcurrentHashMap<>();
    final List<String> encryptedPaths = new ArrayList<>();

    @Override
    public String tokenize(String type, String value) {
      // Unique per issue and never all-A, so it cannot collide with the fakes below.
      String token = TokenFormat.token(type, "A".repeat(15) + (char) ('B' + issued.size()));
      issued.put(token, value);
      return token;
    }

    @Override
    public String encrypt(String type, String path, String value) {
      encryptedPaths.add(path);
      String env =
          TokenFormat.envelope(
              type, "0000abcd", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY" + issued.size());
      issued.put(env, value);
      return env;
    }

    @Override
    public boolean isGenuine(TokenFormat.Marker marker, String path) {
      return issued.containsKey(marker.text());
    }

    @Override
    public Restorer restorer() {
      return Restorer.NONE;
    }
  }

  private static Protector protector(String yaml) {
    WardenConfig c = ConfigLoader.fromYaml(yaml);
    return new Protector(
        dev.warden.engine.DetectorStack.forConfig(c),
        c.policy(),
        ProtectorTest.HASHER,
        new dev.warden.engine.json.JsonBodies(64, 1 << 20));
  }

  @Test
  void tokenizeAndEncryptGoThroughTheSessionWithTheLeafPath() {
    Protector p = protector("policy: {types: {email: tokenize, phone: encrypt}}");
    RecordingSession s = new RecordingSession();
    Protector.Result r =
        p.protectJson(
            bytes(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"mail dana.k@example.org or"
                    + " call +1 202 555 0147\"}]}"),
            s);

    String out = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.outcome()).isEqualTo(Protector.Outcome.TRANSFORMED);
    assertThat(out).contains("[TOKEN:email:").contains("[ENC:phone:0000abcd:");
    assertThat(out).doesNotContain("dana.k").doesNotContain("555 0147");
    assertThat(s.issued.values()).contains("dana.k@example.org");
    assertThat(s.encryptedPaths).containsExactly("/messages/0/content");
    assertThat(r.replacements())
        .extracting(rep -> rep.decision().action().id())
        .containsExactlyInAnyOrder("tokenize", "encrypt");
  }

  @Test
  void withoutAVaultReversibleActionsRedact() {
    Protector p = protector("policy: {types: {email: tokenize}}");
    Protector.TextResult r = p.protectText("mail dana.k@example.org");
    assertThat(r.text()).isEqualTo("mail [REDACTED:email]");
  }

  /** An operator rule for 16-letter codes: it matches inside every token id. */
  private static final String CODE_RULE =
      """
      detection:
        customRules:
          - id: voucher-code
            type: voucher
            pattern: '\\b[A-Z2-7]{16}\\b'
            truePositives: ["code QWERTYUIOPASDFGH ok"]
            falsePositives: ["code QWERTY ok"]
      policy: {types: {voucher: tokenize, email: tokenize}}
      """;

  @Test
  void issuedTokensAreNotDetectedAgainButFakeOnesAre() {
    Protector p = protector(CODE_RULE);
    RecordingSession s = new RecordingSession();
    String first = p.protectText("mail dana.k@example.org", s).text();
    assertThat(s.issued.keySet()).hasSize(1);
    assertThat(first).matches("mail \\[TOKEN:email:A{15}B]");

    // The rule matches the token's id, but the vault issued it: a second pass leaves it alone.
    Protector.TextResult again = p.protectText(first, s);
    assertThat(again.text()).isEqualTo(first);
    assertThat(again.replacements()).isEmpty();

    // A look-alike the vault never issued vouches for nothing: what it holds is found as usual.
    Protector.TextResult forged = p.protectText(first, new RecordingSession());
    assertThat(forged.replacements())
        .extracting(r -> r.finding().type())
        .containsExactly("voucher");
    assertThat(forged.text()).isNotEqualTo(first);
    // Without a vault session nothing is vouched for either.
    assertThat(p.protectText(first).replacements()).hasSize(1);
  }

  @Test
  void aVaultFailureReachesTheHost() {
    Protector p = protector("policy: {types: {email: tokenize}}");
    VaultSession broken =
        new RecordingSession() {
          @Override
          public String tokenize(String type, String value) {
            throw new IllegalStateException("store down");
          }
        };
    assertThatThrownBy(() -> p.protectText("mail dana.k@example.org", broken))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void configAcceptsTheVaultActionsAndSection() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            "policy: {types: {email: tokenize}}\n"
                + "vault: {scope: identity, ttlMinutes: 60, conversationHeader: X-Chat-Id,"
                + " allowReveal: true}");
    assertThat(c.usesVault()).isTrue();
    assertThat(c.vault()).isEqualTo(new WardenConfig.Vault("identity", 60, "X-Chat-Id", true));
    assertThat(WardenConfig.defaults().usesVault()).isFalse();
    assertThat(WardenConfig.defaults().vault()).isEqualTo(WardenConfig.Vault.DEFAULTS);
    assertThat(ConfigLoader.fromYaml("policy: {defaultAction: encrypt}").usesVault()).isTrue();
  }
}
