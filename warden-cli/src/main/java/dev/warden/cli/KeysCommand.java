package dev.warden.cli;

import dev.warden.api.Signer;
import dev.warden.vault.LocalKeyring;
import dev.warden.vault.SigningAlgorithm;
import dev.warden.vault.SigningKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the signing keys in <data dir>/keys (checkpoints and response receipts) and the",
      "API keys callers authenticate with (auth.mode: api-key). Private keys never leave that",
      "directory; share the public keys. API keys are stored only as keyed hashes."
    },
    subcommands = {
      KeysCommand.ListKeys.class,
      ApiKeysCommands.Issue.class,
      ApiKeysCommands.Revoke.class,
      KeysCommand.Rotate.class,
      KeysCommand.ExportPublic.class,
      CommandLine.HelpCommand.class
    })
final class KeysCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static SigningKeys signingKeys(ConfigOptions options) {
    return LocalKeyring.open(Path.of(options.load().dataDir())).signingKeys();
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "List the signing keys (key id, algorithm, created, active) and the API keys (name, id,",
        "kind, scopes, labels, created, status). API keys themselves are never shown."
      })
  static final class ListKeys implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<SigningKeys.KeyInfo> keys = signingKeys(configOptions).list();
      if (keys.isEmpty()) {
        out.println(
            "no signing keys yet (one is created on first use, or run: warden keys rotate)");
        ApiKeysCommands.list(configOptions, out);
        out.flush();
        return 0;
      }
      out.println("signing keys:");
      out.printf("  %-64s  %-8s  %-20s  %s%n", "KEY ID", "ALG", "CREATED", "STATUS");
      for (SigningKeys.KeyInfo k : keys) {
        out.printf(
            "  %-64s  %-8s  %-20s  %s%n",
            k.keyId(), k.algorithm().id(), k.created(), k.active() ? "active" : "verify-only");
      }
      ApiKeysCommands.list(configOptions, out);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Create a new active signing key. Older keys are kept (their public keys stay in",
        "keys/public/) so earlier checkpoints and receipts still verify. A running gateway",
        "picks up the new key when restarted."
      })
  static final class Rotate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Option(
        names = "--algorithm",
        paramLabel = "ALG",
        description = "ed25519 (default) or p256 (ECDSA P-256 with SHA-256).")
    String algorithm = "ed25519";

    @Override
    public Integer call() {
      SigningAlgorithm alg = SigningAlgorithm.parse(algorithm);
      Signer s = signingKeys(configOptions).rotate(alg);
      PrintWriter out = spec.commandLine().getOut();
      out.println("new active signing key " + s.keyId() + " (" + alg.id() + ")");
      out.println("share it with: warden keys export-public --out warden-signing.pem");
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "export-public",
      mixinStandardHelpOptions = true,
      description = {
        "Write the public signing key(s) as PEM (SubjectPublicKeyInfo), for openssl, cosign and",
        "warden receipt verify. Default: every key, oldest first, the active one last."
      })
  static final class ExportPublic implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write to FILE instead of standard output.")
    @Nullable Path outFile;

    @Option(names = "--active", description = "Only the active key.")
    boolean activeOnly;

    @Override
    public Integer call() throws IOException {
      SigningKeys keys = signingKeys(configOptions);
      List<SigningKeys.KeyInfo> all = keys.list();
      if (all.isEmpty()) {
        throw new IllegalArgumentException(
            "no signing key in "
                + keys.publicDirectory().getParent()
                + " yet; run: warden keys rotate (or pass --data-dir DIR)");
      }
      StringBuilder pem = new StringBuilder();
      for (SigningKeys.KeyInfo k : all) {
        if (!activeOnly || k.active()) {
          pem.append(k.publicKeyPem());
        }
      }
      if (outFile == null) {
        spec.commandLine().getOut().print(pem);
        spec.commandLine().getOut().flush();
      } else {
        Files.writeString(outFile, pem, StandardCharsets.US_ASCII);
        spec.commandLine().getErr().println("wrote " + outFile);
      }
      return 0;
    }
  }
}
