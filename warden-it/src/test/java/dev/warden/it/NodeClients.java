package dev.warden.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Node SDKs, installed with {@code npm ci} from the committed {@code package.json} and
 * {@code package-lock.json} (exact versions, integrity-checked) into {@code target/sdk-clients},
 * and a runner for the scenario scripts next to them.
 *
 * <p>Missing Node or npm, an old Node, or a failed install is an {@link AssertionError}: the SDK
 * tests fail rather than skip, so CI never silently loses them. The install is redone only when the
 * lock file changes (a marker holds its digest), and npm's cache ({@code ~/.npm}) makes a
 * re-install offline-fast.
 */
final class NodeClients {
  /** Node 20 is the oldest runtime both pinned SDKs support. */
  private static final int MIN_NODE_MAJOR = 20;

  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(10);
  private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
  private static @Nullable NodeClients installed;

  private final Path dir;

  private NodeClients(Path dir) {
    this.dir = dir;
  }

  /** The installed clients, installing them on first use in this JVM. */
  static synchronized NodeClients installed() {
    if (installed == null) {
      installed = install(dirProperty("warden.it.nodeSources"), dirProperty("warden.it.nodeWork"));
    }
    return installed;
  }

  /** What one scenario script printed: its JSON result line, or why there is none. */
  record Outcome(int exitCode, @Nullable JsonNode result, String output) {
    /** The SDK's result ({@code {"ok": …}}); fails the test with the script output otherwise. */
    JsonNode ok() {
      if (result == null || !result.has("ok")) {
        throw new AssertionError("expected an SDK result, got: " + output);
      }
      return result.get("ok");
    }

    /** The SDK error the script caught ({@code {"error": …}}); fails the test otherwise. */
    JsonNode error() {
      if (result == null || !result.has("error")) {
        throw new AssertionError("expected an SDK error, got: " + output);
      }
      return result.get("error");
    }
  }

  /**
   * Runs {@code node script scenario} with the gateway base URL and the scenario input in its
   * environment, the way an application would be configured: nothing but the base URL changes. The
   * URL is in {@code WARDEN_BASE_URL} (the scripts pass it as the SDK's {@code baseURL} option) and
   * in {@code OPENAI_BASE_URL} / {@code ANTHROPIC_BASE_URL}, which the SDKs read when a scenario
   * leaves the option out ({@code "baseUrlFromEnv": true}).
   */
  Outcome run(String script, String scenario, String baseUrl, JsonNode input) {
    Map<String, String> env =
        Map.of(
            "WARDEN_BASE_URL",
            baseUrl,
            // What an application would set instead of the option; always ours, never inherited.
            "OPENAI_BASE_URL",
            baseUrl,
            "ANTHROPIC_BASE_URL",
            baseUrl,
            "WARDEN_IT_INPUT",
            JsonMapper.shared().writeValueAsString(input));
    Exec.Result r = Exec.run(dir, RUN_LIMIT, env, List.of("node", script, scenario));
    String lastLine = r.stdout().strip().lines().reduce((a, b) -> b).orElse("");
    JsonNode result = null;
    if (r.code() == 0 && lastLine.startsWith("{")) {
      result = JsonMapper.shared().readTree(lastLine);
    }
    return new Outcome(
        r.code(),
        result,
        "exit " + r.code() + "\n" + abbreviate(r.stdout()) + abbreviate(r.stderr()));
  }

  /**
   * At most 8,000 characters of a child's output in a failure message (an SDK may dump a stream).
   */
  static String abbreviate(String output) {
    int max = 8_000;
    return output.length() <= max
        ? output
        : output.substring(0, max / 2)
            + "\n… ("
            + (output.length() - max)
            + " characters left out) …\n"
            + output.substring(output.length() - max / 2);
  }

