package dev.warden.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 6962 tree that keeps only the roots of its maximal perfect subtrees (at most
 * 64 hashes), so it can follow a ledger of any length: append leaf hashes, read the root at any
 * size. Not thread-safe.
 */
public final class CompactTree {
  // Roots of the perfect subtrees, largest (leftmost) first; sizes are the set bits of size.
  private final List<byte[]> stack = new ArrayList<>();
  private long size;

  /** Appends a leaf by its leaf hash ({@link Rfc6962#leafHash}). */
  public void append(byte[] leafHash) {
    if (leafHash.length != Rfc6962.HASH_SIZE) {
      throw new IllegalArgumentException("leaf hash must be 32 bytes, got " + leafHash.length);
    }
    byte[] h = leafHash.clone();
    // Each trailing 1 bit of size is a perfect subtree the new leaf completes: merge like a carry.
    for (long s = size; (s & 1) == 1; s >>= 1) {
      h = Rfc6962.nodeHash(stack.removeLast(), h);
    }
    stack.add(h);
    size++;
  }

  /** Number of leaves. */
  public long size() {
    return size;
  }

  /** The RFC 6962 Merkle tree hash of all leaves so far ({@link Rfc6962#emptyRoot} when empty). */
  public byte[] root() {
    if (stack.isEmpty()) {
      return Rfc6962.emptyRoot();
    }
    byte[] r = stack.getLast();
    for (int i = stack.size() - 2; i >= 0; i--) {
      r = Rfc6962.nodeHash(stack.get(i), r);
    }
    return r.clone();
  }
}
