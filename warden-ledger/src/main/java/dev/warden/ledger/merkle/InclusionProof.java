package dev.warden.ledger.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Inclusion proofs (audit paths) of RFC 6962 section 2.1.1 / RFC 9162 section 2.1.3: the sibling
 * hashes that, combined with one leaf hash, reproduce the root of a tree of {@code size} leaves.
 *
 * <p>A proof is built in one streaming pass over the leaf hashes with O(log n) memory: {@link
 * #ranges} names the subtrees whose roots form the path, and a {@link Builder} folds each leaf into
 * the subtree that holds it.
 */
public final class InclusionProof {
  private InclusionProof() {}

  /** A half-open range {@code [start, end)} of leaf indexes. */
  public record Range(long start, long end) {}

  /**
   * The subtrees whose roots are PATH(index, D[size]), in path order (the leaf's sibling first).
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size}
   */
  public static List<Range> ranges(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is outside a tree of " + size + " leaves");
    }
    List<Range> out = new ArrayList<>();
    path(index, 0, size, out);
    return out;
  }

  // PATH(m, D[start:end]) per RFC 6962 2.1.1: recurse into the half holding m, then add the root
  // of the other half, so the deepest sibling comes first.
  private static void path(long m, long start, long end, List<Range> out) {
    long n = end - start;
    if (n <= 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1); // largest power of two smaller than n
    if (m - start < k) {
      path(m, start, start + k, out);
      out.add(new Range(start + k, end));
    } else {
      path(m, start + k, end, out);
      out.add(new Range(start, start + k));
    }
  }

  /** Builds the proof of one leaf while every leaf hash of the tree is fed to it in order. */
  public static final class Builder {
    private final long index;
    private final long size;
    private final List<Range> ranges;
    private final CompactTree[] trees;
    private final CompactTree whole = new CompactTree();
    private byte[] leaf = new byte[0];

    public Builder(long index, long size) {
      this.index = index;
      this.size = size;
      this.ranges = ranges(index, size);
      this.trees = new CompactTree[ranges.size()];
      for (int i = 0; i < trees.length; i++) {
        trees[i] = new CompactTree();
      }
    }

    /** Feeds the next leaf hash (leaf {@code n} of the tree, in order from 0). */
    public void add(byte[] leafHash) {
      long i = whole.size();
      if (i >= size) {
        throw new IllegalStateException("more than " + size + " leaves fed to the proof builder");
      }
      whole.append(leafHash);
      if (i == index) {
        leaf = leafHash.clone();
        return;
      }
      for (int r = 0; r < ranges.size(); r++) {
        if (i >= ranges.get(r).start() && i < ranges.get(r).end()) {
          trees[r].append(leafHash);
          return;
        }
      }
    }

    /** The leaf hash of the proven leaf. */
    public byte[] leafHash() {
      checkComplete();
      return leaf.clone();
    }

    /** The audit path, sibling first. */
    public List<byte[]> path() {
      checkComplete();
      List<byte[]> out = new ArrayList<>(trees.length);
      for (CompactTree t : trees) {
        out.add(t.root());
      }
      return out;
    }

    /** The root of the whole tree. */
    public byte[] root() {
      checkComplete();
      return whole.root();
    }

    private void checkComplete() {
      if (whole.size() != size) {
        throw new IllegalStateException(
            "the proof needs " + size + " leaves, " + whole.size() + " were fed");
      }
    }
  }

  /**
   * Recomputes the root from a leaf hash and its audit path (RFC 9162 section 2.1.3.2).
   *
   * @throws IllegalArgumentException if the path has the wrong length for {@code index} and {@code
   *     size}, a hash is not 32 bytes, or {@code index} is outside the tree
   */
  public static byte[] rootFromPath(long index, long size, byte[] leafHash, List<byte[]> path) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is outside a tree of " + size + " leaves");
    }
    if (leafHash.length != Rfc6962.HASH_SIZE) {
      throw new IllegalArgumentException("leaf hash must be 32 bytes");
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (p.length != Rfc6962.HASH_SIZE) {
        throw new IllegalArgumentException("audit path hashes must be 32 bytes");
      }
      if (sn == 0) {
        throw new IllegalArgumentException("audit path is longer than the tree is deep");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new IllegalArgumentException("audit path is shorter than the tree is deep");
    }
    return r;
  }

  /**
   * Whether {@code path} proves {@code leafHash} at {@code index} in the tree with {@code root}.
   */
  public static boolean verify(
      long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
    try {
      return MessageDigest.isEqual(rootFromPath(index, size, leafHash, path), root);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Hex strings of a path, for JSON. */
  public static List<String> hex(List<byte[]> path) {
    return path.stream().map(java.util.HexFormat.of()::formatHex).toList();
  }
}
