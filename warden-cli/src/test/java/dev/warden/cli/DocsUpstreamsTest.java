package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The several-upstreams example in docs/configuration.md loads and routes as the text says. */
class DocsUpstreamsTest {
  @Test
  void theSeveralUpstreamsExampleLoadsAndRoutesAsDocumented() throws Exception {
    String example =
        DocsConfigTest.yamlBlocks(Files.readString(DocsConfigTest.DOC)).stream()
            .filter(b -> b.contains("upstreams:"))
            .findFirst()
            .orElseThrow();
    WardenConfig c = ConfigLoader.fromYaml(example);

    assertThat(c.upstreams()).containsOnlyKeys("anthropic", "google", "local");
    assertThat(c.upstreamFor("anthropic-messages").orElseThrow().getKey()).isEqualTo("anthropic");
    assertThat(c.upstreamFor("gemini").orElseThrow().getValue().timeoutMs()).isEqualTo(60_000);
    assertThat(c.upstreamFor("openai-embeddings").orElseThrow().getKey()).isEqualTo("local");
    assertThat(c.upstreamFor("openai-chat").orElseThrow().getKey()).isEqualTo("default");
    assertThat(c.upstreamFor("ollama-generate").orElseThrow().getKey()).isEqualTo("local");
  }
}
