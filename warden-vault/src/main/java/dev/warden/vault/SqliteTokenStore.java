package dev.warden.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * The default {@link TokenStore}: one SQLite file ({@code <dataDir>/vault/tokens.db}) in WAL mode.
 *
 * <p>Why SQLite: the CLI ({@code warden vault stats|purge|reveal}) works on the file while the
 * gateway runs (WAL readers and one writer at a time across processes, with a busy timeout), a
 * {@code kill -9} never corrupts it (a committed row survives; WAL recovery on next open), and
 * expiry is one indexed {@code DELETE}. {@code synchronous=NORMAL}: a power loss may drop the last
 * commits (their tokens then stay text in answers, never restore wrongly), a process crash drops
 * nothing.
 *
 * <p>The file and its directory are created owner-only ({@code 0600} / {@code 0700}; SQLite gives
 * its {@code -wal} and {@code -shm} files the database's mode); an existing file that group or
 * others may read, or a symlink, is refused with the fix. One connection, used under this object's
 * lock: SQLite serialises writers anyway, and lookups are index probes of a few microseconds.
 */
public final class SqliteTokenStore implements TokenStore {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final int BUSY_TIMEOUT_MS = 5_000;

  private final Connection db;
  private final Path file;
  private final PreparedStatement put;
  private final PreparedStatement get;

  private SqliteTokenStore(Connection db, Path file) throws SQLException {
    this.db = db;
    this.file = file;
    this.put =
        db.prepareStatement(
            "INSERT INTO tokens(scope, token, type, sealed, created, expires)"
                + " VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT(scope, token) DO UPDATE SET type = excluded.type,"
                + " sealed = excluded.sealed, expires = excluded.expires");
    this.get =
        db.prepareStatement(
            "SELECT type, sealed, created, expires FROM tokens WHERE scope = ? AND token = ?");
  }

  /** The store file under {@code dataDir}. */
  public static Path defaultFile(Path dataDir) {
    return dataDir.resolve("vault").resolve("tokens.db");
  }

  /**
   * Opens (creating if needed) the store at {@code file}.
   *
   * @throws VaultException if the file cannot be created or opened, or has unsafe permissions
   */
  public static SqliteTokenStore open(Path file) {
    try {
      SecureDirectories.create(
          java.util.Objects.requireNonNull(file.toAbsolutePath().getParent(), "store file parent"));
      if (Files.isSymbolicLink(file)) {
        throw new VaultException(
            "token store " + file + " is a symbolic link; replace it with a regular file");
      }
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // Another process created it first; its file is checked below like any other.
        }
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(perms)) {
        throw new VaultException(
            "token store permissions are "
                + PosixFilePermissions.toString(perms)
                + "; run: chmod 600 "
                + file);
      }
    } catch (IOException e) {
      throw new VaultException("cannot prepare token store " + file + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(false);
    @Nullable Connection db = null;
    try {
      db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.executeUpdate(
            "CREATE TABLE IF NOT EXISTS tokens(scope TEXT NOT NULL, token TEXT NOT NULL,"
                + " type TEXT NOT NULL, sealed BLOB NOT NULL, created INTEGER NOT NULL,"
                + " expires INTEGER NOT NULL, PRIMARY KEY (scope, token)) WITHOUT ROWID");
        s.executeUpdate("CREATE INDEX IF NOT EXISTS tokens_expires ON tokens(expires)");
      }
      return new SqliteTokenStore(db, file);
    } catch (SQLException e) {
      closeQuietly(db);
      throw new VaultException(
          "cannot open token store "
              + file
              + " ("
              + e.getMessage()
              + "); if it is damaged,"
              + " move it away (issued tokens will no longer restore)",
          e);
    }
  }

  @Override
  public synchronized void put(Entry e) {
    try {
      put.setString(1, e.scope());
      put.setString(2, e.token());
      put.setString(3, e.type());
      put.setBytes(4, e.sealed());
      put.setLong(5, e.createdMillis());
      put.setLong(6, e.expiresMillis());
      put.executeUpdate();
    } catch (SQLException ex) {
      throw failure("write", ex);
    }
  }

  @Override
  public synchronized Optional<Entry> get(String scope, String token) {
    try {
      get.setString(1, scope);
      get.setString(2, token);
      try (ResultSet rs = get.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Entry(scope, token, rs.getString(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4)));
      }
    } catch (SQLException ex) {
      throw failure("read", ex);
    }
  }

  @Override
  public synchronized long purgeExpired(long nowMillis) {
    return delete("DELETE FROM tokens WHERE expires < ?", nowMillis);
  }

  @Override
  public synchronized long purgeScope(String scope) {
    try (PreparedStatement s = db.prepareStatement("DELETE FROM tokens WHERE scope = ?")) {
      s.setString(1, scope);
      return s.executeUpdate();
    } catch (SQLException ex) {
      throw failure("purge", ex);
    }
  }

  @Override
  public synchronized long purgeAll() {
    try (Statement s = db.createStatement()) {
      return s.executeUpdate("DELETE FROM tokens");
    } catch (SQLException ex) {
      throw failure("purge", ex);
    }
  }

  private long delete(String sql, long arg) {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setLong(1, arg);
      return s.executeUpdate();
    } catch (SQLException ex) {
      throw failure("purge", ex);
    }
  }

  @Override
  public synchronized Stats stats(long nowMillis) {
    try (Statement s = db.createStatement()) {
      long entries;
      long scopes;
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT scope) FROM tokens")) {
        rs.next();
        entries = rs.getLong(1);
        scopes = rs.getLong(2);
      }
      long expired;
      try (PreparedStatement p =
          db.prepareStatement("SELECT COUNT(*) FROM tokens WHERE expires < ?")) {
        p.setLong(1, nowMillis);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          expired = rs.getLong(1);
        }
      }
      Map<String, Long> byType = new TreeMap<>();
      try (ResultSet rs = s.executeQuery("SELECT type, COUNT(*) FROM tokens GROUP BY type")) {
        while (rs.next()) {
          byType.put(rs.getString(1), rs.getLong(2));
        }
      }
      return new Stats(entries, expired, scopes, byType, size());
    } catch (SQLException ex) {
      throw failure("read", ex);
    }
  }

  private long size() {
    try {
      long total = Files.size(file);
      Path wal = file.resolveSibling(file.getFileName() + "-wal");
      return Files.exists(wal) ? total + Files.size(wal) : total;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private VaultException failure(String what, SQLException e) {
    // SQLite messages name the failing statement and state, never bound values.
    return new VaultException(
        "token store " + what + " failed on " + file + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    closeQuietly(db);
  }

  private static void closeQuietly(@Nullable Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // Closing after a failure; the first error is the one reported.
    }
  }
}
