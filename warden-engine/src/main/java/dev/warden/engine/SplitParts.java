package dev.warden.engine;

import dev.warden.engine.json.JsonWalker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Where one message's text is split into parts that a reader sees as one text: consecutive elements
 * with a string {@code text} of a {@code content} or {@code parts} array (OpenAI and Anthropic
 * content blocks, Gemini parts, Responses output content). Every leaf is scanned on its own, so a
 * value cut at a part boundary ({@code "card 45396140"}, {@code "83160085"}) would reach the reader
 * whole; this reads each boundary with up to {@value #EDGE} characters of the run on either side,
 * across empty parts and across parts shorter than that.
 *
 * <p>Only the parts of one array named {@code content} or {@code parts} are joined — never two
 * messages or two completions ({@code choices}), whose join would make text no one wrote. Read
 * before the body is rewritten. Linear in the body: a path is built only for a reported boundary.
 */
final class SplitParts {
  private SplitParts() {}

  /** Characters read on each side of a boundary. */
  static final int EDGE = 256;

  /** Deeper than any body {@link dev.warden.engine.json.JsonBodies} accepts. */
  private static final int MAX_DEPTH = 1_100;

  /** Receives one boundary: the array's path, the joined edges and where the second one starts. */
  @FunctionalInterface
  interface Boundary {
    void read(String path, String edges, int split);
  }

  /** Calls {@code boundary} for every boundary between consecutive text parts in {@code root}. */
  static void forEach(JsonNode root, Boundary boundary) {
    visit(root, new ArrayList<>(), null, boundary);
  }

  private static void visit(
      JsonNode node, List<String> segments, @Nullable String name, Boundary boundary) {
    if (segments.size() > MAX_DEPTH) {
      return;
    }
    if (node.isArray()) {
      if ("content".equals(name) || "parts".equals(name)) {
        boundaries(node, segments, boundary);
      }
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        if (element.isContainer()) {
          segments.add(Integer.toString(i));
          visit(element, segments, null, boundary);
          segments.removeLast();
        }
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getValue().isContainer()) {
          segments.add(JsonWalker.pathSegment(e.getKey()));
          visit(e.getValue(), segments, e.getKey(), boundary);
          segments.removeLast();
        }
      }
    }
  }

  /** The boundaries of each run of consecutive text parts of {@code array}. */
  private static void boundaries(JsonNode array, List<String> segments, Boundary boundary) {
    StringBuilder tail = new StringBuilder(); // the run so far, its last EDGE characters
    for (int i = 0; i < array.size(); i++) {
      @Nullable String text = textOf(array.get(i));
      if (text == null) {
        tail.setLength(0); // an image or a tool call ends the run
        continue;
      }
      if (text.isEmpty()) {
        continue;
      }
      if (!tail.isEmpty()) {
        String right = ahead(array, i);
        boundary.read("/" + String.join("/", segments), tail + right, tail.length());
      }
      tail.append(text);
      if (tail.length() > EDGE) {
        tail.delete(0, tail.length() - EDGE);
      }
    }
  }

  /** Up to {@value #EDGE} characters of the run from part {@code from} on. */
  private static String ahead(JsonNode array, int from) {
    StringBuilder right = new StringBuilder();
    for (int k = from; k < array.size() && right.length() < EDGE; k++) {
      @Nullable String text = textOf(array.get(k));
      if (text == null) {
        break;
      }
      right.append(text, 0, Math.min(text.length(), EDGE - right.length()));
    }
    return right.toString();
  }

  private static @Nullable String textOf(JsonNode element) {
    if (element.isObject() && element.get("text") instanceof JsonNode t && t.isString()) {
      return t.asString();
    }
    return null;
  }
}
