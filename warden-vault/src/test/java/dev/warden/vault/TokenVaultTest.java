package dev.warden.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Identity;
import dev.warden.api.Restorer;
import dev.warden.api.TokenFormat;
import dev.warden.api.VaultSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVaultTest {
  // Generated, fake values.
  private static final String EMAIL = "dana.k@example.org";
  private static final String PHONE = "+1 202 555 0147";
  private static final Identity ALICE =
      new Identity("alice", Identity.Kind.USER, Set.of(), java.util.Map.of(), "api-key");
  private static final Identity BOB =
      new Identity("bob", Identity.Kind.USER, Set.of(), java.util.Map.of(), "api-key");

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock();
  private TokenVault vault;

  @BeforeEach
  void open() {
    vault = openVault(Duration.ofHours(1));
  }

  @AfterEach
  void close() {
    vault.close();
  }

  private TokenVault openVault(Duration ttl) {
    return TokenVault.open(
        LocalKeyring.open(tmp),
        SqliteTokenStore.open(SqliteTokenStore.defaultFile(tmp)),
        ttl,
        clock);
  }

  @Test
  void tokenIsTypeTaggedDeterministicPerScopeAndRestores() {
    VaultScope scope = VaultScope.identity(ALICE);
    String t1 = vault.tokenize("email", EMAIL, scope);
    String t2 = vault.tokenize("email", EMAIL, scope);

    assertThat(t1).isEqualTo(t2).matches("\\[TOKEN:email:[A-Z2-7]{16}]").doesNotContain("dana");
    assertThat(vault.tokenize("email", "other@example.org", scope)).isNotEqualTo(t1);
    assertThat(vault.tokenize("phone", EMAIL, scope)).isNotEqualTo(t1.replace("email", "phone"));
    assertThat(vault.detokenize(t1, scope)).contains(EMAIL);
  }

  @Test
  void scopesAreIsolated() {
    VaultScope a = VaultScope.identity(ALICE);
    VaultScope b = VaultScope.identity(BOB);
    String ta = vault.tokenize("email", EMAIL, a);

    assertThat(vault.tokenize("email", EMAIL, b)).isNotEqualTo(ta);
    assertThat(vault.tokenize("email", EMAIL, VaultScope.conversation(ALICE, "c1")))
        .isNotEqualTo(ta);
    assertThat(vault.detokenize(ta, b)).isEmpty();
    assertThat(vault.detokenize(ta, VaultScope.GLOBAL)).isEmpty();
    assertThat(vault.session(b).restorer().restore("hi " + ta)).isEqualTo("hi " + ta);
    assertThat(vault.session(a).restorer().restore("hi " + ta)).isEqualTo("hi " + EMAIL);
  }

  @Test
  void restorerLeavesFakeForeignAndMalformedTokensAsText() {
    VaultScope scope = VaultScope.conversation(ALICE, "conv-1");
    VaultSession session = vault.session(scope);
    String real = session.tokenize("phone", PHONE);
    String fake = "[TOKEN:phone:AAAAAAAAAAAAAAAA]";
    String retyped = real.replace("phone", "email");
    String foreign = vault.tokenize("phone", PHONE, VaultScope.GLOBAL);
    String text =
        "call " + real + " not " + fake + " or " + retyped + " or " + foreign + " [TOKEN:phone:x]";

    Restorer r = vault.session(scope).restorer();
    assertThat(r.restore(text))
        .isEqualTo(
            "call "
                + PHONE
                + " not "
                + fake
                + " or "
                + retyped
                + " or "
                + foreign
                + " [TOKEN:phone:x]");
    assertThat(r.maxTokenLength())
        .isEqualTo(
            TokenFormat.token("a".repeat(TokenFormat.MAX_TYPE_LENGTH), "A".repeat(16)).length());
    assertThat(session.isGenuine(TokenFormat.tokens(real).getFirst(), "/x")).isTrue();
    assertThat(session.isGenuine(TokenFormat.tokens(fake).getFirst(), "/x")).isFalse();
    assertThat(session.isGenuine(TokenFormat.tokens(foreign).getFirst(), "/x")).isFalse();
  }

  @Test
  void valuesTokenizedInAnswersAreNeverRestored() {
    VaultScope scope = VaultScope.identity(ALICE);
    VaultSession answer = vault.answerSession(scope);
    String fromModel = answer.tokenize("email", "someone.else@example.org");
    String echoed = answer.tokenize("email", EMAIL);

    Restorer later = vault.session(scope).restorer();
    assertThat(later.restore(fromModel)).isEqualTo(fromModel);
    // Genuine all the same: a client sending it back does not get it re-detected.
    assertThat(vault.session(scope).isGenuine(TokenFormat.tokens(fromModel).getFirst(), "/"))
        .isTrue();
    // Once a client sends the value itself, its token restores, and an answer never downgrades it.
    assertThat(vault.session(scope).tokenize("email", EMAIL)).isEqualTo(echoed);
    answer.tokenize("email", EMAIL);
    assertThat(vault.session(scope).restorer().restore(echoed)).isEqualTo(EMAIL);
    assertThat(vault.detokenize(fromModel, scope)).contains("someone.else@example.org");
  }

  @Test
  void expiredEntriesDoNotRestoreAndArePurged() {
    VaultScope scope = VaultScope.GLOBAL;
    String token = vault.tokenize("email", EMAIL, scope);
    clock.advance(Duration.ofMinutes(59));
    assertThat(vault.detokenize(token, scope)).contains(EMAIL);
    String fresh = vault.tokenize("phone", PHONE, scope);

    clock.advance(Duration.ofMinutes(2));
    assertThat(vault.detokenize(token, scope)).isEmpty();
    assertThat(vault.session(scope).restorer().restore(token)).isEqualTo(token);
    assertThat(vault.stats().expired()).isEqualTo(1);
    assertThat(vault.purgeExpired()).isEqualTo(1);
    assertThat(vault.stats().entries()).isEqualTo(1);
    assertThat(vault.detokenize(fresh, scope)).contains(PHONE);
  }

  @Test
  void reissuingRefreshesTheExpiry() {
    String token = vault.tokenize("email", EMAIL, VaultScope.GLOBAL);
    clock.advance(Duration.ofMinutes(50));
    vault.tokenize("email", EMAIL, VaultScope.GLOBAL);
    clock.advance(Duration.ofMinutes(50));
    assertThat(vault.detokenize(token, VaultScope.GLOBAL)).contains(EMAIL);
  }

  @Test
  void purgeByScopeAndAll() {
    VaultScope a = VaultScope.identity(ALICE);
    VaultScope b = VaultScope.identity(BOB);
    vault.tokenize("email", EMAIL, a);
    vault.tokenize("phone", PHONE, a);
    String tb = vault.tokenize("email", EMAIL, b);

    TokenStore.Stats stats = vault.stats();
    assertThat(stats.entries()).isEqualTo(3);
    assertThat(stats.scopes()).isEqualTo(2);
    assertThat(stats.byType()).containsEntry("email", 2L).containsEntry("phone", 1L);
    assertThat(vault.purgeScope(a)).isEqualTo(2);
    assertThat(vault.detokenize(tb, b)).contains(EMAIL);
    assertThat(vault.purgeAll()).isEqualTo(1);
    assertThat(vault.detokenize(tb, b)).isEmpty();
  }

  @Test
  void tamperedAndCopiedEntriesAreRejected() throws Exception {
    VaultScope a = VaultScope.identity(ALICE);
    VaultScope b = VaultScope.identity(BOB);
    String ta = vault.tokenize("email", EMAIL, a);
    String other = vault.tokenize("email", "x@example.org", a);
    String tb = vault.tokenize("email", "bob@example.org", b);

    try (Connection c = sql()) {
      // Copy alice's sealed value under bob's token and scope, and flip a byte of another.
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE tokens SET sealed = (SELECT sealed FROM tokens WHERE scope = ? AND token = ?)"
                  + " WHERE scope = ? AND token = ?")) {
        s.setString(1, a.key());
        s.setString(2, ta);
        s.setString(3, b.key());
        s.setString(4, tb);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      // Flipped, not overwritten: writing a fixed byte left the value intact whenever that byte
      // already held it (1 run in 256), and the tampered entry then decrypted.
      byte[] sealed;
      try (PreparedStatement s =
          c.prepareStatement("SELECT sealed FROM tokens WHERE scope = ? AND token = ?")) {
        s.setString(1, a.key());
        s.setString(2, other);
        try (java.sql.ResultSet rs = s.executeQuery()) {
          assertThat(rs.next()).isTrue();
          sealed = rs.getBytes(1);
        }
      }
      sealed[20] ^= 0x01;
      try (PreparedStatement s =
          c.prepareStatement("UPDATE tokens SET sealed = ? WHERE scope = ? AND token = ?")) {
        s.setBytes(1, sealed);
        s.setString(2, a.key());
        s.setString(3, other);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
    }

    assertThatThrownBy(() -> vault.detokenize(tb, b))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("failed authentication")
        .hasMessageNotContaining("example.org");
    assertThatThrownBy(() -> vault.detokenize(other, a)).isInstanceOf(VaultException.class);
    assertThat(vault.session(b).restorer().restore(tb)).isEqualTo(tb);
    assertThat(vault.detokenize(ta, a)).contains(EMAIL);
  }

  @Test
  void restartKeepsTokensAndFilesAreOwnerOnly() throws Exception {
    VaultScope scope = VaultScope.conversation(ALICE, "c-9");
    String token = vault.tokenize("email", EMAIL, scope);
    vault.close();

    vault = openVault(Duration.ofHours(1));
    assertThat(vault.tokenize("email", EMAIL, scope)).isEqualTo(token);
    assertThat(vault.detokenize(token, scope)).contains(EMAIL);
    for (Path p :
        List.of(
            SqliteTokenStore.defaultFile(tmp),
            tmp.resolve("keys/vault-token.tink.json"),
            tmp.resolve("keys/vault-entry.tink.json"),
            tmp.resolve("keys/vault-envelope.tink.json"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .as(p.toString())
          .isEqualTo("rw-------");
    }
    assertThat(
            Files.readString(
                SqliteTokenStore.defaultFile(tmp), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(EMAIL);
  }

  @Test
  void openStoreRefusesLoosePermissions() throws Exception {
    vault.close();
    Path db = SqliteTokenStore.defaultFile(tmp);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> SqliteTokenStore.open(db))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
    vault = openVault(Duration.ofHours(1));
  }

  @Test
  void concurrentTokenizeAgreesAndEveryTokenRestores() throws Exception {
    VaultScope scope = VaultScope.GLOBAL;
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      int n = i % 8;
      tasks.add(() -> vault.tokenize("email", "user" + n + "@example.org", scope));
    }
    Set<String> tokens = new HashSet<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<String> f : pool.invokeAll(tasks)) {
        tokens.add(f.get());
      }
    }
    assertThat(tokens).hasSize(8);
    for (String t : tokens) {
      assertThat(vault.detokenize(t, scope).orElseThrow()).matches("user[0-7]@example.org");
    }
    assertThat(vault.stats().entries()).isEqualTo(8);
  }

  @Test
  void envelopeRoundTripsOnlyAtItsPathAndType() {
    String env = vault.encrypt("card", "/messages/0/content", "4111 1111 1111 1111");

    assertThat(env).matches("\\[ENC:card:[0-9a-f]{8}:[A-Za-z0-9_-]+]").doesNotContain("4111");
    assertThat(vault.decrypt(env, "/messages/0/content")).isEqualTo("4111 1111 1111 1111");
    assertThatThrownBy(() -> vault.decrypt(env, "/messages/1/content"))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("another path");
    assertThatThrownBy(
            () -> vault.decrypt(env.replace("[ENC:card:", "[ENC:iban:"), "/messages/0/content"))
        .isInstanceOf(VaultException.class);
    VaultSession s = vault.session(VaultScope.GLOBAL);
    TokenFormat.Marker m = TokenFormat.markers(env).getFirst();
    assertThat(s.isGenuine(m, "/messages/0/content")).isTrue();
    assertThat(s.isGenuine(m, "/messages/1/content")).isFalse();
    // Two encryptions of one value differ (random nonce): envelopes do not link values.
    assertThat(vault.encrypt("card", "/p", "x")).isNotEqualTo(vault.encrypt("card", "/p", "x"));
  }

  @Test
  void rotationKeepsOldTokensAndEnvelopesOpenAndNamesTheNewKey() {
    VaultScope scope = VaultScope.GLOBAL;
    String oldToken = vault.tokenize("email", EMAIL, scope);
    String oldEnv = vault.encrypt("email", "/a", EMAIL);
    vault.close();

    VaultKeys keys = VaultKeys.of(LocalKeyring.open(tmp));
    int oldEnvKey = keys.list().get(2).primaryId();
    keys.rotate(VaultKeys.TOKEN);
    keys.rotate(VaultKeys.ENTRY);
    int newEnvKey = keys.rotate(VaultKeys.ENVELOPE);
    assertThat(keys.list().get(2).keyIds()).containsExactly(newEnvKey, oldEnvKey);

    vault = openVault(Duration.ofHours(1));
    String newToken = vault.tokenize("email", EMAIL, scope);
    String newEnv = vault.encrypt("email", "/a", EMAIL);
    assertThat(newToken).isNotEqualTo(oldToken);
    assertThat(newEnv).contains(":" + java.util.HexFormat.of().toHexDigits(newEnvKey) + ":");
    assertThat(oldEnv).contains(":" + java.util.HexFormat.of().toHexDigits(oldEnvKey) + ":");
    assertThat(vault.detokenize(oldToken, scope)).contains(EMAIL);
    assertThat(vault.detokenize(newToken, scope)).contains(EMAIL);
    assertThat(vault.decrypt(oldEnv, "/a")).isEqualTo(EMAIL);
    assertThat(vault.decrypt(newEnv, "/a")).isEqualTo(EMAIL);
    // A relabelled key id does not open.
    String relabelled =
        oldEnv.replace(
            ":" + java.util.HexFormat.of().toHexDigits(oldEnvKey) + ":",
            ":" + java.util.HexFormat.of().toHexDigits(newEnvKey) + ":");
    assertThatThrownBy(() -> vault.decrypt(relabelled, "/a")).isInstanceOf(VaultException.class);
  }

  @Test
  void badTypesAndScopesAreRefused() {
    assertThatThrownBy(() -> vault.tokenize("Email!", EMAIL, VaultScope.GLOBAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("dana");
    assertThatThrownBy(() -> VaultScope.conversation(ALICE, "a:b"))
        .hasMessageContaining("conversation id");
    assertThat(VaultScope.parse("conversation:alice:c-1"))
        .isEqualTo(VaultScope.conversation(ALICE, "c-1"));
    assertThatThrownBy(() -> VaultScope.parse("nope")).hasMessageContaining("global");
  }

  private Connection sql() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + SqliteTokenStore.defaultFile(tmp));
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
