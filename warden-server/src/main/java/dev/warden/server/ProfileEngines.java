package dev.warden.server;

import dev.warden.api.Identity;
import dev.warden.api.KeyedHasher;
import dev.warden.engine.Protector;
import dev.warden.engine.config.ProfileSettings;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.policy.Escalation;
import dev.warden.engine.policy.Profile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engines of one configuration's profiles ({@code profiles:}) and its shadow policy ({@code
 * shadow:}), built once per configuration — again on every reload — so an exchange only picks them.
 * Immutable.
 */
final class ProfileEngines {
  /** No profiles, no shadow: every caller gets the default policy. */
  static final ProfileEngines NONE =
      new ProfileEngines(ProfileSettings.NONE, Map.of(), Map.of(), null);

  /**
   * One profile's engines.
   *
   * @param requests the engine for request bodies
   * @param answers the engine for upstream answers ({@code escalate} acts as block there)
   * @param streams the inspection of streamed answers, bound to {@code answers}
   */
  record Engine(
      Profile profile, Protector requests, Protector answers, @Nullable StreamInspection streams) {}

  /** A profile's own upstream: its client and settings. */
  private record Routed(String name, Upstream client, WardenConfig.Upstream settings) {}

  private final ProfileSettings settings;
  private final Map<String, Engine> engines;
  private final Map<String, Routed> upstreams;
  private final @Nullable ShadowPolicy shadow;

  private ProfileEngines(
      ProfileSettings settings,
      Map<String, Engine> engines,
      Map<String, Routed> upstreams,
      @Nullable ShadowPolicy shadow) {
    this.settings = settings;
    this.engines = Map.copyOf(engines);
    this.upstreams = Map.copyOf(upstreams);
    this.shadow = shadow;
  }

  /**
   * The engines for {@code config}'s profiles and shadow policy, keyed like the default engine.
   *
   * @param streams makes the stream inspection for an answer engine (null refuses streams)
   * @throws IllegalArgumentException when a profile names an upstream {@code config} does not have
   *     (a reload cannot add upstreams)
   */
  static ProfileEngines of(
      WardenConfig config,
      KeyedHasher hasher,
      Function<Protector, @Nullable StreamInspection> streams) {
    ProfileSettings settings = config.access().profiles();
    if (settings.profiles().isEmpty() && settings.shadow() == null) {
      return NONE;
    }
    Map<String, Engine> engines = new LinkedHashMap<>();
    Map<String, Routed> upstreams = new LinkedHashMap<>();
    for (Profile p : settings.profiles()) {
      Protector requests = Gateway.protector(config.withPolicy(p.policy()), hasher);
      Protector answers = answers(config.withPolicy(p.policy()), hasher, requests);
      engines.put(p.name(), new Engine(p, requests, answers, streams.apply(answers)));
      String up = p.upstream();
      if (up != null && !upstreams.containsKey(up)) {
        WardenConfig.Upstream u = config.upstreams().get(up);
        if (u == null) {
          throw new IllegalArgumentException(
              "profiles."
                  + p.name()
                  + ".upstream: upstreams."
                  + up
                  + " is not in the running configuration; adding an upstream needs a restart");
        }
        upstreams.put(up, new Routed(up, new Upstream(u, config.server().maxBodyBytes()), u));
      }
    }
    var shadowPolicy = settings.shadow();
    ShadowPolicy shadow =
        shadowPolicy == null
            ? null
            : new ShadowPolicy(Gateway.protector(config.withPolicy(shadowPolicy), hasher));
    return new ProfileEngines(settings, engines, upstreams, shadow);
  }

  /**
   * The engine for upstream answers under {@code config}'s policy: {@code requests} itself unless
   * the policy escalates, which an answer cannot (see {@link Escalation#forAnswers}).
   */
  static Protector answers(WardenConfig config, KeyedHasher hasher, Protector requests) {
    return Escalation.uses(config.policy())
        ? Gateway.protector(config.withPolicy(Escalation.forAnswers(config.policy())), hasher)
        : requests;
  }

  /** The engines of the first profile that applies to {@code who}; empty for the default policy. */
  Optional<Engine> select(Identity who) {
    return settings.resolve(who).map(p -> engines.get(p.name()));
  }

  /** Every profile's engines by profile name. */
  Map<String, Engine> engines() {
    return engines;
  }

  /** The shadow policy, or null when none is configured. */
  @Nullable ShadowPolicy shadow() {
    return shadow;
  }

  /**
   * Where {@code target} goes for {@code profile}: its own upstream when it names one, else the
   * route's. Empty when the profile's upstream does not serve the route's dialect (the exchange is
   * refused rather than sent where the profile does not allow).
   */
  Optional<DialectRoute> route(Profile profile, DialectRoute target) {
    String name = profile.upstream();
    if (name == null) {
      return Optional.of(target);
    }
    Routed r = upstreams.get(name);
    if (r == null || !r.settings().dialects().contains(target.dialect().id())) {
      return Optional.empty();
    }
    return Optional.of(
        new DialectRoute(target.endpoint(), r.client(), r.settings().forwardAuthorization()));
  }
}
