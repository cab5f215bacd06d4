package dev.warden.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A cursor over one YAML mapping that remembers which keys were read, so {@link #finish()} can
 * reject every key nobody asked for. Each accessor names the full key path in its errors.
 */
final class ConfigNode {
  private final String path;
  private final JsonNode node;
  private final Set<String> read = new LinkedHashSet<>();

  ConfigNode(String path, JsonNode node) {
    if (!node.isObject()) {
      throw new ConfigException(path, "must be a mapping (key: value), got " + kind(node));
    }
    this.path = path;
    this.node = node;
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private @Nullable JsonNode take(String key) {
    read.add(key);
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  String string(String key, String fallback) {
    JsonNode v = take(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isString() && !v.isNumber() && !v.isBoolean()) {
      throw new ConfigException(path(key), "must be a string, got " + kind(v));
    }
    return v.asString();
  }

  <E> E choice(String key, E fallback, Map<String, E> allowed) {
    JsonNode v = take(key);
    if (v == null) {
      return fallback;
    }
    String raw = v.isString() || v.isBoolean() || v.isNumber() ? v.asString() : "(" + kind(v) + ")";
    E e = allowed.get(raw);
    if (e == null) {
      throw new ConfigException(
          path(key),
          "unknown value '" + raw + "'; allowed: " + String.join(", ", allowed.keySet()));
    }
    return e;
  }

  long integer(String key, long fallback, long min, long max) {
    JsonNode v = take(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber()) {
      throw new ConfigException(path(key), "must be a whole number, got " + kind(v));
    }
    long n = v.asLong();
    if (n < min || n > max) {
      throw new ConfigException(path(key), "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  double decimal(String key, double fallback, double min, double max) {
    JsonNode v = take(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new ConfigException(path(key), "must be a number, got " + kind(v));
    }
    double d = v.asDouble();
    if (!(d >= min && d <= max)) {
      throw new ConfigException(path(key), "must be between " + min + " and " + max + ", got " + d);
    }
    return d;
  }

  boolean bool(String key, boolean fallback) {
    JsonNode v = take(key);
    if (v == null) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new ConfigException(path(key), "must be true or false, got " + kind(v));
    }
    return v.asBoolean();
  }

  List<String> strings(String key) {
    JsonNode v = take(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new ConfigException(path(key), "must be a list, got " + kind(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isString()) {
        throw new ConfigException(path(key) + "[" + i + "]", "must be a string, got " + kind(item));
      }
      out.add(item.asString());
    }
    return out;
  }

  String requiredString(String key, String example) {
    String v = string(key, "");
    if (v.isEmpty()) {
      throw new ConfigException(path(key), "is required, e.g. " + example);
    }
    return v;
  }

  /** The key is present with a non-null value (does not mark it read). */
  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /**
   * A list of mappings, each read by {@code reader} (given the item and its index) and finished.
   */
  <T> List<T> mappings(String key, java.util.function.BiFunction<ConfigNode, Integer, T> reader) {
    JsonNode v = take(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new ConfigException(path(key), "must be a list of mappings, got " + kind(v));
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      ConfigNode item = new ConfigNode(path(key) + "[" + i + "]", v.get(i));
      out.add(reader.apply(item, i));
      item.finish();
    }
    return out;
  }

  /** This node's own path. */
  String path() {
    return path;
  }

  <T> T section(String key, Function<ConfigNode, T> reader) {
    JsonNode v = take(key);
    ConfigNode child =
        new ConfigNode(
            path(key),
            v == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : v);
    T value = reader.apply(child);
    child.finish();
    return value;
  }

  /** The keys present, in file order, marking them all as read. */
  List<String> keys() {
    List<String> keys = new ArrayList<>(node.propertyNames());
    read.addAll(keys);
    return keys;
  }

  JsonNode raw(String key) {
    JsonNode v = node.get(key);
    return v == null ? tools.jackson.databind.node.NullNode.getInstance() : v;
  }

  void finish() {
    for (String key : node.propertyNames()) {
      if (!read.contains(key)) {
        throw new ConfigException(
            path(key), "unknown key; allowed here: " + String.join(", ", read));
      }
    }
  }

  static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "a mapping";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "nothing";
      default -> v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
