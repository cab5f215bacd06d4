package dev.warden.cli;

import dev.warden.api.KeyedHasher;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.transform.Replacement;
import dev.warden.server.Gateway;
import dev.warden.vault.LocalKeyring;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scan a file (or stdin) for PII and secrets and print the findings.",
      "Values are never printed in full: at most their first 4 characters and length.",
      "Exit code: 0 nothing found, 1 findings, 2 error."
    },
    footer = {
      "",
      "Examples:",
      "  warden scan prompt.txt",
      "  cat request.json | warden scan -",
      "  warden scan --redact notes.md > notes.safe.md"
    })
final class ScanCommand implements Callable<Integer> {
  /** Inputs larger than this are refused rather than scanned partially. */
  static final long MAX_INPUT_BYTES = 64L << 20;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "-",
      paramLabel = "FILE",
      description = "File to scan, or - for stdin (default).")
  String file = "-";

  @Option(
      names = "--redact",
      description = "Print the input with the policy applied instead of the findings.")
  boolean redact;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    String text = read();
    WardenConfig config = configOptions.load();
    Protector protector = Gateway.protector(config, hasher(config));
    Protector.TextResult result = protector.protectText(text);
    if (redact) {
      out.print(result.text());
      out.flush();
      return result.replacements().isEmpty() ? 0 : 1;
    }
    String name = file.equals("-") ? "<stdin>" : file;
    for (Replacement r : result.replacements()) {
      int start = r.finding().span().start();
      int[] lc = lineColumn(text, start);
      String value = text.substring(start, r.finding().span().end());
      out.printf(
          Locale.ROOT,
          "%s:%d:%d  %-15s %-28s conf=%.2f  action=%-7s %s%n",
          name,
          lc[0],
          lc[1],
          r.finding().type(),
          r.finding().ruleId(),
          r.finding().confidence(),
          r.decision().action().id(),
          preview(value));
    }
    out.printf(
        Locale.ROOT,
        "%d finding%s in %s%n",
        result.replacements().size(),
        result.replacements().size() == 1 ? "" : "s",
        name);
    out.flush();
    return result.replacements().isEmpty() ? 0 : 1;
  }

  private String read() throws IOException {
    byte[] bytes;
    if (file.equals("-")) {
      InputStream in = System.in;
      bytes = in.readNBytes((int) MAX_INPUT_BYTES + 1);
    } else {
      Path p = Path.of(file);
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException(file + ": no such file");
      }
      if (Files.size(p) > MAX_INPUT_BYTES) {
        throw new IllegalArgumentException(
            file + ": larger than " + (MAX_INPUT_BYTES >> 20) + " MiB; split it first");
      }
      bytes = Files.readAllBytes(p);
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new IllegalArgumentException(
          "stdin: larger than " + (MAX_INPUT_BYTES >> 20) + " MiB; split it first");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Hash-action replacements need the keyring; scanning must not create one as a side effect, so an
   * absent keyring gets a throwaway key (replacements then differ from the proxy's).
   */
  private static KeyedHasher hasher(WardenConfig config) {
    Path dataDir = Path.of(config.dataDir());
    if (Files.isDirectory(dataDir.resolve("keys"))) {
      return LocalKeyring.open(dataDir).hasher(Gateway.VALUE_KEY);
    }
    return LocalKeyring.ephemeralHasher();
  }

  /** First 4 characters of long values only, then the length: enough to find it, not to use it. */
  static String preview(String value) {
    String head = value.length() >= 16 ? value.substring(0, 4) : "";
    return head.replaceAll("[\\p{Cntrl}]", "?") + "…(" + value.length() + " chars)";
  }

  private static int[] lineColumn(String text, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }
}
