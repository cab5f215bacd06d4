package dev.warden.ledger.timestamp;

import dev.warden.ledger.Checkpoint;
import dev.warden.ledger.CheckpointListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Timestamps every checkpoint the ledger publishes: a {@link CheckpointListener} that hands the
 * checkpoint's public statement digest to a {@link CheckpointTimestamper} on its own thread (the
 * ledger's writer never waits for the network) and stores the verified token beside the envelope as
 * {@code checkpoint-NNNNNNNNNN.json.tsr} (DER), published atomically and never replaced.
 *
 * <p>A TSA failure is logged (without data) and leaves that checkpoint without a token; the
 * checkpoint itself stays valid and signed. Requests are sent one at a time, in checkpoint order.
 * {@link #close} waits for queued requests up to the given grace period.
 */
public final class CheckpointAnchor implements CheckpointListener, AutoCloseable {
  /** Suffix of a token file next to its checkpoint envelope. */
  public static final String TOKEN_SUFFIX = ".tsr";

  private static final System.Logger LOG = System.getLogger(CheckpointAnchor.class.getName());

  private final CheckpointTimestamper timestamper;
  private final Duration closeGrace;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warden-checkpoint-timestamp");
        t.setDaemon(true);
        return t;
      });

  public CheckpointAnchor(CheckpointTimestamper timestamper, Duration closeGrace) {
    this.timestamper = timestamper;
    this.closeGrace = closeGrace;
  }

  /** Where the token of {@code checkpointFile} is stored. */
  public static Path tokenFile(Path checkpointFile) {
    return checkpointFile.resolveSibling(checkpointFile.getFileName() + TOKEN_SUFFIX);
  }

  /**
   * Verifies the stored token of a checkpoint whose statement digest is {@code statementSha256Hex}
   * (for {@code warden ledger verify}).
   *
   * @throws TimestampException if the token is missing, or does not verify over that digest
   */
  public static VerifiedTimestamp verifyStored(
      Path checkpointFile, String statementSha256Hex, List<X509Certificate> trustAnchors)
      throws TimestampException {
    Path token = tokenFile(checkpointFile);
    byte[] der;
    try {
      der = Files.readAllBytes(token);
    } catch (IOException e) {
      throw new TimestampException("no time-stamp token at " + token, e);
    }
    return TimestampVerifier.verify(der, HexFormat.of().parseHex(statementSha256Hex), trustAnchors);
  }

  @Override
  public void onCheckpoint(Checkpoint c) {
    worker.execute(() -> anchor(c));
  }

  /** Runs on the worker thread; exposed to tests through {@link #close}. */
  private void anchor(Checkpoint c) {
    try {
      byte[] token = timestamper.timestamp(HexFormat.of().parseHex(c.statementDigest()));
      publish(tokenFile(c.file()), token);
    } catch (TimestampException | IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "checkpoint {0} not timestamped: {1}",
          c.number(),
          e.getMessage());
    }
  }

  private static void publish(Path file, byte[] bytes) throws IOException {
    Path dir = file.getParent();
    Path temp =
        Files.createTempFile(
            dir,
            ".tmp-",
            ".tsr",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException kept) {
        // A token is never replaced; the first one stays.
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Stops taking checkpoints and waits up to the grace period for queued requests. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
