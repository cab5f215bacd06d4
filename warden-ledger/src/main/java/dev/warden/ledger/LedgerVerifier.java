package dev.warden.ledger;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.VerifyReport.Damage;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.merkle.CompactTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Offline verification of a ledger directory written by {@link FileLedger}.
 *
 * <p>Reads every segment in order and recomputes the SHA-256 chain, and the HMAC chain when a key
 * is given. It stops at the first record that is not the valid successor of the one before and
 * classifies the damage ({@link VerifyReport.Damage}); classification looks up to 1024 lines ahead.
 * Then it checks every signed checkpoint under {@code checkpoints/}: signature (with the trusted
 * public keys, if given), numbering and {@code previous} links, Merkle root and head hash against
 * the records, the segment digest it signed, and that no covered record is missing from the end.
 * Read-only: safe to run while a writer appends (it then sees a prefix, possibly with a torn last
 * line).
 */
public final class LedgerVerifier {
  private static final HexFormat HEX = HexFormat.of();

  private LedgerVerifier() {}

  /** Reports how far verification got; called on the verifying thread. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total) -> {};

    void update(long bytesDone, long bytesTotal);
  }

  /**
   * What to check beyond the chains.
   *
   * @param publicKeys keys that may have signed checkpoints; empty: signatures are not checked
   * @param expectCount the ledger must hold at least this many records (e.g. a count an auditor
   *     noted earlier), or null
   * @param expectHead the chain hash of record {@code expectCount} (or of the last record when
   *     {@code expectCount} is null), or null
   * @param fromCheckpoint start at the newest checkpoint, trusting its signature (and the digest of
   *     its segment's prefix) for every record before it; needs {@code publicKeys}
   * @param progress told about bytes read
   */
  public record Options(
      List<PublicKey> publicKeys,
      @Nullable Long expectCount,
      @Nullable String expectHead,
      boolean fromCheckpoint,
      Progress progress) {
    public Options {
      publicKeys = List.copyOf(publicKeys);
      Objects.requireNonNull(progress, "progress");
      if (expectCount != null && expectCount < 0) {
        throw new IllegalArgumentException("expectCount must not be negative");
      }
      if (expectHead != null && !LedgerFormat.isHex64(expectHead)) {
        throw new IllegalArgumentException("expectHead must be 64 lowercase hex digits");
      }
      if (fromCheckpoint && publicKeys.isEmpty()) {
        throw new IllegalArgumentException(
            "fromCheckpoint trusts a signed checkpoint, so it needs the signer's public key");
      }
    }

    public static Options defaults() {
      return new Options(List.of(), null, null, false, Progress.NONE);
    }
  }

  /** {@link #verify(Path, MessageAuthenticator, Options)} with {@link Options#defaults()}. */
  public static VerifyReport verify(Path dir, @Nullable MessageAuthenticator mac) {
    return verify(dir, mac, Options.defaults());
  }

  /**
   * Verifies the ledger under {@code dir}. An existing directory without segments, or with only
   * empty ones, is a valid empty ledger.
   *
   * @param mac the ledger key, or null to check only the SHA-256 chain (the report says so)
   * @return the report; damage is reported, never thrown
   * @throws LedgerException if {@code dir} is not a directory or cannot be read
   */
  public static VerifyReport verify(Path dir, @Nullable MessageAuthenticator mac, Options options) {
    if (!Files.isDirectory(dir)) {
      throw new LedgerException("no ledger directory at " + dir);
    }
    try {
      return new Run(dir, mac, options).run();
    } catch (IOException e) {
      throw new LedgerException("cannot read the ledger at " + dir, e);
    }
  }

  /** One checkpoint as read: its statement and the digest of the statement. */
  private record Cp(Path file, CheckpointFormat f, String digest) {}

  private static final class Run {
    private final Path dir;
    private final @Nullable MessageAuthenticator mac;
    private final Options options;
    private final boolean signatures;

    Run(Path dir, @Nullable MessageAuthenticator mac, Options options) {
      this.dir = dir;
      this.mac = mac;
      this.options = options;
      this.signatures = !options.publicKeys().isEmpty();
    }

