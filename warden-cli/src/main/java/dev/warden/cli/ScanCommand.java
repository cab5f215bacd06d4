package dev.warden.cli;

import dev.warden.api.Decision;
import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.KeyedHasher;
import dev.warden.api.ScanInput;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.policy.Policy;
import dev.warden.server.Gateway;
import dev.warden.vault.LocalKeyring;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scan files, folders (recursively) or stdin for PII and secrets and print the findings.",
      "Values are never printed in full: text output shows at most their first 4 characters and"
          + " length; json, sarif and jsonl output show none of them.",
      "Folders: binary files (a NUL byte in the first 8 KiB) and files over --max-file-size are"
          + " skipped with a note on stderr; symbolic links and .git folders are not followed.",
      "--input-format jsonl reads lines {\"id\": …, \"text\": …} and writes one line"
          + " {\"id\": …, \"findings\": [{type, ruleId, start, end, confidence}]} per input line;"
          + " offsets are UTF-16 code units of the decoded text. A line that is not such an object"
          + " is reported on stderr by line number and skipped, and the exit code becomes 2.",
      "A file named on the command line that is binary or too large is not scanned, and the exit"
          + " code is 2.",
      "Exit code: 0 nothing found, 1 findings, 2 error (bad arguments, unreadable input, a named"
          + " file not scanned, invalid jsonl lines)."
    },
    footer = {
      "",
      "Examples:",
      "  warden scan prompt.txt",
      "  warden scan src/ docs/ --format sarif > warden.sarif",
      "  cat request.json | warden scan -",
      "  warden scan --redact notes.md > notes.safe.md",
      "  warden scan --input-format jsonl --format jsonl prompts.jsonl > findings.jsonl"
    })
final class ScanCommand implements Callable<Integer> {
  /** Stdin larger than this is refused rather than scanned partially. */
  static final long MAX_INPUT_BYTES = 64L << 20;

  /** Progress is drawn only when there are at least this many files. */
  static final int PROGRESS_MIN_FILES = 20;

  enum Format {
    text,
    json,
    sarif,
    jsonl
  }

