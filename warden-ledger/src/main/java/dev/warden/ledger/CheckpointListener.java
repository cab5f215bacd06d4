package dev.warden.ledger;

/**
 * Told about every checkpoint once its file is durable. Runs on the ledger's writer thread, so it
 * must return quickly: hand slow work (a TSA request) to another thread. A listener that throws is
 * reported through {@link System.Logger} and otherwise ignored: the checkpoint stays valid.
 */
@FunctionalInterface
public interface CheckpointListener {
  /** The listener that does nothing. */
  CheckpointListener NONE = c -> {};

  void onCheckpoint(Checkpoint checkpoint);
}