    VerifyReport run() throws IOException {
      List<Path> segments = Segments.list(dir);
      Path missing = null;
      for (int i = 0; i < segments.size(); i++) {
        if (Segments.number(segments.get(i)) != i + 1) {
          missing = Segments.name(dir, i + 1);
          segments = segments.subList(0, i);
          break;
        }
      }
      if (options.fromCheckpoint()) {
        return fromCheckpoint(segments, missing);
      }
      List<Cp> cps = new ArrayList<>();
      VerifyReport cpDamage = readCheckpoints(cps);

      Map<Long, String[]> atSize = new HashMap<>();
      for (Cp c : cps) {
        atSize.put(c.f().treeSize(), null);
      }
      // The segments' digests need a second read of every byte: done meanwhile, on its own thread.
      SegmentDigests digests = new SegmentDigests(dir, cps);
      try {
        return walkAndCheck(segments, missing, cps, cpDamage, atSize, digests);
      } finally {
        digests.cancel();
      }
    }

    private VerifyReport walkAndCheck(
        List<Path> segments,
        @Nullable Path missing,
        List<Cp> cps,
        @Nullable VerifyReport cpDamage,
        Map<Long, String[]> atSize,
        SegmentDigests digests)
        throws IOException {
      CompactTree tree = new CompactTree();
      Map<Path, Long> before = offsets(segments);
      long total = before.getOrDefault(null, 0L);
      ChainWalker.Walk walk =
          ChainWalker.walk(
              segments,
              mac,
              (e, end) -> {
                if (!cps.isEmpty()) {
                  tree.append(e.leafHash());
                  if (atSize.containsKey(tree.size())) {
                    atSize.put(tree.size(), new String[] {HEX.formatHex(tree.root()), e.hash()});
                  }
                }
                if ((e.seq() & 4095) == 0) {
                  options.progress().update(before.getOrDefault(e.file(), 0L) + end, total);
                }
              },
              ChainWalker.FROM_GENESIS);
      options.progress().update(total, total);
      VerifyReport r = walk.report();
      if (missing != null) {
        return damaged(
            r,
            Damage.SEGMENT_MISSING,
            r.headHash().equals(LedgerFormat.GENESIS) && r.recordsChecked() == 0
                ? 1
                : r.recordsChecked() + 1,
            missing.getFileName().toString(),
            0,
            "segment "
                + missing.getFileName()
                + " is missing: segment numbers must run on from ledger-000001.jsonl without gaps");
      }
      if (!r.ok()) {
        return r;
      }
      if (cpDamage != null) {
        return cpDamage;
      }
      long count = r.recordsChecked();
      String lastMatching = "the start";
      for (Cp c : cps) {
        CheckpointFormat f = c.f();
        if (f.treeSize() > count) {
          Path last = segments.isEmpty() ? Segments.name(dir, 1) : segments.getLast();
          return damaged(
              r,
              Damage.TRUNCATED,
              count + 1,
              last.getFileName().toString(),
              0,
              "records are missing from the end: the ledger holds "
                  + count
                  + " but checkpoint "
                  + c.file().getFileName()
                  + " signed "
                  + f.treeSize()
                  + " (seqs "
                  + (count + 1)
                  + " to "
                  + f.treeSize()
                  + " were cut)");
        }
        String[] seen = atSize.get(f.treeSize());
        if (seen == null || !seen[0].equals(f.rootHash()) || !seen[1].equals(f.headHash())) {
          return damaged(
              r,
              Damage.CHECKPOINT_MISMATCH,
              0,
              f.segment(),
              0,
              "the records up to seq "
                  + f.treeSize()
                  + " do not match checkpoint "
                  + c.file().getFileName()
                  + " (its Merkle root or head hash differs): records after "
                  + lastMatching
                  + " were rewritten or a segment replaced");
        }
        lastMatching = "seq " + f.treeSize();
      }
      VerifyReport segmentDamage = checkSegmentDigests(r, cps, digests.get());
      if (segmentDamage != null) {
        return segmentDamage;
      }
      VerifyReport expect = checkExpectations(r, segments);
      if (expect != null) {
        return expect;
      }
      return r.withCheckpoints(cps.size(), signatures && !cps.isEmpty(), summary(cps));
    }

    private String summary(List<Cp> cps) {
      if (cps.isEmpty()) {
        return "; no signed checkpoints";
      }
      Cp last = cps.getLast();
      return "; "
          + cps.size()
          + " checkpoint"
          + (cps.size() == 1 ? "" : "s")
          + " match (newest "
          + last.file().getFileName()
          + ", "
          + last.f().treeSize()
          + " records), signatures "
          + (signatures ? "verified" : "NOT checked (pass the public key)");
    }