  enum InputFormat {
    text,
    jsonl
  }

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "Files or folders to scan, or - for stdin (default: stdin).")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format = Format.text;

  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      description = "Input: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  InputFormat inputFormat = InputFormat.text;

  @Option(
      names = "--max-file-size",
      paramLabel = "BYTES",
      description = "Files larger than this are skipped with a note (default: ${DEFAULT-VALUE}).",
      defaultValue = "10485760")
  long maxFileSize = 10L << 20;

  @Option(
      names = "--progress",
      negatable = true,
      description =
          "Draw a progress bar on stderr (default: only when stderr is a terminal and there are"
              + " many files).")
  @Nullable Boolean progress;

  @Option(
      names = "--redact",
      description = "Print the input with the policy applied instead of the findings (one input).")
  boolean redact;

  /**
   * One input: a file, or stdin.
   *
   * @param named given on the command line (not found by walking a folder): if it cannot be
   *     scanned, that is an error, not a note
   */
  record Source(String name, @Nullable Path path, boolean named) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (maxFileSize < 1) {
      throw new IllegalArgumentException("--max-file-size must be at least 1 byte");
    }
    List<String> args = paths.isEmpty() ? List.of("-") : paths;
    WardenConfig config = configOptions.load();
    if (inputFormat == InputFormat.jsonl) {
      if (format != Format.jsonl || redact) {
        throw new IllegalArgumentException(
            "--input-format jsonl writes jsonl only: add --format jsonl (and drop --redact)");
      }
      return new JsonlScan(DetectorStack.forConfig(config), err).run(sources(args, err), out);
    }
    if (redact) {
      return redact(config, args, out);
    }
    List<Source> sources = sources(args, err);
    Detector detector = DetectorStack.forConfig(config);
    ScanReport report = ScanReport.of(format, out, sources.size());
    Progress bar = new Progress(err, sources.size(), showProgress(sources.size()));
    int scanned = 0;
    boolean namedSkipped = false;
    for (Source s : sources) {
      bar.step(s.name());
      Optional<String> text = read(s, err);
      if (text.isEmpty()) {
        report.skipped(s.name());
        namedSkipped |= s.named();
        continue;
      }
      scanned++;
      report.file(s.name(), text.get(), findings(detector, config.policy(), text.get()));
    }
    bar.done();
    report.finish(scanned);
    out.flush();
    // A file the user named and Warden did not scan must not pass as clean.
    return namedSkipped ? 2 : report.findings() > 0 ? 1 : 0;
  }

  /**
   * Findings the policy acts on (the stack already dropped low-confidence and allowlisted ones).
   */
  static List<ScanReport.Hit> findings(Detector detector, Policy policy, String text) {
    List<ScanReport.Hit> hits = new ArrayList<>();
    for (Finding f : detector.detect(ScanInput.text(text))) {
      Optional<Decision> d = policy.decide(f);
      d.ifPresent(decision -> hits.add(new ScanReport.Hit(f, decision.action())));
    }
    hits.sort(Comparator.comparing((ScanReport.Hit h) -> h.finding().span()));
    return hits;
  }

  private int redact(WardenConfig config, List<String> args, PrintWriter out) throws IOException {
    if (args.size() != 1 || format != Format.text) {
      throw new IllegalArgumentException("--redact takes exactly one file (or -) and text output");
    }
    List<Source> sources = sources(args, spec.commandLine().getErr());
    if (sources.size() != 1) {
      throw new IllegalArgumentException("--redact takes exactly one file, not a folder");
    }
    Optional<String> text = read(sources.get(0), spec.commandLine().getErr());
    if (text.isEmpty()) {
      throw new IllegalArgumentException(sources.get(0).name() + ": not scanned (see note)");
    }
    Protector protector = Gateway.protector(config, hasher(config));
    Protector.TextResult result = protector.protectText(text.get());
    out.print(result.text());
    out.flush();
    return result.replacements().isEmpty() ? 0 : 1;
  }

  private boolean showProgress(int files) {
    if (progress != null) {
      return progress && files >= PROGRESS_MIN_FILES;
    }
    return files >= PROGRESS_MIN_FILES && stderrIsTerminal();
  }

  /**
   * Whether stderr is a terminal. {@link java.io.Console#isTerminal()} answers for stdin and
   * stdout, and findings are often redirected ({@code warden scan src > report.txt}) while stderr
   * still shows on screen, so on Linux the descriptor itself is asked.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      java.io.Console console = System.console();
      return console != null && console.isTerminal();
    }
  }

  /** Expands the arguments: files as given, folders walked in name order. */
  private static List<Source> sources(List<String> args, PrintWriter err) throws IOException {
    List<Source> out = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-")) {
        out.add(new Source("<stdin>", null, true));
        continue;
      }
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        out.addAll(walk(p, err));
      } else if (Files.isRegularFile(p)) {
        out.add(new Source(arg, p, true));
      } else {
        throw new IllegalArgumentException(arg + ": no such file or folder");
      }
    }
    return out;
  }

  private static List<Source> walk(Path root, PrintWriter err) throws IOException {
    List<Path> files = new ArrayList<>();
    // No FOLLOW_LINKS: a link inside the tree is reported, never followed out of it.
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            Path name = dir.getFileName();
            return !dir.equals(root) && name != null && name.toString().equals(".git")
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isSymbolicLink()) {
              err.println("warden: note: skipped " + file + ": symbolic link (not followed)");
            } else if (attrs.isRegularFile()) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            err.println(
                "warden: note: skipped "
                    + file
                    + ": cannot read ("
                    + e.getClass().getSimpleName()
                    + ")");
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(Comparator.naturalOrder());
    return files.stream().map(f -> new Source(f.toString(), f, false)).toList();
  }

  /** The text of a source, or empty (with a note on stderr) when it is skipped. */
  private Optional<String> read(Source s, PrintWriter err) throws IOException {
    byte[] bytes;
    Path p = s.path();
    if (p == null) {
      InputStream in = System.in;
      bytes = in.readNBytes((int) MAX_INPUT_BYTES + 1);
      if (bytes.length > MAX_INPUT_BYTES) {
        throw new IllegalArgumentException(
            "stdin: larger than " + (MAX_INPUT_BYTES >> 20) + " MiB; split it first");
      }
    } else {
      long size = Files.size(p);
      if (size > maxFileSize) {
        err.println(
            (s.named() ? "warden: not scanned: " : "warden: note: skipped ")
                + s.name()
                + ": "
                + size
                + " bytes, over --max-file-size "
                + maxFileSize);
        return Optional.empty();
      }
      bytes = Files.readAllBytes(p);
    }
    if (isBinary(bytes)) {
      err.println(
          (s.named() ? "warden: not scanned: " : "warden: note: skipped ")
              + s.name()
              + ": binary (NUL byte)");
      return Optional.empty();
    }
    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Git's heuristic: a NUL byte in the first 8 KiB. */
  static boolean isBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
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

  /** A one-line bar on stderr, redrawn in place; never on stdout, so output stays clean. */
  static final class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final int total;
    private final boolean on;
    private int done;
    private int lastDrawn = -1;

    Progress(PrintWriter err, int total, boolean on) {
      this.err = err;
      this.total = total;
      this.on = on;
    }

    void step(String name) {
      if (!on) {
        return;
      }
      int permille = (int) ((long) done * 1000 / total);
      done++;
      if (permille == lastDrawn) {
        return;
      }
      lastDrawn = permille;
      int filled = permille * WIDTH / 1000;
      err.print(
          "\r["
              + "#".repeat(filled)
              + ".".repeat(WIDTH - filled)
              + "] "
              + done
              + "/"
              + total
              + " files");
      err.flush();
    }

    void done() {
      if (on) {
        err.print("\r[" + "#".repeat(WIDTH) + "] " + total + "/" + total + " files\n");
        err.flush();
      }
    }
  }
}
