package dev.warden.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * Segment naming, private-file handling and the active segment's padding. Segments are {@code
 * ledger-NNNNNN.jsonl} (six digits, from 1) so they sort by name; the chain runs on from one
 * segment into the next. The active (last) segment may end in NUL bytes: space the writer filled
 * with zeros ahead of its records so that a {@code force} flushes data blocks only (see {@link
 * #dataEnd}).
 */
final class Segments {
  static final String LOCK_FILE = "ledger.lock";
  private static final Pattern NAME = Pattern.compile("ledger-\\d{6}\\.jsonl");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  private Segments() {}

  /**
   * Creates the next segment {@code next} (which must not exist yet) for writing and makes its
   * directory entry durable.
   */
  static FileChannel createNext(Path dir, Path next) throws IOException {
    FileChannel opened =
        FileChannel.open(
            next,
            Set.of(
                java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS),
            privateFile(dir));
    AtomicFiles.forceDirectory(dir);
    return opened;
  }

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

  /**
   * Where the records of the active segment end: just past its last non-NUL byte. Everything after
   * is padding (zero-filled space the writer keeps ahead of its records, left in place by a crash)
   * and reads exactly like the end of the file. A NUL byte before that point is inside the data and
   * is damage: padding can only end a segment, never hide a record in the middle of one. Closed
   * segments carry no padding (rotation and close cut it off), so only the last segment is read
   * this way.
   */
  static long dataEnd(FileChannel channel) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(64 * 1024);
    long end = channel.size();
    while (end > 0) {
      long from = Math.max(0, end - block.capacity());
      block.clear().limit((int) (end - from));
      while (block.hasRemaining()) {
        if (channel.read(block, from + block.position()) < 0) {
          throw new IOException("the segment shrank while its padding was read");
        }
      }
      for (int i = block.limit() - 1; i >= 0; i--) {
        if (block.get(i) != 0) {
          return from + i + 1;
        }
      }
      end = from;
    }
    return 0;
  }

  /** {@link #dataEnd(FileChannel)} of the segment file {@code segment}. */
  static long dataEnd(Path segment) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            segment, java.nio.file.StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return dataEnd(channel);
    }
  }
}
