package dev.warden.bench;

import dev.warden.api.Ledger;
import dev.warden.api.LedgerRecord;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.server.Gateway;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load harness's baseline for the ledger's cost: the gateway {@code warden serve --config FILE}
 * would start, with a ledger that keeps nothing. Benchmarks only — a gateway that records nothing
 * is not a product mode, which is why this lives here and not behind a configuration key.
 *
 * <pre>
 * java -cp warden-bench/target/benchmarks.jar dev.warden.bench.NoLedgerServe warden.yaml
 * </pre>
 *
 * Runs until SIGTERM or Ctrl-C, then drains in-flight requests as {@code serve} does.
 */
public final class NoLedgerServe {
  private NoLedgerServe() {}

  /**
   * Numbers records and drops them: what a ledger must do at the least for the proxy to run
   * (receipts carry a sequence number).
   */
  static final class DiscardingLedger implements Ledger {
    private static final String NO_HASH = "0".repeat(64);
    private final AtomicLong next = new AtomicLong();

    @Override
    public Receipt append(LedgerRecord record) {
      return new Receipt(next.getAndIncrement(), NO_HASH);
    }

    @Override
    public void close() {}
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1 || args[0].startsWith("-")) {
      System.err.println(
          "usage: java -cp benchmarks.jar dev.warden.bench.NoLedgerServe WARDEN_YAML\n"
              + "Starts the gateway of WARDEN_YAML with a ledger that records nothing"
              + " (benchmark baseline only).");
      System.exit(2);
    }
    WardenConfig config = ConfigLoader.load(Path.of(args[0]));
    Gateway gateway = Gateway.start(config, new DiscardingLedger());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              gateway.stop();
              stopped.countDown();
            }));
    System.out.println("NoLedgerServe: listening on 127.0.0.1:" + gateway.port() + " (no ledger)");
    stopped.await();
  }
}
