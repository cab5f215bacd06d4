package dev.warden.ledger;

import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.VerifyReport.Damage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Walks the chain across segments, stops at the first record that does not follow its predecessor,
 * and classifies the damage (rules in LEDGER-FORMAT.md, "Damage classification"). Shared by {@link
 * LedgerVerifier} and {@link FileLedger#open}, so the writer never extends a chain the verifier
 * would reject.
 */
final class ChainWalker {
  /** Lines read past a break to tell deletion, reordering and insertion apart. */
  static final int LOOKAHEAD = 1024;

  /**
   * A line and the segment it came from; {@code parsed} / {@code malformed} hold its parse when the
   * cursor parsed it ahead (both null: parse on demand).
   */
  record Located(
      Path file,
      LineReader.Line line,
      @Nullable Entry parsed,
      Entry.@Nullable MalformedException malformed) {
    Located(Path file, LineReader.Line line) {
      this(file, line, null, null);
    }
  }

  /** Lines the cursor reads, parses (on the pool) and MAC-checks ahead of the walk, per job. */
  static final int CHUNK = 1024;

  /**
   * Result of a walk.
   *
   * @param head last trustworthy record ({@link Entry#GENESIS} if none)
   * @param bad the line where the walk stopped, or null when the report is ok
   */
  record Walk(VerifyReport report, Entry head, @Nullable Located bad) {}

  /** Told about every record that verified, in chain order, with the offset just past it. */
  @FunctionalInterface
  interface Observer {
    void record(Entry e, long endOffset);
  }

  /**
   * Where a walk begins: after record {@code head}, at byte {@code offset} (line {@code linesBefore
   * + 1}) of the first segment. {@link #FROM_GENESIS} starts at the beginning.
   */
  record Start(Entry head, long offset, long linesBefore) {}

  static final Start FROM_GENESIS = new Start(Entry.GENESIS, 0, 0);

  private final @Nullable MessageAuthenticator key;
  private final Observer onRecord;

  private ChainWalker(@Nullable MessageAuthenticator key, Observer onRecord) {
    this.key = key;
    this.onRecord = onRecord;
  }

  static Walk walk(List<Path> segments, @Nullable MessageAuthenticator key) throws IOException {
    return walk(segments, key, (e, end) -> {}, FROM_GENESIS);
  }

  /** Walks from {@code start} and hands every record that verified to {@code onRecord}. */
  static Walk walk(
      List<Path> segments, @Nullable MessageAuthenticator key, Observer onRecord, Start start)
      throws IOException {
    try (Cursor cursor = new Cursor(segments, start, key)) {
      return new ChainWalker(key, onRecord).run(cursor, start.head());
    }
  }

  private Walk run(Cursor cursor, Entry start) throws IOException {
    Entry before = Entry.GENESIS;
    Entry p = start;
    long count = 0;
    for (Located at = cursor.next(); at != null; at = cursor.next()) {
      Break here = new Break(count, p, at);
      if (!at.line().terminated()) {
        return fail(
            here, Damage.TRUNCATED_LINE, p.seq() + 1, null, "truncated — no newline ends it");
      }
      Entry e;
      try {
        e = parse(at);
      } catch (Entry.MalformedException m) {
        return fail(here, Damage.MALFORMED, p.seq() + 1, null, "malformed — " + m.getMessage());
      }
      if (!e.follows(p, key)) {
        return classify(here, before, e, cursor.lookahead());
      }
      before = p;
      p = e;
      count++;
      onRecord.record(e, at.line().end());
    }
    return new Walk(ok(count, p), p, null);
  }

  /**
   * {@code l} does not follow {@code b.head()}, which follows {@code before}; {@code later} are the
   * intact records after {@code l}. The order of the tests is the rule table in LEDGER-FORMAT.md.
   */
  private Walk classify(Break b, Entry before, Entry l, List<Entry> later) {
    Entry p = b.head();
    for (Entry m : later) {
      if (m.follows(p, key)) { // the chain goes on without l: l belongs elsewhere or nowhere
        for (Entry k : later) {
          if (l.follows(k, key)) {
            return fail(
                b,
                Damage.REORDERED,
                l.seq(),
                l,
                "reordered — seq " + m.seq() + " belongs here; it is at " + m.where());
          }
        }
        return fail(
            b,
            Damage.INSERTED,
            l.seq(),
            l,
            "inserted — the chain continues without it at " + m.where());
      }
    }
    if (!l.hashValid()) {
      return fail(
          b, Damage.MODIFIED, l.seq(), l, "modified — its hash does not match its contents");
    }
    if (l.prev().equals(p.hash())) {
      if (l.seq() != p.seq() + 1) {
        return fail(
            b,
            Damage.MODIFIED,
            l.seq(),
            l,
            "modified — it links to the previous record but its seq should be " + (p.seq() + 1));
      }
      // seq, prev and hash fit, so only the MAC failed: written by someone without the key.
      if (later.isEmpty()) {
        return fail(
            b,
            Damage.INSERTED,
            l.seq(),
            l,
            "inserted — it extends the SHA-256 chain but its MAC does not match (not written with the ledger key)");
      }
      String wrongKey = p == Entry.GENESIS ? " (or this is not the ledger's key)" : "";
      return fail(
          b,
          Damage.MODIFIED,
          l.seq(),
          l,
          "modified — the SHA-256 chain was recomputed but its MAC does not match" + wrongKey);
    }
    if (l.seq() <= p.seq()) {
      String which = key == null ? " (verify with the key to tell which of the two)" : "";
      return fail(
          b,
          Damage.INSERTED,
          l.seq(),
          l,
          "inserted — seq "
              + l.seq()
              + " does not follow seq "
              + p.seq()
              + " of line "
              + p.line()
              + "; a record was replayed or forged"
              + which);
    }
    if (l.seq() > p.seq() + 1) {
      long first = p.seq() + 1;
      long last = l.seq() - 1;
      String missing =
          first == last ? "seq " + first + " is" : "seqs " + first + " to " + last + " are";
      return fail(
          b,
          Damage.DELETED,
          first,
          l,
          "deleted — " + missing + " missing before it (seq jumps and prev does not link)");
    }
    if (p != Entry.GENESIS && l.line() == 1 && !l.file().equals(p.file())) {
      // A whole segment that starts off the chain: swapped in from elsewhere or rewritten.
      return fail(
          b,
          Damage.SEGMENT_REPLACED,
          l.seq(),
          l,
          "segment replaced — its first record does not link to the last record of "
              + p.file().getFileName());
    }
    if (key == null && p != Entry.GENESIS) {
      // Without a key p "verified" only against itself. The likely story: p was edited and its
      // own hash recomputed, which is exactly what breaks l's prev. Name p, trust only before it.
      String why =
          "modified — its hash was recomputed, so the next record (line "
              + l.line()
              + ") no longer links to it";
      VerifyReport r =
          report(
              b.count() - 1, before, p.file(), p.line(), Damage.MODIFIED, p.seq(), p.where(), why);
      return new Walk(r, before, b.at());
    }
    return fail(
        b, Damage.MODIFIED, l.seq(), l, "modified — its prev does not link to the previous record");
  }

  /**
   * The value of {@code f}, waiting through interrupts (a half-checked chain is no answer; the
   * interrupt status is restored); its {@code IOException}, runtime exception or error rethrown.
   */
  static <T> T await(Future<T> f) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("a ledger verification task failed", cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Where the walk stopped: records verified so far, the last good one, and the bad line. */
  private record Break(long count, Entry head, Located at) {}

  private static Entry parse(Located at) throws Entry.MalformedException {
    Entry.MalformedException m = at.malformed();
    if (m != null) {
      throw m;
    }
    Entry e = at.parsed();
    if (e != null) {
      return e;
    }
    if (at.line().oversized()) {
      throw new Entry.MalformedException("longer than " + LineReader.MAX_LINE + " bytes");
    }
    return Entry.parse(at.file(), at.line().number(), at.line().bytes());
  }

  private Walk fail(Break b, Damage damage, long seq, @Nullable Entry bad, String why) {
    Path file = b.at().file();
    long line = b.at().line().number();
    String where =
        file.getFileName() + " line " + line + (bad == null ? "" : " (seq " + bad.seq() + ")");
    return new Walk(
        report(b.count(), b.head(), file, line, damage, seq, where, why), b.head(), b.at());
  }

  private VerifyReport report(
      long count,
      Entry head,
      Path file,
      long line,
      Damage damage,
      long seq,
      String where,
      String why) {
    String segment = file.getFileName().toString();
    return new VerifyReport(
        false,
        count,
        head.hash(),
        key != null,
        seq,
        line,
        segment,
        damage,
        "record at " + where + ": " + why,
        0,
        false);
  }

  private VerifyReport ok(long count, Entry head) {
    String chains =
        key != null
            ? "SHA-256 and HMAC chains verified"
            : "SHA-256 chain verified; HMAC chain NOT checked (no key), so a rewrite of every later"
                + " hash is caught only against a signed checkpoint";
    return new VerifyReport(
        true,
        count,
        head.hash(),
        key != null,
        0,
        0,
        null,
        null,
        "ok: " + count + " records; " + chains,
        0,
        false);
  }

  /**
   * Lines of all segments in order, parsed ahead on every core. The calling thread only reads and
   * splits lines, {@link #CHUNK} at a time, and hands each chunk to a pool of one thread per core,
   * keeping up to {@link #IN_FLIGHT} chunks queued in order: each line's parse (canonical form,
   * fields, its own hash, its Merkle leaf) depends on that line alone, and its MAC check on the
   * line before it, so chunks are independent. The walk itself, which links each record to the one
   * it accepted before, stays sequential and overlaps the parsing of the chunks after it; it uses a
   * MAC result only when its predecessor is that same line before it.
   */
  private static final class Cursor implements AutoCloseable {
    /** Chunks read and queued for parsing ahead of the walk: enough to keep every core busy. */
    static final int IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors() + 2;

    private final List<Path> segments;
    private final Start start;
    private final @Nullable MessageAuthenticator key;
    private int index = -1;
    private @Nullable LineReader reader;
    private final java.util.ArrayDeque<Future<Located[]>> inFlight = new java.util.ArrayDeque<>();
    private Located[] current = new Located[0];
    private int currentPos;
    private boolean firstChunk = true;
    private boolean exhausted;
    private @Nullable ExecutorService pool; // started with the first chunk

    Cursor(List<Path> segments, Start start, @Nullable MessageAuthenticator key) {
      this.segments = segments;
      this.start = start;
      this.key = key;
    }

    @Nullable Located next() throws IOException {
      while (currentPos == current.length) {
        fill();
        Future<Located[]> f = inFlight.poll();
        if (f == null) {
          return null;
        }
        current = await(f);
        currentPos = 0;
      }
      return current[currentPos++];
    }

    /** Reads and queues chunks until {@link #IN_FLIGHT} wait or the segments end. */
    private void fill() throws IOException {
      while (!exhausted && inFlight.size() < IN_FLIGHT) {
        List<Located> chunk = new ArrayList<>(CHUNK);
        for (Located at = read(); at != null; at = chunk.size() < CHUNK ? read() : null) {
          chunk.add(at);
        }
        if (chunk.isEmpty()) {
          exhausted = true;
          return;
        }
        Located[] lines = chunk.toArray(new Located[0]);
        // The first line of a later chunk gets its MAC checked by the walk itself.
        Entry before = firstChunk ? start.head() : null;
        firstChunk = false;
        MessageAuthenticator k = key;
        inFlight.add(pool().submit(() -> parseAhead(lines, before, k)));
      }
    }

    private ExecutorService pool() {
      ExecutorService p = pool;
      if (p == null) {
        p =
            Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().name("warden-ledger-parse-", 0).daemon(true).factory());
        pool = p;
      }
      return p;
    }

    /** Parses a chunk and checks each MAC against the line before it (for the first: before). */
    private static Located[] parseAhead(
        Located[] lines, @Nullable Entry before, @Nullable MessageAuthenticator key) {
      Entry previous = before;
      for (int i = 0; i < lines.length; i++) {
        Located at = lines[i];
        Entry parsed = null;
        if (at.line().terminated()) {
          try {
            parsed = ChainWalker.parse(at);
            if (key != null && previous != null) {
              parsed = parsed.macCheckedAfter(previous, key);
            }
            lines[i] = new Located(at.file(), at.line(), parsed, null);
          } catch (Entry.MalformedException m) {
            lines[i] = new Located(at.file(), at.line(), null, m);
          }
        }
        previous = parsed;
      }
      return lines;
    }

    private @Nullable Located read() throws IOException {
      while (true) {
        LineReader r = reader;
        if (r != null) {
          LineReader.Line line = r.next();
          if (line != null) {
            return new Located(segments.get(index), line);
          }
          r.close();
          reader = null;
        }
        if (index + 1 >= segments.size()) {
          return null;
        }
        ++index;
        boolean active = index == segments.size() - 1;
        reader =
            index == 0
                ? new LineReader(segments.get(0), start.offset(), start.linesBefore(), active)
                : new LineReader(segments.get(index), 0, 0, active);
      }
    }

    /** Up to {@link #LOOKAHEAD} following records that parse; unparseable lines are skipped. */
    List<Entry> lookahead() throws IOException {
      List<Entry> out = new ArrayList<>();
      for (int i = 0; i < LOOKAHEAD; i++) {
        Located at = next();
        if (at == null) {
          break;
        }
        try {
          if (at.line().terminated()) {
            out.add(parse(at));
          }
        } catch (Entry.MalformedException ignored) {
          // Classification only needs the records that are intact.
        }
      }
      return out;
    }

    @Override
    public void close() throws IOException {
      ExecutorService p = pool;
      if (p != null) {
        p.shutdownNow(); // chunks past a break are not needed; parsing ignores interrupts
      }
      LineReader r = reader;
      if (r != null) {
        r.close();
      }
    }
  }
}
