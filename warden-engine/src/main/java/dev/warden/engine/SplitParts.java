package dev.warden.engine;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Where one message's text is split into parts that a reader sees as one text: consecutive elements
 * of an array that each carry a string {@code text} (OpenAI and Anthropic content blocks, Gemini
 * {@code parts}, Responses output content). Every leaf is scanned on its own, so a value cut at a
 * part boundary ({@code "card 45396140"}, {@code "83160085"}) would reach the reader whole; this
 * reads each boundary with up to {@value #EDGE} characters on either side.
 *
 * <p>Only consecutive text parts of one array are joined — never two messages, whose join would
 * make text no one wrote — and only at the boundary, so the cost is bounded by the number of parts.
 */
final class SplitParts {
  private SplitParts() {}

  /** Characters read on each side of a boundary. */
  static final int EDGE = 256;

  /** Deeper than any body {@link dev.warden.engine.json.JsonBodies} accepts. */
  private static final int MAX_DEPTH = 256;

  /** Receives one boundary: the array's path, the joined edges and where the second one starts. */
  @FunctionalInterface
  interface Boundary {
    void read(String path, String edges, int split);
  }

  /** Calls {@code boundary} for every boundary between consecutive text parts in {@code root}. */
  static void forEach(JsonNode root, Boundary boundary) {
    visit(root, "", boundary, 0);
  }

  private static void visit(JsonNode node, String path, Boundary boundary, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    if (node.isArray()) {
      @Nullable String previous = null;
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        @Nullable String text = textOf(element);
        if (previous != null && text != null && !previous.isEmpty() && !text.isEmpty()) {
          String left = previous.substring(Math.max(0, previous.length() - EDGE));
          String right = text.substring(0, Math.min(EDGE, text.length()));
          boundary.read(path, left + right, left.length());
        }
        previous = text;
        visit(element, path + "/" + i, boundary, depth + 1);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        visit(e.getValue(), path + "/" + escape(e.getKey()), boundary, depth + 1);
      }
    }
  }

  private static @Nullable String textOf(JsonNode element) {
    if (element.isObject() && element.get("text") instanceof JsonNode t && t.isString()) {
      return t.asString();
    }
    return null;
  }

  /** JSON Pointer escaping (RFC 6901). */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
