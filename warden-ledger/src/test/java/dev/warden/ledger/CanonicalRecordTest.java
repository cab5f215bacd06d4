package dev.warden.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Attribution;
import dev.warden.api.Identity;
import dev.warden.api.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The direct canonical writer against the reference path (a Jackson tree through {@link Jcs}), on
 * random records: escapes, controls, non-ASCII, astral characters, keys that sort differently by
 * code point and by UTF-16 unit, nulls and every optional member. A seeded random property test
 * (jqwik is not in this build's repository), 5 000 records.
 */
class CanonicalRecordTest {
  static final String[] ALPHABET = {
    "a",
    "Z",
    "0",
    "-",
    " ",
    "\"",
    "\\",
    "/",
    "\n",
    "\t",
    "\r",
    "\b",
    "\f",
    "\u0000",
    "\u0001",
    "\u001f",
    "\u007f",
    "\u0080",
    "é",
    "ö",
    "€",
    "\u2028",
    "한",
    "日",
    "\ufb33",
    "\uffff",
    "\ue000",
    "😀",
    "\ud800\udc00",
    "\udbff\udfff",
    "$",
    "."
  };

  @Test
  void matchesTheGenericJcsPathOnRandomRecords() {
    Random random = new Random(8785);
    for (int i = 0; i < 5_000; i++) {
      LedgerRecord r = record(random);
      long seq = 1 + (random.nextBoolean() ? random.nextInt(100) : random.nextLong(1L << 53));
      Instant time = Instant.ofEpochMilli(random.nextLong(4_102_444_800_000L));
      String prev = hex(random);
      ObjectNode body = LedgerFormat.body(seq, time, prev, r);
      String expectedBody = Jcs.canonicalize(body);

      CanonicalRecord c = CanonicalRecord.of(r);
      byte[] seqBytes = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
      byte[] timeBytes = LedgerFormat.time(time);
      byte[] prevBytes = prev.getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[c.bodyLength(seqBytes, timeBytes) + 3];
      int end = c.body(out, 1, seqBytes, timeBytes, prevBytes);
      assertThat(end - 1).isEqualTo(c.bodyLength(seqBytes, timeBytes));
      assertThat(new String(out, 1, end - 1, StandardCharsets.UTF_8)).isEqualTo(expectedBody);

      String hash = hex(random);
      String mac = hex(random);
      body.put(LedgerFormat.HASH, hash);
      body.put(LedgerFormat.MAC, mac);
      byte[] line = new byte[c.lineLength(seqBytes, timeBytes)];
      int lineEnd =
          c.line(
              line,
              0,
              seqBytes,
              timeBytes,
              prevBytes,
              hash.getBytes(StandardCharsets.US_ASCII),
              mac.getBytes(StandardCharsets.US_ASCII));
      assertThat(lineEnd).isEqualTo(line.length);
      assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo(Jcs.canonicalize(body) + "\n");
    }
  }

  @Test
  void refusesALoneSurrogateNamingTheFieldOnly() {
    LedgerRecord r =
        new LedgerRecord(
            "request", "c\ud800secret", "/r", null, "enforce", "forwarded", 0, null, List.of());
    assertThatThrownBy(() -> CanonicalRecord.of(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("correlationId")
        .hasMessageNotContaining("secret");
  }

  @Test
  void refusesATrailingOrReversedSurrogateNamingTheFieldOnly() {
    LedgerRecord trailingHigh =
        new LedgerRecord(
            "request",
            "c",
            "/r",
            null,
            "enforce",
            "forwarded",
            0,
            null,
            List.of(new LedgerRecord.FindingEntry("email", "r", "redact", "p\ud800", 3, "h")));
    assertThatThrownBy(() -> CanonicalRecord.of(trailingHigh))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("findings.path")
        .hasMessageNotContaining("p\ud800");
    LedgerRecord lowThenHigh =
        new LedgerRecord(
            "request", "c", "/r\udc00\ud800x", null, "enforce", "forwarded", 0, null, List.of());
    assertThatThrownBy(() -> CanonicalRecord.of(lowThenHigh))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("route");
  }

  @Test
  void refusesAStreamedByteCountJcsCannotRepresent() {
    LedgerRecord r =
        new LedgerRecord(
            "response",
            "c",
            "/r",
            null,
            "enforce",
            "forwarded",
            200,
            null,
            List.of(),
            1L << 53,
            Map.of());
    assertThatThrownBy(() -> CanonicalRecord.of(r))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("streamedBytes");
  }

  /** A random record over the full alphabet (escapes, controls, non-ASCII, astral). */
  static LedgerRecord record(Random random) {
    return record(random, ALPHABET);
  }

  /** A random record whose strings are drawn from {@code alphabet}. */
  static LedgerRecord record(Random random, String[] alphabet) {
    List<LedgerRecord.FindingEntry> findings = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      findings.add(
          new LedgerRecord.FindingEntry(
              text(random, alphabet),
              text(random, alphabet),
              text(random, alphabet),
              text(random, alphabet),
              random.nextInt(Integer.MAX_VALUE) * (random.nextBoolean() ? 1 : -1),
              text(random, alphabet)));
    }
    Map<String, String> details = random.nextInt(3) == 0 ? map(random, alphabet) : Map.of();
    @Nullable Long streamed =
        random.nextBoolean() ? null : random.nextLong(-Jcs.MAX_SAFE_INTEGER, Jcs.MAX_SAFE_INTEGER);
    @Nullable Attribution who = null;
    if (random.nextBoolean()) {
      Set<String> scopes = new HashSet<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        scopes.add(text(random, alphabet));
      }
      Identity id =
          new Identity(
              text(random, alphabet),
              Identity.Kind.values()[random.nextInt(Identity.Kind.values().length)],
              scopes,
              map(random, alphabet),
              text(random, alphabet));
      who =
          new Attribution(
              id,
              nullable(random, alphabet),
              nullable(random, alphabet),
              random.nextBoolean() ? text(random, alphabet) : null);
    }
    return new LedgerRecord(
        text(random, alphabet),
        text(random, alphabet),
        text(random, alphabet),
        nullable(random, alphabet),
        text(random, alphabet),
        text(random, alphabet),
        random.nextInt(),
        nullable(random, alphabet),
        findings,
        streamed,
        details,
        who);
  }

  private static Map<String, String> map(Random random, String[] alphabet) {
    Map<String, String> m = new HashMap<>();
    for (int i = random.nextInt(5); i > 0; i--) {
      m.put(text(random, alphabet), text(random, alphabet));
    }
    return m;
  }

  private static @Nullable String nullable(Random random, String[] alphabet) {
    return random.nextInt(3) == 0 ? null : text(random, alphabet);
  }

  private static String text(Random random, String[] alphabet) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      s.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return s.toString();
  }

  static String hex(Random random) {
    StringBuilder s = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      s.append(Character.forDigit(random.nextInt(16), 16));
    }
    return s.toString();
  }
}
