package dev.warden.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The verifier's byte-scan fast path against the general parse (a Jackson tree, JCS of it compared
 * with the line): on every line the writer produces the two agree field by field, and on mutated
 * lines the fast path never accepts what the general path refuses nor reads other fields. Seeded
 * random property tests (jqwik is not in this build's repository).
 */
class CanonicalLineTest {
  private static final Path FILE = Path.of("ledger-000001.jsonl");
  private static final TestMac KEY = new TestMac();

  @Test
  void writerLinesTakeTheFastPathAndAgreeWithTheGeneralParse() throws Exception {
    Random random = new Random(6962);
    int fast = 0;
    for (int i = 0; i < 5_000; i++) {
      LedgerRecord r =
          switch (i % 3) {
            case 0 -> CanonicalRecordTest.record(random, PLAIN);
            case 1 -> asciiRecord(random);
            default -> CanonicalRecordTest.record(random);
          };
      byte[] line = line(random, r);
      CanonicalLine.Fields f = CanonicalLine.scan(line);
      if (i % 3 == 0) {
        // The proxy's records: ASCII, escapes possible in values but not in member names.
        assertThat(f).as("a plain line the writer wrote takes the fast path").isNotNull();
      }
      if (f != null) {
        fast++;
        assertSame(Entry.parse(FILE, 1, line), Entry.parseGeneral(FILE, 1, line));
      }
    }
    assertThat(fast).isGreaterThan(2_000);
  }

  @Test
  void aLineWithAValidHashAndMacVerifiesOnTheFastPath() throws Exception {
    Random random = new Random(1);
    LedgerRecord r = asciiRecord(random);
    CanonicalRecord c = CanonicalRecord.of(r);
    byte[] seq = "1".getBytes(StandardCharsets.US_ASCII);
    byte[] time = LedgerFormat.time(Instant.parse("2026-11-23T12:00:00Z"));
    byte[] prev = LedgerFormat.GENESIS.getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[c.bodyLength(seq, time)];
    c.body(body, 0, seq, time, prev);
    String bodyText = new String(body, StandardCharsets.UTF_8);
    String hash = LedgerFormat.hash(LedgerFormat.GENESIS, bodyText);
    String mac = LedgerFormat.mac(KEY, LedgerFormat.GENESIS, bodyText);
    byte[] line = new byte[c.lineLength(seq, time)];
    c.line(
        line,
        0,
        seq,
        time,
        prev,
        hash.getBytes(StandardCharsets.US_ASCII),
        mac.getBytes(StandardCharsets.US_ASCII));
    byte[] stored = Arrays.copyOf(line, line.length - 1);

    assertThat(CanonicalLine.scan(stored)).isNotNull();
    Entry e = Entry.parse(FILE, 1, stored);
    assertThat(e.hashValid()).isTrue();
    assertThat(e.follows(Entry.GENESIS, KEY)).isTrue();
    assertThat(e.follows(Entry.GENESIS, new TestMac("another key"))).isFalse();
    assertThat(e.body()).isEqualTo(body);
  }

  @Test
  void mutatedLinesAreNeverAcceptedByTheFastPathAloneNorReadDifferently() throws Exception {
    Random random = new Random(3161);
    int fastAccepted = 0;
    int generalOnly = 0;
    for (int i = 0; i < 30_000; i++) {
      byte[] line =
          line(random, i % 4 == 0 ? CanonicalRecordTest.record(random) : asciiRecord(random));
      byte[] mutated = mutate(line, random);
      CanonicalLine.Fields f = CanonicalLine.scan(mutated);
      @Nullable Entry general;
      try {
        general = Entry.parseGeneral(FILE, 1, mutated);
      } catch (Entry.MalformedException e) {
        general = null;
      }
      if (f != null) {
        fastAccepted++;
        if (general == null) {
          throw new AssertionError(
              "fast path accepted what the general path refuses: " + printable(mutated));
        }
        assertSame(Entry.parse(FILE, 1, mutated), general);
      } else if (general != null) {
        generalOnly++;
      }
    }
    // Both kinds occur, so the comparison above was exercised on both sides.
    assertThat(fastAccepted).isGreaterThan(1_000);
    assertThat(generalOnly).isGreaterThan(0);
  }

  @Test
  void handWrittenEdgeCasesFallBackToTheGeneralPath() {
    String tail =
        ",\"hash\":\""
            + "1".repeat(64)
            + "\",\"mac\":\""
            + "2".repeat(64)
            + "\",\"prev\":\""
            + "3".repeat(64)
            + "\",\"seq\":7}";
    assertThat(CanonicalLine.scan(bytes("{\"a\":1" + tail))).isNotNull();
    for (String head :
        List.of(
            "{\"a\":-0",
            "{\"a\":01",
            "{\"a\":1.0",
            "{\"a\":1e3",
            "{\"a\":9007199254740992",
            "{\"a\":\"\\u001F\"",
            "{\"a\":\"\\u0008\"",
            "{\"a\":\"\\/\"",
            "{\"a\":\"\u0001\"",
            "{\"a\":\"é\"",
            "{\"a\\u0062\":1",
            "{\"a\": 1",
            "{\"b\":1,\"a\":2",
            "{\"a\":1,\"a\":2",
            "{\"a\":tru",
            "{\"a\":[1,]",
            "{\"a\":{\"y\":1,\"x\":2}")) {
      assertThat(CanonicalLine.scan(bytes(head + tail))).as(head).isNull();
    }
    assertThat(CanonicalLine.scan(bytes("{\"a\":1" + tail.replace("\"seq\":7", "\"seq\":0"))))
        .isNull();
    assertThat(CanonicalLine.scan(bytes("{\"a\":1" + tail.replace("\"1111", "\"A111")))).isNull();
    assertThat(CanonicalLine.scan(bytes("{\"a\":1" + tail + " "))).isNull();
    assertThat(CanonicalLine.scan(bytes("{\"a\":1" + tail.substring(0, 40)))).isNull();
    assertThat(CanonicalLine.scan(bytes("{\"a\":\"" + "[".repeat(40)))).isNull();
    String deep = "[".repeat(CanonicalLine.MAX_DEPTH) + "]".repeat(CanonicalLine.MAX_DEPTH);
    assertThat(CanonicalLine.scan(bytes("{\"a\":" + deep + tail))).isNull();
  }

  private static void assertSame(Entry fast, Entry general) {
    assertThat(fast.seq()).isEqualTo(general.seq());
    assertThat(fast.prev()).isEqualTo(general.prev());
    assertThat(fast.hash()).isEqualTo(general.hash());
    assertThat(fast.mac()).isEqualTo(general.mac());
    assertThat(fast.body()).isEqualTo(general.body());
    assertThat(fast.hashValid()).isEqualTo(general.hashValid());
  }

  /** A stored line (no newline) with random chain fields; every tenth one with its real hash. */
  private static byte[] line(Random random, LedgerRecord r) {
    CanonicalRecord c = CanonicalRecord.of(r);
    long s = 1 + (random.nextBoolean() ? random.nextInt(100) : random.nextLong(1L << 53));
    byte[] seq = Long.toString(s).getBytes(StandardCharsets.US_ASCII);
    byte[] time = LedgerFormat.time(Instant.ofEpochMilli(random.nextLong(4_102_444_800_000L)));
    String prevHex = CanonicalRecordTest.hex(random);
    byte[] prev = prevHex.getBytes(StandardCharsets.US_ASCII);
    String hash = CanonicalRecordTest.hex(random);
    if (random.nextInt(10) == 0) {
      byte[] body = new byte[c.bodyLength(seq, time)];
      c.body(body, 0, seq, time, prev);
      hash = LedgerFormat.hash(prevHex, new String(body, StandardCharsets.UTF_8));
    }
    byte[] line = new byte[c.lineLength(seq, time)];
    c.line(
        line,
        0,
        seq,
        time,
        prev,
        hash.getBytes(StandardCharsets.US_ASCII),
        CanonicalRecordTest.hex(random).getBytes(StandardCharsets.US_ASCII));
    return Arrays.copyOf(line, line.length - 1);
  }

  private static final byte[] INTERESTING = bytes("{}[]\":,\\ 0-19.eEtfnua\t\u007f");

  private static byte[] mutate(byte[] line, Random random) {
    int at = random.nextInt(line.length);
    switch (random.nextInt(6)) {
      case 0 -> { // replace a byte
        byte[] m = line.clone();
        m[at] =
            random.nextBoolean()
                ? INTERESTING[random.nextInt(INTERESTING.length)]
                : (byte) random.nextInt(256);
        return m;
      }
      case 1 -> { // delete a byte
        byte[] m = new byte[line.length - 1];
        System.arraycopy(line, 0, m, 0, at);
        System.arraycopy(line, at + 1, m, at, line.length - at - 1);
        return m;
      }
      case 2 -> { // insert a byte
        byte[] m = new byte[line.length + 1];
        System.arraycopy(line, 0, m, 0, at);
        m[at] = INTERESTING[random.nextInt(INTERESTING.length)];
        System.arraycopy(line, at, m, at + 1, line.length - at);
        return m;
      }
      case 3 -> { // swap two bytes
        byte[] m = line.clone();
        int other = random.nextInt(line.length);
        byte t = m[at];
        m[at] = m[other];
        m[other] = t;
        return m;
      }
      case 4 -> { // duplicate a span (members, values, escapes)
        int len = Math.min(line.length - at, 1 + random.nextInt(40));
        byte[] m = new byte[line.length + len];
        System.arraycopy(line, 0, m, 0, at + len);
        System.arraycopy(line, at, m, at + len, line.length - at);
        return m;
      }
      default -> { // change a letter or digit into another: often still canonical
        byte[] m = line.clone();
        byte c = m[at];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
          m[at] = (byte) (c >= 'a' ? 'a' + random.nextInt(26) : '0' + random.nextInt(10));
        }
        return m;
      }
    }
  }

  /** Records over ASCII only (escaped characters included), as the proxy writes them. */
  private static LedgerRecord asciiRecord(Random random) {
    return CanonicalRecordTest.record(random, ASCII);
  }

  private static final String[] PLAIN =
      Arrays.stream(CanonicalRecordTest.ALPHABET)
          .filter(s -> s.chars().allMatch(c -> c >= 0x20 && c < 0x80 && c != '"' && c != '\\'))
          .toArray(String[]::new);

  private static final String[] ASCII =
      Arrays.stream(CanonicalRecordTest.ALPHABET)
          .filter(s -> s.chars().allMatch(c -> c < 0x80))
          .toArray(String[]::new);

  private static String printable(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
