package dev.warden.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creating and syncing directories that hold Warden's private state ({@code 0700}). */
public final class SecureDirectories {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private SecureDirectories() {}

  /**
   * Creates {@code dir} (and parents) with mode {@code 0700} when missing; an existing directory
   * that group or others can write is refused, because another user could swap files in it.
   */
  public static Path create(Path dir) throws IOException {
    if (Files.notExists(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " exists but is not a directory");
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
    if (perms.contains(PosixFilePermission.GROUP_WRITE)
        || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(
          "directory " + dir + " is writable by group or others; run: chmod 700 " + dir);
    }
    return dir;
  }

  /** Makes a rename or link inside {@code dir} durable. */
  public static void fsync(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
