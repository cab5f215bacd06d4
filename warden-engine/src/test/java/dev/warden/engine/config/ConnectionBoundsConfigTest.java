package dev.warden.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionBoundsConfigTest {
  @Test
  void defaultsBoundEveryConnection() {
    WardenConfig.Server s = ConfigLoader.fromYaml("").server();

    assertThat(s.headerReadTimeoutMs()).isEqualTo(10_000);
    assertThat(s.idleTimeoutMs()).isEqualTo(60_000);
    assertThat(s.maxConnections()).isEqualTo(10_000);
  }

  @Test
  void settingsAreReadAndKeptWhenTheAddressChanges() {
    WardenConfig.Server s =
        ConfigLoader.fromYaml(
                "server: {headerReadTimeoutMs: 2500, idleTimeoutMs: 15000, maxConnections: 64}")
            .server()
            .withAddress("127.0.0.1", 0);

    assertThat(s.headerReadTimeoutMs()).isEqualTo(2_500);
    assertThat(s.idleTimeoutMs()).isEqualTo(15_000);
    assertThat(s.maxConnections()).isEqualTo(64);
    assertThat(s.port()).isZero();
  }

  @Test
  void valuesOutOfRangeNameTheirKey() {
    assertThatThrownBy(() -> ConfigLoader.fromYaml("server: {headerReadTimeoutMs: 5}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.headerReadTimeoutMs");
    assertThatThrownBy(() -> ConfigLoader.fromYaml("server: {idleTimeoutMs: 0}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.idleTimeoutMs");
    assertThatThrownBy(() -> ConfigLoader.fromYaml("server: {maxConnections: -1}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.maxConnections");
    assertThatThrownBy(() -> ConfigLoader.fromYaml("server: {idleTimeout: 5000}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.idleTimeout")
        .hasMessageContaining("idleTimeoutMs");
  }
}
