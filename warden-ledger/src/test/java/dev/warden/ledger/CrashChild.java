package dev.warden.ledger;

import dev.warden.api.Ledger.Receipt;
import dev.warden.api.LedgerRecord;
import dev.warden.ledger.dsse.TestSigners;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The victim of {@link CrashSafetyTest}: appends from several threads with FSYNC durability and
 * signed checkpoints, and prints {@code seq correlationId} for every acknowledged append, until it
 * is killed. Not a test itself.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path keys = Path.of(args[1]);
    TestSigners.KeySigner signer = TestSigners.ed25519();
    Files.write(
        keys.resolve("signer-" + ProcessHandle.current().pid() + ".der"), signer.publicKeyDer());
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    FileLedger ledger =
        FileLedger.open(
            dir,
            Ledgers.KEY,
            TestOptions.defaults()
                .withSigner(signer)
                .withCheckpointEvery(50, Duration.ofMillis(20))
                .withSegmentLimits(16 * 1024, Duration.ofDays(1)));
    out.println("open " + ledger.recoveredTornBytes());
    out.flush();
    for (int t = 0; t < 6; t++) {
      int thread = t;
      Thread.ofPlatform()
          .start(() -> {
            for (long i = 0; ; i++) {
              String id = ProcessHandle.current().pid() + "-" + thread + "-" + i;
              Receipt r =
                  ledger.append(
                      new LedgerRecord(
                          "request",
                          id,
                          "/v1/chat/completions",
                          null,
                          "enforce",
                          "forwarded",
                          200,
                          null,
                          List.of()));
              synchronized (out) {
                out.println(r.seq() + " " + id);
                out.flush();
              }
            }
          });
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
