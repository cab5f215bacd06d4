package dev.warden.cli;

import dev.warden.engine.config.ConfigLoader;
import dev.warden.server.Gateway;
import dev.warden.vault.LocalKeyring;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create a commented warden.yaml with the defaults and the data directory with its keys.",
      "Never overwrites: an existing warden.yaml or key is kept."
    })
final class InitCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where to create warden.yaml and .warden/ (default: current directory).")
  Path dir = Path.of(".");

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path yaml = dir.resolve("warden.yaml");
    if (Files.exists(yaml)) {
      out.println("kept existing " + yaml);
    } else {
      String template;
      try (InputStream in = InitCommand.class.getResourceAsStream("/warden.yaml.template")) {
        if (in == null) {
          throw new IllegalStateException("the warden.yaml template is missing from this build");
        }
        template = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      ConfigLoader.fromYaml(template); // the template must always be valid
      Files.writeString(yaml, template, java.nio.file.StandardOpenOption.CREATE_NEW);
      out.println("wrote " + yaml);
    }
    Path data = dir.resolve(".warden");
    LocalKeyring keys = LocalKeyring.open(data);
    keys.authenticator(Gateway.LEDGER_KEY);
    keys.hasher(Gateway.VALUE_KEY);
    String signingKey = keys.signingKeys().active().keyId();
    out.println(
        "keys ready in "
            + keys.directory()
            + " (0600; back them up: without ledger-mac.key the HMAC chain cannot be verified)");
    out.println(
        "signing key "
            + signingKey
            + " signs checkpoints and receipts; share it with: warden keys export-public");
    out.println("next: edit upstream.url in warden.yaml, then run: warden serve");
    out.flush();
    return 0;
  }
}
