package dev.warden.cli;

import dev.warden.engine.config.ConfigException;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.EnvOverlay;
import dev.warden.server.policy.ConfigSource;
import dev.warden.server.policy.LoadedPolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Check and print the configuration exactly as serve would load it: the file (or signed",
      "bundle), the WARDEN_* environment overlay and flags, with every default filled in."
    },
    subcommands = {
      ConfigCommand.Validate.class,
      ConfigCommand.Show.class,
      CommandLine.HelpCommand.class
    })
final class ConfigCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Validate the configuration (and its signature when policy.requireSignature is set).",
        "Exit 0 when valid; 1 with every error, each naming its key path and the fix."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() {
      ConfigSource source = configOptions.source(c -> c);
      List<ConfigException> problems = source.problems();
      if (!problems.isEmpty()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            configOptions.where()
                + ": "
                + problems.size()
                + (problems.size() == 1 ? " error" : " errors"));
        for (ConfigException e : problems) {
          err.println("  " + e.getMessage());
        }
        err.flush();
        return 1;
      }
      LoadedPolicy p = source.load();
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          configOptions.where()
              + ": valid (sha256 "
              + p.sha256()
              + (p.signedBy() == null ? "" : ", signed by key " + p.signedBy())
              + ")");
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print the effective configuration as YAML: defaults, file, WARDEN_* variables and flags",
        "applied; secret values appear as (redacted). The output loads back as a warden.yaml."
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() {
      LoadedPolicy p;
      try {
        p = configOptions.source(c -> c).load();
      } catch (ConfigException e) {
        throw new IllegalArgumentException(configOptions.where() + ": " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("# effective configuration of " + configOptions.where());
      out.println("# policy sha256 " + p.sha256());
      if (p.signedBy() != null) {
        out.println("# signed by key " + p.signedBy() + " at " + p.signedAt());
      }
      Map<String, String> fromEnv = new TreeMap<>();
      EnvOverlay.names()
          .forEach((name, path) -> {
            if (System.getenv(name) != null) {
              fromEnv.put(path, name);
            }
          });
      fromEnv.forEach((path, name) -> out.println("# " + path + " set by " + name));
      String yaml = ConfigLoader.toYaml(p.effective());
      out.print(yaml.startsWith("---") ? yaml.substring(yaml.indexOf('\n') + 1) : yaml);
      out.flush();
      return 0;
    }
  }
}
