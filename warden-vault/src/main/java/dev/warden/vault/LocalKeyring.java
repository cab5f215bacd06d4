package dev.warden.vault;

import dev.warden.api.KeyedHasher;
import dev.warden.api.MessageAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Symmetric keys kept as files under {@code <dataDir>/keys/}, one 32-byte key per purpose.
 *
 * <p>Guarantees: the directory is {@code 0700} and key files {@code 0600}; a key file is created
 * race-free (written to a temp file in the same directory, fsynced, then published with a hard link
 * that fails if the name exists), so two processes starting together end up with the same key — the
 * loser adopts the winner's. An existing key is never overwritten. A key file readable by group or
 * others, of the wrong size, or a symlink is refused with an error that says how to fix it. Raw key
 * bytes never leave this class: callers get {@link MessageAuthenticator} and {@link KeyedHasher}
 * primitives. Signing keys live beside them, managed by {@link #signingKeys()}.
 */
public final class LocalKeyring {
  private static final int KEY_BYTES = 32;
  private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final String TEMP_PREFIX = AtomicFiles.TEMP_PREFIX;

  /** A writer that crashed mid-publish leaves a temp file; older than this it is not in flight. */
  private static final Duration TEMP_GRACE = Duration.ofMinutes(10);

  private final Path dir;

  private LocalKeyring(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens (creating if needed) the keyring under {@code dataDir/keys}.
   *
   * @throws UncheckedIOException if the directory cannot be created or has unsafe permissions
   */
  public static LocalKeyring open(Path dataDir) {
    Path dir = dataDir.resolve("keys");
    try {
      SecureDirectories.create(dataDir);
      SecureDirectories.create(dir);
      reclaimStaleTempFiles(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare key directory " + dir + ": " + e.getMessage(), e);
    }
    return new LocalKeyring(dir);
  }

  public Path directory() {
    return dir;
  }

  /** The signing keys (Ed25519 / ECDSA P-256) kept in this keyring's directory. */
  public SigningKeys signingKeys() {
    return new SigningKeys(dir);
  }

  /** HMAC-SHA256 under the key named {@code purpose} (created on first use). */
  public MessageAuthenticator authenticator(String purpose) {
    Mac prototype = newMac(new SecretKeySpec(loadOrCreate(purpose), "HmacSHA256"));
    // One keyed Mac per thread, reused (doFinal resets it): the ledger writer tags every record,
    // and a clone per call cost as much as tagging a short one.
    ThreadLocal<Mac> perThread = ThreadLocal.withInitial(() -> copy(prototype));
    return data -> perThread.get().doFinal(data);
  }

  /** Keyed hashing of values under the key named {@code purpose} (created on first use). */
  public KeyedHasher hasher(String purpose) {
    return hasherFor(loadOrCreate(purpose));
  }

  /**
   * Keyed hashing under a fresh random key that is never stored: for one-off work (such as {@code
   * warden scan} without a keyring) that must not create key files; its outputs match nothing else.
   */
  public static KeyedHasher ephemeralHasher() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return hasherFor(key);
  }

  private static KeyedHasher hasherFor(byte[] key) {
    Mac prototype = newMac(new SecretKeySpec(key, "HmacSHA256"));
    return (domain, value) -> {
      Mac mac = copy(prototype);
      mac.update(domain.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(value.toString().getBytes(StandardCharsets.UTF_8));
    };
  }

  /**
   * A fresh Mac in the prototype's keyed state: cloning skips the provider lookup and key schedule
   * that {@code getInstance} + {@code init} pay on every call, and keeps callers thread-safe.
   */
  private static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's HmacSHA256 cannot be cloned", e);
    }
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
    }
  }

  private byte[] loadOrCreate(String purpose) {
    if (!PURPOSE.matcher(purpose).matches()) {
      throw new IllegalArgumentException(
          "key purpose must match "
              + PURPOSE.pattern()
              + ", got a value of length "
              + purpose.length());
    }
    Path file = dir.resolve(purpose + ".key");
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        publishNewKey(file);
      }
      return readChecked(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load key " + file + ": " + e.getMessage(), e);
    }
  }

  private void publishNewKey(Path file) throws IOException {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    try {
      // Losing the race is fine: the other process's key is the one everybody must use.
      AtomicFiles.publishNoReplace(dir, file.getFileName().toString(), key);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] readChecked(Path file) throws IOException {
    byte[] key = AtomicFiles.readOwnerOnly(file, 4096);
    if (key.length != KEY_BYTES) {
      throw new IOException(
          "key file holds " + key.length + " bytes, expected " + KEY_BYTES + "; it is damaged");
    }
    return key;
  }

  static void reclaimStaleTempFiles(Path dir) throws IOException {
    Instant cutoff = Instant.now().minus(TEMP_GRACE);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().startsWith(TEMP_PREFIX)) {
          try {
            FileTime modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
            if (modified.toInstant().isBefore(cutoff)) {
              Files.deleteIfExists(p);
            }
          } catch (java.nio.file.NoSuchFileException publishedMeanwhile) {
            // A concurrent writer finished with its temp file between listing and looking.
          }
        }
      }
    }
  }
}
