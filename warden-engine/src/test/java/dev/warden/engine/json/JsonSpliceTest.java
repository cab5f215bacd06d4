package dev.warden.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * {@link JsonSplice} (the body's bytes with the changed leaves rewritten) against the path it
 * replaces, writing the walked tree back ({@link JsonBodies#write}): on random bodies, random
 * rewrites of values, numbers and keys (renames that collide included) and random binary leaves,
 * the splice must be byte-identical to the written tree when the body arrived as that writer writes
 * it, and parse to the same tree when it arrived pretty-printed or with escapes the writer does not
 * use.
 */
class JsonSpliceTest {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  final JsonBodies bodies = new JsonBodies(32, 1 << 22);
  final JsonWalker walker = new JsonWalker(bodies);

  static final String[] WORDS = {
    "a",
    "b",
    "SECRET",
    "K1",
    "K2",
    "",
    "tab\there",
    "quote\"q",
    "back\\slash",
    "a/b",
    "é",
    "한국어",
    "😀",
    "\u2028",
    "\u0001",
    "{\"x\":1}",
    "[2,\"SECRET\",{\"K1\":\"SECRET\"}]",
    " {\"k\":\"SECRET\"}"
  };

  @Test
  void quotingIsTheWritersOnRandomStrings() {
    SplittableRandom random = new SplittableRandom(7);
    String alphabet = "aZ09 \"\\/\b\t\n\f\r\u0000\u001f\u007f\u0080é\u07ff\u0800한\u2028\ufffd";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        switch (random.nextInt(6)) {
          case 0 -> s.append("😀"); // a valid surrogate pair
          case 1 -> s.append(random.nextBoolean() ? '\ud83d' : '\ude00'); // a lone surrogate
          default -> s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String text = s.toString();
      assertThat(JsonSplice.quote(text))
          .as("%s", text.chars().mapToObj(Integer::toHexString).toList())
          .isEqualTo(bodies.write(StringNode.valueOf(text)));
    }
  }

  @Test
  void theWordAtATimeStringEndAgreesWithAByteByByteScan() {
    SplittableRandom random = new SplittableRandom(13);
    byte[] alphabet = {
      'a', ' ', '"', '\\', '/', 'u', '0', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, 0
    };
    for (int n = 0; n < 50_000; n++) {
      byte[] body = new byte[1 + random.nextInt(80)];
      int rare = 1 + random.nextInt(40); // how sparse quotes and backslashes are
      for (int i = 0; i < body.length; i++) {
        body[i] =
            random.nextInt(rare) == 0
                ? alphabet[random.nextInt(alphabet.length)]
                : alphabet[random.nextBoolean() ? 0 : 4 + random.nextInt(7)];
      }
      int start = random.nextInt(body.length);
      assertThat(JsonSplice.stringEnd(body, start))
          .as("%s from %d", java.util.Arrays.toString(body), start)
          .isEqualTo(byteByByteStringEnd(body, start));
    }
  }

  /** The reference: the closing quote found one byte at a time, a backslash skipping the next. */
  private static int byteByByteStringEnd(byte[] body, int start) {
    int j = start + 1;
    while (j < body.length) {
      if (body[j] == '"') {
        return j + 1;
      }
      j += body[j] == '\\' ? 2 : 1;
    }
    return body.length;
  }

  @Test
  void randomRewritesOfCompactBodiesAreByteIdenticalToWritingTheTree() {
    SplittableRandom random = new SplittableRandom(11);
    int changed = 0;
    for (int n = 0; n < 3000; n++) {
      byte[] body = bodies.write(tree(random, 0));
      long seed = random.nextLong();
      byte[] spliced = splice(body, seed);
      byte[] written = writeBack(body, seed);
      assertThat(utf8(spliced)).as(utf8(body)).isEqualTo(utf8(written));
      changed += spliced == body ? 0 : 1;
    }
    assertThat(changed).as("bodies the rewrite changed").isBetween(300, 2900);
  }

  @Test
  void randomRewritesOfPrettyAndEscapedBodiesParseToTheWrittenTree() {
    SplittableRandom random = new SplittableRandom(12);
    var pretty = bodies.mapper().writerWithDefaultPrettyPrinter();
    int differentBytes = 0;
    for (int n = 0; n < 2000; n++) {
      JsonNode tree = tree(random, 0);
      String text = pretty.writeValueAsString(tree);
      // Escapes a client may use that the writer does not: \/ and backslash-u for non-ASCII.
      text = escapeSome(text, random);
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      if (random.nextInt(8) == 0) {
        body = withByteOrderMark(body);
      }
      long seed = random.nextLong();
      byte[] spliced = splice(body, seed);
      byte[] written = writeBack(body, seed);
      assertThat(bodies.parse(spliced)).as(text).isEqualTo(bodies.parse(written));
      differentBytes += java.util.Arrays.equals(spliced, written) ? 0 : 1;
    }
    assertThat(differentBytes).as("bodies whose bytes keep the client's form").isGreaterThan(300);
  }

  @Test
  void aBodyWithoutChangesIsReturnedAsItIs() {
    byte[] body = "{ \"a\" : [1, true, null, \"x\"] }".getBytes(StandardCharsets.UTF_8);
    JsonSplice splice = new JsonSplice();
    walker.walk(bodies.parse(body), (t, k, p) -> t, JsonWalker.BinaryLeaves.NONE, splice);
    assertThat(splice.size()).isZero();
    assertThat(splice.apply(body)).isSameAs(body);
  }

  @Test
  void editsThatDoNotBelongToTheBodyAreRefusedNotApplied() {
    JsonSplice splice = new JsonSplice();
    splice.add(5, "x");
    byte[] body = "[1,2]".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> splice.apply(body))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("leaf 5")
        .hasMessageContaining("2 tokens");
  }

  /** The splice path: walk with the rewrite, then rewrite the body's bytes. */
  private byte[] splice(byte[] body, long seed) {
    JsonSplice splice = new JsonSplice();
    walker.walk(bodies.parse(body), rewrite(seed), binary(seed), splice);
    return splice.apply(body);
  }

  /** The reference: the same walk, then the tree written back (as before), or the body as it is. */
  private byte[] writeBack(byte[] body, long seed) {
    JsonSplice changes = new JsonSplice();
    JsonNode out = walker.walk(bodies.parse(body), rewrite(seed), binary(seed), changes);
    return changes.size() == 0 ? body : bodies.write(out);
  }

  /** Rewrites about one leaf in three (keys too, so renames and collisions happen). */
  private static JsonWalker.LeafVisitor rewrite(long seed) {
    return (text, key, path) -> {
      long h = seed ^ text.hashCode() * 0x9E3779B97F4A7C15L ^ path.hashCode();
      return switch (Math.floorMod(h, 6)) {
        case 0 -> text.startsWith("K") ? "[R]" : "<" + text + ">";
        case 1 -> "\"é\t/" + text.length();
        default -> text;
      };
    };
  }

  /** Declares about one string value of the body in five binary (not seen, not rewritten). */
  private static JsonWalker.BinaryLeaves binary(long seed) {
    return (path, container, key, value) ->
        Math.floorMod(seed * 31 + path.hashCode() ^ value.hashCode(), 5) == 0;
  }

  private JsonNode tree(SplittableRandom random, int depth) {
    return new RandomJsonTrees(
            bodies,
            WORDS,
            5,
            r ->
                switch (r.nextInt(4)) {
                  case 0 -> NODES.numberNode(4111111111111111L);
                  case 1 -> NODES.numberNode(-r.nextInt(100));
                  case 2 -> NODES.numberNode(4.111111111111111e15);
                  default -> NODES.numberNode(r.nextInt(100));
                },
            r ->
                switch (r.nextInt(4)) {
                  case 0 -> NODES.numberNode(0.5);
                  case 1 -> NODES.booleanNode(r.nextBoolean());
                  case 2 -> NODES.nullNode();
                  default -> NODES.numberNode(-1.25e-7);
                })
        .tree(random, depth);
  }

  /** Replaces some {@code /} by {@code \/} and some non-ASCII characters by backslash-u escapes. */
  private static String escapeSome(String json, SplittableRandom random) {
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"' && (i == 0 || json.charAt(i - 1) != '\\' || escapedBackslash(json, i))) {
        inString = !inString;
      }
      if (inString && c == '/' && random.nextBoolean()) {
        out.append("\\/");
      } else if (inString && c > 0x7f && random.nextBoolean()) {
        out.append(String.format("\\u%04x", (int) c));
        if (Character.isHighSurrogate(c) && i + 1 < json.length()) {
          out.append(String.format("\\u%04x", (int) json.charAt(++i)));
        }
      } else if (Character.isHighSurrogate(c) && i + 1 < json.length()) {
        out.append(c).append(json.charAt(++i)); // a pair is escaped whole or not at all
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The quote at {@code i} follows an even run of backslashes, so it is not escaped. */
  private static boolean escapedBackslash(String json, int i) {
    int run = 0;
    for (int j = i - 1; j >= 0 && json.charAt(j) == '\\'; j--) {
      run++;
    }
    return run % 2 == 0;
  }

  private static byte[] withByteOrderMark(byte[] body) {
    byte[] out = new byte[body.length + 3];
    out[0] = (byte) 0xEF;
    out[1] = (byte) 0xBB;
    out[2] = (byte) 0xBF;
    System.arraycopy(body, 0, out, 3, body.length);
    return out;
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
