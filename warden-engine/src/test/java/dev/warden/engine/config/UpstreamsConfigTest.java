package dev.warden.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engine.dialect.Dialects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamsConfigTest {
  @Test
  void singleUpstreamServesTheOpenAiDialects() {
    WardenConfig c = ConfigLoader.fromYaml("upstream: {url: 'https://api.openai.com/v1'}");

    assertThat(c.upstreams()).isEmpty();
    assertThat(c.upstream().dialects()).containsExactlyElementsOf(Dialects.OPENAI_IDS);
    assertThat(c.upstreamFor("openai-responses"))
        .hasValueSatisfying(e -> assertThat(e.getKey()).isEqualTo("default"));
    assertThat(c.upstreamFor("anthropic-messages")).isEmpty();
    assertThat(c.hasUpstream()).isTrue();
  }

  @Test
  void namedUpstreamsServeTheirDialects() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            """
            upstream: {url: 'https://api.openai.com'}
            upstreams:
              anthropic: {url: 'https://api.anthropic.com', dialects: [anthropic-messages]}
              gemini:
                url: https://generativelanguage.googleapis.com
                dialects: [gemini]
                timeoutMs: 60000
                forwardAuthorization: false
              local:
                url: http://127.0.0.1:11434
                dialects: [ollama-chat, ollama-generate, openai-embeddings]
            """);

    assertThat(c.upstreams()).containsOnlyKeys("anthropic", "gemini", "local");
    assertThat(c.upstreamFor("anthropic-messages").orElseThrow().getValue().url())
        .isEqualTo("https://api.anthropic.com");
    WardenConfig.Upstream gemini = c.upstreamFor("gemini").orElseThrow().getValue();
    assertThat(gemini.timeoutMs()).isEqualTo(60_000);
    assertThat(gemini.forwardAuthorization()).isFalse();
    assertThat(c.upstreamFor("ollama-generate").orElseThrow().getKey()).isEqualTo("local");
    // a named upstream that claims an OpenAI dialect takes it from the default one
    assertThat(c.upstream().dialects())
        .containsExactly("openai-chat", "openai-completions", "openai-responses");
    assertThat(c.upstreamFor("openai-embeddings").orElseThrow().getKey()).isEqualTo("local");
  }

  @Test
  void defaultUpstreamMayListItsDialects() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            "upstream: {url: 'http://127.0.0.1:11434', dialects: [openai-chat, ollama-chat]}");
    assertThat(c.upstream().dialects()).containsExactly("openai-chat", "ollama-chat");
    assertThat(c.upstreamFor("openai-completions")).isEmpty();
  }

  @Test
  void onlyNamedUpstreamsIsEnough() {
    WardenConfig c =
        ConfigLoader.fromYaml(
            "upstreams: {claude: {url: 'https://api.anthropic.com', dialects: [anthropic-messages]}}");
    assertThat(c.hasUpstream()).isTrue();
    assertThat(c.upstream().configured()).isFalse();
    assertThat(c.upstreamFor("openai-chat")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          upstreams: {a: {dialects: [gemini]}}                     | upstreams.a.url: is required
          upstreams: {a: {url: 'http://127.0.0.1:1'}}               | upstreams.a.dialects: is required
          upstreams: {a: {url: 'http://127.0.0.1:1', dialects: []}} | upstreams.a.dialects: must list at least one dialect
          upstreams: {a: {url: 'http://127.0.0.1:1', dialects: [anthropic]}} | upstreams.a.dialects[0]: unknown dialect 'anthropic'; known: openai-chat
          upstreams: {a: {url: 'http://127.0.0.1:1', dialects: [gemini, gemini]}} | upstreams.a.dialects[1]: dialect 'gemini' is listed twice
          upstreams: {a: {url: 'ftp://x', dialects: [gemini]}}      | upstreams.a.url: must start with http:// or https://
          upstreams: {a: {url: 'http://127.0.0.1:1', dialects: [gemini], passThrough: [/x]}} | upstreams.a.passThrough: unknown key; allowed here: url, dialects
          upstreams: {Anthropic: {url: 'http://127.0.0.1:1', dialects: [gemini]}} | upstreams.Anthropic: an upstream name is lower-case
          upstreams: {default: {url: 'http://127.0.0.1:1', dialects: [gemini]}} | upstreams.default: an upstream name
          upstreams: {a: {url: 'http://127.0.0.1:1', dialects: [gemini]}, b: {url: 'http://127.0.0.1:2', dialects: [gemini]}} | upstreams.b.dialects: dialect 'gemini' is also served by upstreams.a
          upstreams: [a]                                            | upstreams: must be a mapping
          upstream: {dialects: [openai-chat]}                       | upstream.url: required when upstream.dialects is set
          upstream: {url: 'http://127.0.0.1:1', dialects: [ollama]} | upstream.dialects[0]: unknown dialect 'ollama'
          """)
  void invalidUpstreamsNameTheKeyPath(String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected.strip());
  }

  @Test
  void aDialectListedByTheDefaultAndANamedUpstreamIsAnError() {
    assertThatThrownBy(() ->
            ConfigLoader.fromYaml(
                """
                upstreams: {a: {url: 'http://127.0.0.1:1', dialects: [gemini]}}
                upstream: {url: 'http://127.0.0.1:2', dialects: [gemini]}
                """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "upstream.dialects: dialect 'gemini' is also listed under upstreams.a.dialects");
  }
}