    /** Reads, and with keys verifies, every checkpoint; returns the first problem or null. */
    private @Nullable VerifyReport readCheckpoints(List<Cp> out) throws IOException {
      String previous = LedgerFormat.GENESIS;
      for (Path file : Checkpointer.list(dir)) {
        String name = file.getFileName().toString();
        Cp c;
        try {
          c = readCheckpoint(file);
        } catch (Forged e) {
          return checkpointDamage(
              Damage.CHECKPOINT_FORGED,
              name,
              "checkpoint " + name + " is forged: " + e.getMessage());
        } catch (InvalidEnvelopeException e) {
          return checkpointDamage(
              Damage.CHECKPOINT_MALFORMED,
              name,
              "checkpoint " + name + " is malformed: " + e.getMessage());
        }
        long expected = out.size() + 1;
        if (c.f().checkpoint() != expected || CheckpointFormat.number(name) != expected) {
          return checkpointDamage(
              Damage.CHECKPOINT_MISMATCH,
              name,
              "checkpoint "
                  + CheckpointFormat.fileName(expected)
                  + " is missing (found "
                  + name
                  + "); checkpoints must be numbered from 1 without gaps");
        }
        if (!c.f().previous().equals(previous)) {
          return checkpointDamage(
              Damage.CHECKPOINT_MISMATCH,
              name,
              "checkpoint " + name + " does not name the checkpoint before it as previous");
        }
        if (!out.isEmpty() && c.f().treeSize() < out.getLast().f().treeSize()) {
          return checkpointDamage(
              Damage.CHECKPOINT_MISMATCH,
              name,
              "checkpoint " + name + " covers fewer records than the one before");
        }
        previous = c.digest();
        out.add(c);
      }
      return null;
    }

