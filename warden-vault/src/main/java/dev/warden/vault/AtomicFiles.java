package dev.warden.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Publishing files so that a reader sees either nothing or the whole file (DESIGN §7). */
final class AtomicFiles {
  static final String TEMP_PREFIX = ".tmp-";
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code dir/name} ({@code 0600}) unless that name already exists: the
   * bytes go to a temp file in the same directory, are fsynced, and are published with a hard link,
   * which fails rather than replaces; then the directory is fsynced.
   *
   * @return {@code true} if this call published the file, {@code false} if the name already existed
   *     (another writer won; its file is the one to use)
   */
  static boolean publishNoReplace(Path dir, String name, byte[] content) throws IOException {
    Path temp =
        Files.createTempFile(
            dir, TEMP_PREFIX, ".part", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      boolean published;
      try {
        Files.createLink(dir.resolve(name), temp);
        published = true;
      } catch (FileAlreadyExistsException raced) {
        published = false;
      }
      SecureDirectories.fsync(dir);
      return published;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes {@code content} to {@code dir/name} ({@code 0600}), replacing what is there: temp file
   * in the same directory, fsync, atomic rename, fsync of the directory. A reader sees the old file
   * or the new one, never a mix. For files that change on purpose (a rotated keyset).
   */
  static void publishReplace(Path dir, String name, byte[] content) throws IOException {
    Path temp =
        Files.createTempFile(
            dir, TEMP_PREFIX, ".part", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(
          temp,
          dir.resolve(name),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      SecureDirectories.fsync(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Reads a file that must be a regular file readable and writable by its owner only, at most
   * {@code maxBytes} long.
   *
   * @throws IOException naming the fix when the file is a symlink, too open, or too large
   */
  static byte[] readOwnerOnly(Path file, int maxBytes) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new IOException("key file is a symbolic link; replace it with a regular file");
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY_FILE.containsAll(perms)) {
      throw new IOException(
          "key file permissions are "
              + PosixFilePermissions.toString(perms)
              + "; run: chmod 600 "
              + file);
    }
    if (Files.size(file) > maxBytes) {
      throw new IOException(
          "key file is larger than " + maxBytes + " bytes; it is not a Warden key file");
    }
    return Files.readAllBytes(file);
  }
}
