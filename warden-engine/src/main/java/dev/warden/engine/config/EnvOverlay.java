package dev.warden.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code WARDEN_*} environment overlay: a variable sets one key of {@code warden.yaml} before
 * the file is validated, so it passes the same checks and shows in {@code warden config show}.
 *
 * <p>Name mapping: {@code WARDEN_} + the key path with dots as underscores, upper-cased; camelCase
 * keys keep no separator ({@code server.port} ← {@code WARDEN_SERVER_PORT}, {@code
 * server.maxBodyBytes} ← {@code WARDEN_SERVER_MAXBODYBYTES}, {@code policy.types.us_ssn} ← {@code
 * WARDEN_POLICY_TYPES_US_SSN}). The keys are every setting {@link ConfigLoader} reads, taken from
 * the defaults, so new settings join without a table here. Values are YAML scalars ({@code 8081},
 * {@code true}, {@code block}); a list is a YAML flow list ({@code [a, b]}) or comma-separated.
 *
 * <p>Refused, each naming the variable: a variable whose first part is a top-level section but that
 * names no key (a typo such as {@code WARDEN_SERVER_PROT}); a variable for a secret-bearing key
 * (those come from the file only, so they never sit in a process environment that child processes
 * and crash reports inherit). Other {@code WARDEN_*} variables ({@code WARDEN_LOG_LEVEL}, {@code
 * WARDEN_BUILD_LOCK}) configure the launcher and are ignored here.
 */
public final class EnvOverlay {
  public static final String PREFIX = "WARDEN_";

  private EnvOverlay() {}

  /**
   * The tree with the overlay applied, and which variable set which path.
   *
   * @param setBy key path → the variable that set it
   */
  public record Applied(JsonNode tree, Map<String, String> setBy) {
    public Applied {
      setBy = Collections.unmodifiableMap(new TreeMap<>(setBy));
    }
  }

  /** Variable name → key path, for every key the environment may set. */
  public static Map<String, String> names() {
    return new Known(ConfigLoader.fromTree(JsonNodeFactory.instance.objectNode())).byName;
  }

  /**
   * Applies the {@code WARDEN_*} variables of {@code env} to a copy of {@code root}.
   *
   * @throws ConfigException naming the variable, if it is unknown but looks like a key, sets a
   *     secret, or is not valid YAML
   */
  public static Applied apply(JsonNode root, Map<String, String> env) {
    // Read off the defaults per call: detection types registered later change the key set.
    return apply(root, env, ConfigLoader.fromTree(JsonNodeFactory.instance.objectNode()));
  }

  /** {@link #apply(JsonNode, Map)} with the keys read off {@code defaults}. */
  static Applied apply(JsonNode root, Map<String, String> env, ConfigLoader.Loaded defaults) {
    if (!(root instanceof ObjectNode original)) {
      // Let the loader report a non-mapping document with its own message.
      return new Applied(root, Map.of());
    }
    Known known = new Known(defaults);
    ObjectNode tree = original.deepCopy();
    Map<String, String> setBy = new LinkedHashMap<>();
    for (String name : new TreeSet<>(env.keySet())) {
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      String path = known.byName.get(name);
      if (path == null) {
        String first = name.substring(PREFIX.length()).split("_", 2)[0];
        if (known.sections.contains(first)) {
          throw new ConfigException(
              "",
              "environment variable "
                  + name
                  + " names no configuration key"
                  + suggestion(name, known.byName.keySet())
                  + "; see docs/configuration.md (Environment overlay) for the names");
        }
        continue;
      }
      if (known.secrets.contains(path)) {
        throw new ConfigException(
            path,
            "is secret-bearing and cannot come from the environment ("
                + name
                + "); set it in warden.yaml, which Warden expects to be readable by its owner only");
      }
      String raw = env.get(name);
      set(tree, path, value(name, raw == null ? "" : raw, known.lists.contains(path)));
      setBy.put(path, name);
    }
    return new Applied(tree, setBy);
  }

  private static JsonNode value(String name, String raw, boolean list) {
    String text = raw.strip();
    if (list && !text.startsWith("[")) {
      ArrayNode items = JsonNodeFactory.instance.arrayNode();
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
      return items;
    }
    if (text.isEmpty()) {
      return JsonNodeFactory.instance.stringNode("");
    }
    try {
      return ConfigLoader.parseYaml(text);
    } catch (ConfigException e) {
      throw new ConfigException("", "environment variable " + name + ": " + e.getMessage());
    }
  }

  /**
   * A copy of {@code root} with each dotted key path set to its value (command-line flags use this,
   * so they pass the loader's checks like the file does).
   */
  public static JsonNode override(JsonNode root, Map<String, JsonNode> byPath) {
    if (!(root instanceof ObjectNode original) || byPath.isEmpty()) {
      return root;
    }
    ObjectNode tree = original.deepCopy();
    byPath.forEach((path, value) -> set(tree, path, value));
    return tree;
  }

  private static void set(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode at = root;
    StringBuilder walked = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      walked.append(i == 0 ? "" : ".").append(parts[i]);
      JsonNode next = at.get(parts[i]);
      if (next == null || next.isNull()) {
        at = at.putObject(parts[i]);
      } else if (next instanceof ObjectNode o) {
        at = o;
      } else {
        throw new ConfigException(
            walked.toString(), "must be a mapping (key: value), got " + ConfigNode.kind(next));
      }
    }
    at.set(parts[parts.length - 1], value);
  }

  private static String suggestion(String name, Set<String> names) {
    String best = "";
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : names) {
      int d = distance(name, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The settable keys, read off the defaults. */
  private static final class Known {
    final Map<String, String> byName;
    final Set<String> sections = new TreeSet<>();
    final Set<String> lists = new TreeSet<>();
    final Set<String> secrets;

    Known(ConfigLoader.Loaded defaults) {
      Map<String, String> names = new TreeMap<>();
      List<String> paths = new ArrayList<>();
      leaves(defaults.effective(), "", paths);
      for (String path : paths) {
        String name = PREFIX + path.replace('.', '_').toUpperCase(Locale.ROOT);
        names.putIfAbsent(name, path);
        sections.add(path.split("\\.", 2)[0].toUpperCase(Locale.ROOT));
      }
      this.byName = Collections.unmodifiableMap(names);
      this.secrets = Set.copyOf(defaults.secretPaths());
    }

    private void leaves(JsonNode node, String prefix, List<String> out) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        if (e.getValue().isObject()) {
          leaves(e.getValue(), path, out);
        } else {
          if (e.getValue().isArray()) {
            lists.add(path);
          }
          out.add(path);
        }
      }
    }
  }
}
