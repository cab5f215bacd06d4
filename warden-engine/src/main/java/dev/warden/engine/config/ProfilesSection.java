package dev.warden.engine.config;

import dev.warden.api.Action;
import dev.warden.engine.policy.Mode;
import dev.warden.engine.policy.ModelAllowlist;
import dev.warden.engine.policy.Policy;
import dev.warden.engine.policy.Preset;
import dev.warden.engine.policy.PrivacySet;
import dev.warden.engine.policy.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code profiles:} and {@code shadow:} into {@link ProfileSettings}. Every error names the
 * key path ({@code profiles.payments.actions.emial}) and what is allowed there.
 */
final class ProfilesSection {
  private static final Map<String, Preset> PRESETS = presets();

  private ProfilesSection() {}

  /**
   * @param policy the {@code policy:} section, which every profile starts from
   * @param upstreams the named upstreams a profile may route to
   * @param types the detection types actions may name (built-in and custom)
   * @param policyShape reads a mapping shaped like {@code policy:} (for {@code shadow:})
   */
  static ProfileSettings read(
      ConfigNode top,
      Policy policy,
      Map<String, WardenConfig.Upstream> upstreams,
      Set<String> types,
      Function<ConfigNode, Policy> policyShape) {
    List<Profile> profiles =
        top.section(
            "profiles",
            all -> {
              List<Profile> out = new ArrayList<>();
              for (String name : all.keys()) {
                if (!name.matches("[a-z][a-z0-9_-]{0,63}")) {
                  throw new ConfigException(
                      all.path(name),
                      "a profile name is lower-case letters, digits, '_' and '-' (at most 64,"
                          + " starting with a letter), e.g. payments-eu");
                }
                out.add(all.section(name, n -> profile(n, name, policy, upstreams, types)));
              }
              return out;
            });
    Policy shadow = top.has("shadow") ? top.section("shadow", n -> shadow(n, policyShape)) : null;
    return new ProfileSettings(profiles, shadow);
  }

  private static Profile profile(
      ConfigNode n,
      String name,
      Policy base,
      Map<String, WardenConfig.Upstream> upstreams,
      Set<String> types) {
    Profile.Match match = n.section("match", ProfilesSection::match);
    Preset preset = n.choice("preset", Preset.INHERIT, PRESETS);
    PrivacySet privacy = privacy(n);
    Policy start = preset.apply(base);
    Map<String, Action> perType = new LinkedHashMap<>(start.actions());
    if (privacy != null) {
      perType.putAll(privacy.actions());
    }
    Map<String, Action> allowed = ConfigLoader.actions(maskVisible(base));
    n.section(
        "actions",
        t -> {
          for (String type : t.keys()) {
            if (!types.contains(type)) {
              throw new ConfigException(
                  t.path(type), "unknown detection type; known types: " + String.join(", ", types));
            }
            String id = t.raw(type).isString() ? t.raw(type).asString() : "";
            Action a = allowed.get(id);
            if (a == null) {
              throw new ConfigException(
                  t.path(type),
                  "unknown action '"
                      + (id.isEmpty() ? "(" + ConfigNode.kind(t.raw(type)) + ")" : id)
                      + "'; allowed: "
                      + String.join(", ", allowed.keySet()));
            }
            t.string(type, id);
            perType.put(type, a);
          }
          return perType;
        });
    Policy policy =
        new Policy(
            start.mode(),
            start.minConfidence(),
            start.defaultAction(),
            perType,
            start.minConfidenceByType());
    return new Profile(name, match, policy, privacy, models(n), upstream(n, upstreams));
  }

  private static Profile.Match match(ConfigNode m) {
    List<String> scopes = m.strings("scopes");
    Map<String, String> labels =
        m.section(
            "labels",
            l -> {
              Map<String, String> out = new LinkedHashMap<>();
              for (String key : l.keys()) {
                out.put(key, l.requiredString(key, "payments"));
              }
              return out;
            });
    for (int i = 0; i < scopes.size(); i++) {
      if (scopes.get(i).isBlank()) {
        throw new ConfigException(m.path("scopes") + "[" + i + "]", "must not be empty");
      }
    }
    if (scopes.isEmpty() && labels.isEmpty()) {
      throw new ConfigException(
          m.path(),
          "is empty; a profile must match at least one scope or label, e.g. match: {labels:"
              + " {team: payments}}");
    }
    return new Profile.Match(new LinkedHashSet<>(scopes), labels);
  }

  private static @Nullable PrivacySet privacy(ConfigNode n) {
    String id = n.string("privacy", "");
    if (id.isEmpty()) {
      return null;
    }
    return PrivacySet.byId(id)
        .orElseThrow(() ->
            new ConfigException(
                n.path("privacy"),
                "unknown privacy set '"
                    + id
                    + "'; allowed: "
                    + String.join(", ", PrivacySet.ALL.keySet())));
  }

  private static ModelAllowlist models(ConfigNode n) {
    List<String> globs = n.strings("models");
    for (int i = 0; i < globs.size(); i++) {
      try {
        ModelAllowlist.of(List.of(globs.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(n.path("models") + "[" + i + "]", String.valueOf(e.getMessage()));
      }
    }
    return globs.isEmpty() ? ModelAllowlist.ANY : ModelAllowlist.of(globs);
  }

  private static @Nullable String upstream(
      ConfigNode n, Map<String, WardenConfig.Upstream> upstreams) {
    String name = n.string("upstream", "");
    if (name.isEmpty()) {
      return null;
    }
    if (!upstreams.containsKey(name)) {
      throw new ConfigException(
          n.path("upstream"),
          "unknown upstream '"
              + name
              + "'; name an entry of upstreams:"
              + (upstreams.isEmpty()
                  ? " (none is configured)"
                  : " " + String.join(", ", upstreams.keySet())));
    }
    return name;
  }

  /**
   * {@code shadow:} has the shape of {@code policy:} (its mode is always enforce: what it records
   * is what it would have done in force). Only {@code policy:} can require a signature.
   */
  private static Policy shadow(ConfigNode n, Function<ConfigNode, Policy> policyShape) {
    if (n.has("requireSignature")) {
      throw new ConfigException(
          n.path("requireSignature"),
          "is read only under policy:; the shadow policy is signed with the file it is in");
    }
    Policy p = policyShape.apply(n);
    n.effective().remove("requireSignature");
    return p.withMode(Mode.ENFORCE);
  }

  /** The visible suffix of {@code policy.mask}, for a profile's {@code mask} actions. */
  private static int maskVisible(Policy base) {
    for (Action a : base.actions().values()) {
      if (a instanceof Action.Mask m) {
        return m.visibleSuffix();
      }
    }
    return 4;
  }

  private static Map<String, Preset> presets() {
    Map<String, Preset> m = new LinkedHashMap<>();
    for (Preset p : Preset.values()) {
      m.put(p.id(), p);
    }
    return m;
  }
}
