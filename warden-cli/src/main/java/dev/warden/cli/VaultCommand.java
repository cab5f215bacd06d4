package dev.warden.cli;

import dev.warden.api.LedgerRecord;
import dev.warden.api.TokenFormat;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.ledger.FileLedger;
import dev.warden.server.Gateway;
import dev.warden.vault.LocalKeyring;
import dev.warden.vault.SigningAlgorithm;
import dev.warden.vault.SqliteTokenStore;
import dev.warden.vault.TokenStore;
import dev.warden.vault.TokenVault;
import dev.warden.vault.VaultKeys;
import dev.warden.vault.VaultScope;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "vault",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect and maintain the token vault in <data dir>/vault (values behind tokenize).",
      "Works while the gateway runs (the store is SQLite in WAL mode). See docs/tokens.md."
    },
    subcommands = {
      VaultCommand.Stats.class,
      VaultCommand.Purge.class,
      VaultCommand.Reveal.class,
      VaultCommand.Rotate.class,
      CommandLine.HelpCommand.class
    })
final class VaultCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Opens the vault of {@code config}; refuses when none was ever created there. */
  private static TokenVault open(WardenConfig config) {
    Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
    if (!Files.exists(SqliteTokenStore.defaultFile(dataDir))) {
      throw new IllegalArgumentException(
          "no token vault in "
              + dataDir
              + " (it is created when the policy uses tokenize or encrypt); pass --data-dir DIR");
    }
    return TokenVault.open(dataDir, Duration.ofMinutes(config.vault().ttlMinutes()));
  }

  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Entries, expired entries, scopes, entries per type, store size, key ids.")
  static final class Stats implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() {
      WardenConfig config = configOptions.load();
      PrintWriter out = spec.commandLine().getOut();
      try (TokenVault v = open(config)) {
        TokenStore.Stats s = v.stats();
        out.printf(
            "entries:  %d (%d expired; purge with: warden vault purge --expired)%n",
            s.entries(), s.expired());
        out.printf("scopes:   %d (vault.scope: %s)%n", s.scopes(), config.vault().scope());
        out.printf("ttl:      %d minutes%n", config.vault().ttlMinutes());
        out.printf("store:    %d bytes%n", s.bytes());
        s.byType().forEach((type, n) -> out.printf("  %-24s %d%n", type, n));
      }
      for (VaultKeys.KeysetInfo k :
          VaultKeys.of(LocalKeyring.open(Path.of(config.dataDir()))).list()) {
        out.printf(
            "keyset %-15s primary %s, %d key(s)%n",
            k.name(), HexFormat.of().toHexDigits(k.primaryId()), k.keyIds().size());
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "purge",
      mixinStandardHelpOptions = true,
      description = {
        "Delete entries: expired ones, every one, or those of one scope. Tokens whose entry is",
        "gone stay text in answers (they are never restored wrongly)."
      })
  static final class Purge implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which = new Which();

    static final class Which {
      @Option(names = "--expired", description = "Entries past their expiry.")
      boolean expired;

      @Option(names = "--all", description = "Every entry.")
      boolean all;

      @Option(
          names = "--scope",
          paramLabel = "S",
          description =
              "Entries of one scope: global, identity:<id> or conversation:<id>:<conversation>.")
      @Nullable String scope;
    }

    @Override
    public Integer call() {
      try (TokenVault v = open(configOptions.load())) {
        long n;
        String what;
        if (which.expired) {
          n = v.purgeExpired();
          what = "expired";
        } else if (which.all) {
          n = v.purgeAll();
          what = "all";
        } else {
          VaultScope scope = VaultScope.parse(java.util.Objects.requireNonNull(which.scope));
          n = v.purgeScope(scope);
          what = "scope " + scope;
        }
        spec.commandLine().getOut().println("purged " + n + " entries (" + what + ")");
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  @Command(
      name = "reveal",
      mixinStandardHelpOptions = true,
      description = {
        "Print the value behind a token of one scope. Disabled unless warden.yaml sets",
        "vault.allowReveal: true. Every use is recorded in the ledger first (type, scope, keyed",
        "hash of the value, never the value); when it cannot be recorded (e.g. a running gateway",
        "holds the ledger), nothing is revealed."
      })
  static final class Reveal implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Parameters(index = "0", paramLabel = "TOKEN", description = "[TOKEN:<type>:<id>]")
    String token = "";

    @Option(
        names = "--scope",
        required = true,
        paramLabel = "S",
        description = "global, identity:<id> or conversation:<id>:<conversation>.")
    String scope = "";

    @Override
    public Integer call() {
      WardenConfig config = configOptions.load();
      if (!config.vault().allowReveal()) {
        throw new IllegalArgumentException(
            "reveal is disabled; set vault.allowReveal: true in warden.yaml to allow it (every"
                + " use is recorded in the ledger)");
      }
      List<TokenFormat.Marker> m = TokenFormat.tokens(token);
      if (m.size() != 1 || !m.getFirst().text().equals(token)) {
        throw new IllegalArgumentException("TOKEN must look like [TOKEN:<type>:<16 base32>]");
      }
      VaultScope s = VaultScope.parse(scope);
      Path dataDir = Path.of(config.dataDir()).toAbsolutePath().normalize();
      try (TokenVault v = open(config)) {
        Optional<String> value = v.detokenize(token, s);
        if (value.isEmpty()) {
          spec.commandLine()
              .getErr()
              .println("warden: no live entry for this token in scope " + s + " (or it expired)");
          return 1;
        }
        record(config, dataDir, m.getFirst().type(), s, value.get());
        spec.commandLine().getOut().println(value.get());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }

    /** Appends the reveal to the ledger; throws (and nothing is printed) when it cannot. */
    private static void record(
        WardenConfig config, Path dataDir, String type, VaultScope scope, String value) {
      LocalKeyring keys = LocalKeyring.open(dataDir);
      String hash = keys.hasher(Gateway.VALUE_KEY).hashHex(Protector.LEDGER_VALUE_DOMAIN, value);
      byte[] id = new byte[12];
      ThreadLocalRandom.current().nextBytes(id);
      FileLedger.Options options =
          FileLedger.Options.defaults()
              .withSigner(
                  keys.signingKeys()
                      .active(SigningAlgorithm.parse(config.ledger().signingAlgorithm())));
      try (FileLedger ledger =
          FileLedger.open(
              Gateway.ledgerDir(dataDir), keys.authenticator(Gateway.LEDGER_KEY), options)) {
        ledger.append(
            new LedgerRecord(
                "reveal",
                "cli-" + HexFormat.of().formatHex(id),
                "/cli/vault/reveal",
                null,
                config.policy().mode().id(),
                "revealed",
                0,
                null,
                List.of(
                    new LedgerRecord.FindingEntry(
                        type, "vault-reveal", "reveal", "scope:" + scope, value.length(), hash))));
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "the reveal could not be recorded in the ledger ("
                + e.getMessage()
                + "); nothing was revealed. Stop the gateway that holds the ledger and retry",
            e);
      }
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Add a fresh key to a vault keyset and make it primary. Old keys stay, so issued",
        "tokens and envelopes keep opening; new tokens differ from old ones for the same value.",
        "A running gateway picks the new key up when restarted."
      })
  static final class Rotate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Option(
        names = "--keyset",
        paramLabel = "NAME",
        description = "vault-token, vault-entry or vault-envelope (default: all three).")
    @Nullable String keyset;

    @Override
    public Integer call() {
      VaultKeys keys = VaultKeys.of(LocalKeyring.open(Path.of(configOptions.load().dataDir())));
      List<String> names =
          keyset == null
              ? List.of(VaultKeys.TOKEN, VaultKeys.ENTRY, VaultKeys.ENVELOPE)
              : List.of(keyset);
      for (String name : names) {
        int id = keys.rotate(name);
        spec.commandLine()
            .getOut()
            .println("keyset " + name + ": new primary key " + HexFormat.of().toHexDigits(id));
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
