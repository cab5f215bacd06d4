package dev.warden.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The effective tree {@code warden config show} prints. */
class ConfigShowTest {
  @Test
  void defaultsAreAllShown() {
    String yaml =
        ConfigLoader.toYaml(ConfigLoader.fromTree(ConfigLoader.parseYaml("")).effective());
    assertThat(yaml)
        .contains("port: 8080")
        .contains("host: \"127.0.0.1\"")
        .contains("durability: \"fsync\"")
        .contains("minConfidence: 0.5")
        .contains("card: \"block\"")
        .contains("watch: true");
  }

  @Test
  void theShownTreeLoadsBackToTheSameConfiguration() {
    String file =
        "mode: dry-run\nserver:\n  port: 9000\npolicy:\n  minConfidence: 0.7\n  actions:\n"
            + "    email: mask\n  mask:\n    visible: 2\ndetection:\n  customRules:\n"
            + "    - id: employee-id\n      type: employee_id\n      pattern: 'EMP-[0-9]{6}'\n"
            + "      truePositives: ['EMP-123456']\n      falsePositives: ['EMP-12']\n"
            + "  allowlist:\n    - values: ['noreply@example.com']\n";
    ConfigLoader.Loaded first = ConfigLoader.fromTree(ConfigLoader.parseYaml(file));
    String shown = ConfigLoader.toYaml(first.effective());
    ConfigLoader.Loaded again = ConfigLoader.fromTree(ConfigLoader.parseYaml(shown));
    assertThat(ConfigLoader.toYaml(again.effective())).isEqualTo(shown);
    WardenConfig a = first.config();
    WardenConfig b = again.config();
    assertThat(b.server()).isEqualTo(a.server());
    assertThat(b.policy().minConfidence()).isEqualTo(0.7);
    assertThat(b.policy().mode()).isEqualTo(a.policy().mode());
    assertThat(b.policy().action("email")).isEqualTo(a.policy().action("email"));
    assertThat(b.detection().customRules()).hasSize(1);
    assertThat(shown).contains("employee_id").contains("noreply@example.com");
  }
}
