package dev.warden.server.policy;

import dev.warden.engine.config.ConfigException;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.EnvOverlay;
import dev.warden.engine.config.WardenConfig;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.dsse.PublicKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The configuration pipeline, in order: read the file → unwrap a policy bundle → overlay {@code
 * WARDEN_*} variables → overlay command-line flags → validate everything → check the signature when
 * one is required → the host's last adjustments. Every host (serve, config validate/show, the
 * reloader) goes through here, so they cannot disagree about what a file means.
 *
 * <p>Signature requirement: the key files of {@code policy.requireSignature.keys} (from the file or
 * the environment) at the first successful load are <b>pinned</b>: later loads (reloads) must be
 * signed by one of those keys, whatever the new file says about keys, and must not be older than
 * the bundle they replace (a rollback to an earlier signed policy is refused). Changing the keys
 * needs a restart.
 *
 * <p>Thread-safe: loads are serialized.
 */
public final class ConfigSource implements PolicySource {
  /** Key path named by signature errors. */
  public static final String REQUIRE_SIGNATURE = "policy.requireSignature";

  private final @Nullable Path file;
  private final Map<String, String> env;
  private final Map<String, JsonNode> overrides;
  private final UnaryOperator<WardenConfig> finish;

  /** Trusted keys by key id → the file each came from; null until the first successful load. */
  private @Nullable Map<String, Trusted> pinned;

  private @Nullable Instant newestSigned;

  private record Trusted(String path, PublicKey key) {}

  /**
   * @param file {@code warden.yaml} or a policy bundle; null for built-in defaults
   * @param env the process environment (only {@code WARDEN_*} entries are read)
   * @param overrides flag values by dotted key path, applied after the environment
   * @param finish the host's last adjustments (e.g. {@code serve}'s flags), applied on every load
   */
  public ConfigSource(
      @Nullable Path file,
      Map<String, String> env,
      Map<String, JsonNode> overrides,
      UnaryOperator<WardenConfig> finish) {
    this.file = file;
    this.env = Map.copyOf(env);
    this.overrides = new LinkedHashMap<>(overrides);
    this.finish = finish;
  }

  /** The file, or built-in defaults, with the real process environment and no flags. */
  public static ConfigSource of(@Nullable Path file) {
    return new ConfigSource(file, System.getenv(), Map.of(), c -> c);
  }

  /** The file this source reads, or null for built-in defaults. */
  public @Nullable Path file() {
    return file;
  }

  @Override
  public synchronized LoadedPolicy load() {
    byte[] bytes = read();
    PolicyBundle.@Nullable Contents claimed = null;
    String text;
    if (PolicyBundle.looksLikeBundle(bytes)) {
      try {
        claimed = PolicyBundle.readUnverified(bytes);
      } catch (PolicyBundle.InvalidBundleException e) {
        throw new ConfigException("", where() + ": not a valid policy bundle: " + e.getMessage());
      }
      text = claimed.policy();
    } else {
      text = utf8(bytes);
    }
    // A pinned requirement is checked before the new text is even parsed.
    Map<String, Trusted> required = pinned;
    PolicyBundle.@Nullable Contents verified = null;
    if (required != null && !required.isEmpty()) {
      verified = verify(bytes, claimed, required);
    }
    EnvOverlay.Applied applied = EnvOverlay.apply(ConfigLoader.parseYaml(text), env);
    ConfigLoader.Loaded loaded;
    try {
      loaded = ConfigLoader.fromTree(EnvOverlay.override(applied.tree(), overrides));
    } catch (ConfigException e) {
      String byEnv = applied.setBy().get(e.path());
      throw byEnv == null
          ? e
          : new ConfigException(e.path(), problem(e) + " (set by " + byEnv + ")");
    }
    WardenConfig config = finish.apply(loaded.config());
    if (required == null) {
      required = trusted(config.policyFile().requireSignatureKeys());
      if (!required.isEmpty()) {
        verified = verify(bytes, claimed, required);
      }
    }
    if (verified != null) {
      Instant newest = newestSigned;
      if (newest != null && verified.created().isBefore(newest)) {
        throw new ConfigException(
            REQUIRE_SIGNATURE,
            where()
                + " is a bundle signed at "
                + verified.created()
                + ", older than the running policy's "
                + newest
                + "; a rollback is refused. Sign the intended policy again (warden policy sign)");
      }
      newestSigned = verified.created();
    }
    if (pinned == null) {
      pinned = required;
    }
    String sha256 = PolicyBundle.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    return new LoadedPolicy(
        config,
        sha256,
        verified == null ? null : verified.keyId(),
        claimed == null ? null : claimed.created(),
        loaded.effective());
  }

