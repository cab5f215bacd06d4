package dev.warden.ledger;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.stream.Stream;

/** Publishing files so a crash leaves either nothing or the whole file (DESIGN section 7). */
final class AtomicFiles {
  static final String TEMP_PREFIX = ".tmp-";

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code dir/name} atomically: a {@code 0600} temp file in the same
   * directory, written and forced, renamed into place, then the directory forced.
   *
   * @throws FileAlreadyExistsException if {@code name} exists: published files are never replaced
   */
  static Path publish(Path dir, String name, byte[] bytes) throws IOException {
    Path target = dir.resolve(name);
    if (Files.exists(target, NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path temp = dir.resolve(TEMP_PREFIX + name);
    Files.deleteIfExists(temp); // a crashed writer's leftover; we hold the ledger lock
    try (FileChannel c =
        FileChannel.open(
            temp, Set.of(CREATE_NEW, WRITE, NOFOLLOW_LINKS), Segments.privateFile(dir))) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        c.write(b);
      }
      c.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(dir);
    return target;
  }

  /** Makes directory entries (creations, renames) in {@code dir} durable. */
  static void forceDirectory(Path dir) throws IOException {
    if (Segments.posix(dir)) {
      try (FileChannel d = FileChannel.open(dir, READ)) {
        d.force(true);
      }
    }
  }

  /** Deletes temp files a crashed writer left in {@code dir}; call only while holding the lock. */
  static void reclaimTemps(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        if (p.getFileName().toString().startsWith(TEMP_PREFIX)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
