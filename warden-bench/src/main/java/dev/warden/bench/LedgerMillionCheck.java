package dev.warden.bench;

import dev.warden.api.Ledger.Receipt;
import dev.warden.api.LedgerRecord;
import dev.warden.api.MessageAuthenticator;
import dev.warden.api.Signer;
import dev.warden.ledger.FileLedger;
import dev.warden.ledger.LedgerVerifier;
import dev.warden.ledger.VerifyReport;
import dev.warden.ledger.dsse.PublicKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a ledger of N records (default 1 000 000) from 8 concurrent appenders in ASYNC mode with
 * signed checkpoints every 100 000 records and 64 MiB segments, then verifies all of it with the
 * HMAC key and the signer's public key. Exits 1 unless the report is ok with exactly N records and
 * the last receipt's hash as head. Too slow for the unit-test build (about 30 s here), so it lives
 * with the benchmarks; figures in docs/benchmarks.md.
 *
 * <p>Run: {@code java -cp warden-bench/target/benchmarks.jar dev.warden.bench.LedgerMillionCheck
 * [records] [dir]}
 */
public final class LedgerMillionCheck {
  private static final int WRITERS = 8;

  private LedgerMillionCheck() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("warden-ledger-1m");
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Signer signer = signer(pair);
    byte[] macKey = new byte[32];
    new SecureRandom().nextBytes(macKey);
    MessageAuthenticator mac = hmac(macKey);
    FileLedger.Options options =
        FileLedger.Options.defaults()
            .withDurability(FileLedger.Durability.ASYNC)
            .withSigner(signer)
            .withCheckpointEvery(100_000, Duration.ofHours(1))
            .withSegmentLimits(64L << 20, Duration.ofDays(1));
    long start = System.nanoTime();
    Receipt last;
    try (FileLedger ledger = FileLedger.open(dir, mac, options);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        done.add(
            pool.submit(() -> {
              for (int i = writer; i < records - 1; i += WRITERS) {
                ledger.append(
                    new LedgerRecord(
                        "request",
                        "c" + i,
                        "/v1/chat/completions",
                        null,
                        "enforce",
                        "forwarded",
                        200,
                        null,
                        List.of()));
              }
            }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      last =
          ledger.append(
              new LedgerRecord(
                  "request",
                  "last",
                  "/v1/chat/completions",
                  null,
                  "enforce",
                  "forwarded",
                  200,
                  null,
                  List.of()));
    }
    long written = System.nanoTime();
    VerifyReport r =
        LedgerVerifier.verify(
            dir,
            mac,
            new LedgerVerifier.Options(
                List.of(PublicKeys.parse(signer.publicKeyDer())),
                null,
                null,
                false,
                LedgerVerifier.Progress.NONE));
    long verified = System.nanoTime();
    double w = (written - start) / 1e9;
    double v = (verified - written) / 1e9;
    System.out.printf(
        "%d records: write %.1f s (%.0f records/s, ASYNC, %d writers), verify %.1f s (%.0f"
            + " records/s, HMAC + signed checkpoints: %d)%n  %s%n",
        records, w, records / w, WRITERS, v, records / v, r.checkpointsChecked(), r.message());
    boolean ok = r.ok() && r.recordsChecked() == records && r.headHash().equals(last.hash());
    System.exit(ok ? 0 : 1);
  }

  private static Signer signer(KeyPair pair) {
    return new Signer() {
      @Override
      public String keyId() {
        return PublicKeys.keyId(pair.getPublic());
      }

      @Override
      public String algorithm() {
        return PublicKeys.ED25519;
      }

      @Override
      public byte[] publicKeyDer() {
        return pair.getPublic().getEncoded();
      }

      @Override
      public byte[] sign(byte[] message) {
        try {
          Signature s = Signature.getInstance("Ed25519");
          s.initSign(pair.getPrivate());
          s.update(message);
          return s.sign();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("signing failed", e);
        }
      }
    };
  }

  private static MessageAuthenticator hmac(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
    ThreadLocal<Mac> macs =
        ThreadLocal.withInitial(() -> {
          try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(spec);
            return m;
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        });
    return data -> macs.get().doFinal(data);
  }
}
