package dev.warden.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Action;
import dev.warden.api.Identity;
import dev.warden.engine.policy.Escalation;
import dev.warden.engine.policy.Mode;
import dev.warden.engine.policy.PrivacySet;
import dev.warden.engine.policy.Profile;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfilesConfigTest {
  private static final String UPSTREAMS =
      """
      upstream: {url: "http://127.0.0.1:9001"}
      upstreams:
        eu: {url: "http://127.0.0.1:9002", dialects: [openai-chat], profilesOnly: true}
      """;

  private static Identity who(Set<String> scopes, Map<String, String> labels) {
    return new Identity("caller", Identity.Kind.SERVICE, scopes, labels, "api-key");
  }

  @Test
  void profilesAreReadInFileOrderAndTheFirstMatchWins() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            UPSTREAMS
                + """
                profiles:
                  payments:
                    match: {labels: {team: payments}}
                    privacy: kr-pipa
                    models: ["gpt-4o*", claude-3-haiku]
                    upstream: eu
                  chat:
                    match: {scopes: [chat]}
                """);

    ProfileSettings p = c.access().profiles();
    assertThat(p.names()).containsExactly("payments", "chat");
    assertThat(p.resolve(who(Set.of("chat"), Map.of("team", "payments"))))
        .map(Profile::name)
        .hasValue("payments");
    assertThat(p.resolve(who(Set.of("chat", "admin"), Map.of("team", "search"))))
        .map(Profile::name)
        .hasValue("chat");
    assertThat(p.resolve(who(Set.of(), Map.of("team", "search")))).isEmpty();
    assertThat(p.resolve(Identity.ANONYMOUS)).isEmpty();
    Profile payments = p.byName("payments").orElseThrow();
    assertThat(payments.upstream()).isEqualTo("eu");
    assertThat(payments.models().allows("gpt-4o-mini")).isTrue();
    assertThat(payments.models().allows("claude-3-haiku")).isTrue();
    assertThat(payments.models().allows("claude-3-opus")).isFalse();
    assertThat(payments.models().allows(null)).isFalse();
    assertThat(p.byName("chat").orElseThrow().models().allows("anything")).isTrue();
  }

  @Test
  void aMatchNeedsEveryListedScopeAndLabel() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            """
            profiles:
              agents:
                match: {scopes: [chat, agent], labels: {tier: gold, region: kr}}
            """);
    ProfileSettings p = c.access().profiles();

    assertThat(p.resolve(who(Set.of("chat", "agent"), Map.of("tier", "gold", "region", "kr"))))
        .isPresent();
    assertThat(p.resolve(who(Set.of("chat"), Map.of("tier", "gold", "region", "kr")))).isEmpty();
    assertThat(p.resolve(who(Set.of("chat", "agent"), Map.of("tier", "gold")))).isEmpty();
    assertThat(p.resolve(who(Set.of("chat", "agent"), Map.of("tier", "gold", "region", "jp"))))
        .isEmpty();
  }

  @Test
  void eachPrivacySetAppliesItsActionsOverThePolicy() {
    for (PrivacySet set : PrivacySet.ALL.values()) {
      WardenConfig c =
          ConfigLoader.fromYaml(
              "policy: {types: {email: allow, phone: allow}}\nprofiles:\n  p:\n    match: {scopes:"
                  + " [x]}\n    privacy: "
                  + set.id()
                  + "\n");
      Map<String, Action> actions = c.access().profiles().profiles().getFirst().policy().actions();
      set.actions().forEach((type, action) -> assertThat(actions).containsEntry(type, action));
      // The default policy is untouched by the profile.
      assertThat(c.policy().actions().get("email")).isInstanceOf(Action.Allow.class);
    }
    assertThat(PrivacySet.byId("kr-pipa").orElseThrow().actions().get("kr_rrn"))
        .isInstanceOf(Action.Block.class);
    assertThat(PrivacySet.byId("eu-gdpr").orElseThrow().actions().get("fr_nir"))
        .isInstanceOf(Action.Block.class);
    assertThat(PrivacySet.byId("us").orElseThrow().actions().get("us_ssn"))
        .isInstanceOf(Action.Block.class);
    assertThat(PrivacySet.byId("jp-appi").orElseThrow().actions().get("jp_mynumber"))
        .isInstanceOf(Action.Block.class);
    assertThat(PrivacySet.byId("asia").orElseThrow().actions().keySet())
        .contains("kr_rrn", "jp_mynumber", "sg_nric", "in_aadhaar");
  }

  @Test
  void actionsOverridePrivacyWhichOverridesPresetWhichOverridesPolicy() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            """
            policy: {types: {email: allow, ip_address: allow}}
            profiles:
              p:
                match: {scopes: [x]}
                preset: strict
                privacy: kr-pipa
                actions: {kr_rrn: escalate, phone: mask}
            """);
    var policy = c.access().profiles().profiles().getFirst().policy();

    // actions beat the privacy set (kr_rrn: block → escalate)
    assertThat(policy.action("kr_rrn")).isInstanceOf(Action.Escalate.class);
    assertThat(policy.action("phone")).isInstanceOf(Action.Mask.class);
    // the privacy set beats the preset (email: strict block → redact)
    assertThat(policy.action("email")).isInstanceOf(Action.Redact.class);
    // the preset beats policy: (ip_address is in kr-pipa, us_ssn is not: strict blocks it)
    assertThat(policy.action("us_ssn")).isInstanceOf(Action.Block.class);
    assertThat(policy.defaultAction()).isInstanceOf(Action.Block.class);
    assertThat(Escalation.uses(policy)).isTrue();
    assertThat(Escalation.forAnswers(policy).action("kr_rrn")).isInstanceOf(Action.Block.class);
  }

  @Test
  void observePresetIsDryRunAndInheritKeepsThePolicy() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            """
            policy: {types: {email: hash}}
            profiles:
              watch: {match: {scopes: [a]}, preset: observe}
              same: {match: {scopes: [b]}}
            """);
    var profiles = c.access().profiles();

    assertThat(profiles.byName("watch").orElseThrow().policy().mode()).isEqualTo(Mode.DRY_RUN);
    assertThat(profiles.byName("same").orElseThrow().policy().mode()).isEqualTo(Mode.ENFORCE);
    assertThat(profiles.byName("same").orElseThrow().policy().action("email"))
        .isInstanceOf(Action.Hash.class);
  }

  @Test
  void escalateIsAnActionOfPolicyToo() {
    WardenConfig c = ConfigLoader.fromYaml("policy: {types: {us_ssn: escalate}}");

    assertThat(c.policy().action("us_ssn")).isInstanceOf(Action.Escalate.class);
    assertThat(new Action.Escalate().strength()).isLessThan(Action.block().strength());
    assertThat(Action.stronger(new Action.Escalate(), Action.block()))
        .isInstanceOf(Action.Block.class);
  }

  @Test
  void shadowIsAPolicyShapedCandidateAlwaysInEnforceMode() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            """
            mode: dry-run
            shadow:
              defaultAction: block
              types: {email: escalate}
            """);
    var shadow = java.util.Objects.requireNonNull(c.access().profiles().shadow());

    assertThat(shadow.mode()).isEqualTo(Mode.ENFORCE);
    assertThat(shadow.action("email")).isInstanceOf(Action.Escalate.class);
    assertThat(shadow.defaultAction()).isInstanceOf(Action.Block.class);
    assertThat(c.policy().action("email")).isInstanceOf(Action.Redact.class);
    assertThat(ConfigLoader.fromYaml("").access().profiles().shadow()).isNull();
  }

  @Test
  void profilesOnlyUpstreamsShareDialectsAndServeNoRouteByThemselves() {
    WardenConfig c = ConfigLoader.fromYaml(UPSTREAMS);

    assertThat(java.util.Objects.requireNonNull(c.upstreams().get("eu")).profilesOnly()).isTrue();
    assertThat(c.upstreamFor("openai-chat").orElseThrow().getKey()).isEqualTo("default");
    assertThat(c.upstream().dialects()).contains("openai-chat");
  }

  @Test
  void configShowOfProfilesLoadsBack() {
    var loaded =
        ConfigLoader.fromTree(
            ConfigLoader.parseYaml(
                UPSTREAMS
                    + """
                    profiles:
                      p: {match: {labels: {team: a}}, privacy: us, actions: {email: hash}, models: [m1]}
                    shadow: {types: {email: block}}
                    """));
    String shown = ConfigLoader.toYaml(loaded.effective());
    WardenConfig again = ConfigLoader.fromYaml(shown);

    assertThat(again.access().profiles().names()).containsExactly("p");
    Profile p = again.access().profiles().profiles().getFirst();
    assertThat(p.privacy()).isEqualTo(PrivacySet.byId("us").orElseThrow());
    assertThat(p.policy().action("email")).isInstanceOf(Action.Hash.class);
    assertThat(p.models().globs()).containsExactly("m1");
    assertThat(again.access().profiles().shadow()).isNotNull();
    assertThat(shown).doesNotContain("requireSignature: {}\n  shadow");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown upstream   | profiles: {p: {match: {scopes: [a]}, upstream: nowhere}}     | profiles.p.upstream: unknown upstream 'nowhere'
          unknown type       | profiles: {p: {match: {scopes: [a]}, actions: {emial: block}}} | profiles.p.actions.emial: unknown detection type
          unknown action     | profiles: {p: {match: {scopes: [a]}, actions: {email: shred}}} | profiles.p.actions.email: unknown action 'shred'; allowed: allow, redact, mask, hash, tokenize, encrypt, escalate, block
          unknown privacy    | profiles: {p: {match: {scopes: [a]}, privacy: cn-pipl}}       | profiles.p.privacy: unknown privacy set 'cn-pipl'; allowed: kr-pipa, eu-gdpr, us, jp-appi, asia
          empty match        | profiles: {p: {match: {}}}                                   | profiles.p.match: is empty
          missing match      | profiles: {p: {privacy: us}}                                 | profiles.p.match: is empty
          unknown preset     | profiles: {p: {match: {scopes: [a]}, preset: lax}}           | profiles.p.preset: unknown value 'lax'; allowed: inherit, strict, observe
          bad model glob     | profiles: {p: {match: {scopes: [a]}, models: [gpt-4, "a b"]}} | profiles.p.models[1]: must be a model name or glob
          bad name           | profiles: {Payments: {match: {scopes: [a]}}}                 | profiles.Payments: a profile name is lower-case
          unknown key        | profiles: {p: {match: {scopes: [a]}, upsteam: eu}}           | profiles.p.upsteam: unknown key
          empty label value  | profiles: {p: {match: {labels: {team: ''}}}}                 | profiles.p.match.labels.team: is required
          shadow signature   | shadow: {requireSignature: {keys: []}}                       | shadow.requireSignature: is read only under policy:
          shadow bad type    | shadow: {types: {emial: block}}                              | shadow.types.emial: unknown detection type
          """)
  void badProfileConfigNamesTheKeyPath(String name, String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAMS + yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected.strip());
  }
}