    private Cp readCheckpoint(Path file) throws IOException, InvalidEnvelopeException, Forged {
      String envelope;
      try {
        envelope = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (java.nio.charset.CharacterCodingException e) {
        // File contents are the attacker's input: damage to report, not an I/O failure to throw.
        throw new InvalidEnvelopeException("not UTF-8 text");
      }
      byte[] payload;
      if (signatures) {
        Dsse.parse(envelope); // malformed before forged
        try {
          payload = Dsse.verify(envelope, Dsse.IN_TOTO_PAYLOAD_TYPE, options.publicKeys());
        } catch (InvalidEnvelopeException e) {
          throw new Forged(String.valueOf(e.getMessage()));
        }
      } else {
        Dsse.Envelope e = Dsse.parse(envelope);
        if (!e.payloadType().equals(Dsse.IN_TOTO_PAYLOAD_TYPE)) {
          throw new InvalidEnvelopeException("payloadType is not " + Dsse.IN_TOTO_PAYLOAD_TYPE);
        }
        payload = e.payload();
      }
      CheckpointFormat f = CheckpointFormat.parse(payload);
      MessageDigest d = Checkpointer.sha256();
      return new Cp(file, f, HEX.formatHex(d.digest(payload)));
    }

    /** A signature that does not verify; kept apart from malformed envelopes for the report. */
    private static final class Forged extends java.security.GeneralSecurityException {
      private static final long serialVersionUID = 1L;

      Forged(String message) {
        super(message);
      }
    }

    /** Compares each checkpoint's subject digest with the segment bytes it covered. */
    private @Nullable VerifyReport checkSegmentDigests(
        VerifyReport r, List<Cp> cps, Map<Cp, String> digests) {
      Map<String, List<Cp>> bySegment = SegmentDigests.bySegment(cps);
      for (Cp first : cps) {
        List<Cp> group = bySegment.remove(first.f().segment());
        if (group == null) {
          continue;
        }
        if (!digests.containsKey(first)) {
          return damaged(
              r,
              Damage.SEGMENT_MISSING,
              first.f().segmentFirstSeq(),
              first.f().segment(),
              0,
              "segment "
                  + first.f().segment()
                  + ", signed by "
                  + first.file().getFileName()
                  + ", is missing");
        }
        for (Cp c : group) {
          if (!Objects.equals(digests.get(c), c.f().segmentSha256())) {
            return damaged(
                r,
                Damage.SEGMENT_REPLACED,
                c.f().segmentFirstSeq(),
                c.f().segment(),
                0,
                "segment "
                    + c.f().segment()
                    + " differs from the bytes checkpoint "
                    + c.file().getFileName()
                    + " signed (its first "
                    + c.f().segmentBytes()
                    + " bytes have another SHA-256): the file was replaced or edited");
          }
        }
      }
      return null;
    }

    private @Nullable VerifyReport checkExpectations(VerifyReport r, List<Path> segments)
        throws IOException {
      Long count = options.expectCount();
      String head = options.expectHead();
      String last = segments.isEmpty() ? "" : segments.getLast().getFileName().toString();
      if (count != null && r.recordsChecked() < count) {
        return damaged(
            r,
            Damage.TRUNCATED,
            r.recordsChecked() + 1,
            last,
            0,
            "records are missing from the end: the ledger holds "
                + r.recordsChecked()
                + " but at least "
                + count
                + " were expected");
      }
      if (head == null) {
        return null;
      }
      String actual = r.headHash();
      long at = r.recordsChecked();
      if (count != null && count < r.recordsChecked()) {
        at = count;
        actual = hashOfSeq(segments, count);
      }
      if (!head.equals(actual)) {
        return damaged(
            r,
            Damage.CHECKPOINT_MISMATCH,
            at,
            last,
            0,
            "record seq " + at + " has hash " + actual + ", not the expected head " + head);
      }
      return null;
    }

    private String hashOfSeq(List<Path> segments, long seq) throws IOException {
      String[] found = {LedgerFormat.GENESIS};
      ChainWalker.walk(
          segments,
          null,
          (e, end) -> {
            if (e.seq() == seq) {
              found[0] = e.hash();
            }
          },
          ChainWalker.FROM_GENESIS);
      return found[0];
    }

    /** Verifies the newest checkpoint's signature, then only the records after it. */
    private VerifyReport fromCheckpoint(List<Path> segments, @Nullable Path missing)
        throws IOException {
      List<Path> files = Checkpointer.list(dir);
      if (files.isEmpty()) {
        throw new LedgerException(
            "--from-checkpoint: no checkpoint under " + dir.resolve(CheckpointFormat.DIR));
      }
      Path file = files.getLast();
      String name = file.getFileName().toString();
      Cp c;
      try {
        c = readCheckpoint(file);
      } catch (Forged e) {
        return checkpointDamage(
            Damage.CHECKPOINT_FORGED, name, "checkpoint " + name + " is forged: " + e.getMessage());
      } catch (InvalidEnvelopeException e) {
        return checkpointDamage(
            Damage.CHECKPOINT_MALFORMED,
            name,
            "checkpoint " + name + " is malformed: " + e.getMessage());
      }
      CheckpointFormat f = c.f();
      int index = -1;
      for (int i = 0; i < segments.size(); i++) {
        if (segments.get(i).getFileName().toString().equals(f.segment())) {
          index = i;
        }
      }
      if (index < 0) {
        return checkpointDamage(
            Damage.SEGMENT_MISSING,
            f.segment(),
            "segment " + f.segment() + ", signed by " + name + ", is missing");
      }
      Path seg = segments.get(index);
      // Hash the signed prefix, count its lines, and keep its last line: the checkpoint's head.
      MessageDigest d = Checkpointer.sha256();
      long lines = 0;
      LineReader.Line lastLine = null;
      try (LineReader reader = new LineReader(seg)) {
        for (LineReader.Line l = reader.next();
            l != null && l.end() <= f.segmentBytes();
            l = reader.next()) {
          lines++;
          lastLine = l;
        }
      }
      try (InputStream in = Files.newInputStream(seg)) {
        byte[] prefix = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, f.segmentBytes()));
        d.update(prefix);
      }
      Entry head = null;
      if (lastLine != null && lastLine.terminated()) {
        try {
          head = Entry.parse(seg, lastLine.number(), lastLine.bytes());
        } catch (Entry.MalformedException e) {
          head = null;
        }
      }
      if (!HEX.formatHex(d.digest()).equals(f.segmentSha256())
          || head == null
          || lastLine == null
          || lastLine.end() != f.segmentBytes()
          || head.seq() != f.treeSize()
          || !head.hash().equals(f.headHash())) {
        VerifyReport none = emptyReport();
        return damaged(
            none,
            Damage.SEGMENT_REPLACED,
            f.segmentFirstSeq(),
            f.segment(),
            0,
            "segment "
                + f.segment()
                + " differs from the bytes checkpoint "
                + name
                + " signed (or was cut below them)");
      }
      ChainWalker.Walk walk =
          ChainWalker.walk(
              segments.subList(index, segments.size()),
              mac,
              (e, end) -> {},
              new ChainWalker.Start(head, f.segmentBytes(), lines));
      VerifyReport w = walk.report();
      VerifyReport r =
          new VerifyReport(
              w.ok(),
              f.treeSize() + w.recordsChecked(),
              w.headHash().equals(LedgerFormat.GENESIS) ? f.headHash() : w.headHash(),
              w.macChecked(),
              w.firstBadSeq(),
              w.firstBadLine(),
              w.firstBadSegment(),
              w.damage(),
              w.message(),
              1,
              true);
      if (missing != null) {
        return damaged(
            r,
            Damage.SEGMENT_MISSING,
            r.recordsChecked() + 1,
            missing.getFileName().toString(),
            0,
            "segment " + missing.getFileName() + " is missing");
      }
      if (!r.ok()) {
        return r;
      }
      VerifyReport expect = checkExpectations(r, segments);
      if (expect != null) {
        return expect;
      }
      return new VerifyReport(
          true,
          r.recordsChecked(),
          r.headHash(),
          r.macChecked(),
          0,
          0,
          null,
          null,
          "ok: "
              + r.recordsChecked()
              + " records; the first "
              + f.treeSize()
              + " trusted by the signature of "
              + name
              + ", the "
              + w.recordsChecked()
              + " after it verified ("
              + (mac != null ? "SHA-256 and HMAC chains" : "SHA-256 chain only")
              + ")",
          1,
          true);
    }

