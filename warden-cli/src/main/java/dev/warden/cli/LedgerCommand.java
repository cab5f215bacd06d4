package dev.warden.cli;

import dev.warden.api.MessageAuthenticator;
import dev.warden.engine.config.WardenConfig;
import dev.warden.ledger.LedgerVerifier;
import dev.warden.ledger.VerifyReport;
import dev.warden.server.Gateway;
import dev.warden.vault.LocalKeyring;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "Work with the decision ledger.",
    subcommands = {LedgerCommand.Verify.class, CommandLine.HelpCommand.class})
final class LedgerCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check the ledger's SHA-256 chain and, with the key, its HMAC chain.",
        "Names the first bad record and the kind of damage: modified, deleted, reordered, inserted,",
        "truncated line or malformed.",
        "Exit code: 0 intact, 1 damaged, 2 error (e.g. no ledger at PATH)."
      },
      footer = {
        "",
        "Examples:",
        "  warden ledger verify                 # .warden/ledger with the key in .warden/keys",
        "  warden ledger verify /srv/warden/ledger --key-dir /srv/warden",
        "  warden ledger verify ledger-copy/ --no-key   # auditor without the key: SHA-256 chain only"
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "PATH",
        description = "Ledger directory (default: <data dir>/ledger).")
    @Nullable Path path;

    @Option(
        names = "--key-dir",
        paramLabel = "DIR",
        description = "Data directory holding keys/ledger-mac.key (default: the data dir).")
    @Nullable Path keyDir;

    @Option(
        names = "--no-key",
        description = "Check only the SHA-256 chain (for auditors without the HMAC key).")
    boolean noKey;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      WardenConfig config = configOptions.load();
      Path dataDir = Path.of(config.dataDir());
      Path dir = path != null ? path : Gateway.ledgerDir(dataDir);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            dir
                + ": no ledger directory here (run warden serve or warden demo first, or pass PATH)");
      }
      MessageAuthenticator mac = null;
      if (!noKey) {
        Path keys = keyDir != null ? keyDir : dataDir;
        if (!Files.exists(keys.resolve("keys").resolve(Gateway.LEDGER_KEY + ".key"))) {
          throw new IllegalArgumentException(
              "no ledger key under "
                  + keys.resolve("keys")
                  + "; pass --key-dir DIR, or --no-key to check the SHA-256 chain only");
        }
        mac = LocalKeyring.open(keys).authenticator(Gateway.LEDGER_KEY);
      }
      VerifyReport report = LedgerVerifier.verify(dir, mac);
      print(out, dir, report);
      return report.ok() ? 0 : 1;
    }

    static void print(PrintWriter out, Path dir, VerifyReport report) {
      if (report.ok()) {
        out.printf(
            "ledger OK: %d record%s verified (%s), head %s%n  at %s%n",
            report.recordsChecked(),
            report.recordsChecked() == 1 ? "" : "s",
            report.macChecked() ? "SHA-256 and HMAC chains" : "SHA-256 chain only, no key",
            report.headHash().substring(0, 16) + "…",
            dir.toAbsolutePath().normalize());
      } else {
        out.printf(
            "ledger DAMAGED: %s%n  damage: %s, first bad seq %d, %s line %d; %d record%s before it verified%n  at %s%n",
            report.message(),
            report.damage(),
            report.firstBadSeq(),
            report.firstBadSegment(),
            report.firstBadLine(),
            report.recordsChecked(),
            report.recordsChecked() == 1 ? "" : "s",
            dir.toAbsolutePath().normalize());
      }
      out.flush();
    }
  }
}
