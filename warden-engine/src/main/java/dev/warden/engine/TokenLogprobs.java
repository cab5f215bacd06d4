package dev.warden.engine;

import dev.warden.engine.json.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes token log-probabilities from an answer before it is scanned, as the stream inspector does
 * for streamed answers (docs/streaming.md). They repeat the answer token by token — as strings and
 * as arrays of UTF-8 byte values ({@code "bytes": [65, 75, …]}) — so a value the scan redacts in
 * the text would still pass in pieces no scan sees whole.
 */
final class TokenLogprobs {
  /** The members that carry them: OpenAI (chat, completions, Responses parts), Gemini, Ollama. */
  private static final Set<String> NAMES = Set.of("logprobs", "logprobsResult");

  private static final byte[] HINT = "logprobs".getBytes(StandardCharsets.US_ASCII);

  private TokenLogprobs() {}

  /**
   * {@code body} with every non-null {@code logprobs} / {@code logprobsResult} member set to null;
   * the same array when it has none (a body without the word, or a {@code \\u} escape that could
   * spell it, is not parsed).
   *
   * @throws dev.warden.engine.json.BodyException when the body has to be parsed and is not
   *     acceptable JSON
   */
  static byte[] withoutThem(byte[] body, JsonBodies bodies) {
    if (!mayHold(body)) {
      return body;
    }
    JsonNode root = bodies.parse(body);
    return clear(root) ? bodies.write(root) : body;
  }

  private static boolean clear(JsonNode node) {
    boolean changed = false;
    if (node instanceof ObjectNode o) {
      for (String name : NAMES) {
        JsonNode v = o.get(name);
        if (v != null && !v.isNull()) {
          o.putNull(name);
          changed = true;
        }
      }
      for (JsonNode child : o) {
        changed |= clear(child);
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode child : a) {
        changed |= clear(child);
      }
    }
    return changed;
  }

  private static boolean mayHold(byte[] body) {
    outer:
    for (int i = 0; i < body.length; i++) {
      if (body[i] == '\\' && i + 1 < body.length && body[i + 1] == 'u') {
        return true;
      }
      if (i + HINT.length > body.length) {
        continue;
      }
      for (int j = 0; j < HINT.length; j++) {
        if (body[i + j] != HINT[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