    private VerifyReport emptyReport() {
      return new VerifyReport(
          true, 0, LedgerFormat.GENESIS, mac != null, 0, 0, null, null, "", 0, signatures);
    }

    private VerifyReport checkpointDamage(Damage damage, String file, String why) {
      return damaged(emptyReport(), damage, 0, file, 0, why);
    }

    /** Keeps the trustworthy prefix of {@code r} and records the damage found after it. */
    private VerifyReport damaged(
        VerifyReport r, Damage damage, long seq, String segment, long line, String why) {
      return new VerifyReport(
          false,
          r.recordsChecked(),
          r.headHash(),
          r.macChecked(),
          seq,
          line,
          segment,
          damage,
          why,
          r.checkpointsChecked(),
          signatures);
    }

    /** Bytes of all segments before each segment; the {@code null} key holds the total. */
    private static Map<Path, Long> offsets(List<Path> segments) throws IOException {
      Map<Path, Long> out = new HashMap<>();
      long sum = 0;
      for (Path p : segments) {
        out.put(p, sum);
        sum += Files.size(p);
      }
      out.put(null, sum);
      return out;
    }
  }

  /**
   * The SHA-256 of each checkpoint's segment prefix ({@code segmentBytes} long), computed on a
   * thread of its own while the chain is walked. {@link #get} maps each checkpoint to its digest in
   * hex ({@code ""} if the file is shorter); a checkpoint whose segment file is missing has no
   * entry. {@link #cancel} stops the reading when the verdict no longer needs it.
   */
  private static final class SegmentDigests {
    private final java.util.concurrent.FutureTask<Map<Cp, String>> task;
    private volatile boolean cancelled;

    SegmentDigests(Path dir, List<Cp> cps) {
      task = new java.util.concurrent.FutureTask<>(() -> compute(dir, cps));
      if (!cps.isEmpty()) {
        Thread.ofPlatform().name("warden-verify-digests").daemon(true).start(task);
      } else {
        task.run();
      }
    }

    static Map<String, List<Cp>> bySegment(List<Cp> cps) {
      Map<String, List<Cp>> bySegment = new java.util.LinkedHashMap<>();
      for (Cp c : cps) {
        bySegment.computeIfAbsent(c.f().segment(), k -> new ArrayList<>()).add(c);
      }
      for (List<Cp> group : bySegment.values()) {
        group.sort((a, b) -> Long.compare(a.f().segmentBytes(), b.f().segmentBytes()));
      }
      return bySegment;
    }

    private Map<Cp, String> compute(Path dir, List<Cp> cps) throws IOException {
      Map<Cp, String> out = new java.util.IdentityHashMap<>();
      for (List<Cp> group : bySegment(cps).values()) {
        Path file = dir.resolve(group.getFirst().f().segment());
        if (!Files.isRegularFile(file)) {
          continue;
        }
        MessageDigest d = Checkpointer.sha256();
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
          byte[] buf = new byte[1 << 20]; // large reads: this thread competes for the cores
          for (Cp c : group) {
            long want = c.f().segmentBytes();
            while (read < want && !cancelled) {
              int n = in.read(buf, 0, (int) Math.min(buf.length, want - read));
              if (n < 0) {
                break;
              }
              d.update(buf, 0, n);
              read += n;
            }
            out.put(c, read == want ? HEX.formatHex(Checkpointer.copy(d).digest()) : "");
          }
        }
      }
      return out;
    }

    Map<Cp, String> get() throws IOException {
      return ChainWalker.await(task);
    }

    void cancel() {
      cancelled = true;
    }
  }
}