  private static Path dirProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new AssertionError(
          "system property "
              + name
              + " is not set; run these tests through Maven (warden-it/pom.xml sets it)");
    }
    return Path.of(value);
  }

  private static NodeClients install(Path sources, Path work) {
    requireNode();
    try {
      Files.createDirectories(work);
      List<Path> files;
      try (Stream<Path> s = Files.list(sources)) {
        files = s.filter(Files::isRegularFile).toList();
      }
      for (Path f : files) {
        Files.copy(f, work.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      String lockDigest = sha256(work.resolve("package-lock.json"));
      Path marker = work.resolve("node_modules/.warden-installed");
      if (Files.exists(marker) && Files.readString(marker).equals(lockDigest)) {
        return new NodeClients(work);
      }
      Exec.Result npm =
          Exec.run(
              work,
              INSTALL_LIMIT,
              Map.of(),
              List.of(
                  "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"));
      if (npm.code() != 0) {
        throw new AssertionError(
            "npm ci in "
                + work
                + " failed (exit "
                + npm.code()
                + "); the npm registry must be reachable on first run:\n"
                + npm.stdout()
                + npm.stderr());
      }
      Files.writeString(marker, lockDigest);
      return new NodeClients(work);
    } catch (IOException e) {
      throw new AssertionError("cannot prepare the Node SDK project in " + work + ": " + e, e);
    }
  }

  private static void requireNode() {
    Exec.Result node =
        Exec.run(Path.of("."), Duration.ofSeconds(30), Map.of(), List.of("node", "--version"));
    String version = node.stdout().strip();
    int major = -1;
    if (node.code() == 0 && version.startsWith("v")) {
      int dot = version.indexOf('.');
      major = Integer.parseInt(version.substring(1, dot < 0 ? version.length() : dot));
    }
    if (major < MIN_NODE_MAJOR) {
      throw new AssertionError(
          "the SDK tests need Node.js "
              + MIN_NODE_MAJOR
              + "+ and npm on the PATH (found: "
              + (node.code() == 0 ? version : "none")
              + "); install them, e.g. apt-get install nodejs npm");
    }
    Exec.Result npm =
        Exec.run(Path.of("."), Duration.ofSeconds(60), Map.of(), List.of("npm", "--version"));
    if (npm.code() != 0) {
      throw new AssertionError(
          "the SDK tests need npm on the PATH; install it, e.g. apt-get install npm");
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  /** A child process with a time limit; a missing program is exit code 127, not an exception. */
  static final class Exec {
    record Result(int code, String stdout, String stderr) {}

    /** Children still running; a JVM that exits (surefire timeout, Ctrl-C) takes them along. */
    private static final java.util.Set<Process> LIVE =
        java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> LIVE.forEach(Exec::kill), "warden-it-kill-node-clients"));
    }

    static Result run(Path dir, Duration limit, Map<String, String> env, List<String> command) {
      ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
      pb.environment().putAll(env);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return new Result(127, "", "cannot start " + command.getFirst() + ": " + e.getMessage());
      }
      LIVE.add(p);
      try {
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        var out =
            java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        var err =
            java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          kill(p);
          return new Result(
              124,
              out.completeOnTimeout("", 5, TimeUnit.SECONDS).join(),
              err.completeOnTimeout("", 5, TimeUnit.SECONDS).join()
                  + "\ntimed out after "
                  + limit
                  + " and killed: "
                  + command);
        }
        // A grandchild that kept a pipe open must not hang the test either.
        return new Result(
            p.exitValue(),
            out.completeOnTimeout("", 30, TimeUnit.SECONDS).join(),
            err.completeOnTimeout("", 30, TimeUnit.SECONDS).join());
      } catch (InterruptedException e) {
        kill(p);
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while running " + command, e);
      } catch (RuntimeException | Error e) {
        kill(p);
        throw e;
      } finally {
        LIVE.remove(p);
      }
    }

    /** Kills the child and anything it started (npm runs scripts in subprocesses). */
    private static void kill(Process p) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static String read(java.io.InputStream in) {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
  }
}
