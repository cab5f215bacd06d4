package dev.warden.engine.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Visits every scannable leaf of a JSON body — string values, whole-number values (a card number
 * can arrive as a number, also as {@code 4.111111111111111e15}: {@link #wholeNumberDigits}) and
 * object keys — and rewrites the ones the visitor changes, in place.
 *
 * <p>Every position is scanned, not only the known message fields: a gateway that scans only {@code
 * messages[].content} leaks whatever a client puts elsewhere. Strings that hold JSON (OpenAI
 * tool-call {@code arguments}) are parsed and walked as JSON, so their key names give context, and
 * re-serialized only when something inside changed; at most {@value #MAX_EMBEDDED_LEVELS} levels.
 *
 * <p>Paths name array indexes and plain key names only (see {@link #pathSegment}).
 *
 * <p>A {@link BinaryLeaves} predicate may declare string values binary content (an image, audio):
 * those are passed on unchanged and never shown to the visitor. It is asked only about values of
 * the body itself, never about values inside embedded JSON.
 */
public final class JsonWalker {
  static final int MAX_EMBEDDED_LEVELS = 2;

  /** Sees one leaf; returns the replacement text, or the same instance to leave it. */
  @FunctionalInterface
  public interface LeafVisitor {
    /**
     * @param text the leaf's text
     * @param key the nearest object key above the leaf, for context; {@code null} at the root or
     *     for a key itself
     * @param path pointer-style location, e.g. {@code /messages/1/content}
     */
    String visit(String text, @Nullable String key, String path);
  }

  /** Says which string values are binary content, passed on without being scanned as text. */
  @FunctionalInterface
  public interface BinaryLeaves {
    /**
     * @param path the value's path
     * @param container the object or array holding the value
     * @param key the member name, or {@code null} for an array element
     * @param value the string value
     * @return true to pass the value on unscanned
     */
    boolean isBinary(String path, JsonNode container, @Nullable String key, String value);

    /** Every string is text. */
    BinaryLeaves NONE = (path, container, key, value) -> false;
  }

  private final JsonBodies bodies;

  public JsonWalker(JsonBodies bodies) {
    this.bodies = bodies;
  }

  /** Walks {@code root}; returns the root to use afterwards (it may be a new node). */
  public JsonNode walk(JsonNode root, LeafVisitor visitor) {
    return walk(root, visitor, BinaryLeaves.NONE);
  }

  /** Walks {@code root}, passing over the values {@code binary} declares binary. */
  public JsonNode walk(JsonNode root, LeafVisitor visitor, BinaryLeaves binary) {
    return walk(root, null, "", new Visit(visitor, binary, null, null), 0);
  }

  /**
   * Walks {@code root} as {@link #walk(JsonNode, LeafVisitor, BinaryLeaves)} does and also records
   * every leaf of the body it changed in {@code splice} (by its place among the body's tokens), so
   * that {@link JsonSplice#apply} can rewrite the body's bytes instead of writing the tree.
   */
  public JsonNode walk(JsonNode root, LeafVisitor visitor, BinaryLeaves binary, JsonSplice splice) {
    return walk(root, null, "", new Visit(visitor, binary, null, splice), 0);
  }

  /** One walk's visitor and binary predicate, and whether any visit changed a leaf. */
  private static final class Visit {
    private final LeafVisitor visitor;
    private final BinaryLeaves binary;
    private final @Nullable Visit outer;
    private final @Nullable JsonSplice splice;
    private boolean changed;

    /** The next scalar token's place in the document (keys included), for {@link #splice}. */
    private int ordinal;

    /** The ordinals of the keys of the objects being walked, innermost last. */
    private int[] keyOrdinals = new int[16];

    private int keyDepth;

    Visit(
        LeafVisitor visitor,
        BinaryLeaves binary,
        @Nullable Visit outer,
        @Nullable JsonSplice splice) {
      this.visitor = visitor;
      this.binary = binary;
      this.outer = outer;
      this.splice = splice;
    }

    int nextOrdinal() {
      return ordinal++;
    }

    /** Records a changed leaf of the body; leaves inside embedded JSON change their string. */
    void changedLeaf(int leafOrdinal, JsonNode replaced) {
      if (splice != null) {
        splice.add(leafOrdinal, replaced.asString());
      }
    }

    void pushKey(int keyOrdinal) {
      if (keyDepth == keyOrdinals.length) {
        keyOrdinals = java.util.Arrays.copyOf(keyOrdinals, keyDepth * 2);
      }
      keyOrdinals[keyDepth++] = keyOrdinal;
    }

    boolean skip(int level, String path, JsonNode container, @Nullable String key, JsonNode v) {
      return level == 0 && v.isString() && binary.isBinary(path, container, key, v.asString());
    }

    String visit(String text, @Nullable String key, String path) {
      String out = visitor.visit(text, key, path);
      if (!out.equals(text)) {
        for (Visit v = this; v != null; v = v.outer) {
          v.changed = true;
        }
      }
      return out;
    }

    /** A visit for an embedded document, whose changes also count as this one's. */
    Visit tracking() {
      return new Visit(visitor, binary, this, null);
    }

    boolean changed() {
      return changed;
    }
  }

  private JsonNode walk(JsonNode node, @Nullable String key, String path, Visit visit, int level) {
    if (node.isObject()) {
      walkObject((ObjectNode) node, path, visit, level);
      return node;
    }
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        String childPath = path + "/" + i;
        if (visit.skip(level, childPath, array, null, child)) {
          visit.nextOrdinal();
          continue;
        }
        JsonNode replaced = walk(child, key, childPath, visit, level);
        if (replaced != child) {
          array.set(i, replaced);
        }
      }
      return node;
    }
    int leafOrdinal = visit.nextOrdinal();
    JsonNode out = node;
    if (node.isString()) {
      out = walkString(node.asString(), key, path, visit, level, node);
    } else if (node.isNumber()) {
      String digits = wholeNumberDigits(node);
      if (digits != null) {
        String visited = visit.visit(digits, key, path);
        out = visited.equals(digits) ? node : StringNode.valueOf(visited);
      }
    }
    if (out != node) {
      visit.changedLeaf(leafOrdinal, out);
    }
    return out;
  }

  /**
   * The digits of a number that is a whole number: an integer as written, and a floating-point
   * number whose value is whole ({@code 4.111111111111111e15}, {@code 4111111111111111.0} — how a
   * tool or a model may serialize a card number) in plain notation; {@code null} for a fraction.
   * Beyond 2<sup>53</sup> a double no longer holds every whole number, so the digits would not be
   * the ones written: such a float is left out.
   */
  static @Nullable String wholeNumberDigits(JsonNode number) {
    if (number.isIntegralNumber()) {
      return number.asString();
    }
    if (number.isBigDecimal()) {
      java.math.BigDecimal value = number.decimalValue().stripTrailingZeros();
      return value.scale() <= 0 && value.precision() - value.scale() <= 19
          ? value.toBigInteger().toString()
          : null;
    }
    double value = number.doubleValue();
    return Math.abs(value) < 0x1p53 && value == Math.rint(value)
        ? Long.toString((long) value)
        : null;
  }

  private JsonNode walkString(
      String text, @Nullable String key, String path, Visit visit, int level, JsonNode self) {
    if (level < MAX_EMBEDDED_LEVELS && looksLikeJson(text)) {
      JsonNode inner = bodies.parseEmbedded(text);
      if (inner != null && (inner.isObject() || inner.isArray())) {
        // Re-serialized only when a leaf inside changed: a tree no visit changed writes back as
        // it was parsed, so comparing a before and an after serialization told nothing more.
        Visit tracking = visit.tracking();
        JsonNode walked = walk(inner, key, path, tracking, level + 1);
        return tracking.changed() ? StringNode.valueOf(bodies.writeString(walked)) : self;
      }
    }
    String out = visit.visit(text, key, path);
    return out.equals(text) ? self : StringNode.valueOf(out);
  }

  private void walkObject(ObjectNode object, String path, Visit visit, int level) {
    // Values are replaced while iterating (a put on a present key is no structural change); new
    // key names are collected only once a key is renamed, which is rare.
    String @Nullable [] newNames = null;
    int index = 0;
    int keysBelow = visit.keyDepth;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      String name = e.getKey();
      String childPath = path + "/" + pathSegment(name);
      JsonNode value = e.getValue();
      visit.pushKey(visit.nextOrdinal());
      if (visit.skip(level, childPath, object, name, value)) {
        visit.nextOrdinal();
      } else {
        JsonNode replaced = walk(value, name, childPath, visit, level);
        if (replaced != value) {
          object.set(name, replaced);
        }
      }
      String newName = visit.visit(name, null, childPath + "#key");
      if (newNames == null && !newName.equals(name)) {
        newNames = new String[object.size()];
        int i = 0;
        for (String earlier : object.propertyNames()) {
          if (i == index) {
            break;
          }
          newNames[i++] = earlier;
        }
      }
      if (newNames != null) {
        newNames[index] = newName;
      }
      index++;
    }
    if (newNames != null) {
      List<String> oldNames = new ArrayList<>(object.propertyNames());
      List<JsonNode> values = new ArrayList<>(object.size());
      object.values().forEach(values::add);
      object.removeAll();
      for (int i = 0; i < newNames.length; i++) {
        // Two keys redacted to the same text must not collapse into one and drop a value.
        String name = newNames[i];
        int n = 2;
        while (object.has(name)) {
          name = newNames[i] + "#" + n++;
        }
        object.set(name, values.get(i));
        if (!name.equals(oldNames.get(i))) {
          visit.changedLeaf(visit.keyOrdinals[keysBelow + i], StringNode.valueOf(name));
        }
      }
    }
    visit.keyDepth = keysBelow;
  }

  private static boolean looksLikeJson(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i < s.length() && (s.charAt(i) == '{' || s.charAt(i) == '[');
  }

  /**
   * Paths are recorded in the ledger, and a client may put a secret in a key name; so a key appears
   * in a path only when it is plainly a field name (letters, {@code _}, {@code -}), else as {@code
   * *}. Random tokens, emails and numbers all contain other characters.
   */
  public static String pathSegment(String key) {
    return !key.isEmpty() && dev.warden.api.PlainText.isPlain(key, "_-", 40) && !hasDigit(key)
        ? key
        : "*";
  }

  private static boolean hasDigit(String key) {
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) >= '0' && key.charAt(i) <= '9') {
        return true;
      }
    }
    return false;
  }
}
