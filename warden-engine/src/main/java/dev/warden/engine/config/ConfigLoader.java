package dev.warden.engine.config;

import dev.warden.api.Action;
import dev.warden.engine.policy.Mode;
import dev.warden.engine.policy.Policy;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code warden.yaml} into a {@link WardenConfig}, validating all of it at load: unknown
 * keys, wrong types, out-of-range numbers and unknown actions or detection types are errors that
 * name the key path and the allowed values. Nothing is half-applied: a bad file yields no config.
 */
public final class ConfigLoader {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Map<String, Mode> MODES = modes();
  private static final Map<String, String> DURABILITY =
      orderedMap("fsync", "fsync", "async", "async");
  private static final Map<String, String> RECEIPTS =
      orderedMap("signed", "signed", "hmac", "hmac", "off", "off");
  private static final Map<String, String> SIGNING_ALGORITHMS =
      orderedMap("ed25519", "ed25519", "p256", "p256");

  /** Detection types a policy may name; the engine registers the full catalog at start-up. */
  private static volatile Set<String> knownTypes = new TreeSet<>(Policy.DEFAULT_ACTIONS.keySet());

  private ConfigLoader() {}

  /** Declares the detection types policies may refer to (the detector catalog's types). */
  public static void registerTypes(Set<String> types) {
    Set<String> all = new TreeSet<>(knownTypes);
    all.addAll(types);
    knownTypes = all;
  }

  public static WardenConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
    }
    return fromYaml(text);
  }

  public static WardenConfig fromYaml(String yaml) {
    JsonNode root;
    try {
      root = yaml.isBlank() ? JsonNodeFactory.instance.objectNode() : YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ConfigException("", "not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = JsonNodeFactory.instance.objectNode();
    }
    ConfigNode top = new ConfigNode("", root);
    Mode mode = top.choice("mode", Mode.ENFORCE, MODES);
    String dataDir = top.string("dataDir", WardenConfig.DEFAULT_DATA_DIR);
    WardenConfig.Server server = top.section("server", ConfigLoader::server);
    WardenConfig.Upstream upstream = top.section("upstream", ConfigLoader::upstream);
    WardenConfig.Responses responses =
        top.section("responses", n -> new WardenConfig.Responses(n.bool("protect", true)));
    WardenConfig.LedgerSettings ledger = top.section("ledger", ConfigLoader::ledger);
    Policy policy = top.section("policy", n -> policy(n, mode));
    top.finish();
    if (dataDir.isBlank()) {
      throw new ConfigException("dataDir", "must not be empty");
    }
    return new WardenConfig(dataDir, server, upstream, responses, ledger, policy);
  }

  private static WardenConfig.Server server(ConfigNode n) {
    String host = n.string("host", "127.0.0.1");
    int port = (int) n.integer("port", 8080, 0, 65535);
    int maxBody = (int) n.integer("maxBodyBytes", 4L << 20, 1024, 256L << 20);
    int depth = (int) n.integer("maxJsonDepth", 64, 4, 1000);
    int drain = (int) n.integer("drainSeconds", 10, 0, 600);
    return new WardenConfig.Server(host, port, maxBody, depth, drain);
  }

  private static WardenConfig.Upstream upstream(ConfigNode n) {
    String raw = n.string("url", "");
    String url = raw.isEmpty() ? raw : checkUrl(n.path("url"), raw);
    return new WardenConfig.Upstream(
        url,
        (int) n.integer("connectTimeoutMs", 5_000, 1, 600_000),
        (int) n.integer("timeoutMs", 120_000, 1, 3_600_000),
        n.bool("forwardAuthorization", true),
        n.strings("passThrough").stream().map(p -> checkPath(n.path("passThrough"), p)).toList());
  }

  private static WardenConfig.LedgerSettings ledger(ConfigNode n) {
    return new WardenConfig.LedgerSettings(
        n.choice("durability", "fsync", DURABILITY),
        n.choice("receipts", "signed", RECEIPTS),
        n.choice("signingAlgorithm", "ed25519", SIGNING_ALGORITHMS),
        n.section("timestamp", ConfigLoader::timestamp));
  }

  private static WardenConfig.Timestamping timestamp(ConfigNode n) {
    String raw = n.string("url", "");
    String url = raw.isEmpty() ? raw : checkUrl(n.path("url"), raw);
    String anchor = n.string("trustAnchor", "");
    int timeout = (int) n.integer("timeoutMs", 10_000, 1, 600_000);
    if (!url.isEmpty() && anchor.isEmpty()) {
      throw new ConfigException(
          n.path("trustAnchor"),
          "required when "
              + n.path("url")
              + " is set: the PEM file of the CA that issued the"
              + " TSA's certificate");
    }
    if (url.isEmpty() && !anchor.isEmpty()) {
      throw new ConfigException(
          n.path("url"), "required when " + n.path("trustAnchor") + " is set");
    }
    if (!anchor.isEmpty() && !Files.isReadable(Path.of(anchor))) {
      throw new ConfigException(
          n.path("trustAnchor"), "cannot read '" + anchor + "'; give the path of a PEM file");
    }
    return new WardenConfig.Timestamping(url, anchor, timeout);
  }

  /** Validates an upstream base URL; returns it without a trailing slash. */
  public static String checkUrl(String path, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(path, "not a valid URL: " + e.getReason());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new ConfigException(path, "must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new ConfigException(
          path, "must name a host and carry no credentials (put keys in the Authorization header)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigException(path, "must not have a query or fragment");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String checkPath(String path, String p) {
    if (!p.matches("/[A-Za-z0-9._~/-]*") || p.contains("..") || p.contains("//")) {
      throw new ConfigException(path, "'" + p + "' must be an absolute path like /v1/models");
    }
    return p;
  }

  private static Policy policy(ConfigNode n, Mode mode) {
    double minConfidence = n.decimal("minConfidence", 0.5, 0, 1);
    Action defaultAction = n.choice("defaultAction", Action.redact(), actions(4));
    int visible = n.section("mask", m -> (int) m.integer("visible", 4, 0, 8));
    Map<String, Action> actions = actions(visible);
    Map<String, Action> perType = new LinkedHashMap<>();
    Policy.DEFAULT_ACTIONS.forEach((type, action) ->
        perType.put(type, action instanceof Action.Mask ? new Action.Mask(visible) : action));
    n.section(
        "types",
        t -> {
          for (String type : t.keys()) {
            if (!knownTypes.contains(type)) {
              throw new ConfigException(
                  t.path(type),
                  "unknown detection type; known types: " + String.join(", ", knownTypes));
            }
            JsonNode raw = t.raw(type);
            String id = raw.isString() ? raw.asString() : "(" + ConfigNode.kind(raw) + ")";
            Action a = actions.get(id);
            if (a == null) {
              throw new ConfigException(
                  t.path(type),
                  "unknown action '" + id + "'; allowed: " + String.join(", ", actions.keySet()));
            }
            perType.put(type, a);
          }
          return perType;
        });
    return new Policy(mode, minConfidence, defaultAction, perType);
  }

  /** Actions available in this version; tokenize and encrypt arrive with the vault. */
  private static Map<String, Action> actions(int visible) {
    Map<String, Action> m = new LinkedHashMap<>();
    m.put("allow", Action.allow());
    m.put("redact", Action.redact());
    m.put("mask", new Action.Mask(visible));
    m.put("hash", Action.hash());
    m.put("block", Action.block());
    return m;
  }

  private static Map<String, Mode> modes() {
    Map<String, Mode> m = new LinkedHashMap<>();
    for (Mode mode : Mode.values()) {
      m.put(mode.id(), mode);
    }
    return m;
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
