package dev.warden.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.KeyedHasher;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyringTest {
  @TempDir Path tmp;

  @Test
  void createsOwnerOnlyDirectoryAndKeyFiles() throws Exception {
    Path data = tmp.resolve(".warden");
    LocalKeyring.open(data).authenticator("ledger-mac").tag(new byte[] {1});

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keys"))))
        .isEqualTo("rwx------");
    Path key = data.resolve("keys/ledger-mac.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.size(key)).isEqualTo(32);
  }

  @Test
  void keyIsStableAcrossOpensAndDistinctPerPurpose() {
    KeyedHasher first = LocalKeyring.open(tmp).hasher("value-hash");
    KeyedHasher again = LocalKeyring.open(tmp).hasher("value-hash");
    KeyedHasher other = LocalKeyring.open(tmp).hasher("other");

    assertThat(first.hashHex("d", "alice@example.com"))
        .isEqualTo(again.hashHex("d", "alice@example.com"))
        .isNotEqualTo(other.hashHex("d", "alice@example.com"))
        .isNotEqualTo(first.hashHex("e", "alice@example.com"));
  }

  @Test
  void concurrentCreatorsAllAdoptOneKey() throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tasks.add(() -> LocalKeyring.open(tmp).hasher("raced").hashHex("d", "v"));
    }
    Set<String> seen = new HashSet<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (Future<String> f : pool.invokeAll(tasks)) {
        seen.add(f.get());
      }
    }
    assertThat(seen).hasSize(1);
    try (var files = Files.list(tmp.resolve("keys"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("raced.key");
    }
  }

  @Test
  void groupReadableKeyIsRefusedWithTheFix() throws Exception {
    LocalKeyring ring = LocalKeyring.open(tmp);
    ring.hasher("loose");
    Path key = tmp.resolve("keys/loose.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> LocalKeyring.open(tmp).hasher("loose"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void truncatedKeyIsRefused() throws Exception {
    LocalKeyring.open(tmp).hasher("short");
    Files.write(tmp.resolve("keys/short.key"), new byte[5]);

    assertThatThrownBy(() -> LocalKeyring.open(tmp).hasher("short"))
        .hasMessageContaining("damaged");
  }

  @Test
  void ephemeralHashersAreStableWithinThemselvesAndIndependent() {
    KeyedHasher a = LocalKeyring.ephemeralHasher();
    KeyedHasher b = LocalKeyring.ephemeralHasher();

    assertThat(a.hashHex("d", "v"))
        .isEqualTo(a.hashHex("d", "v"))
        .isNotEqualTo(b.hashHex("d", "v"));
  }

  @Test
  void purposeCannotEscapeTheDirectory() {
    assertThatThrownBy(() -> LocalKeyring.open(tmp).hasher("../evil"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void worldWritableDataDirectoryIsRefused() throws Exception {
    Path data = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> LocalKeyring.open(data)).hasMessageContaining("chmod 700");
  }
}
