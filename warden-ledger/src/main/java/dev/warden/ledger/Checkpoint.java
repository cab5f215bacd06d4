package dev.warden.ledger;

import java.nio.file.Path;

/**
 * A signed checkpoint just published by {@link FileLedger}: handed to {@link CheckpointListener}s,
 * e.g. to request an RFC 3161 timestamp over {@link #statementDigest()}.
 *
 * @param number 1 for the ledger's first checkpoint, then consecutive
 * @param file the published envelope, {@code checkpoints/checkpoint-NNNNNNNNNN.json}
 * @param treeSize records covered, from seq 1 (= the last covered seq)
 * @param rootHash hex RFC 6962 root over the covered records' chain hashes
 * @param headHash hex chain hash of record {@code treeSize}
 * @param statementDigest hex SHA-256 of the in-toto statement (the envelope's payload): the public
 *     digest to timestamp, and what the next checkpoint names as {@code previous}
 * @param envelope the DSSE envelope as written (canonical JSON, no trailing newline)
 */
public record Checkpoint(
    long number,
    Path file,
    long treeSize,
    String rootHash,
    String headHash,
    String statementDigest,
    String envelope) {}
