package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration examples users copy must load and do what the docs say. */
class DocsConfigTest {
  static final Path DOC = Path.of("..", "docs", "configuration.md");

  @BeforeAll
  static void types() {
    ConfigLoader.registerTypes(DetectorStack.builtinTypes());
  }

  static List<String> yamlBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    int at = 0;
    while ((at = markdown.indexOf("```yaml\n", at)) >= 0) {
      int end = markdown.indexOf("```", at + 8);
      blocks.add(markdown.substring(at + 8, end));
      at = end + 3;
    }
    return blocks;
  }

  @Test
  void theTemplateLoads(@TempDir Path tmp) throws Exception {
    String template;
    try (InputStream in =
        Objects.requireNonNull(Main.class.getResourceAsStream("/warden.yaml.template"))) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    WardenConfig c = ConfigLoader.fromYaml(template);
    assertThat(c.detection().customRules()).isEmpty();
    // The commented examples load too, once uncommented.
    String uncommented =
        template
            .replaceAll("(?m)^  #( ? )(?=[- a-z])", "  ")
            .replace("allowlist: []", "allowlist:")
            .replace("customRules: []", "customRules:")
            .replace("identities: {}", "identities:")
            // The timestamp example names a CA file; loading checks that it is readable.
            .replace(
                "/etc/warden/tsa-ca.pem", Files.writeString(tmp.resolve("ca.pem"), "").toString())
            // So does the signature requirement's public key.
            .replace(
                "/etc/warden/policy-signer.pub.pem",
                Files.writeString(tmp.resolve("signer.pub.pem"), "").toString());
    WardenConfig examples = ConfigLoader.fromYaml(uncommented);
    assertThat(examples.detection().customRules()).hasSize(1);
    assertThat(examples.detection().allowlist().entries()).hasSize(3);
    assertThat(examples.policy().minConfidence("phone")).isEqualTo(0.8);
    assertThat(examples.ledger().timestamp().enabled()).isTrue();
    assertThat(examples.policyFile().requireSignatureKeys()).hasSize(1);
    assertThat(examples.access().limits().ratesFor("batch-job", null).requestsPerMinute())
        .isEqualTo(10);
  }

  @Test
  void theAuthenticationExampleLoads() throws Exception {
    String example =
        yamlBlocks(Files.readString(DOC)).stream()
            .filter(b -> b.startsWith("auth:"))
            .findFirst()
            .orElseThrow();
    WardenConfig c = ConfigLoader.fromYaml(example);

    assertThat(c.access().auth().mode()).isEqualTo("api-key");
    assertThat(c.access().auth().ownerScope()).isEqualTo("owner:assert");
    assertThat(c.access().auth().upstreamKey().env()).isEqualTo("OPENAI_API_KEY");
  }

  @Test
  void thePrecisionControlsExampleLoadsAndWorks() throws Exception {
    List<String> blocks = yamlBlocks(Files.readString(DOC));
    String example =
        blocks.stream().filter(b -> b.contains("customRules")).findFirst().orElseThrow();
    WardenConfig c = ConfigLoader.fromYaml(example);

    List<Finding> found =
        DetectorStack.forConfig(c)
            .detect(
                ScanInput.text(
                    "badge EMP-204311, mail qa-bot@example-corp.test or dana.whitfield@example.org"));
    assertThat(found).extracting(Finding::type).containsExactlyInAnyOrder("employee_id", "email");
    assertThat(c.policy().action("employee_id").id()).isEqualTo("block");
  }

  @Test
  void theLimitsExampleLoadsAndResolvesAsDocumented() throws Exception {
    String example =
        yamlBlocks(Files.readString(DOC)).stream()
            .filter(b -> b.startsWith("limits:"))
            .findFirst()
            .orElseThrow();
    var limits = ConfigLoader.fromYaml(example).access().limits();

    assertThat(limits.maxInFlight()).isEqualTo(256);
    assertThat(limits.ratesFor("batch-job", "eu-team").requestsPerMinute()).isEqualTo(10);
    assertThat(limits.ratesFor("batch-job", "eu-team").tokensPerDay()).isEqualTo(2_000_000);
    assertThat(limits.ratesFor("someone", null).tokensPerDay()).isEqualTo(200_000);
  }
}
