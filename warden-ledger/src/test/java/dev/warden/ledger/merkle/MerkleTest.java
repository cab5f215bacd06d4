package dev.warden.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cross-checked against the Certificate Transparency reference vectors, as published in
 * transparency-dev/merkle (formerly google/certificate-transparency-go): {@code
 * testonly/constants.go} (LeafInputs, RootHashes) and {@code proof/verify_test.go}
 * (inclusionProofs, whose leaf numbers there are 1-based).
 */
class MerkleTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final List<byte[]> LEAVES =
      hex(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");
  private static final List<byte[]> ROOTS =
      hex(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  /** (0-based index, size, path) from verify_test.go. */
  private record Vector(long index, long size, List<byte[]> path) {}

  private static final List<Vector> PROOFS =
      List.of(
          new Vector(0, 1, List.of()),
          new Vector(
              0,
              8,
              hex(
                  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
          new Vector(
              5,
              8,
              hex(
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
          new Vector(2, 3, hex("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
          new Vector(
              1,
              5,
              hex(
                  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

  @Test
  void emptyTreeRootIsSha256OfNothing() {
    assertThat(HEX.formatHex(new CompactTree().root()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void rootsMatchTheReferenceVectorsForSizes1To8() {
    CompactTree tree = new CompactTree();
    for (int n = 0; n < LEAVES.size(); n++) {
      tree.append(Rfc6962.leafHash(LEAVES.get(n)));
      assertThat(HEX.formatHex(tree.root()))
          .as("size %d", n + 1)
          .isEqualTo(HEX.formatHex(ROOTS.get(n)));
    }
  }

  @Test
  void builtProofsMatchTheReferenceAuditPaths() {
    for (Vector v : PROOFS) {
      InclusionProof.Builder b = new InclusionProof.Builder(v.index(), v.size());
      for (int i = 0; i < v.size(); i++) {
        b.add(Rfc6962.leafHash(LEAVES.get(i)));
      }
      assertThat(InclusionProof.hex(b.path())).as("%s", v).isEqualTo(InclusionProof.hex(v.path()));
      assertThat(b.root()).isEqualTo(ROOTS.get((int) v.size() - 1));
      assertThat(b.leafHash()).isEqualTo(Rfc6962.leafHash(LEAVES.get((int) v.index())));
    }
  }

  @Test
  void referenceProofsVerifyAndEveryCorruptionFails() {
    byte[] someHash =
        HEX.parseHex("abacaba000000000000000000000000000000000000000000060061e00123456");
    for (Vector v : PROOFS) {
      byte[] root = ROOTS.get((int) v.size() - 1);
      byte[] leaf = Rfc6962.leafHash(LEAVES.get((int) v.index()));
      long i = v.index();
      long n = v.size();
      List<byte[]> p = v.path();
      assertThat(InclusionProof.verify(i, n, leaf, p, root)).as("%s", v).isTrue();

      // The corruptions of verify_test.go's corruptInclusionProof.
      assertThat(InclusionProof.verify(i - 1, n, leaf, p, root)).isFalse();
      assertThat(InclusionProof.verify(i + 1, n, leaf, p, root)).isFalse();
      assertThat(InclusionProof.verify(i ^ 2, n, leaf, p, root)).isFalse();
      assertThat(InclusionProof.verify(i, n * 2, leaf, p, root)).isFalse();
      assertThat(InclusionProof.verify(i, n / 2, leaf, p, root)).isFalse();
      assertThat(InclusionProof.verify(i, n, Rfc6962.leafHash("WrongLeaf".getBytes()), p, root))
          .isFalse();
      assertThat(InclusionProof.verify(i, n, leaf, p, Rfc6962.emptyRoot())).isFalse();
      assertThat(InclusionProof.verify(i, n, leaf, p, someHash)).isFalse();
      assertThat(InclusionProof.verify(i, n, leaf, with(p, p.size(), new byte[0]), root)).isFalse();
      assertThat(InclusionProof.verify(i, n, leaf, with(p, p.size(), root), root)).isFalse();
      assertThat(InclusionProof.verify(i, n, leaf, with(p, 0, new byte[0]), root)).isFalse();
      assertThat(InclusionProof.verify(i, n, leaf, with(p, 0, root), root)).isFalse();
      for (int k = 0; k < p.size(); k++) {
        for (int bit = 0; bit < 256; bit++) {
          List<byte[]> wrong = new ArrayList<>(p);
          byte[] h = p.get(k).clone();
          h[bit / 8] ^= (byte) (1 << (bit % 8));
          wrong.set(k, h);
          assertThat(InclusionProof.verify(i, n, leaf, wrong, root)).isFalse();
        }
      }
      if (!p.isEmpty()) {
        assertThat(InclusionProof.verify(i, n, leaf, p.subList(0, p.size() - 1), root)).isFalse();
      }
      if (p.size() > 1) {
        assertThat(InclusionProof.verify(i, n, leaf, with(p, 1, someHash), root)).isFalse();
      }
    }
  }

  @Test
  void everyLeafOfEveryTreeUpTo70LeavesProvesAgainstTheRecursiveDefinition() {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      leaves.add(Rfc6962.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}));
    }
    for (int n = 1; n <= leaves.size(); n++) {
      byte[] root = mth(leaves.subList(0, n));
      CompactTree compact = new CompactTree();
      leaves.subList(0, n).forEach(compact::append);
      assertThat(compact.root()).as("root of %d", n).isEqualTo(root);
      for (int m = 0; m < n; m++) {
        InclusionProof.Builder b = new InclusionProof.Builder(m, n);
        leaves.subList(0, n).forEach(b::add);
        assertThat(InclusionProof.verify(m, n, leaves.get(m), b.path(), root))
            .as("leaf %d of %d", m, n)
            .isTrue();
        if (n > 1) {
          int other = (m + 1) % n;
          assertThat(InclusionProof.verify(m, n, leaves.get(other), b.path(), root)).isFalse();
        }
      }
    }
  }

  @Test
  void refusesOutOfRangeAndIncompleteInput() {
    assertThatThrownBy(() -> InclusionProof.ranges(3, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InclusionProof.Builder(0, 2).path())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs 2 leaves");
    assertThatThrownBy(() -> new CompactTree().append(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(InclusionProof.verify(0, 0, new byte[32], List.of(), new byte[32])).isFalse();
  }

  /** MTH of RFC 6962 section 2.1, written as the recursive definition. */
  private static byte[] mth(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n == 1) {
      return leafHashes.getFirst();
    }
    int k = Integer.highestOneBit(n - 1);
    return Rfc6962.nodeHash(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n)));
  }

  private static List<byte[]> with(List<byte[]> p, int at, byte[] extra) {
    List<byte[]> out = new ArrayList<>(p);
    out.add(at, extra);
    return out;
  }

  private static List<byte[]> hex(String... s) {
    return Arrays.stream(s).map(HEX::parseHex).toList();
  }
}
