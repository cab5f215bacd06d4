package dev.warden.cli;

import dev.warden.api.Identity;
import dev.warden.vault.ApiKeyStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden keys issue|revoke} and the API-key part of {@code warden keys list}. */
final class ApiKeysCommands {
  private ApiKeysCommands() {}

  private static ApiKeyStore store(ConfigOptions options) {
    return ApiKeyStore.open(Path.of(options.load().dataDir()));
  }

  /** Prints the API keys after the signing keys; nothing when none was ever issued. */
  static void list(ConfigOptions options, PrintWriter out) {
    List<ApiKeyStore.Entry> entries = store(options).list();
    if (entries.isEmpty()) {
      return;
    }
    out.println("api keys:");
    out.printf(
        "  %-20s  %-12s  %-7s  %-20s  %-20s  %-20s  %s%n",
        "NAME", "ID", "KIND", "SCOPES", "LABELS", "CREATED", "STATUS");
    for (ApiKeyStore.Entry e : entries) {
      List<String> labels = new ArrayList<>();
      e.labels().forEach((k, v) -> labels.add(k + "=" + v));
      out.printf(
          "  %-20s  %-12s  %-7s  %-20s  %-20s  %-20s  %s%n",
          e.name(),
          e.id(),
          e.kind().id(),
          e.scopes().isEmpty() ? "-" : String.join(",", e.scopes()),
          labels.isEmpty() ? "-" : String.join(",", labels),
          e.created(),
          e.active() ? "active" : "revoked " + e.revoked());
    }
  }

  @Command(
      name = "issue",
      mixinStandardHelpOptions = true,
      description = {
        "Issue an API key for auth.mode: api-key. The key is printed once, alone on standard",
        "output (KEY=$(warden keys issue --name ci)); only its keyed hash is stored."
      },
      footer = {
        "",
        "Examples:",
        "  warden keys issue --name ci-pipeline --kind service --scope chat --label team=payments",
        "  warden keys issue --name agent-runner --kind agent --scope owner:assert"
      })
  static final class Issue implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "Who the key is for; the identity id recorded in the ledger.")
    String name = "";

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description = "user (default), service or agent.")
    String kind = "user";

    @Option(
        names = "--scope",
        paramLabel = "S",
        description = "A granted scope (repeatable), e.g. owner:assert to send owner headers.")
    List<String> scopes = new ArrayList<>();

    @Option(
        names = "--label",
        paramLabel = "K=V",
        description = "A label (repeatable), e.g. team=payments.")
    List<String> labels = new ArrayList<>();

    @Override
    public Integer call() {
      Identity.Kind k =
          switch (kind.toLowerCase(Locale.ROOT)) {
            case "user" -> Identity.Kind.USER;
            case "service" -> Identity.Kind.SERVICE;
            case "agent" -> Identity.Kind.AGENT;
            default ->
                throw new IllegalArgumentException(
                    "--kind: unknown value; allowed: user, service, agent");
          };
      Map<String, String> labelMap = new LinkedHashMap<>();
      for (String l : labels) {
        int eq = l.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--label: use key=value, e.g. team=payments");
        }
        labelMap.put(l.substring(0, eq), l.substring(eq + 1));
      }
      ApiKeyStore.Issued issued =
          store(configOptions).issue(name, k, new LinkedHashSet<>(scopes), labelMap);
      ApiKeyStore.Entry e = issued.entry();
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "issued API key '"
              + e.name()
              + "' (id "
              + e.id()
              + ", kind "
              + e.kind().id()
              + (e.scopes().isEmpty() ? "" : ", scopes " + String.join(",", e.scopes()))
              + "); it is shown only now. Send it as: Authorization: Bearer <key>");
      err.flush();
      PrintWriter out = spec.commandLine().getOut();
      out.println(issued.key());
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = {
        "Revoke an API key by name or id. A running gateway refuses it from its next request",
        "(401 warden_auth_revoked); the entry stays, marked revoked, for the record."
      })
  static final class Revoke implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Parameters(paramLabel = "NAME|ID", description = "The key's name (its active key) or id.")
    String nameOrId = "";

    @Override
    public Integer call() {
      ApiKeyStore.Entry e = store(configOptions).revoke(nameOrId);
      PrintWriter out = spec.commandLine().getOut();
      out.println("revoked API key '" + e.name() + "' (id " + e.id() + ") at " + e.revoked());
      out.flush();
      return 0;
    }
  }
}
