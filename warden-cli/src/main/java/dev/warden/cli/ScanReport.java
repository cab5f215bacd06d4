package dev.warden.cli;

import dev.warden.api.Action;
import dev.warden.api.Finding;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@code warden scan} findings in one output format. No format carries a value: text shows a
 * short preview of long values, json, sarif and jsonl only positions, types and rule ids.
 *
 * <p>Positions: {@code start}/{@code end} are UTF-16 offsets into the decoded file; lines and
 * columns start at 1 and count UTF-16 code units ({@link LineIndex}); {@code endColumn} is the
 * column just past the value, as SARIF defines it.
 */
abstract class ScanReport {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A finding the policy acts on, with its action. */
  record Hit(Finding finding, Action action) {}

  final PrintWriter out;
  private int findings;
  private int skipped;
  private final int sources;

  ScanReport(PrintWriter out, int sources) {
    this.out = out;
    this.sources = sources;
  }

  static ScanReport of(ScanCommand.Format format, PrintWriter out, int sources) {
    return switch (format) {
      case text -> new Text(out, sources);
      case json -> new Json(out, sources);
      case sarif -> new Sarif(out, sources);
      case jsonl -> new Jsonl(out, sources);
    };
  }

  /** Reports the hits of one scanned file. */
  final void file(String name, String text, List<Hit> hits) {
    findings += hits.size();
    if (hits.isEmpty()) {
      return;
    }
    LineIndex lines = new LineIndex(text);
    for (Hit h : hits) {
      int start = h.finding().span().start();
      int end = h.finding().span().end();
      hit(
          name,
          h,
          new int[] {lines.line(start), lines.column(start), lines.line(end), lines.column(end)},
          text.substring(start, end));
    }
  }

  final void skipped(String name) {
    skipped++;
    skippedFile(name);
  }

  /** The number of findings reported so far. */
  final int findings() {
    return findings;
  }

  final int skippedCount() {
    return skipped;
  }

  final int sources() {
    return sources;
  }

  /**
   * @param pos start line, start column, end line, end column
   * @param value the value, for the text preview only
   */
  abstract void hit(String file, Hit hit, int[] pos, String value);

  void skippedFile(String name) {}

  abstract void finish(int scanned);

  static ObjectNode location(String file, Hit h, int[] pos) {
    Finding f = h.finding();
    ObjectNode n = NODES.objectNode();
    n.put("file", file);
    n.put("line", pos[0]);
    n.put("column", pos[1]);
    n.put("endLine", pos[2]);
    n.put("endColumn", pos[3]);
    n.put("start", f.span().start());
    n.put("end", f.span().end());
    n.put("type", f.type());
    n.put("ruleId", f.ruleId());
    n.put("confidence", f.confidence());
    n.put("action", h.action().id());
    return n;
  }

  static String version() {
    String v = ScanReport.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  static final class Text extends ScanReport {
    private String lastName = "";

    Text(PrintWriter out, int sources) {
      super(out, sources);
    }

    @Override
    void hit(String file, Hit h, int[] pos, String value) {
      lastName = file;
      Finding f = h.finding();
      out.printf(
          Locale.ROOT,
          "%s:%d:%d  %-15s %-28s conf=%.2f  action=%-7s %s%n",
          file,
          pos[0],
          pos[1],
          f.type(),
          f.ruleId(),
          f.confidence(),
          h.action().id(),
          ScanCommand.preview(value));
    }

    @Override
    void finish(int scanned) {
      String where =
          sources() == 1 && scanned == 1
              ? lastName.isEmpty() ? "1 file" : lastName
              : scanned + " file" + (scanned == 1 ? "" : "s");
      out.printf(
          Locale.ROOT,
          "%d finding%s in %s%s%n",
          findings(),
          findings() == 1 ? "" : "s",
          where,
          skippedCount() == 0 ? "" : " (" + skippedCount() + " skipped, see notes)");
    }
  }

  static final class Json extends ScanReport {
    private final ArrayNode hits = NODES.arrayNode();
    private final ArrayNode skippedFiles = NODES.arrayNode();

    Json(PrintWriter out, int sources) {
      super(out, sources);
    }

    @Override
    void hit(String file, Hit h, int[] pos, String value) {
      hits.add(location(file, h, pos));
    }

    @Override
    void skippedFile(String name) {
      skippedFiles.add(name);
    }

    @Override
    void finish(int scanned) {
      ObjectNode root = NODES.objectNode();
      root.put("tool", "warden");
      root.put("version", version());
      root.put("filesScanned", scanned);
      root.set("skipped", skippedFiles);
      root.put("findingCount", findings());
      root.set("findings", hits);
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
  }

  static final class Jsonl extends ScanReport {
    Jsonl(PrintWriter out, int sources) {
      super(out, sources);
    }

    @Override
    void hit(String file, Hit h, int[] pos, String value) {
      out.print(JSON.writeValueAsString(location(file, h, pos)) + "\n");
    }

    @Override
    void finish(int scanned) {}
  }

  /** SARIF 2.1.0: one run, the rules that fired, one result per finding. */
  static final class Sarif extends ScanReport {
    private final Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    private final ArrayNode rules = NODES.arrayNode();
    private final ArrayNode results = NODES.arrayNode();

    Sarif(PrintWriter out, int sources) {
      super(out, sources);
    }

    @Override
    void hit(String file, Hit h, int[] pos, String value) {
      Finding f = h.finding();
      Integer index = ruleIndex.get(f.ruleId());
      if (index == null) {
        index = rules.size();
        ruleIndex.put(f.ruleId(), index);
        ObjectNode rule = rules.addObject();
        rule.put("id", f.ruleId());
        rule.put("name", f.ruleId());
        rule.putObject("shortDescription").put("text", "Detects " + f.type() + " values");
        rule.putObject("properties").put("type", f.type());
      }
      ObjectNode r = results.addObject();
      r.put("ruleId", f.ruleId());
      r.put("ruleIndex", index);
      r.put("level", level(h.action()));
      r.putObject("message")
          .put(
              "text",
              String.format(
                  Locale.ROOT,
                  "%s found (rule %s, confidence %.2f, action %s); the value is not shown",
                  f.type(),
                  f.ruleId(),
                  f.confidence(),
                  h.action().id()));
      ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", uri(file));
      ObjectNode region = physical.putObject("region");
      region.put("startLine", pos[0]);
      region.put("startColumn", pos[1]);
      region.put("endLine", pos[2]);
      region.put("endColumn", pos[3]);
      r.putObject("properties").put("type", f.type()).put("confidence", f.confidence());
    }

    /** Block decisions are errors, other actions warnings, allowed values notes. */
    static String level(Action a) {
      return switch (a) {
        case Action.Block _ -> "error";
        case Action.Allow _ -> "note";
        default -> "warning";
      };
    }

    static String uri(String file) {
      if (file.equals("<stdin>")) {
        return "stdin";
      }
      String slashed = file.replace('\\', '/');
      try {
        return new URI(null, null, slashed, null).toASCIIString();
      } catch (URISyntaxException e) {
        return slashed;
      }
    }

    @Override
    void finish(int scanned) {
      ObjectNode root = NODES.objectNode();
      root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      root.put("version", "2.1.0");
      ObjectNode run = root.putArray("runs").addObject();
      ObjectNode driver = run.putObject("tool").putObject("driver");
      driver.put("name", "warden");
      driver.put("version", version());
      driver.put("semanticVersion", version().replace("-SNAPSHOT", ""));
      driver.set("rules", rules);
      run.put("columnKind", "utf16CodeUnits");
      run.set("results", results);
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
  }
}
