package dev.warden.vault;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The vault's Tink keysets, kept as JSON files in the keyring directory ({@code keys/}) beside the
 * other keys, with the same guarantees: {@code 0600}, created race-free (the loser of a creation
 * race adopts the winner's keyset), never overwritten except by {@link #rotate}, which publishes
 * the grown keyset atomically.
 *
 * <p>Rotation adds a fresh key and makes it primary; older keys stay in the keyset so everything
 * they sealed still opens. Tink prefixes every ciphertext with the id of the key that made it, so
 * the right key is found by id.
 */
public final class VaultKeys {
  /** Deterministic AEAD (AES-256-SIV) deriving token ids. */
  public static final String TOKEN = "vault-token";

  /** AEAD (AES-256-GCM) sealing the values kept in the token store. */
  public static final String ENTRY = "vault-entry";

  /** AEAD (AES-256-GCM) of the {@code encrypt} action's envelopes. */
  public static final String ENVELOPE = "vault-envelope";

  private static final int MAX_KEYSET_FILE = 64 * 1024;

  static {
    try {
      AeadConfig.register();
      DeterministicAeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink AEAD primitives are unavailable", e);
    }
  }

  private final Path dir;

  private VaultKeys(Path dir) {
    this.dir = dir;
  }

  /** The vault keysets in {@code keyring}'s directory (created on first use). */
  public static VaultKeys of(LocalKeyring keyring) {
    return new VaultKeys(keyring.directory());
  }

  /** One keyset's key ids, primary first. */
  public record KeysetInfo(String name, int primaryId, List<Integer> keyIds) {
    public KeysetInfo {
      keyIds = List.copyOf(keyIds);
    }
  }

  /** Loads the keyset {@code name}, creating it with one key when missing. */
  KeysetHandle loadOrCreate(String name) {
    Path file = file(name);
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        KeysetHandle fresh = KeysetHandle.generateNew(parameters(name));
        // Losing the race is fine: the other process's keyset is the one everybody must use.
        AtomicFiles.publishNoReplace(dir, file.getFileName().toString(), serialize(fresh));
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load keyset " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "keyset "
              + file
              + " cannot be used ("
              + e.getClass().getSimpleName()
              + "); restore it from a backup or move it away to start over (tokens it issued"
              + " will no longer restore)",
          e);
    }
  }

  /**
   * Adds a fresh key to keyset {@code name} and makes it primary; returns the new key's id. A
   * running gateway keeps its loaded keyset until restart (its old primary stays valid).
   */
  public synchronized int rotate(String name) {
    KeysetHandle current = loadOrCreate(name);
    try {
      // makePrimary on the added entry demotes the old primary, which stays for decryption.
      KeysetHandle rotated =
          KeysetHandle.newBuilder(current)
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(parameters(name))
                      .withRandomId()
                      .makePrimary())
              .build();
      AtomicFiles.publishReplace(dir, file(name).getFileName().toString(), serialize(rotated));
      return rotated.getPrimary().getId();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot rotate keyset " + name + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish keyset " + name + ": " + e.getMessage(), e);
    }
  }

  /** The key ids of every vault keyset (created if missing). */
  public List<KeysetInfo> list() {
    List<KeysetInfo> out = new ArrayList<>();
    for (String name : List.of(TOKEN, ENTRY, ENVELOPE)) {
      KeysetHandle h = loadOrCreate(name);
      List<Integer> ids = new ArrayList<>();
      ids.add(h.getPrimary().getId());
      for (int i = 0; i < h.size(); i++) {
        if (!h.getAt(i).isPrimary()) {
          ids.add(h.getAt(i).getId());
        }
      }
      out.add(new KeysetInfo(name, h.getPrimary().getId(), ids));
    }
    return out;
  }

  private Path file(String name) {
    if (!name.equals(TOKEN) && !name.equals(ENTRY) && !name.equals(ENVELOPE)) {
      throw new IllegalArgumentException(
          "unknown vault keyset '" + name + "'; known: " + TOKEN + ", " + ENTRY + ", " + ENVELOPE);
    }
    return dir.resolve(name + ".tink.json");
  }

  private static Parameters parameters(String name) {
    return name.equals(TOKEN)
        ? PredefinedDeterministicAeadParameters.AES256_SIV
        : PredefinedAeadParameters.AES256_GCM;
  }

  private static byte[] serialize(KeysetHandle h) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(h, InsecureSecretKeyAccess.get())
        .getBytes(StandardCharsets.UTF_8);
  }

  private static KeysetHandle read(Path file) throws IOException, GeneralSecurityException {
    byte[] bytes = AtomicFiles.readOwnerOnly(file, MAX_KEYSET_FILE);
    return TinkJsonProtoKeysetFormat.parseKeyset(
        new String(bytes, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
  }
}
