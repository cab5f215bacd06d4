package dev.warden.engine.config;

import com.google.re2j.PatternSyntaxException;
import dev.warden.api.Action;
import dev.warden.engine.detect.CustomRule;
import dev.warden.engine.detect.Rule;
import dev.warden.engine.detect.RuleCatalog;
import dev.warden.engine.dialect.Dialects;
import dev.warden.engine.policy.Allowlist;
import dev.warden.engine.policy.Mode;
import dev.warden.engine.policy.Policy;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code warden.yaml} into a {@link WardenConfig}, validating all of it at load: unknown
 * keys, wrong types, out-of-range numbers and unknown actions or detection types are errors that
 * name the key path and the allowed values. Nothing is half-applied: a bad file yields no config.
 */
public final class ConfigLoader {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Map<String, Mode> MODES = modes();
  private static final Map<String, String> GROUP_COMMIT =
      orderedMap("threads", "threads", "leader", "leader");
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
    return fromTree(parseYaml(yaml)).config();
  }

  /**
   * A configuration and what {@code warden config show} prints for it.
   *
   * @param effective every setting read, defaults included, with secret values replaced by {@code
   *     (redacted)}; loading it again yields the same configuration
   * @param secretPaths key paths of secret-bearing settings (refused from the environment)
   */
  public record Loaded(WardenConfig config, ObjectNode effective, Set<String> secretPaths) {}

  /**
   * Parses YAML text into a tree for {@link #fromTree}; blank text is an empty mapping.
   *
   * @throws ConfigException if the text is not YAML
   */
  public static JsonNode parseYaml(String yaml) {
    JsonNode root;
    try {
      root = yaml.isBlank() ? JsonNodeFactory.instance.objectNode() : YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ConfigException("", "not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = JsonNodeFactory.instance.objectNode();
    }
    return root;
  }

  /** Writes an effective tree ({@link Loaded#effective()}) as YAML. */
  public static String toYaml(JsonNode tree) {
    return YAML.writeValueAsString(tree);
  }

  /**
   * Validates a parsed tree completely (hosts overlay environment and flags on it first).
   *
   * @throws ConfigException naming the first bad key path
   */
  public static Loaded fromTree(JsonNode root) {
    ConfigNode top = new ConfigNode("", root);
    Mode mode = top.choice("mode", Mode.ENFORCE, MODES);
    String dataDir = top.string("dataDir", WardenConfig.DEFAULT_DATA_DIR);
    WardenConfig.Server server = top.section("server", ConfigLoader::server);
    Map<String, WardenConfig.Upstream> upstreams = upstreams(top);
    WardenConfig.Upstream upstream = top.section("upstream", n -> defaultUpstream(n, upstreams));
    WardenConfig.Responses responses =
        top.section(
            "responses",
            n ->
                new WardenConfig.Responses(
                    n.bool("protect", true),
                    (int)
                        n.integer(
                            "streamIdleTimeoutMs",
                            WardenConfig.Responses.DEFAULT_STREAM_IDLE_TIMEOUT_MS,
                            1,
                            3_600_000),
                    (int)
                        n.integer(
                            "streamMaxDurationMs",
                            WardenConfig.Responses.DEFAULT_STREAM_MAX_DURATION_MS,
                            1,
                            86_400_000)));
    WardenConfig.LedgerSettings ledger = top.section("ledger", ConfigLoader::ledger);
    WardenConfig.Vault vault = top.section("vault", ConfigLoader::vault);
    // detection first: its custom types may appear under policy.types.
    DetectionParts detection = top.section("detection", ConfigLoader::detection);
    boolean policyMin = top.raw("policy").isObject() && top.raw("policy").has("minConfidence");
    if (policyMin && detection.globalMin() != null) {
      throw new ConfigException(
          "detection.minConfidence",
          "policy.minConfidence is set too; keep one (detection.minConfidence is the newer"
              + " spelling)");
    }
    List<List<String>> signatureKeys = new ArrayList<>(1);
    Policy policy = top.section("policy", n -> policy(n, mode, detection, signatureKeys));
    boolean watch = top.section("reload", n -> n.bool("watch", true));
    AuthSettings auth = AuthSection.read(top, server);
    ProfileSettings profiles =
        ProfilesSection.read(
            top,
            policy,
            upstreams,
            policyTypes(detection),
            n -> policy(n, mode, detection, new ArrayList<>()));
    LimitSettings limits = LimitsSection.read(top, profiles);
    top.finish();
    if (dataDir.isBlank()) {
      throw new ConfigException("dataDir", "must not be empty");
    }
    WardenConfig config =
        new WardenConfig(
            dataDir,
            server,
            upstream,
            responses,
            ledger,
            policy,
            new WardenConfig.Detection(detection.rules(), checkAllowlist(detection, policy)),
            upstreams,
            vault,
            new WardenConfig.PolicyFile(signatureKeys.getFirst(), watch),
            new Access(auth, profiles, limits));
    return new Loaded(config, showable(top.effective(), policy), top.secretPaths());
  }

  /**
   * One spelling per setting, so the shown tree loads back: the confidence threshold appears once,
   * under {@code detection.minConfidence}, with the value in force.
   */
  private static ObjectNode showable(ObjectNode effective, Policy policy) {
    if (effective.get("policy") instanceof ObjectNode p) {
      p.remove("minConfidence");
    }
    if (effective.get("detection") instanceof ObjectNode d) {
      if (d.get("minConfidence") instanceof ObjectNode byType) {
        byType.put("default", policy.minConfidence());
      } else {
        d.put("minConfidence", policy.minConfidence());
      }
    }
    return effective;
  }

  /**
   * The {@code detection} section before the policy exists.
   *
   * @param allowTypePaths for each allowlist entry, the key path of each type it names
   */
  private record DetectionParts(
      List<CustomRule> rules,
      @Nullable Double globalMin,
      Map<String, Double> minByType,
      List<Allowlist.Entry> allow,
      List<Map<String, String>> allowTypePaths) {
    Set<String> customTypes() {
      Set<String> types = new TreeSet<>();
      rules.forEach(r -> types.add(r.type()));
      return types;
    }
  }

  private static DetectionParts detection(ConfigNode n) {
    List<CustomRule> rules = n.mappings("customRules", ConfigLoader::customRule);
    Set<String> ids = new HashSet<>();
    Set<String> builtinIds = new HashSet<>();
    RuleCatalog.builtin().stream().map(Rule::id).forEach(builtinIds::add);
    for (int i = 0; i < rules.size(); i++) {
      String id = rules.get(i).id();
      if (builtinIds.contains(id) || !ids.add(id)) {
        throw new ConfigException(
            n.path("customRules") + "[" + i + "].id",
            "rule id '"
                + id
                + "' is already taken"
                + (builtinIds.contains(id) ? " (built-in)" : ""));
      }
    }
    Set<String> types = new TreeSet<>(knownTypes);
    rules.forEach(r -> types.add(r.type()));
    Double global = null;
    Map<String, Double> byType = new LinkedHashMap<>();
    JsonNode min = n.raw("minConfidence");
    if (min.isNumber()) {
      global = n.decimal("minConfidence", 0.5, 0, 1);
    } else if (!min.isNull() && !min.isMissingNode() && !min.isObject()) {
      throw new ConfigException(
          n.path("minConfidence"),
          "must be a number from 0 to 1, or a mapping like {default: 0.5, phone: 0.8}, got "
              + ConfigNode.kind(min));
    } else if (min.isObject()) {
      Double[] def = {null};
      n.section(
          "minConfidence",
          m -> {
            for (String key : m.keys()) {
              if (!key.equals("default") && !types.contains(key)) {
                throw new ConfigException(
                    m.path(key),
                    "unknown detection type; use default or one of: " + String.join(", ", types));
              }
              double v = m.decimal(key, 0.5, 0, 1);
              if (key.equals("default")) {
                def[0] = v;
              } else {
                byType.put(key, v);
              }
            }
            return byType;
          });
      global = def[0];
    } else {
      n.decimal("minConfidence", 0.5, 0, 1); // marks the (absent) key read
    }
    List<Map<String, String>> typePaths = new ArrayList<>();
    // One entry may be written as a mapping instead of a list of one.
    List<Allowlist.Entry> allow;
    if (n.raw("allowlist").isObject()) {
      Allowlist.Entry single = n.section("allowlist", e -> allowEntry(e, types, typePaths));
      allow = List.of(single);
    } else {
      allow = n.mappings("allowlist", (e, i) -> allowEntry(e, types, typePaths));
    }
    return new DetectionParts(rules, global, byType, allow, typePaths);
  }

  private static CustomRule customRule(ConfigNode n, int index) {
    String id = n.requiredString("id", "employee-id");
    try {
      return CustomRule.of(
          id,
          n.requiredString("type", "employee_id"),
          n.requiredString("pattern", "'EMP-[0-9]{6}'"),
          n.strings("keywords"),
          n.decimal("confidence", 0.9, 0, 1),
          n.strings("truePositives"),
          n.strings("falsePositives"));
    } catch (CustomRule.Invalid e) {
      throw new ConfigException(n.path(e.field()), "custom rule '" + id + "': " + e.getMessage());
    }
  }

  private static Allowlist.Entry allowEntry(
      ConfigNode n, Set<String> knownAndCustom, List<Map<String, String>> typePaths) {
    Map<String, String> paths = new LinkedHashMap<>();
    List<String> types = n.strings("types");
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      String at = n.path("types") + "[" + i + "]";
      if (!knownAndCustom.contains(type)) {
        throw new ConfigException(
            at, "unknown detection type; known types: " + String.join(", ", knownAndCustom));
      }
      paths.put(type, at);
    }
    typePaths.add(paths);
    List<String> values = n.strings("values");
    List<Allowlist.PathGlob> globs = new ArrayList<>();
    List<String> rawPaths = n.strings("paths");
    for (int i = 0; i < rawPaths.size(); i++) {
      try {
        globs.add(Allowlist.PathGlob.of(rawPaths.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(n.path("paths") + "[" + i + "]", String.valueOf(e.getMessage()));
      }
    }
    List<com.google.re2j.Pattern> patterns = new ArrayList<>();
    List<String> rawPatterns = n.strings("patterns");
    for (int i = 0; i < rawPatterns.size(); i++) {
      try {
        patterns.add(com.google.re2j.Pattern.compile(rawPatterns.get(i)));
      } catch (PatternSyntaxException e) {
        throw new ConfigException(
            n.path("patterns") + "[" + i + "]", "not a valid RE2 pattern: " + e.getDescription());
      }
    }
    n.string("description", "");
    n.finish();
    if (values.isEmpty() && globs.isEmpty() && patterns.isEmpty()) {
      throw new ConfigException(
          n.path(), "an allowlist entry needs at least one of values, paths, patterns");
    }
    return new Allowlist.Entry(
        new LinkedHashSet<>(types), new LinkedHashSet<>(values), globs, patterns);
  }

  /** Allowlists can never suppress hard-block types: naming one is an error. */
  private static Allowlist checkAllowlist(DetectionParts d, Policy policy) {
    for (Map<String, String> named : d.allowTypePaths()) {
      for (Map.Entry<String, String> e : named.entrySet()) {
        if (policy.isHardBlock(e.getKey())) {
          throw new ConfigException(
              e.getValue(),
              "'"
                  + e.getKey()
                  + "' is a hard-block type (its action is block, or it is a private key);"
                  + " allowlists never suppress it. Remove it from this entry");
        }
      }
    }
    return d.allow().isEmpty() ? Allowlist.empty() : new Allowlist(d.allow());
  }

  private static WardenConfig.Server server(ConfigNode n) {
    String host = n.string("host", "127.0.0.1");
    int port = (int) n.integer("port", 8080, 0, 65535);
    int maxBody = (int) n.integer("maxBodyBytes", 4L << 20, 1024, 256L << 20);
    int depth = (int) n.integer("maxJsonDepth", 64, 4, 1000);
    int drain = (int) n.integer("drainSeconds", 10, 0, 600);
    int bodyRead =
        (int)
            n.integer(
                "bodyReadTimeoutMs",
                WardenConfig.Server.DEFAULT_BODY_READ_TIMEOUT_MS,
                100,
                3_600_000);
    int headerRead =
        (int)
            n.integer(
                "headerReadTimeoutMs",
                WardenConfig.Server.DEFAULT_HEADER_READ_TIMEOUT_MS,
                100,
                600_000);
    int idle =
        (int)
            n.integer(
                "idleTimeoutMs", WardenConfig.Server.DEFAULT_IDLE_TIMEOUT_MS, 1_000, 3_600_000);
    int maxConnections =
        (int)
            n.integer("maxConnections", WardenConfig.Server.DEFAULT_MAX_CONNECTIONS, 1, 1_000_000);
    return new WardenConfig.Server(
        host, port, maxBody, depth, drain, bodyRead, headerRead, idle, maxConnections);
  }

  /**
   * The default upstream: serves the dialects it lists, or else the OpenAI-compatible ones no named
   * upstream claims.
   */
  private static WardenConfig.Upstream defaultUpstream(
      ConfigNode n, Map<String, WardenConfig.Upstream> named) {
    String raw = n.string("url", "");
    String url = raw.isEmpty() ? raw : checkUrl(n.path("url"), raw);
    int connect = (int) n.integer("connectTimeoutMs", 5_000, 1, 600_000);
    int timeout = (int) n.integer("timeoutMs", 120_000, 1, 3_600_000);
    boolean forward = n.bool("forwardAuthorization", true);
    List<String> passThrough =
        n.strings("passThrough").stream().map(p -> checkPath(n.path("passThrough"), p)).toList();
    List<String> dialects;
    if (n.has("dialects")) {
      dialects = dialectIds(n);
      if (url.isEmpty()) {
        throw new ConfigException(n.path("url"), "required when " + n.path("dialects") + " is set");
      }
      for (String id : dialects) {
        named.forEach((name, u) -> {
          if (!u.profilesOnly() && u.dialects().contains(id)) {
            throw new ConfigException(
                n.path("dialects"),
                "dialect '"
                    + id
                    + "' is also listed under upstreams."
                    + name
                    + ".dialects; each dialect is served by one upstream");
          }
        });
      }
    } else {
      n.strings("dialects"); // marks the (absent) key read
      dialects = new ArrayList<>();
      for (String id : Dialects.OPENAI_IDS) {
        if (named.values().stream()
            .noneMatch(u -> !u.profilesOnly() && u.dialects().contains(id))) {
          dialects.add(id);
        }
      }
      // config show: the derived list, only where writing it back is valid (with a url).
      n.effective().remove("dialects");
      if (!url.isEmpty() && !dialects.isEmpty()) {
        tools.jackson.databind.node.ArrayNode shown = n.effective().putArray("dialects");
        dialects.forEach(shown::add);
      }
    }
    return new WardenConfig.Upstream(url, connect, timeout, forward, passThrough, dialects);
  }

  /** {@code upstreams: {name: {url, dialects, …}}}: further upstreams, each with its dialects. */
  private static Map<String, WardenConfig.Upstream> upstreams(ConfigNode top) {
    Map<String, WardenConfig.Upstream> out = new LinkedHashMap<>();
    Map<String, String> servedBy = new LinkedHashMap<>();
    top.section(
        "upstreams",
        all -> {
          for (String name : all.keys()) {
            if (!name.matches("[a-z][a-z0-9-]{0,31}")
                || name.equals(WardenConfig.DEFAULT_UPSTREAM)) {
              throw new ConfigException(
                  all.path(name),
                  "an upstream name is lower-case letters, digits and '-' (at most 32, starting"
                      + " with a letter), and not 'default' (the name of upstream:)");
            }
            WardenConfig.Upstream u = all.section(name, n -> namedUpstream(n));
            // A profiles-only upstream serves no route by itself, so it shares dialects freely.
            for (String id : u.profilesOnly() ? List.<String>of() : u.dialects()) {
              String other = servedBy.putIfAbsent(id, name);
              if (other != null) {
                throw new ConfigException(
                    all.path(name) + ".dialects",
                    "dialect '"
                        + id
                        + "' is also served by upstreams."
                        + other
                        + "; each dialect is served by one upstream");
              }
            }
            out.put(name, u);
          }
          return out;
        });
    return out;
  }

  private static WardenConfig.Upstream namedUpstream(ConfigNode n) {
    String url = checkUrl(n.path("url"), n.requiredString("url", "https://api.anthropic.com"));
    if (!n.has("dialects")) {
      throw new ConfigException(
          n.path("dialects"),
          "is required: the dialects this upstream serves, e.g. [anthropic-messages]; known: "
              + String.join(", ", Dialects.standard().ids()));
    }
    List<String> dialects = dialectIds(n);
    return new WardenConfig.Upstream(
        url,
        (int) n.integer("connectTimeoutMs", 5_000, 1, 600_000),
        (int) n.integer("timeoutMs", 120_000, 1, 3_600_000),
        n.bool("forwardAuthorization", true),
        List.of(),
        dialects,
        n.bool("profilesOnly", false));
  }

  private static List<String> dialectIds(ConfigNode n) {
    List<String> ids = n.strings("dialects");
    if (ids.isEmpty()) {
      throw new ConfigException(
          n.path("dialects"),
          "must list at least one dialect; known: " + String.join(", ", Dialects.standard().ids()));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (Dialects.standard().byId(id).isEmpty()) {
        throw new ConfigException(
            n.path("dialects") + "[" + i + "]",
            "unknown dialect '" + id + "'; known: " + String.join(", ", Dialects.standard().ids()));
      }
      if (!seen.add(id)) {
        throw new ConfigException(
            n.path("dialects") + "[" + i + "]", "dialect '" + id + "' is listed twice");
      }
    }
    return ids;
  }

  private static WardenConfig.LedgerSettings ledger(ConfigNode n) {
    return new WardenConfig.LedgerSettings(
        n.choice("durability", "fsync", DURABILITY),
        n.choice("receipts", "signed", RECEIPTS),
        n.choice("signingAlgorithm", "ed25519", SIGNING_ALGORITHMS),
        n.section("timestamp", ConfigLoader::timestamp),
        (int)
            n.integer("forcesInFlight", WardenConfig.LedgerSettings.DEFAULT_FORCES_IN_FLIGHT, 1, 2),
        (int)
            n.integer(
                "commitDelayMicros",
                WardenConfig.LedgerSettings.DEFAULT_COMMIT_DELAY_MICROS,
                0,
                WardenConfig.LedgerSettings.MAX_COMMIT_DELAY_MICROS),
        n.choice("groupCommit", WardenConfig.LedgerSettings.DEFAULT_GROUP_COMMIT, GROUP_COMMIT));
  }

  private static WardenConfig.Vault vault(ConfigNode n) {
    WardenConfig.Vault d = WardenConfig.Vault.DEFAULTS;
    String scope =
        n.choice(
            "scope",
            d.scope(),
            orderedMap("conversation", "conversation", "identity", "identity", "global", "global"));
    int ttl = (int) n.integer("ttlMinutes", d.ttlMinutes(), 1, 366L * 24 * 60);
    String header = n.string("conversationHeader", d.conversationHeader());
    if (!header.matches("[A-Za-z0-9-]{1,64}")) {
      throw new ConfigException(
          n.path("conversationHeader"),
          "must be an HTTP header name of 1-64 letters, digits and '-', like X-Conversation-Id");
    }
    String lower = header.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("warden-")
        || java.util.Set.of("authorization", "cookie", "content-type", "content-length", "host")
            .contains(lower)) {
      throw new ConfigException(
          n.path("conversationHeader"),
          "'"
              + header
              + "' is reserved (Warden-* headers are refused from clients); use a header of"
              + " your own, like X-Conversation-Id");
    }
    return new WardenConfig.Vault(scope, ttl, header, n.bool("allowReveal", d.allowReveal()));
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

  private static Policy policy(
      ConfigNode n, Mode mode, DetectionParts detection, List<List<String>> signatureKeys) {
    signatureKeys.add(n.section("requireSignature", ConfigLoader::requireSignature));
    double minConfidence = n.decimal("minConfidence", 0.5, 0, 1);
    Double global = detection.globalMin();
    if (global != null) {
      minConfidence = global;
    }
    Set<String> types = policyTypes(detection);
    Action defaultAction = n.choice("defaultAction", Action.redact(), actions(4));
    int visible = n.section("mask", m -> (int) m.integer("visible", 4, 0, 8));
    Map<String, Action> actions = actions(visible);
    Map<String, Action> perType = new LinkedHashMap<>();
    Policy.DEFAULT_ACTIONS.forEach((type, action) ->
        perType.put(type, action instanceof Action.Mask ? new Action.Mask(visible) : action));
    // policy.actions is another name for policy.types (the per-type actions).
    if (n.has("types") && n.has("actions")) {
      throw new ConfigException(
          n.path("actions"), "policy.types is set too; keep one (actions is another name for it)");
    }
    String actionsKey = n.has("actions") ? "actions" : "types";
    n.section(
        actionsKey,
        t -> {
          for (String type : t.keys()) {
            if (!types.contains(type)) {
              throw new ConfigException(
                  t.path(type), "unknown detection type; known types: " + String.join(", ", types));
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
    ObjectNode shownActions = JsonNodeFactory.instance.objectNode();
    perType.forEach((type, action) -> shownActions.put(type, action.id()));
    n.show(actionsKey, shownActions);
    return new Policy(mode, minConfidence, defaultAction, perType, detection.minByType());
  }

  /** The detection types a policy may name: the registered catalog and the custom rules'. */
  private static Set<String> policyTypes(DetectionParts detection) {
    Set<String> types = new TreeSet<>(knownTypes);
    types.addAll(detection.customTypes());
    return types;
  }

  /**
   * {@code policy.requireSignature}: the public keys one of which must have signed the file. The
   * keys are parsed where they are used (the server); here they must at least be readable files.
   */
  private static List<String> requireSignature(ConfigNode n) {
    List<String> keys = n.strings("keys");
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      if (k.isBlank() || !Files.isRegularFile(Path.of(k)) || !Files.isReadable(Path.of(k))) {
        throw new ConfigException(
            n.path("keys") + "[" + i + "]",
            "cannot read public key file '"
                + k
                + "'; give the path of a PEM public key (warden policy keygen writes one)");
      }
    }
    return keys;
  }

  /** The configurable actions, by their {@code warden.yaml} names. */
  static Map<String, Action> actions(int visible) {
    Map<String, Action> m = new LinkedHashMap<>();
    m.put("allow", Action.allow());
    m.put("redact", Action.redact());
    m.put("mask", new Action.Mask(visible));
    m.put("hash", Action.hash());
    m.put("tokenize", new Action.Tokenize());
    m.put("encrypt", new Action.Encrypt());
    m.put("escalate", Action.escalate());
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
