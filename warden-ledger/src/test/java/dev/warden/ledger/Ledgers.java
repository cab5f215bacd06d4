package dev.warden.ledger;

import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Test helpers: sample records, and an attacker's tools for editing a ledger file. */
final class Ledgers {
  static final TestMac KEY = new TestMac();

  private Ledgers() {}

  static LedgerRecord sample(int i) {
    return new LedgerRecord(
        "request",
        "corr-" + i,
        "/v1/chat/completions",
        i % 2 == 0 ? "gpt-test" : null,
        "enforce",
        "transformed",
        200,
        null,
        List.of(
            new LedgerRecord.FindingEntry(
                "email", "email-address", "redact", "$.messages[0].content", 17, "ab".repeat(32))));
  }

  static Path write(Path dir, int records) {
    try (FileLedger ledger = FileLedger.open(dir, KEY, TestOptions.defaults())) {
      for (int i = 1; i <= records; i++) {
        ledger.append(sample(i));
      }
    }
    return dir;
  }

  static Path segment(Path dir) {
    return Segments.name(dir, 1);
  }

  static List<String> lines(Path dir) throws IOException {
    return new ArrayList<>(Files.readAllLines(segment(dir), StandardCharsets.UTF_8));
  }

  static void store(Path dir, List<String> lines) throws IOException {
    Files.writeString(segment(dir), String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
  }

  static ObjectNode node(String line) {
    return (ObjectNode) LedgerFormat.MAPPER.readTree(line);
  }

  static String hashOf(String line) {
    return node(line).get(LedgerFormat.HASH).stringValue();
  }

  /**
   * Recomputes prev and hash (and the MAC when {@code key} is given) of every line from {@code
   * from} on, as an attacker who edited line {@code from} would. Without a key the MACs stay stale.
   */
  static void rechain(List<String> lines, int from, @Nullable MessageAuthenticator key) {
    String prev = from == 0 ? LedgerFormat.GENESIS : hashOf(lines.get(from - 1));
    String prevMac =
        from == 0
            ? LedgerFormat.GENESIS
            : node(lines.get(from - 1)).get(LedgerFormat.MAC).stringValue();
    for (int i = from; i < lines.size(); i++) {
      ObjectNode o = node(lines.get(i));
      String oldMac = o.get(LedgerFormat.MAC).stringValue();
      o.remove(LedgerFormat.HASH);
      o.remove(LedgerFormat.MAC);
      o.put(LedgerFormat.PREV, prev);
      String canonical = Jcs.canonicalize(o);
      prev = LedgerFormat.hash(prev, canonical);
      o.put(LedgerFormat.HASH, prev);
      o.put(LedgerFormat.MAC, key == null ? oldMac : LedgerFormat.mac(key, prevMac, canonical));
      prevMac = o.get(LedgerFormat.MAC).stringValue();
      lines.set(i, Jcs.canonicalize(o));
    }
  }

  /** A record with a valid SHA-256 link after {@code prev} but a MAC made with the wrong key. */
  static String forge(long seq, String prev) {
    ObjectNode o = LedgerFormat.body(seq, java.time.Instant.EPOCH, prev, sample(999));
    String canonical = Jcs.canonicalize(o);
    o.put(LedgerFormat.HASH, LedgerFormat.hash(prev, canonical));
    o.put(
        LedgerFormat.MAC,
        LedgerFormat.mac(new TestMac("attacker"), LedgerFormat.GENESIS, canonical));
    return Jcs.canonicalize(o);
  }
}
