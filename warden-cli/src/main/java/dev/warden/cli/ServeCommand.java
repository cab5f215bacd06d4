package dev.warden.cli;

import dev.warden.engine.config.ConfigException;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.policy.Mode;
import dev.warden.server.Gateway;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the gateway in front of an OpenAI-compatible upstream.",
      "--upstream serves the OpenAI dialects: POST /v1/chat/completions, /v1/completions,",
      "/v1/embeddings and /v1/responses. Anthropic /v1/messages, Gemini generateContent and Ollama",
      "/api/chat and /api/generate need an upstream that lists them (upstreams.<name>.dialects in",
      "warden.yaml; see docs/dialects.md). Other paths get a 404 unless listed in",
      "upstream.passThrough. Point your SDK's base URL at http://HOST:PORT/v1.",
      "Flags override warden.yaml. Stop with Ctrl-C or SIGTERM: in-flight requests drain first.",
      "SIGHUP (or saving the file, unless reload.watch is false) reloads the policy: only a valid",
      "(and, when policy.requireSignature is set, validly signed) file replaces the running one."
    },
    footer = {
      "",
      "Examples:",
      "  warden serve --upstream https://api.openai.com",
      "  warden serve --upstream http://127.0.0.1:11434 --port 9000 --mode dry-run",
      "  warden serve --config warden.yaml",
      "  warden serve --upstream https://api.openai.com --auth api-key --host 0.0.0.0"
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Option(
      names = "--upstream",
      paramLabel = "URL",
      description = "Upstream base URL (upstream.url).")
  @Nullable String upstream;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Listen port (server.port, default 8080; 0 = any free port).")
  @Nullable Integer port;

  @Option(
      names = "--host",
      paramLabel = "H",
      description = "Listen address (server.host, default 127.0.0.1).")
  @Nullable String host;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "enforce (default) or dry-run (detect and record, forward unchanged).")
  @Nullable String mode;

  @Option(
      names = "--auth",
      paramLabel = "MODE",
      description =
          "How callers authenticate (auth.mode): none (loopback only), api-key, jwt or mtls.")
  @Nullable String auth;

  @Override
  public Integer call() throws InterruptedException {
    Gateway gateway;
    try {
      gateway = Gateway.start(configOptions.source(flags(), this::effective));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(configOptions.where() + ": " + e.getMessage(), e);
    }
    WardenConfig config = gateway.reloader().running().config();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.stop();
                  stopped.countDown();
                },
                "warden-shutdown"));
    System.err.println(
        "warden: listening on "
            + (config.access().auth().mode().equals("mtls") ? "https://" : "http://")
            + config.server().host()
            + ":"
            + gateway.port()
            + " → "
            + upstreams(config)
            + " (mode "
            + config.policy().mode().id()
            + ", auth "
            + config.access().auth().mode()
            + ", ledger "
            + gateway.ledgerDir()
            + ")");
    System.err.println(
        "warden: policy sha256 "
            + gateway.reloader().running().sha256()
            + (gateway.reloader().running().signedBy() == null
                ? ""
                : ", signed by key " + gateway.reloader().running().signedBy())
            + "; reload with SIGHUP"
            + (configOptions.file() != null && config.policyFile().watch()
                ? " or by saving the file"
                : ""));
    stopped.await();
    return 0;
  }

  /** The default upstream's URL, then each named one as {@code name=url}. */
  static String upstreams(WardenConfig c) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (c.upstream().configured()) {
      parts.add(c.upstream().url());
    }
    c.upstreams().forEach((name, u) -> parts.add(name + "=" + u.url()));
    return String.join(", ", parts);
  }

  /**
   * Flags that other keys are checked against ({@code auth.mode: none} only on a loopback {@code
   * server.host}), so they go in before validation.
   */
  java.util.Map<String, tools.jackson.databind.JsonNode> flags() {
    java.util.Map<String, tools.jackson.databind.JsonNode> f = new java.util.LinkedHashMap<>();
    if (auth != null) {
      f.put("auth.mode", tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(auth));
    }
    if (host != null) {
      f.put("server.host", tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(host));
    }
    return f;
  }

  WardenConfig effective(WardenConfig c) {
    WardenConfig.Server s = c.server();
    WardenConfig.Server server =
        s.withAddress(host == null ? s.host() : host, port == null ? s.port() : checkPort(port));
    WardenConfig.Upstream u = c.upstream();
    String url = u.url();
    if (upstream != null) {
      try {
        url = ConfigLoader.checkUrl("--upstream", upstream);
      } catch (ConfigException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    if (url.isEmpty() && c.upstreams().isEmpty()) {
      throw new IllegalArgumentException(
          "no upstream: pass --upstream URL (e.g. --upstream https://api.openai.com) or set upstream.url (or upstreams) in warden.yaml");
    }
    WardenConfig out = c.withServer(server).withUpstream(u.withUrl(url));
    if (mode != null) {
      Mode m =
          switch (mode) {
            case "enforce" -> Mode.ENFORCE;
            case "dry-run" -> Mode.DRY_RUN;
            default ->
                throw new IllegalArgumentException(
                    "--mode: unknown value '" + mode + "'; allowed: enforce, dry-run");
          };
      out = out.withPolicy(out.policy().withMode(m));
    }
    if (!out.access().auth().enabled()) {
      System.err.println(
          "warden: WARNING auth.mode is none: every local caller is admitted anonymously; use"
              + " --auth api-key (with warden keys issue), jwt or mtls beyond development");
    }
    return out;
  }

  private static int checkPort(int p) {
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("--port: must be between 0 and 65535, got " + p);
    }
    return p;
  }
}
