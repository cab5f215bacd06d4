package dev.warden.vault;

import dev.warden.api.ApiKeyFormat;
import dev.warden.api.Identity;
import dev.warden.api.KeyedHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Warden's API keys, kept in {@code <dataDir>/api-keys} as keyed hashes only.
 *
 * <p>Guarantees: a key exists in plaintext only in the {@link Issued} returned once by {@link
 * #issue}; the file holds {@code HMAC(api-key MAC key, key)} under a key in {@code keys/}, so a
 * stolen file yields no usable key. Each entry (name, kind, scopes, labels, revocation) carries its
 * own MAC, so an edit of the file (granting a scope, clearing a revocation) makes the store refuse
 * to load rather than admit anyone. Writes are serialized by a lock file and published atomically;
 * {@link #verify} notices a changed file (a {@code warden keys revoke} in another process) on its
 * next call and reloads it, so revocation takes effect without a restart. Hashes are compared in
 * constant time. Thread-safe.
 */
public final class ApiKeyStore {
  static final String FILE = "api-keys";
  private static final String LOCK = ".api-keys.lock";
  private static final String HEADER =
      "# warden api keys v1: hashes only; edits invalidate the file";
  private static final String KEY_DOMAIN = "api-key";
  private static final String ENTRY_DOMAIN = "api-key-entry";
  private static final String MAC_PURPOSE = "api-key-mac";
  private static final int MAX_FILE_BYTES = 16 << 20;

  /** Key names: safe to print, to log and to use on a command line. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Scopes: e.g. {@code chat}, {@code owner:assert}, {@code team/payments}. */
  public static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9:._/-]{1,64}");

  private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9._:/@-]{0,128}");

  private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path dir;
  private final Path file;
  private final KeyedHasher hasher;
  private volatile Snapshot snapshot;

  /**
   * One issued key, as stored (never the key itself).
   *
   * @param id the key's public id (its first characters after {@code wdn_})
   * @param revoked when it was revoked, or {@code null} while active
   */
  public record Entry(
      String id,
      String name,
      Identity.Kind kind,
      Set<String> scopes,
      Map<String, String> labels,
      Instant created,
      @Nullable Instant revoked) {
    public Entry {
      scopes = java.util.Collections.unmodifiableSet(new TreeSet<>(scopes));
      labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public boolean active() {
      return revoked == null;
    }

    /** The identity this key authenticates as ({@code id} = the key's name). */
    public Identity identity() {
      return new Identity(name, kind, scopes, labels, "api-key");
    }
  }

  /**
   * A key just issued: {@link #key()} is the only copy; print it once. {@link #toString()} leaves
   * it out.
   */
  public record Issued(Entry entry, String key) {
    @Override
    public String toString() {
      return "Issued[" + entry + ", key=(not shown)]";
    }
  }

  /** The outcome of checking a presented key. */
  public enum Status {
    /** A known, active key. */
    VALID,
    /** Not a Warden key at all: wrong prefix, length, characters or checksum. */
    MALFORMED,
    /** Well formed, but not issued here (or its secret part does not match). */
    UNKNOWN,
    /** Issued here and since revoked. */
    REVOKED
  }

  /** {@link #entry()} is set for {@link Status#VALID} and {@link Status#REVOKED}. */
  public record Verdict(Status status, @Nullable Entry entry) {}

  private record Stored(Entry entry, byte[] hash) {}

  private record Snapshot(
      @Nullable Object fileKey, long modified, long size, Map<String, Stored> byId) {}

  private ApiKeyStore(Path dir, KeyedHasher hasher) {
    this.dir = dir;
    this.file = dir.resolve(FILE);
    this.hasher = hasher;
    this.snapshot = load();
  }

  /**
   * Opens the store of {@code dataDir} (the file need not exist yet; the MAC key is created in
   * {@code keys/} on first use).
   *
   * @throws ApiKeyStoreException if the file exists and is damaged, edited or too open
   */
  public static ApiKeyStore open(Path dataDir) {
    LocalKeyring keys = LocalKeyring.open(dataDir);
    return new ApiKeyStore(dataDir, keys.hasher(MAC_PURPOSE));
  }

  /** The store cannot be read or written; the message names the file and the fix. */
  public static final class ApiKeyStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApiKeyStoreException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Issues a new key and stores its hash.
   *
   * @throws IllegalArgumentException naming the bad argument (name, scope, label) or an active key
   *     that already has {@code name}
   */
  public Issued issue(
      String name, Identity.Kind kind, Set<String> scopes, Map<String, String> labels) {
    checkName(name);
    if (kind == Identity.Kind.ANONYMOUS) {
      throw new IllegalArgumentException("--kind must be user, service or agent");
    }
    for (String s : scopes) {
      if (!SCOPE.matcher(s).matches()) {
        throw new IllegalArgumentException(
            "--scope: a scope is 1-64 of letters, digits and :._/- (e.g. owner:assert)");
      }
    }
    labels.forEach((k, v) -> {
      if (!LABEL_KEY.matcher(k).matches() || !LABEL_VALUE.matcher(v).matches()) {
        throw new IllegalArgumentException(
            "--label: use key=value, the key lower-case letters, digits and ._- (e.g."
                + " team=payments), the value up to 128 of letters, digits and ._:/@-");
      }
    });
    return mutate(current -> {
      for (Stored s : current.values()) {
        if (s.entry.name().equals(name) && s.entry.active()) {
          throw new IllegalArgumentException(
              "an active key named '"
                  + name
                  + "' exists (id "
                  + s.entry.id()
                  + "); revoke it first or choose another --name");
        }
      }
      String key;
      do {
        key = ApiKeyFormat.mint();
      } while (current.containsKey(ApiKeyFormat.idOf(key)));
      Entry e =
          new Entry(
              ApiKeyFormat.idOf(key),
              name,
              kind,
              scopes,
              labels,
              Instant.now().truncatedTo(ChronoUnit.SECONDS),
              null);
      current.put(e.id(), new Stored(e, hasher.hash(KEY_DOMAIN, key)));
      return new Issued(e, key);
    });
  }

  /**
   * Revokes the active key named {@code nameOrId}, or the key with that id.
   *
   * @return the revoked entry
   * @throws IllegalArgumentException if no such key exists or it is already revoked
   */
  public Entry revoke(String nameOrId) {
    return mutate(current -> {
      Stored found = current.get(nameOrId);
      if (found == null) {
        for (Stored s : current.values()) {
          if (s.entry.name().equals(nameOrId) && s.entry.active()) {
            found = s;
          }
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "no active key with name or id '"
                + (NAME.matcher(nameOrId).matches() ? nameOrId : "(not shown)")
                + "'; see: warden keys list");
      }
      if (!found.entry.active()) {
        throw new IllegalArgumentException("key " + found.entry.id() + " is already revoked");
      }
      Entry e = found.entry;
      Entry revoked =
          new Entry(
              e.id(),
              e.name(),
              e.kind(),
              e.scopes(),
              e.labels(),
              e.created(),
              Instant.now().truncatedTo(ChronoUnit.SECONDS));
      current.put(e.id(), new Stored(revoked, found.hash));
      return revoked;
    });
  }

  /** Every key issued here, oldest first, revoked ones included. */
  public List<Entry> list() {
    refresh();
    return snapshot.byId.values().stream().map(Stored::entry).toList();
  }

  /**
   * Checks a presented key. Never throws on hostile input; the key is neither stored nor logged.
   *
   * @throws ApiKeyStoreException if the store file was replaced by a damaged or edited one
   */
  public Verdict verify(CharSequence presented) {
    if (!ApiKeyFormat.wellFormed(presented)) {
      return new Verdict(Status.MALFORMED, null);
    }
    refresh();
    Stored s = snapshot.byId.get(ApiKeyFormat.idOf(presented));
    if (s == null) {
      return new Verdict(Status.UNKNOWN, null);
    }
    if (!MessageDigest.isEqual(hasher.hash(KEY_DOMAIN, presented), s.hash)) {
      return new Verdict(Status.UNKNOWN, null);
    }
    return new Verdict(s.entry.active() ? Status.VALID : Status.REVOKED, s.entry);
  }

  /** Reloads when the file changed since the last look (a stat per call: cheap). */
  private void refresh() {
    Snapshot s = snapshot;
    BasicFileAttributes now = attributes();
    if (now == null
        ? s.fileKey != null || s.size >= 0
        : !Objects.equals(now.fileKey(), s.fileKey)
            || now.lastModifiedTime().toMillis() != s.modified
            || now.size() != s.size) {
      synchronized (this) {
        snapshot = load();
      }
    }
  }

  private @Nullable BasicFileAttributes attributes() {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new ApiKeyStoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Snapshot load() {
    BasicFileAttributes attrs = attributes();
    if (attrs == null) {
      return new Snapshot(null, 0, -1, Map.of());
    }
    byte[] bytes;
    try {
      bytes = AtomicFiles.readOwnerOnly(file, MAX_FILE_BYTES);
    } catch (IOException e) {
      throw new ApiKeyStoreException("cannot load " + file + ": " + e.getMessage(), e);
    }
    Map<String, Stored> byId = parse(new String(bytes, StandardCharsets.UTF_8));
    return new Snapshot(attrs.fileKey(), attrs.lastModifiedTime().toMillis(), attrs.size(), byId);
  }

  private Map<String, Stored> parse(String text) {
    Map<String, Stored> byId = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int lastTab = line.lastIndexOf('\t');
      String fields = lastTab < 0 ? line : line.substring(0, lastTab);
      byte[] mac = lastTab < 0 ? new byte[0] : unhex(line.substring(lastTab + 1));
      if (!MessageDigest.isEqual(hasher.hash(ENTRY_DOMAIN, fields), mac)) {
        throw new ApiKeyStoreException(
            file
                + " line "
                + (i + 1)
                + ": the entry's MAC does not match; the file was edited or belongs to another"
                + " data directory. Restore it from a backup, or move it away and issue new keys",
            null);
      }
      Stored s = decode(fields);
      byId.put(s.entry.id(), s);
    }
    return byId;
  }

  private static byte[] unhex(String s) {
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private String encode(Stored s) {
    Entry e = s.entry;
    List<String> labels = new ArrayList<>();
    e.labels().forEach((k, v) -> labels.add(k + "=" + v));
    String fields =
        String.join(
            "\t",
            "v1",
            e.id(),
            e.name(),
            e.kind().id(),
            e.created().toString(),
            e.revoked() == null ? "-" : e.revoked().toString(),
            String.join(",", e.scopes()),
            String.join(",", labels),
            HexFormat.of().formatHex(s.hash));
    return fields + "\t" + HexFormat.of().formatHex(hasher.hash(ENTRY_DOMAIN, fields));
  }

  private Stored decode(String fields) {
    String[] f = fields.split("\t", -1);
    if (f.length != 9 || !f[0].equals("v1")) {
      throw new ApiKeyStoreException(file + ": an entry has an unknown format", null);
    }
    Set<String> scopes = new TreeSet<>();
    for (String s : f[6].split(",")) {
      if (!s.isEmpty()) {
        scopes.add(s);
      }
    }
    Map<String, String> labels = new TreeMap<>();
    for (String kv : f[7].split(",")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        labels.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    Entry e =
        new Entry(
            f[1],
            f[2],
            Identity.Kind.valueOf(f[3].toUpperCase(Locale.ROOT)),
            scopes,
            labels,
            Instant.parse(f[4]),
            f[5].equals("-") ? null : Instant.parse(f[5]));
    return new Stored(e, HexFormat.of().parseHex(f[8]));
  }

  /**
   * Runs {@code change} on the current entries under the store's lock file and publishes the result
   * atomically.
   */
  private <T> T mutate(java.util.function.Function<Map<String, Stored>, T> change) {
    Path lockFile = dir.resolve(LOCK).toAbsolutePath().normalize();
    // File locks exclude other processes only; stores of one directory in this JVM queue here.
    synchronized (IN_PROCESS.computeIfAbsent(lockFile, k -> new Object())) {
      return mutateLocked(lockFile, change);
    }
  }

  private <T> T mutateLocked(
      Path lockFile, java.util.function.Function<Map<String, Stored>, T> change) {
    try (FileChannel ch =
            FileChannel.open(
                lockFile,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY_FILE));
        FileLock ignored = ch.lock()) {
      synchronized (this) {
        Snapshot fresh = load();
        Map<String, Stored> next = new LinkedHashMap<>(fresh.byId);
        T result = change.apply(next);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Stored s : next.values()) {
          out.append(encode(s)).append('\n');
        }
        AtomicFiles.publishReplace(dir, FILE, out.toString().getBytes(StandardCharsets.UTF_8));
        snapshot = load();
        return result;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
    }
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "--name must be 1-64 of letters, digits and ._- starting with a letter or digit (e.g."
              + " ci-pipeline)");
    }
  }
}
