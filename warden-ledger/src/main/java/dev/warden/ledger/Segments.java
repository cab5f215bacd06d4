package dev.warden.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Segment naming and private-file handling. Segments are {@code ledger-NNNNNN.jsonl} (six digits,
 * from 1) so they sort by name; the chain runs on from one segment into the next.
 */
final class Segments {
  static final String LOCK_FILE = "ledger.lock";
  private static final Pattern NAME = Pattern.compile("ledger-\\d{6}\\.jsonl");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  private Segments() {}

  static boolean isName(String fileName) {
    return NAME.matcher(fileName).matches();
  }

  /** The number in a segment's file name ({@code ledger-000042.jsonl} is 42). */
  static int number(Path segment) {
    String n = segment.getFileName().toString();
    return Integer.parseInt(n.substring("ledger-".length(), n.length() - ".jsonl".length()));
  }

  static Path name(Path dir, int number) {
    return dir.resolve(String.format(Locale.ROOT, "ledger-%06d.jsonl", number));
  }

  /** Existing segment files of {@code dir} in chain order; empty if there are none. */
  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted()
          .toList();
    }
  }

  static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates {@code dir} (and parents) as {@code 0700} if missing. */
  static void createDirectory(Path dir) throws IOException {
    if (Files.notExists(dir)) {
      if (posix(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
      } else {
        Files.createDirectories(dir);
      }
    }
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " exists but is not a directory");
    }
  }

  /** Attributes that create a file {@code 0600} (none off POSIX). */
  static FileAttribute<?>[] privateFile(Path dir) {
    return posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
        : new FileAttribute<?>[0];
  }

  /**
   * Refuses a directory or file that group or others may write: another user could rewrite the
   * chain or swap the file under us.
   */
  static void checkNotShared(Path path) throws IOException {
    if (!posix(path)) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    if (perms.contains(PosixFilePermission.GROUP_WRITE)
        || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(path + " is writable by group or others; run: chmod go-w " + path);
    }
  }
}
