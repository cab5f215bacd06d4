package dev.warden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code warden} command. */
@Command(
    name = "warden",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "LLM security gateway: detects PII, secrets and keys in prompts and responses, redacts,"
          + " masks, hashes or blocks them, forwards to the model, and records every decision in a"
          + " tamper-evident ledger.",
      ""
    },
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      ScanCommand.class,
      BenchCommand.class,
      LedgerCommand.class,
      KeysCommand.class,
      VaultCommand.class,
      ReceiptCommand.class,
      InitCommand.class,
      ConfigCommand.class,
      PolicyCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Start with:  warden demo",
      "Then:        warden serve --upstream https://api.openai.com",
      "Docs:        README.md, docs/configuration.md, docs/ledger.md"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // The demo prints its own story on stdout; only warnings belong in its log stream.
    if (args.length > 0
        && args[0].equals("demo")
        && System.getProperty("warden.log.level") == null) {
      System.setProperty("warden.log.level", "WARN");
    }
    dev.warden.server.Gateway.routeJulToSlf4j();
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int run(String... args) {
    return run(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs with the given output streams (tests capture them). */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    // Descriptions are written for 100 columns; narrower re-wrapping leaves ragged lines.
    cli.setUsageHelpWidth(100);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("warden: " + ex.getMessage());
      return 2;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "warden " + (v == null ? "0.1.0-SNAPSHOT" : v),
        "java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
