package dev.warden.ledger;

import dev.warden.api.Ledger.Receipt;
import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.merkle.Rfc6962;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of the chain (last sequence number, hash and MAC) and the chaining of records onto it:
 * the SHA-256 link, the HMAC and the canonical line. {@link #encode} lays a batch out from the
 * current head without moving it; {@link #advance} moves it once the caller keeps the batch, so a
 * batch that fails to encode leaves the head where it was.
 *
 * <p>Thread-safety: none; one thread at a time (the writer thread, or the appender holding the
 * leader writer's chain lock).
 */
final class ChainHead {
  private final MessageAuthenticator key;
  private final Clock clock;
  private final boolean leaves;
  private final MessageDigest sha256 = Checkpointer.sha256();
  private long seq;
  private String hash;
  private String mac;

  /** Continues the chain after {@code head}; {@code leaves}: compute Merkle leaf hashes too. */
  ChainHead(Entry head, MessageAuthenticator key, Clock clock, boolean leaves) {
    this.key = key;
    this.clock = clock;
    this.leaves = leaves;
    this.seq = head.seq();
    this.hash = head.hash();
    this.mac = head.mac();
  }

  /**
   * A chained batch: its bytes, one receipt and one Merkle leaf hash per record (leaves only with
   * checkpoints, else empty), and the MAC of its last record.
   */
  @SuppressWarnings("ArrayRecordComponent") // package-private value; equality unused
  record Encoded(ByteBuffer bytes, List<Receipt> receipts, byte[][] leaves, String mac) {}

  /**
   * Chains the batch from the current head; the head itself moves only with {@link #advance}. Each
   * record's canonical body is laid out once as {@code prevMac ‖ body} (the HMAC input); SHA-256 is
   * fed {@code prev} and the body part of the same array.
   */
  Encoded encode(List<PendingAppend> batch) {
    List<Receipt> receipts = new ArrayList<>(batch.size());
    byte[] time = LedgerFormat.time(clock.instant());
    byte[][] seqs = new byte[batch.size()][];
    int total = 0;
    for (int i = 0; i < batch.size(); i++) {
      seqs[i] = Long.toString(seq + 1 + i).getBytes(StandardCharsets.US_ASCII);
      total += batch.get(i).record.lineLength(seqs[i], time);
    }
    byte[] out = new byte[total];
    int at = 0;
    long s = seq;
    byte[] h = hash.getBytes(StandardCharsets.US_ASCII);
    byte[] m = mac.getBytes(StandardCharsets.US_ASCII);
    // The leaf hashes the raw chain hash: taken here, before it is hex, instead of parsed back.
    byte[][] leafHashes = new byte[leaves ? batch.size() : 0][];
    for (int i = 0; i < batch.size(); i++) {
      CanonicalRecord r = batch.get(i).record;
      s++;
      byte[] input = new byte[64 + r.bodyLength(seqs[i], time)];
      System.arraycopy(m, 0, input, 0, 64);
      r.body(input, 64, seqs[i], time, h);
      sha256.reset();
      sha256.update(h); // prev is 64 hex digits (ASCII): prev ‖ body hashed in two updates
      sha256.update(input, 64, input.length - 64);
      byte[] rawHash = sha256.digest();
      if (leaves) {
        leafHashes[i] = Rfc6962.leafHash(rawHash);
      }
      byte[] nextHash = LedgerFormat.hexAscii(rawHash);
      byte[] nextMac = LedgerFormat.hexAscii(key.tag(input));
      at = r.line(out, at, seqs[i], time, h, nextHash, nextMac);
      h = nextHash;
      m = nextMac;
      receipts.add(new Receipt(s, new String(h, StandardCharsets.US_ASCII)));
    }
    return new Encoded(
        ByteBuffer.wrap(out), receipts, leafHashes, new String(m, StandardCharsets.US_ASCII));
  }

  /**
   * Moves the head past an encoded batch (the next {@link #encode} chains onto its last record).
   */
  void advance(Encoded encoded) {
    Receipt last = encoded.receipts().getLast();
    seq = last.seq();
    hash = last.hash();
    mac = encoded.mac();
  }
}
