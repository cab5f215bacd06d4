package dev.warden.ledger;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.MessageAuthenticator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Offline verification of a ledger directory written by {@link FileLedger}.
 *
 * <p>Reads every segment in order and recomputes the SHA-256 chain, and the HMAC chain when a key
 * is given. It stops at the first record that is not the valid successor of the one before and
 * classifies the damage ({@link VerifyReport.Damage}); classification looks up to 1024 lines ahead.
 * Read-only: safe to run while a writer appends (it then sees a prefix, possibly with a torn last
 * line).
 */
public final class LedgerVerifier {
  private LedgerVerifier() {}

  /**
   * Verifies the ledger under {@code dir}. An existing directory without segments, or with only
   * empty ones, is a valid empty ledger.
   *
   * @param mac the ledger key, or null to check only the SHA-256 chain (the report says so)
   * @return the report; damage is reported, never thrown
   * @throws LedgerException if {@code dir} is not a directory or cannot be read
   */
  public static VerifyReport verify(Path dir, @Nullable MessageAuthenticator mac) {
    if (!Files.isDirectory(dir)) {
      throw new LedgerException("no ledger directory at " + dir);
    }
    try {
      return ChainWalker.walk(Segments.list(dir), mac).report();
    } catch (IOException e) {
      throw new LedgerException("cannot read the ledger at " + dir, e);
    }
  }
}
