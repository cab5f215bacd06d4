package dev.warden.cli;

import dev.warden.ledger.LedgerVerifier;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr for long ledger verifications; silent unless the terminal is
 * interactive and the ledger is large, so logs and pipes stay clean.
 */
final class ProgressBar implements LedgerVerifier.Progress {
  /** Smaller ledgers verify in about a second: no bar. */
  static final long MIN_BYTES = 32L << 20;

  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean enabled;
  private int lastPercent = -1;
  private boolean drawn;

  ProgressBar(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Whether the console is a terminal (System.console() reports on stdin and stdout). */
  static boolean interactive() {
    java.io.Console c = System.console();
    return c != null && c.isTerminal();
  }

  @Override
  public void update(long done, long total) {
    if (!enabled || total < MIN_BYTES) {
      return;
    }
    int percent = (int) Math.min(100, done * 100 / Math.max(1, total));
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    err.print("\r" + render(done, total));
    err.flush();
    drawn = true;
  }

  /** Ends the bar's line, if one was drawn. */
  void done() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }

  /** "verifying [#########.....] 42% of 512 MiB". */
  static String render(long done, long total) {
    int percent = (int) Math.min(100, done * 100 / Math.max(1, total));
    int filled = percent * WIDTH / 100;
    return String.format(
        Locale.ROOT,
        "verifying [%s%s] %3d%% of %d MiB",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        percent,
        total >> 20);
  }
}
