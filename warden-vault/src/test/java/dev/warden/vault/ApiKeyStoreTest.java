package dev.warden.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.ApiKeyFormat;
import dev.warden.api.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyStoreTest {
  @TempDir Path dir;

  @Test
  void anIssuedKeyVerifiesAndOnlyItsHashIsStored() throws Exception {
    ApiKeyStore store = ApiKeyStore.open(dir);
    ApiKeyStore.Issued issued =
        store.issue("ci", Identity.Kind.SERVICE, Set.of("chat"), Map.of("team", "a"));

    ApiKeyStore.Verdict v = store.verify(issued.key());

    assertThat(v.status()).isEqualTo(ApiKeyStore.Status.VALID);
    assertThat(v.entry()).isEqualTo(issued.entry());
    assertThat(issued.toString()).doesNotContain(issued.key());
    assertThat(Files.readString(dir.resolve("api-keys"))).doesNotContain(issued.key());
    assertThat(ApiKeyStore.open(dir).verify(issued.key()).status())
        .as("another process, same data directory")
        .isEqualTo(ApiKeyStore.Status.VALID);
  }

  @Test
  void malformedUnknownAndWrongSecretAreTold() {
    ApiKeyStore store = ApiKeyStore.open(dir);
    String key = store.issue("x", Identity.Kind.USER, Set.of(), Map.of()).key();
    // Same public id, different secret part, valid checksum: a forgery of a known id.
    String body = key.substring(4, 4 + ApiKeyFormat.ID_LENGTH) + "A".repeat(28);
    String forged = ApiKeyFormat.PREFIX + body + ApiKeyFormat.checksum(body);

    assertThat(store.verify("wdn_nope").status()).isEqualTo(ApiKeyStore.Status.MALFORMED);
    assertThat(store.verify(ApiKeyFormat.mint()).status()).isEqualTo(ApiKeyStore.Status.UNKNOWN);
    assertThat(store.verify(forged).status()).isEqualTo(ApiKeyStore.Status.UNKNOWN);
  }

  @Test
  void revokeByNameOrIdAndNamesAreReusableAfterwards() {
    ApiKeyStore store = ApiKeyStore.open(dir);
    ApiKeyStore.Issued first = store.issue("bot", Identity.Kind.AGENT, Set.of(), Map.of());
    assertThatThrownBy(() -> store.issue("bot", Identity.Kind.AGENT, Set.of(), Map.of()))
        .hasMessageContaining("active key named 'bot'");

    store.revoke(first.entry().id());
    ApiKeyStore.Issued second = store.issue("bot", Identity.Kind.AGENT, Set.of(), Map.of());
    store.revoke("bot");

    assertThat(store.verify(first.key()).status()).isEqualTo(ApiKeyStore.Status.REVOKED);
    assertThat(store.verify(second.key()).status()).isEqualTo(ApiKeyStore.Status.REVOKED);
    assertThat(store.list()).hasSize(2).noneMatch(ApiKeyStore.Entry::active);
    assertThatThrownBy(() -> store.revoke("bot")).hasMessageContaining("no active key");
  }

  @Test
  void concurrentIssuersFromTwoStoresLoseNothing() throws Exception {
    ApiKeyStore a = ApiKeyStore.open(dir);
    ApiKeyStore b = ApiKeyStore.open(dir);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> keys = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ApiKeyStore s = i % 2 == 0 ? a : b;
        String name = "k" + i;
        keys.add(pool.submit(() -> s.issue(name, Identity.Kind.USER, Set.of(), Map.of()).key()));
      }
      for (Future<String> k : keys) {
        assertThat(ApiKeyStore.open(dir).verify(k.get(30, TimeUnit.SECONDS)).status())
            .isEqualTo(ApiKeyStore.Status.VALID);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ApiKeyStore.open(dir).list()).hasSize(20);
  }

  @Test
  void hostileNamesScopesAndLabelsAreRefused() {
    ApiKeyStore store = ApiKeyStore.open(dir);
    assertThatThrownBy(() -> store.issue("a\tb", Identity.Kind.USER, Set.of(), Map.of()))
        .hasMessageContaining("--name");
    assertThatThrownBy(() -> store.issue("a", Identity.Kind.USER, Set.of("a,b"), Map.of()))
        .hasMessageContaining("--scope");
    assertThatThrownBy(() -> store.issue("a", Identity.Kind.USER, Set.of(), Map.of("k", "v=w,x")))
        .hasMessageContaining("--label");
    assertThatThrownBy(() -> store.issue("a", Identity.Kind.ANONYMOUS, Set.of(), Map.of()))
        .hasMessageContaining("--kind");
    assertThat(store.list()).isEmpty();
  }
}
