package dev.warden.cli;

import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.receipt.ReceiptStatement;
import dev.warden.ledger.timestamp.CheckpointAnchor;
import dev.warden.ledger.timestamp.TimestampException;
import dev.warden.ledger.timestamp.VerifiedTimestamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks the RFC 3161 tokens stored beside checkpoints ({@code checkpoint-N.json.tsr}) for {@code
 * warden ledger verify --tsa-ca}. Each token must verify over SHA-256 of its checkpoint's statement
 * (the envelope payload) against the given CA; a checkpoint without a token is counted, not failed,
 * because a TSA outage never stops the ledger. The checkpoint's own signature is the verifier's
 * business.
 *
 * @param stamped checkpoints whose token verified
 * @param unstamped checkpoints without a token
 * @param newest the newest verified token, or null
 * @param newestCheckpoint its checkpoint file name, or null
 * @param failure the first token that did not verify, named, or null
 */
record CheckpointTimestamps(
    int stamped,
    int unstamped,
    @Nullable VerifiedTimestamp newest,
    @Nullable String newestCheckpoint,
    @Nullable String failure) {

  static CheckpointTimestamps check(Path ledgerDir, List<X509Certificate> anchors)
      throws IOException {
    Path dir = ledgerDir.resolve("checkpoints");
    List<Path> checkpoints;
    if (!Files.isDirectory(dir)) {
      return new CheckpointTimestamps(0, 0, null, null, null);
    }
    try (Stream<Path> files = Files.list(dir)) {
      checkpoints =
          files
              .filter(p -> p.getFileName().toString().matches("checkpoint-\\d{10}\\.json"))
              .sorted()
              .toList();
    }
    int stamped = 0;
    int unstamped = 0;
    VerifiedTimestamp newest = null;
    String newestName = null;
    for (Path cp : checkpoints) {
      String name = cp.getFileName().toString();
      if (!Files.exists(CheckpointAnchor.tokenFile(cp))) {
        unstamped++;
        continue;
      }
      try {
        byte[] statement = Dsse.parse(Files.readString(cp)).payload();
        newest = CheckpointAnchor.verifyStored(cp, ReceiptStatement.sha256Hex(statement), anchors);
        newestName = name;
        stamped++;
      } catch (InvalidEnvelopeException e) {
        return new CheckpointTimestamps(
            stamped, unstamped, newest, newestName, name + ": not a DSSE envelope");
      } catch (TimestampException e) {
        return new CheckpointTimestamps(
            stamped,
            unstamped,
            newest,
            newestName,
            name + CheckpointAnchor.TOKEN_SUFFIX + ": " + e.getMessage());
      }
    }
    return new CheckpointTimestamps(stamped, unstamped, newest, newestName, null);
  }
}
