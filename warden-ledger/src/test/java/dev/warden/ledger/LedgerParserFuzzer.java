package dev.warden.ledger;

import static dev.warden.ledger.Ledgers.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.api.Ledger.LedgerException;
import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.dsse.TestSigners;
import dev.warden.ledger.receipt.InvalidReceiptException;
import dev.warden.ledger.receipt.ReceiptStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Jazzer fuzz tests of everything that parses files an attacker may have written: ledger segments
 * ({@link LedgerVerifier} and {@link FileLedger#open}'s recovery), checkpoint envelopes, DSSE
 * envelopes, inclusion proofs and receipt statements. In a normal build each {@code @FuzzTest}
 * replays its seeds ({@code LedgerParserFuzzerInputs/<method>/}); {@code JAZZER_FUZZ=1} fuzzes for
 * real.
 *
 * <p>The properties are the documented contracts: the verifier reports damage and never throws on
 * file contents; a report that says OK counts exactly one record per line; {@code open} either
 * refuses with {@link LedgerException} or leaves a ledger that verifies; the parsers throw only
 * their checked exception ({@link InvalidEnvelopeException}, {@link InvalidReceiptException}); a
 * checkpoint passes a keyed verification only if its signature verifies. Hangs are caught by
 * Jazzer's per-input timeout when fuzzing.
 */
class LedgerParserFuzzer {
  private static final Object LOCK = new Object();
  private static @Nullable Genuine genuine;

  /** A real signed ledger (12 records, checkpoints at 5, 10 and 12) and one inclusion proof. */
  private record Genuine(Path dir, PublicKey key, byte[] checkpoint1, String proof, Path scratch) {}

  private static Genuine genuine() {
    synchronized (LOCK) {
      Genuine g = genuine;
      if (g == null) {
        try {
          Path dir = Files.createTempDirectory("warden-fuzz-ledger");
          TestSigners.KeySigner signer = TestSigners.ed25519();
          try (FileLedger ledger =
              FileLedger.open(
                  dir,
                  KEY,
                  TestOptions.defaults()
                      .withSigner(signer)
                      .withCheckpointEvery(5, Duration.ofHours(1)))) {
            for (int i = 1; i <= 12; i++) {
              ledger.append(Ledgers.sample(i));
            }
          }
          g =
              new Genuine(
                  dir,
                  signer.publicKey(),
                  Files.readAllBytes(checkpointFile(dir)),
                  InclusionProofs.prove(dir, 7),
                  Files.createTempDirectory("warden-fuzz-segment"));
          deleteOnExit(dir);
          deleteOnExit(g.scratch());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        genuine = g;
      }
      return g;
    }
  }

  private static Path checkpointFile(Path dir) {
    return dir.resolve(CheckpointFormat.DIR).resolve(CheckpointFormat.fileName(1));
  }

  @FuzzTest(maxDuration = "20s")
  void segment(byte[] bytes) throws IOException {
    synchronized (LOCK) {
      Path dir = genuine().scratch().resolve("verify");
      Files.createDirectories(dir);
      Files.write(Segments.name(dir, 1), bytes);

      VerifyReport keyed = LedgerVerifier.verify(dir, KEY);
      VerifyReport keyless = LedgerVerifier.verify(dir, null);
      for (VerifyReport r : List.of(keyed, keyless)) {
        assertThat(r.message()).isNotBlank();
        if (r.ok()) {
          assertThat(r.damage()).isNull();
          assertThat(r.recordsChecked()).as(r.message()).isEqualTo(lineCount(bytes));
        } else {
          assertThat(r.damage()).as(r.message()).isNotNull();
          assertThat(r.firstBadSeq()).as(r.message()).isPositive();
        }
      }
      // The key only adds a check: what passes with it passes without it, with the same head.
      if (keyed.ok()) {
        assertThat(keyless.ok()).as(keyless.message()).isTrue();
        assertThat(keyless.headHash()).isEqualTo(keyed.headHash());
      }
    }
  }

  /** Recovery on open: refuse, or repair into a ledger that verifies. Never a third outcome. */
  @FuzzTest(maxDuration = "20s")
  void recovery(byte[] bytes) throws IOException {
    synchronized (LOCK) {
      Path dir = genuine().scratch().resolve("recover");
      deleteTree(dir);
      Files.createDirectories(dir);
      Files.write(Segments.name(dir, 1), bytes);
      boolean opened;
      try (FileLedger ledger = FileLedger.open(dir, KEY, TestOptions.defaults())) {
        ledger.append(Ledgers.sample(1));
        opened = true;
      } catch (LedgerException e) {
        assertThat(e.getMessage()).isNotBlank();
        opened = false;
      }
      if (opened) {
        VerifyReport r = LedgerVerifier.verify(dir, KEY);
        assertThat(r.ok()).as(r.message()).isTrue();
      }
    }
  }

  /** Arbitrary bytes in place of a checkpoint of a genuine ledger. */
  @FuzzTest(maxDuration = "20s")
  void checkpoint(byte[] bytes) throws IOException {
    checkCheckpoint(bytes);
  }

  /** The genuine checkpoint with a fuzzed splice, so the fuzzer starts deep in valid structure. */
  @FuzzTest(maxDuration = "20s")
  void checkpointSplice(FuzzedDataProvider data) throws IOException {
    checkCheckpoint(splice(genuine().checkpoint1(), data));
  }

  private static void checkCheckpoint(byte[] bytes) throws IOException {
    synchronized (LOCK) {
      Genuine g = genuine();
      Path file = checkpointFile(g.dir());
      try {
        Files.write(file, bytes);
        VerifyReport unsigned = LedgerVerifier.verify(g.dir(), KEY);
        VerifyReport signed =
            LedgerVerifier.verify(
                g.dir(),
                KEY,
                new LedgerVerifier.Options(
                    List.of(g.key()), null, null, false, LedgerVerifier.Progress.NONE));
        for (VerifyReport r : List.of(unsigned, signed)) {
          assertThat(r.message()).isNotBlank();
          assertThat(r.ok() || r.damage() != null).as(r.message()).isTrue();
        }
        if (signed.ok()) {
          // Only a signature by the trusted key over the genuine statement may pass.
          String text = new String(bytes, StandardCharsets.UTF_8);
          byte[] payload;
          try {
            payload = Dsse.verify(text, Dsse.IN_TOTO_PAYLOAD_TYPE, List.of(g.key()));
          } catch (InvalidEnvelopeException e) {
            throw new AssertionError("a checkpoint whose signature fails was accepted", e);
          }
          assertThat(payload)
              .isEqualTo(Dsse.parse(new String(g.checkpoint1(), StandardCharsets.UTF_8)).payload());
        }
      } catch (InvalidEnvelopeException e) {
        throw new AssertionError(e);
      } finally {
        Files.write(file, g.checkpoint1());
      }
    }
  }

  @FuzzTest(maxDuration = "20s")
  void envelope(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      Dsse.Envelope e = Dsse.parse(text);
      assertThat(e.signatures()).isNotEmpty();
    } catch (InvalidEnvelopeException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      Dsse.verify(text, Dsse.IN_TOTO_PAYLOAD_TYPE, List.of(genuine().key()));
      throw new AssertionError("an envelope not signed by the trusted key verified: " + text);
    } catch (InvalidEnvelopeException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      ReceiptStatement.parse(bytes);
    } catch (InvalidReceiptException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "20s")
  void proof(byte[] bytes) {
    checkProof(new String(bytes, StandardCharsets.UTF_8));
  }

  /** The genuine proof of record 7 with a fuzzed splice. */
  @FuzzTest(maxDuration = "20s")
  void proofSplice(FuzzedDataProvider data) {
    Genuine g = genuine();
    byte[] spliced = splice(g.proof().getBytes(StandardCharsets.UTF_8), data);
    checkProof(new String(spliced, StandardCharsets.UTF_8));
  }

  private static void checkProof(String text) {
    Genuine g = genuine();
    try {
      InclusionProofs.Verified v = InclusionProofs.verify(text, List.of(g.key()));
      // Accepted: it must prove what the genuine proof proves (a splice that changed nothing).
      InclusionProofs.Verified expected = InclusionProofs.verify(g.proof(), List.of(g.key()));
      assertThat(v).isEqualTo(expected);
    } catch (InvalidEnvelopeException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  /** {@code original} with {@code cut} bytes at {@code at} replaced by the fuzzer's bytes. */
  private static byte[] splice(byte[] original, FuzzedDataProvider data) {
    int at = data.consumeInt(0, original.length);
    int cut = data.consumeInt(0, Math.min(64, original.length - at));
    byte[] insert = data.consumeRemainingAsBytes();
    byte[] out = new byte[original.length - cut + insert.length];
    System.arraycopy(original, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(original, at + cut, out, at + insert.length, original.length - at - cut);
    return out;
  }

  private static long lineCount(byte[] bytes) {
    long n = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  private static void deleteOnExit(Path root) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              try {
                deleteTree(root);
              } catch (IOException e) {
                // best effort: a leftover temp dir holds only test data
              }
            }));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
