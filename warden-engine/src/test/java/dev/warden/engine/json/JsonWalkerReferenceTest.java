package dev.warden.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@link JsonWalker} against the walk it replaced, kept here as the reference: embedded JSON
 * serialized before and after the walk and compared, and every object's members copied and rebuilt.
 * The walker now re-serializes embedded JSON only when a visit changed a leaf inside it and
 * rebuilds an object only when a key is renamed; on random bodies and random rewrites both must
 * give the same document and see the same leaves.
 */
class JsonWalkerReferenceTest {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  final JsonBodies bodies = new JsonBodies(32, 1 << 20);

  static final String[] WORDS = {"a", "b", "SECRET", "K1", "K2", "{\"x\":1}", "[2,\"SECRET\"]", ""};

  @Test
  void randomBodiesAndRewritesGiveTheSameDocumentAsTheReferenceWalk() {
    SplittableRandom random = new SplittableRandom(4);
    int changed = 0;
    for (int n = 0; n < 2000; n++) {
      JsonNode body = tree(random, 0);
      String json = bodies.writeString(body);
      long seed = random.nextLong();
      List<String> fastSeen = new ArrayList<>();
      List<String> referenceSeen = new ArrayList<>();
      JsonNode fast =
          new JsonWalker(bodies).walk(bodies.parse(utf8(json)), rewrite(seed, fastSeen));
      JsonNode reference = referenceWalk(bodies.parse(utf8(json)), rewrite(seed, referenceSeen));

      assertThat(bodies.writeString(fast)).as(json).isEqualTo(bodies.writeString(reference));
      assertThat(fastSeen).as(json).isEqualTo(referenceSeen);
      changed += bodies.writeString(fast).equals(json) ? 0 : 1;
    }
    assertThat(changed).as("bodies the rewrite changed").isBetween(200, 1900);
  }

  /** Rewrites about one leaf in three (keys too, so renames and collisions happen). */
  private static JsonWalker.LeafVisitor rewrite(long seed, List<String> seen) {
    return (text, key, path) -> {
      seen.add(path + "=" + text + "@" + key);
      long h = seed ^ text.hashCode() * 0x9E3779B97F4A7C15L ^ path.hashCode();
      return Math.floorMod(h, 3) == 0 ? (text.startsWith("K") ? "[R]" : "<" + text + ">") : text;
    };
  }

  private JsonNode tree(SplittableRandom random, int depth) {
    return new RandomJsonTrees(
            bodies,
            WORDS,
            4,
            r -> NODES.numberNode(r.nextInt(3) == 0 ? 4111111111111111L : r.nextInt(100)),
            r -> r.nextBoolean() ? NODES.numberNode(0.5) : NODES.booleanNode(true))
        .tree(random, depth);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  // The reference: the walk as it was before the fourth detection pass (no binary leaves).

  private JsonNode referenceWalk(JsonNode root, JsonWalker.LeafVisitor visitor) {
    return referenceWalk(root, null, "", visitor, 0);
  }

  private JsonNode referenceWalk(
      JsonNode node, @Nullable String key, String path, JsonWalker.LeafVisitor visitor, int level) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
      boolean renamed = false;
      List<Map.Entry<String, JsonNode>> rebuilt = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : entries) {
        String childPath = path + "/" + JsonWalker.pathSegment(e.getKey());
        JsonNode replaced = referenceWalk(e.getValue(), e.getKey(), childPath, visitor, level);
        String newName = visitor.visit(e.getKey(), null, childPath + "#key");
        renamed |= !newName.equals(e.getKey());
        rebuilt.add(Map.entry(newName, replaced));
        if (replaced != e.getValue() && newName.equals(e.getKey())) {
          object.set(e.getKey(), replaced);
        }
      }
      if (renamed) {
        object.removeAll();
        for (Map.Entry<String, JsonNode> e : rebuilt) {
          String name = e.getKey();
          int n = 2;
          while (object.has(name)) {
            name = e.getKey() + "#" + n++;
          }
          object.set(name, e.getValue());
        }
      }
      return node;
    }
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        JsonNode replaced = referenceWalk(child, key, path + "/" + i, visitor, level);
        if (replaced != child) {
          array.set(i, replaced);
        }
      }
      return node;
    }
    if (node.isString()) {
      String text = node.asString();
      String trimmed = text.strip();
      if (level < JsonWalker.MAX_EMBEDDED_LEVELS
          && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
        JsonNode inner = bodies.parseEmbedded(text);
        if (inner != null && (inner.isObject() || inner.isArray())) {
          String before = bodies.writeString(inner);
          String after = bodies.writeString(referenceWalk(inner, key, path, visitor, level + 1));
          return after.equals(before) ? node : StringNode.valueOf(after);
        }
      }
      String out = visitor.visit(text, key, path);
      return out.equals(text) ? node : StringNode.valueOf(out);
    }
    if (node.isIntegralNumber()) {
      String digits = node.asString();
      String out = visitor.visit(digits, key, path);
      return out.equals(digits) ? node : StringNode.valueOf(out);
    }
    return node;
  }
}
