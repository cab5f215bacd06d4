package dev.warden.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsConfigTest {
  @Test
  void noLimitsByDefault() {
    LimitSettings l = ConfigLoader.fromYaml("").access().limits();

    assertThat(l.enabled()).isFalse();
    assertThat(l.store()).isEqualTo("memory");
    assertThat(l.ratesFor("anyone", null)).isEqualTo(LimitSettings.Rates.UNLIMITED);
  }

  @Test
  void ratesResolveKeyByKeyIdentityThenProfileThenDefaults() {
    LimitSettings l =
        ConfigLoader.fromYaml(
                """
                limits:
                  maxInFlight: 64
                  defaults: {requestsPerMinute: 60, tokensPerDay: 100000}
                  identities:
                    batch-job: {requestsPerMinute: 5}
                  profiles:
                    eu-team: {tokensPerDay: 2000000, requestsPerMinute: 600}
                """)
            .access()
            .limits();

    assertThat(l.enabled()).isTrue();
    assertThat(l.maxInFlight()).isEqualTo(64);
    assertThat(l.ratesFor("someone", null)).isEqualTo(new LimitSettings.Rates(60, 100_000));
    assertThat(l.ratesFor("someone", "eu-team")).isEqualTo(new LimitSettings.Rates(600, 2_000_000));
    assertThat(l.ratesFor("batch-job", null)).isEqualTo(new LimitSettings.Rates(5, 100_000));
    assertThat(l.ratesFor("batch-job", "eu-team")).isEqualTo(new LimitSettings.Rates(5, 2_000_000));
  }

  @Test
  void unknownKeysNameTheirPath() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {requestsPerMinut: 3}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.requestsPerMinut")
        .hasMessageContaining("allowed here");
    assertThatThrownBy(
            () -> ConfigLoader.fromYaml("limits: {identities: {bob: {tokensPerMonth: 3}}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.identities.bob.tokensPerMonth")
        .hasMessageContaining("requestsPerMinute, tokensPerDay");
    assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {defaults: {tokensPerWeek: 3}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.defaults.tokensPerWeek");
  }

  @Test
  void badValuesNameTheirPath() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {defaults: {requestsPerMinute: -1}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.defaults.requestsPerMinute")
        .hasMessageContaining("between 0 and");
    assertThatThrownBy(
            () -> ConfigLoader.fromYaml("limits: {profiles: {eu: {tokensPerDay: lots}}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.profiles.eu.tokensPerDay")
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {maxInFlight: 1.5}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.maxInFlight");
    assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {store: postgres}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.store")
        .hasMessageContaining("allowed: memory, redis");
    assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {identities: [bob]}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.identities")
        .hasMessageContaining("mapping");
  }

  @Test
  void redisStoreNeedsAUrlAndNeverQuotesIt() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml("limits: {store: redis}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.redis.url")
        .hasMessageContaining("required");
    assertThatThrownBy(() ->
            ConfigLoader.fromYaml(
                "limits: {store: redis, redis: {url: 'http://:hunter2secret@cache:6379'}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.redis.url")
        .hasMessageContaining("redis://")
        .message()
        .doesNotContain("hunter2secret");
    assertThatThrownBy(() ->
            ConfigLoader.fromYaml(
                "limits: {store: redis, redis: {url: 'redis://:hunter2 secret@ca che'}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.redis.url")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void redisPasswordIsRedactedInShowAndToString() {
    ConfigLoader.Loaded loaded =
        ConfigLoader.fromTree(
            ConfigLoader.parseYaml(
                """
                limits:
                  store: redis
                  redis: {url: 'redis://:hunter2secret@127.0.0.1:6379/0', timeoutMs: 250}
                  defaults: {requestsPerMinute: 10}
                """));
    LimitSettings l = loaded.config().access().limits();

    assertThat(l.store()).isEqualTo("redis");
    assertThat(l.redis().url()).isEqualTo("redis://:hunter2secret@127.0.0.1:6379/0");
    assertThat(l.redis().timeoutMs()).isEqualTo(250);
    assertThat(l.toString()).doesNotContain("hunter2secret");
    assertThat(ConfigLoader.toYaml(loaded.effective())).doesNotContain("hunter2secret");
    assertThat(loaded.secretPaths()).contains("limits.redis.url");
  }

  @Test
  void shownConfigLoadsBackToTheSameLimits() {
    ConfigLoader.Loaded loaded =
        ConfigLoader.fromTree(
            ConfigLoader.parseYaml(
                """
                limits:
                  defaults: {tokensPerDay: 500}
                  identities: {svc: {requestsPerMinute: 7}}
                """));
    WardenConfig again = ConfigLoader.fromTree(loaded.effective()).config();

    assertThat(again.access().limits()).isEqualTo(loaded.config().access().limits());
  }

  @Test
  void profileOverridesAreCheckedAgainstDefinedProfilesWhenThereAreAny() {
    ConfigNode top =
        new ConfigNode(
            "", ConfigLoader.parseYaml("limits: {profiles: {eu-team: {tokensPerDay: 5}}}"));
    assertThat(LimitsSection.read(top, ProfileSettings.NONE).profiles()).containsKey("eu-team");

    ConfigNode again =
        new ConfigNode(
            "", ConfigLoader.parseYaml("limits: {profiles: {eu-team: {tokensPerDay: 5}}}"));
    assertThatThrownBy(() -> LimitsSection.read(again, new ProfileSettings(List.of("us-team"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.profiles.eu-team")
        .hasMessageContaining("us-team");
  }
}
