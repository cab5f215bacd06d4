package dev.warden.engine.dialect;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Small readers shared by the dialects. */
final class Bodies {
  private Bodies() {}

  /** A string member of an object, or null when absent or not a string. */
  static @Nullable String stringField(JsonNode node, String name) {
    if (!node.isObject()) {
      return null;
    }
    JsonNode v = node.get(name);
    return v != null && v.isString() ? v.asString() : null;
  }

  /** The first present string member among {@code names} (snake_case and camelCase spellings). */
  static @Nullable String stringField(JsonNode node, String... names) {
    for (String n : names) {
      String v = stringField(node, n);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
