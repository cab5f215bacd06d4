package dev.warden.cli;

import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code warden scan --input-format jsonl --format jsonl}: one output line per input line, streamed
 * (one line in memory at a time, never the whole input).
 *
 * <p>Input: each non-blank line is a JSON object with {@code id} (a string or a number) and {@code
 * text} (a string); other fields are ignored. Output: {@code {"id": <as given>, "findings":
 * [{"type", "ruleId", "start", "end", "confidence"}]}}, findings sorted by position, offsets in
 * UTF-16 code units of the decoded {@code text} (Java {@code String} indices, JavaScript string
 * indices). A line that is not such an object, or longer than {@link #MAX_LINE_CHARS}, gets no
 * output line: stderr names its line number, scanning goes on, and the exit code is 2. Blank lines
 * are skipped. Otherwise the exit code is 1 when any line has a finding, else 0.
 */
final class JsonlScan {
  static final int MAX_LINE_CHARS = 64 << 20;
  private static final int FLUSH_EVERY = 256;

  /** Numeric ids keep their digits: no rounding through double, no trailing zeros stripped. */
  private static final JsonMapper IDS =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final Detector detector;
  private final PrintWriter err;
  private boolean found;
  private boolean invalid;

  JsonlScan(Detector detector, PrintWriter err) {
    this.detector = detector;
    this.err = err;
  }

  int run(List<ScanCommand.Source> sources, PrintWriter out) throws IOException {
    for (ScanCommand.Source s : sources) {
      java.nio.file.Path path = s.path();
      if (path == null) {
        // Never close the process's stdin: the reader only wraps it.
        scan(s, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
      } else {
        // Malformed UTF-8 becomes U+FFFD, like every other input path of scan.
        try (Reader r =
            new BufferedReader(
                new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8),
                1 << 16)) {
          scan(s, r, out);
        }
      }
    }
    out.flush();
    return invalid ? 2 : found ? 1 : 0;
  }

  private void scan(ScanCommand.Source source, Reader r, PrintWriter out) throws IOException {
    String prefix = sources1(source);
    StringBuilder line = new StringBuilder();
    long number = 0;
    boolean tooLong = false;
    int c;
    int pending = 0;
    while (true) {
      c = r.read();
      if (c == '\n' || c == -1) {
        if (c == -1 && line.isEmpty() && !tooLong) {
          break;
        }
        number++;
        if (tooLong) {
          error(prefix, number, "longer than " + MAX_LINE_CHARS + " characters");
        } else {
          String text = line.toString();
          if (!text.isBlank()) {
            String result = line(prefix, number, text);
            if (result != null) {
              out.print(result);
              out.print('\n');
              if (++pending >= FLUSH_EVERY) {
                out.flush();
                pending = 0;
              }
            }
          }
        }
        line.setLength(0);
        tooLong = false;
        if (c == -1) {
          break;
        }
        continue;
      }
      if (tooLong) {
        continue;
      }
      if (line.length() >= MAX_LINE_CHARS) {
        tooLong = true;
        line.setLength(0);
        continue;
      }
      line.append((char) c);
    }
  }

  private static String sources1(ScanCommand.Source s) {
    return s.path() == null ? "" : s.name() + ":";
  }

  /** The output line for one input line, or null (after an error on stderr). */
  private @org.jspecify.annotations.Nullable String line(String prefix, long number, String text) {
    JsonNode node;
    try {
      node = IDS.readTree(text);
    } catch (JacksonException e) {
      error(prefix, number, "not valid JSON");
      return null;
    }
    if (node == null || !node.isObject()) {
      error(prefix, number, "must be a JSON object {\"id\": …, \"text\": …}");
      return null;
    }
    JsonNode id = node.get("id");
    if (id == null || !(id.isString() || id.isNumber())) {
      error(prefix, number, "\"id\" must be a string or a number");
      return null;
    }
    JsonNode textNode = node.get("text");
    if (textNode == null || !textNode.isString()) {
      error(prefix, number, "\"text\" must be a string");
      return null;
    }
    List<Finding> findings = new ArrayList<>(detector.detect(ScanInput.text(textNode.asString())));
    findings.sort(
        java.util.Comparator.comparing(Finding::span)
            .thenComparing(Finding::type)
            .thenComparing(Finding::ruleId));
    ObjectNode outNode = ScanReport.NODES.objectNode();
    outNode.set("id", id);
    ArrayNode list = outNode.putArray("findings");
    for (Finding f : findings) {
      ObjectNode o = list.addObject();
      o.put("type", f.type());
      o.put("ruleId", f.ruleId());
      o.put("start", f.span().start());
      o.put("end", f.span().end());
      o.put("confidence", f.confidence());
    }
    found |= !findings.isEmpty();
    return IDS.writeValueAsString(outNode);
  }

  private void error(String prefix, long number, String problem) {
    invalid = true;
    err.println("warden: " + prefix + "line " + number + ": " + problem + "; line skipped");
  }
}
