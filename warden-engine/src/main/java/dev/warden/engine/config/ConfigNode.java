package dev.warden.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cursor over one YAML mapping that remembers which keys were read, so {@link #finish()} can
 * reject every key nobody asked for. Each accessor names the full key path in its errors.
 *
 * <p>Each accessor also writes the value it settled on (the file's, or the default) into a mirror
 * tree, {@link #effective()}: that is what {@code warden config show} prints, so a section read
 * through this class is shown without extra code. Values read with {@link #secret} appear there
 * only as {@link #REDACTED}, and their paths are collected in {@link #secretPaths()}.
 */
final class ConfigNode {
  /** What {@code config show} prints instead of a secret value. */
  static final String REDACTED = "(redacted)";

  private final String path;
  private final JsonNode node;
  private final Set<String> read = new LinkedHashSet<>();
  private final ObjectNode out;
  private final Set<String> secrets;

  ConfigNode(String path, JsonNode node) {
    this(path, node, JsonNodeFactory.instance.objectNode(), new java.util.TreeSet<>());
  }

  private ConfigNode(String path, JsonNode node, ObjectNode out, Set<String> secrets) {
    if (!node.isObject()) {
      throw new ConfigException(path, "must be a mapping (key: value), got " + kind(node));
    }
    this.path = path;
    this.node = node;
    this.out = out;
    this.secrets = secrets;
  }

  /** The values read so far (defaults included), secrets redacted. */
  ObjectNode effective() {
    return out;
  }

  /** Key paths read with {@link #secret}, in this node and all below it. */
  Set<String> secretPaths() {
    return secrets;
  }

  /** Records a value computed by the caller (e.g. a merged map) in the effective tree. */
  void show(String key, JsonNode value) {
    out.set(key, value);
  }

  /**
   * A secret-bearing string (a password, a key): read like {@link #string}, shown only as {@link
   * #REDACTED}, and refused from the {@code WARDEN_*} environment overlay.
   */
  String secret(String key, String fallback) {
    String v = string(key, fallback);
    secrets.add(path(key));
    out.put(key, v.isEmpty() ? "" : REDACTED);
    return v;
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
      out.put(key, fallback);
      return fallback;
    }
    if (!v.isString() && !v.isNumber() && !v.isBoolean()) {
      throw new ConfigException(path(key), "must be a string, got " + kind(v));
    }
    out.put(key, v.asString());
    return v.asString();
  }

  <E> E choice(String key, E fallback, Map<String, E> allowed) {
    JsonNode v = take(key);
    if (v == null) {
      allowed.forEach((name, value) -> {
        if (value.equals(fallback) && !out.has(key)) {
          out.put(key, name);
        }
      });
      return fallback;
    }
    String raw = v.isString() || v.isBoolean() || v.isNumber() ? v.asString() : "(" + kind(v) + ")";
    E e = allowed.get(raw);
    if (e == null) {
      throw new ConfigException(
          path(key),
          "unknown value '" + raw + "'; allowed: " + String.join(", ", allowed.keySet()));
    }
    out.put(key, raw);
    return e;
  }

  long integer(String key, long fallback, long min, long max) {
    JsonNode v = take(key);
    if (v == null) {
      out.put(key, fallback);
      return fallback;
    }
    if (!v.isIntegralNumber()) {
      throw new ConfigException(path(key), "must be a whole number, got " + kind(v));
    }
    long n = v.asLong();
    if (n < min || n > max) {
      throw new ConfigException(path(key), "must be between " + min + " and " + max + ", got " + n);
    }
    out.put(key, n);
    return n;
  }

  double decimal(String key, double fallback, double min, double max) {
    JsonNode v = take(key);
    if (v == null) {
      out.put(key, fallback);
      return fallback;
    }
    if (!v.isNumber()) {
      throw new ConfigException(path(key), "must be a number, got " + kind(v));
    }
    double d = v.asDouble();
    if (!(d >= min && d <= max)) {
      throw new ConfigException(path(key), "must be between " + min + " and " + max + ", got " + d);
    }
    out.put(key, d);
    return d;
  }

  boolean bool(String key, boolean fallback) {
    JsonNode v = take(key);
    if (v == null) {
      out.put(key, fallback);
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new ConfigException(path(key), "must be true or false, got " + kind(v));
    }
    out.put(key, v.asBoolean());
    return v.asBoolean();
  }

  List<String> strings(String key) {
    JsonNode v = take(key);
    if (v == null) {
      out.putArray(key);
      return List.of();
    }
    if (!v.isArray()) {
      throw new ConfigException(path(key), "must be a list, got " + kind(v));
    }
    List<String> list = new ArrayList<>();
    ArrayNode shown = out.putArray(key);
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isString()) {
        throw new ConfigException(path(key) + "[" + i + "]", "must be a string, got " + kind(item));
      }
      list.add(item.asString());
      shown.add(item.asString());
    }
    return list;
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
    ArrayNode shown = out.putArray(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new ConfigException(path(key), "must be a list of mappings, got " + kind(v));
    }
    List<T> list = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      ConfigNode item =
          new ConfigNode(path(key) + "[" + i + "]", v.get(i), shown.addObject(), secrets);
      list.add(reader.apply(item, i));
      item.finish();
    }
    return list;
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
            v == null ? JsonNodeFactory.instance.objectNode() : v,
            out.putObject(key),
            secrets);
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
