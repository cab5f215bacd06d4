package dev.warden.engine.json;

import java.util.SplittableRandom;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Random JSON documents for the walker's and the rewrite's reference tests: objects and arrays up
 * to four levels, keys and strings drawn from a word list (with index suffixes, so keys collide and
 * do not), strings that hold JSON, and the test's own numbers and other scalars.
 */
record RandomJsonTrees(
    JsonBodies bodies,
    String[] words,
    int maxMembers,
    Function<SplittableRandom, JsonNode> number,
    Function<SplittableRandom, JsonNode> otherScalar) {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  JsonNode tree(SplittableRandom random, int depth) {
    int kind = depth >= 4 ? 2 + random.nextInt(3) : random.nextInt(5);
    switch (kind) {
      case 0 -> {
        ObjectNode o = NODES.objectNode();
        int size = random.nextInt(maxMembers);
        for (int i = 0; i < size; i++) {
          o.set(
              words[random.nextInt(words.length)] + (random.nextBoolean() ? "" : i),
              tree(random, depth + 1));
        }
        return o;
      }
      case 1 -> {
        ArrayNode a = NODES.arrayNode();
        int size = random.nextInt(maxMembers);
        for (int i = 0; i < size; i++) {
          a.add(tree(random, depth + 1));
        }
        return a;
      }
      case 2 -> {
        return random.nextInt(4) == 0
            ? StringNode.valueOf(bodies.writeString(tree(random, Math.min(depth + 2, 4))))
            : StringNode.valueOf(words[random.nextInt(words.length)]);
      }
      case 3 -> {
        return number.apply(random);
      }
      default -> {
        return otherScalar.apply(random);
      }
    }
  }
}
