package dev.warden.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * FSYNC: real zero-filled space kept ahead of the active segment's records (up to {@link
 * #PREALLOCATE} bytes, written with ordinary writes, never a sparse {@code setLength}), by a thread
 * of its own, the padder. A {@code force} that only overwrites allocated blocks flushes data, while
 * one that grows the file must also commit the size change through the filesystem journal — on ext4
 * here about half of a {@code force}'s time. The padder writes each stretch through a channel of
 * its own and forces it itself, so neither the 1 MiB write nor its {@code force} sits between a
 * group and its release; a record write never lands in a stretch the padder has not finished
 * ({@link #beforeWrite} waits for it instead). Its own channel matters for fail-closed: Linux
 * reports a write-back error once per open file, so a {@code force} on a separate open file cannot
 * take the error that belongs to the record writer's. Rotation and close cut the padding off again
 * ({@link #cut}); after a crash {@link FileLedger#open} does, and the verifier reads it as the end
 * of the file ({@link Segments#dataEnd}).
 *
 * <p>Thread-safety: {@link #topUp}, {@link #rotated}, {@link #awaitIdle} and {@link #stop} are
 * called by one thread at a time (the owner: the writer thread, or the leader); {@link
 * #beforeWrite} by whichever thread writes records. A padder failure goes to {@code onFailure}.
 */
final class SegmentPadding {
  /** Zero-filled space kept ahead of the active segment's records. */
  static final int PREALLOCATE = 1 << 20;

  private final int preallocate;
  private final Consumer<Throwable> onFailure;
  private final GroupWorker<Stretch> padder;

  // Owner: where the zero-filled space handed to the padder ends in the active segment.
  private long preallocatedEnd;
  // Written by the owner before each hand-over, read by record writers: where the latest stretch
  // starts, which they must not write past while the padder is busy.
  private volatile long paddingFrom = Long.MAX_VALUE;

  // Padder thread only: its own channel on the segment it pads, and the zeros.
  private @Nullable FileChannel padChannel;
  private @Nullable Path padSegment;
  private @Nullable ByteBuffer zeros;

  /** For an active segment of {@code segmentSize} bytes; a small segment gets less padding. */
  SegmentPadding(long maxSegmentBytes, long segmentSize, Consumer<Throwable> onFailure) {
    // A small segment gets no more padding than its own size: rotation would only cut it off.
    this.preallocate = (int) Math.min(PREALLOCATE, (maxSegmentBytes + 4095) & -4096L);
    this.preallocatedEnd = segmentSize;
    this.onFailure = onFailure;
    this.padder = new GroupWorker<>("warden-ledger-padder", this::pad);
  }

  /**
   * After chaining up to {@code segmentSize} bytes: when less than half of the padding is left
   * ahead of them, hands the padder the next stretch, so the forces that follow overwrite allocated
   * blocks instead of growing the file. Records that outrun the space simply grow the file.
   */
  void topUp(Path segment, long segmentSize) {
    if (preallocatedEnd - segmentSize >= preallocate / 2) {
      return;
    }
    long from = Math.max(preallocatedEnd, segmentSize);
    paddingFrom = from; // before the hand-over: a writer must see it before any later group
    padder.hand(new Stretch(segment, from));
    preallocatedEnd = from + preallocate;
  }

  /**
   * Before writing {@code length} bytes at {@code position}: never into a stretch still padding.
   */
  void beforeWrite(long position, long length) {
    if (position + length > paddingFrom) {
      padder.awaitIdle();
    }
  }

  /** Waits until every stretch handed over is written and forced (before a rotation cuts it). */
  void awaitIdle() {
    padder.awaitIdle();
  }

  /** The owner moved to a new, empty segment. */
  void rotated() {
    preallocatedEnd = 0;
    paddingFrom = Long.MAX_VALUE;
  }

  /**
   * Cuts the zero-filled space off the end of a segment being closed (at {@code dataEnd}, the end
   * of its records) and forces the new size, so only the active segment can ever end in padding.
   *
   * @return whether it forced
   */
  static boolean cut(FileChannel segment, long dataEnd) throws IOException {
    if (segment.size() <= dataEnd) {
      return false;
    }
    segment.truncate(dataEnd);
    segment.force(false);
    return true;
  }

  /** Ends the padder (after its last stretch) and closes its channel. */
  void stop() {
    padder.stop();
    FileChannel ch = padChannel; // the padder's thread has ended: its fields are visible
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        onFailure.accept(e);
      }
    }
  }

  private void pad(List<Stretch> stretches) {
    try {
      for (Stretch s : stretches) {
        FileChannel ch = padChannel;
        if (ch == null || !s.segment().equals(padSegment)) {
          if (ch != null) {
            ch.close();
          }
          ch = FileChannel.open(s.segment(), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
          padChannel = ch;
          padSegment = s.segment();
        }
        ByteBuffer z = zeros;
        if (z == null) {
          z = ByteBuffer.allocateDirect(preallocate);
          zeros = z;
        }
        z.clear();
        while (z.hasRemaining()) {
          ch.write(z, s.from() + z.position());
        }
        ch.force(false); // not counted in forceCount: it makes no record durable
      }
    } catch (Throwable t) { // fail closed on anything, including Errors
      onFailure.accept(t);
    }
  }

  /** A stretch of zeros for the padder: {@link #preallocate} bytes at {@code from} in segment. */
  private record Stretch(Path segment, long from) {}
}