  /**
   * Every problem of the configuration, not only the first: after each error the offending key is
   * dropped and the rest validated again, so one run of {@code warden config validate} lists them
   * all (an error that only follows from a dropped key may appear too). Empty when it loads.
   */
  public synchronized List<ConfigException> problems() {
    List<ConfigException> all = new ArrayList<>();
    try {
      load();
      return all;
    } catch (ConfigException first) {
      all.add(first);
    } catch (IllegalArgumentException hostCheck) {
      all.add(new ConfigException("", String.valueOf(hostCheck.getMessage())));
      return all;
    }
    JsonNode tree;
    EnvOverlay.Applied applied;
    try {
      byte[] bytes = read();
      String text =
          PolicyBundle.looksLikeBundle(bytes)
              ? PolicyBundle.readUnverified(bytes).policy()
              : utf8(bytes);
      applied = EnvOverlay.apply(ConfigLoader.parseYaml(text), env);
      tree = EnvOverlay.override(applied.tree(), overrides);
    } catch (ConfigException | PolicyBundle.InvalidBundleException e) {
      return all; // the file itself is unreadable: the first error says so
    }
    Set<String> seen = new HashSet<>();
    all.forEach(e -> seen.add(e.getMessage()));
    String drop =
        all.getFirst().path().startsWith(REQUIRE_SIGNATURE) ? null : all.getFirst().path();
    for (int round = 0; round < MAX_PROBLEMS; round++) {
      if (drop != null && (drop.isEmpty() || !remove(tree, drop))) {
        break;
      }
      try {
        var _ = finish.apply(ConfigLoader.fromTree(tree).config());
        break;
      } catch (ConfigException e) {
        ConfigException named = naming(e, applied);
        if (!seen.add(named.getMessage())) {
          break;
        }
        all.add(named);
        drop = e.path();
      } catch (IllegalArgumentException e) {
        all.add(new ConfigException("", String.valueOf(e.getMessage())));
        break;
      }
    }
    return all;
  }

  private static final int MAX_PROBLEMS = 50;

  private static ConfigException naming(ConfigException e, EnvOverlay.Applied applied) {
    String byEnv = applied.setBy().get(e.path());
    return byEnv == null
        ? e
        : new ConfigException(e.path(), problem(e) + " (set by " + byEnv + ")");
  }

  /** Removes the key (or list item) at a dotted path such as {@code a.b[2].c}; false if absent. */
  private static boolean remove(JsonNode tree, String path) {
    String[] parts = path.split("\\.");
    JsonNode at = tree;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      int index = -1;
      int bracket = part.indexOf('[');
      if (bracket >= 0 && part.endsWith("]")) {
        try {
          index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
        } catch (NumberFormatException e) {
          return false;
        }
        part = part.substring(0, bracket);
      }
      boolean last = i == parts.length - 1;
      if (!(at instanceof ObjectNode o) || !o.has(part)) {
        return false;
      }
      if (index < 0) {
        if (last) {
          o.remove(part);
          return true;
        }
        at = o.get(part);
      } else {
        if (!(o.get(part) instanceof ArrayNode a) || index >= a.size()) {
          return false;
        }
        if (last) {
          a.remove(index);
          return true;
        }
        at = a.get(index);
      }
    }
    return false;
  }

  private PolicyBundle.Contents verify(
      byte[] bytes, PolicyBundle.@Nullable Contents claimed, Map<String, Trusted> required) {
    List<String> paths = required.values().stream().map(Trusted::path).distinct().toList();
    if (claimed == null) {
      throw new ConfigException(
          REQUIRE_SIGNATURE,
          where()
              + " is not a signed policy bundle, but a signature by one of "
              + paths
              + " is required; sign it with: warden policy sign --key PRIVATE.pem --out "
              + "warden.bundle.json warden.yaml, and start with --config warden.bundle.json");
    }
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    required.forEach((id, t) -> byId.put(id, t.key()));
    try {
      return PolicyBundle.verify(bytes, byId);
    } catch (PolicyBundle.InvalidBundleException e) {
      throw new ConfigException(
          REQUIRE_SIGNATURE,
          where() + " is not signed by a trusted key " + paths + ": " + e.getMessage());
    }
  }

  /** Loads the public key files, each error naming its key path. */
  private static Map<String, Trusted> trusted(List<String> paths) {
    Map<String, Trusted> out = new LinkedHashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      String p = paths.get(i);
      try {
        PublicKey key = PublicKeys.load(Path.of(p));
        out.put(PublicKeys.keyId(key), new Trusted(p, key));
      } catch (IOException | InvalidEnvelopeException e) {
        throw new ConfigException(
            REQUIRE_SIGNATURE + ".keys[" + i + "]",
            "'" + p + "' is not a usable public key: " + e.getMessage());
      }
    }
    return out;
  }

  private byte[] read() {
    if (file == null) {
      return new byte[0];
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(
          "", "cannot read config file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException("", where() + " is not UTF-8 text");
    }
  }

  private String where() {
    return file == null ? "the built-in defaults" : file.toString();
  }

  /** The message without its leading key path (the exception adds it again). */
  private static String problem(ConfigException e) {
    String m = String.valueOf(e.getMessage());
    String prefix = e.path() + ": ";
    return !e.path().isEmpty() && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }
}
