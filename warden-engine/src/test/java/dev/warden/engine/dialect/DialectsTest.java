package dev.warden.engine.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.dialect.Dialect.Direction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DialectsTest {
  static final JsonMapper JSON = JsonMapper.shared();
  static final Dialects REGISTRY = Dialects.standard();

  static JsonNode json(String s) {
    return JSON.readTree(s);
  }

  static Endpoint at(String path) {
    return REGISTRY.match(path).orElseThrow(() -> new AssertionError("no dialect for " + path));
  }

  @Test
  void registryHoldsExactlyTheDocumentedIds() {
    assertThat(REGISTRY.ids())
        .containsExactly(
            "openai-chat",
            "openai-completions",
            "openai-embeddings",
            "openai-responses",
            "anthropic-messages",
            "gemini",
            "ollama-chat",
            "ollama-generate");
  }

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("/v1/chat/completions", "openai-chat", "/v1/chat/completions"),
        Arguments.of("/v1/completions", "openai-completions", "/v1/completions"),
        Arguments.of("/v1/embeddings", "openai-embeddings", "/v1/embeddings"),
        Arguments.of("/v1/responses", "openai-responses", "/v1/responses"),
        Arguments.of("/v1/messages", "anthropic-messages", "/v1/messages"),
        Arguments.of(
            "/v1/messages/count_tokens", "anthropic-messages", "/v1/messages/count_tokens"),
        Arguments.of(
            "/v1beta/models/gemini-2.0-flash:generateContent",
            "gemini",
            "/v1beta/models/{model}:generateContent"),
        Arguments.of(
            "/v1beta/models/gemini-1.5-pro-002:streamGenerateContent",
            "gemini",
            "/v1beta/models/{model}:streamGenerateContent"),
        Arguments.of("/api/chat", "ollama-chat", "/api/chat"),
        Arguments.of("/api/generate", "ollama-generate", "/api/generate"));
  }

  @ParameterizedTest
  @MethodSource("paths")
  void pathsResolveToTheirDialect(String path, String id, String template) {
    Endpoint e = at(path);
    assertThat(e.dialect().id()).isEqualTo(id);
    assertThat(e.template()).isEqualTo(template);
    assertThat(e.path()).isEqualTo(path);
  }

  @ParameterizedTest
  @MethodSource("notDialectPaths")
  void otherPathsAndEncodedModelNamesMatchNothing(String path) {
    assertThat(REGISTRY.match(path)).isEmpty();
  }

  static Stream<String> notDialectPaths() {
    return Stream.of(
        "/v1/chat/completions/",
        "/v1/models",
        "/api/tags",
        "/v1beta/models/:generateContent",
        "/v1beta/models/gemini%2Dpro:generateContent",
        "/v1beta/models/../admin:generateContent",
        "/v1beta/models/a/b:generateContent",
        "/v1beta/models/gemini-pro:countTokens",
        "/v1beta/models/gemini-pro:generateContent:streamGenerateContent");
  }

  @Test
  void geminiTakesModelAndStreamFromThePathAndAcceptsOnlyAltSse() {
    Endpoint plain = at("/v1beta/models/gemini-2.0-flash:generateContent");
    Endpoint stream = at("/v1beta/models/gemini-2.0-flash:streamGenerateContent");
    JsonNode body = json("{\"model\":\"other\",\"stream\":true,\"contents\":[]}");

    assertThat(plain.model(body)).isEqualTo("gemini-2.0-flash");
    assertThat(plain.streamRequested(body)).isFalse();
    assertThat(stream.streamRequested(json("{}"))).isTrue();
    assertThat(plain.dialect().queryParameters(plain.template())).isEmpty();
    assertThat(stream.dialect().queryParameters(stream.template()))
        .isEqualTo(Map.of("alt", Set.of("sse")));
  }

  static Stream<Arguments> streamFlags() {
    return Stream.of(
        Arguments.of("/v1/chat/completions", "{\"stream\":true}", true),
        Arguments.of("/v1/chat/completions", "{\"stream\":\"true\"}", true),
        Arguments.of("/v1/chat/completions", "{\"stream\":1}", true),
        Arguments.of("/v1/chat/completions", "{\"stream\":false}", false),
        Arguments.of("/v1/chat/completions", "{}", false),
        Arguments.of("/v1/responses", "{\"stream\":true}", true),
        Arguments.of("/v1/messages", "{\"stream\":true}", true),
        Arguments.of("/v1/messages", "{}", false),
        Arguments.of("/v1/messages/count_tokens", "{\"stream\":true}", false),
        // Ollama streams unless the request says "stream": false, exactly.
        Arguments.of("/api/chat", "{}", true),
        Arguments.of("/api/chat", "{\"stream\":null}", true),
        Arguments.of("/api/chat", "{\"stream\":\"false\"}", true),
        Arguments.of("/api/chat", "{\"stream\":0}", true),
        Arguments.of("/api/chat", "{\"stream\":true}", true),
        Arguments.of("/api/chat", "{\"stream\":false}", false),
        Arguments.of("/api/generate", "{}", true),
        Arguments.of("/api/generate", "{\"stream\":false}", false));
  }

  @ParameterizedTest
  @MethodSource("streamFlags")
  void streamRequestedPerDialect(String path, String body, boolean expected) {
    assertThat(at(path).streamRequested(json(body))).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("bodyModels")
  void modelComesFromTheBodyOutsideGemini(String path) {
    assertThat(at(path).model(json("{\"model\":\"m-1\"}"))).isEqualTo("m-1");
    assertThat(at(path).model(json("{\"model\":7}"))).isNull();
    assertThat(at(path).model(json("{}"))).isNull();
  }

  static Stream<String> bodyModels() {
    return Stream.of(
        "/v1/chat/completions",
        "/v1/completions",
        "/v1/embeddings",
        "/v1/responses",
        "/v1/messages",
        "/api/chat",
        "/api/generate");
  }

  // --- binary parts: positives next to near misses ---

  record Leaf(String path, String containerJson, @Nullable String key, String value) {}

  static Stream<Arguments> binaryLeaves() {
    String png = Media.b64(Media.png());
    String jpeg = Media.b64(Media.jpeg());
    String wav = Media.b64(Media.wav());
    String mp3 = Media.b64(Media.mp3());
    String pdf = Media.b64(Media.pdf());
    String text = Media.b64Text("my password is hunter2, and the key is in the drawer");
    return Stream.of(
        // OpenAI chat: image_url data URLs
        bin(
            "/v1/chat/completions",
            "/messages/0/content/1/image_url/url",
            "{}",
            "url",
            "data:image/png;base64," + png,
            true),
        bin(
            "/v1/chat/completions",
            "/messages/3/content/0/image_url/url",
            "{}",
            "url",
            "data:image/jpeg;base64," + jpeg,
            true),
        bin(
            "/v1/chat/completions",
            "/messages/0/content/1/image_url/url",
            "{}",
            "url",
            "data:image/png;base64," + text,
            false), // no PNG signature: scanned
        bin(
            "/v1/chat/completions",
            "/messages/0/content/1/image_url/url",
            "{}",
            "url",
            "data:image/png;base64," + jpeg,
            false), // declared kind differs
        bin(
            "/v1/chat/completions",
            "/messages/0/content/1/image_url/url",
            "{}",
            "url",
            "data:text/plain;base64," + text,
            false),
        bin(
            "/v1/chat/completions",
            "/messages/0/content/1/image_url/url",
            "{}",
            "url",
            "https://img.example/cat.png",
            false),
        bin(
            "/v1/chat/completions",
            "/messages/0/content/1/other/url",
            "{}",
            "url",
            "data:image/png;base64," + png,
            false), // not a documented position
        bin(
            "/v1/chat/completions",
            "/messages/0/content",
            "{}",
            "content",
            "data:image/png;base64," + png,
            false),
        // OpenAI chat: input_audio with its declared format
        bin(
            "/v1/chat/completions",
            "/messages/0/content/0/input_audio/data",
            "{\"format\":\"wav\"}",
            "data",
            wav,
            true),
        bin(
            "/v1/chat/completions",
            "/messages/0/content/0/input_audio/data",
            "{\"format\":\"mp3\"}",
            "data",
            mp3,
            true),
        bin(
            "/v1/chat/completions",
            "/messages/0/content/0/input_audio/data",
            "{\"format\":\"mp3\"}",
            "data",
            wav,
            false),
        bin(
            "/v1/chat/completions",
            "/messages/0/content/0/input_audio/data",
            "{}",
            "data",
            wav,
            false),
        bin(
            "/v1/chat/completions",
            "/messages/0/content/0/input_audio/data",
            "{\"format\":\"wav\"}",
            "data",
            text,
            false),
        bin(
            "/v1/chat/completions",
            "/messages/0/content/0/file/file_data",
            "{}",
            "file_data",
            "data:application/pdf;base64," + pdf,
            true),
        // OpenAI Responses
        bin(
            "/v1/responses",
            "/input/0/content/1/image_url",
            "{\"type\":\"input_image\"}",
            "image_url",
            "data:image/png;base64," + png,
            true),
        bin(
            "/v1/responses",
            "/input/0/content/1/image_url",
            "{\"type\":\"input_image\"}",
            "image_url",
            "data:image/png;base64," + text,
            false),
        bin(
            "/v1/responses",
            "/input/0/content/2/file_data",
            "{}",
            "file_data",
            "data:application/pdf;base64," + pdf,
            true),
        bin("/v1/responses", "/instructions", "{}", "instructions", png, false),
        // completions and embeddings requests: nothing is binary
        bin("/v1/completions", "/prompt", "{}", "prompt", png, false),
        bin("/v1/embeddings", "/input/0", "[]", null, png, false),
        // Anthropic: base64 image and document sources, also inside a tool_result
        bin(
            "/v1/messages",
            "/messages/0/content/0/source/data",
            "{\"type\":\"base64\",\"media_type\":\"image/png\"}",
            "data",
            png,
            true),
        bin(
            "/v1/messages",
            "/messages/2/content/0/content/1/source/data",
            "{\"type\":\"base64\",\"media_type\":\"image/jpeg\"}",
            "data",
            jpeg,
            true),
        bin(
            "/v1/messages",
            "/messages/0/content/1/source/data",
            "{\"type\":\"base64\",\"media_type\":\"application/pdf\"}",
            "data",
            pdf,
            true),
        bin(
            "/v1/messages",
            "/messages/0/content/1/source/data",
            "{\"type\":\"text\",\"media_type\":\"text/plain\"}",
            "data",
            text,
            false),
        bin(
            "/v1/messages",
            "/messages/0/content/1/source/data",
            "{\"type\":\"base64\",\"media_type\":\"image/png\"}",
            "data",
            text,
            false),
        bin(
            "/v1/messages",
            "/messages/0/content/1/source/data",
            "{\"type\":\"base64\"}",
            "data",
            png,
            false),
        bin("/v1/messages", "/system/0/text", "{}", "text", png, false),
        // Gemini: inline_data / inlineData with mime_type / mimeType
        bin(
            "/v1beta/models/g:generateContent",
            "/contents/0/parts/1/inline_data/data",
            "{\"mime_type\":\"image/png\"}",
            "data",
            png,
            true),
        bin(
            "/v1beta/models/g:generateContent",
            "/contents/0/parts/1/inlineData/data",
            "{\"mimeType\":\"audio/wav\"}",
            "data",
            wav,
            true),
        bin(
            "/v1beta/models/g:generateContent",
            "/systemInstruction/parts/0/inlineData/data",
            "{\"mimeType\":\"application/pdf\"}",
            "data",
            pdf,
            true),
        bin(
            "/v1beta/models/g:generateContent",
            "/contents/0/parts/1/inlineData/data",
            "{\"mimeType\":\"text/plain\"}",
            "data",
            text,
            false),
        bin(
            "/v1beta/models/g:generateContent",
            "/contents/0/parts/1/inlineData/data",
            "{\"mimeType\":\"image/png\"}",
            "data",
            text,
            false),
        bin(
            "/v1beta/models/g:generateContent",
            "/contents/0/parts/1/text",
            "{}",
            "text",
            png,
            false),
        // Ollama: bare base64 images
        bin("/api/chat", "/messages/0/images/0", "[]", null, png, true),
        bin("/api/chat", "/messages/0/images/1", "[]", null, jpeg, true),
        bin("/api/chat", "/messages/0/images/0", "[]", null, text, false),
        bin("/api/chat", "/messages/0/images/0", "[]", null, wav, false),
        bin("/api/chat", "/messages/0/content", "{}", "content", png, false),
        bin("/api/generate", "/images/0", "[]", null, png, true),
        bin("/api/generate", "/prompt", "{}", "prompt", png, false));
  }

  static Arguments bin(
      String route, String path, String container, @Nullable String key, String v, boolean b) {
    return Arguments.of(route, new Leaf(path, container, key, v), b);
  }

  @ParameterizedTest
  @MethodSource("binaryLeaves")
  void binaryOnlyAtDocumentedPositionsAndOnlyWhenTheBytesAreOfTheDeclaredKind(
      String route, Leaf leaf, boolean binary) {
    Dialect d = at(route).dialect();
    assertThat(
            d.isBinary(
                Direction.REQUEST,
                leaf.path(),
                json(leaf.containerJson()),
                leaf.key(),
                leaf.value()))
        .as("%s %s", route, leaf.path())
        .isEqualTo(binary);
  }

  @Test
  void responseSideBinaryPositions() {
    Dialect chat = at("/v1/chat/completions").dialect();
    Dialect emb = at("/v1/embeddings").dialect();
    Dialect gemini = at("/v1beta/models/g:generateContent").dialect();
    Dialect responses = at("/v1/responses").dialect();
    String wav = Media.b64(Media.wav());
    String png = Media.b64(Media.png());
    String floats = Media.b64(new byte[64]);

    assertThat(
            chat.isBinary(
                Direction.RESPONSE, "/choices/0/message/audio/data", json("{}"), "data", wav))
        .isTrue();
    assertThat(
            chat.isBinary(
                Direction.RESPONSE, "/choices/0/message/content", json("{}"), "content", wav))
        .isFalse();
    // the request-side position means nothing in an answer, and vice versa
    assertThat(
            chat.isBinary(
                Direction.RESPONSE,
                "/messages/0/content/1/image_url/url",
                json("{}"),
                "url",
                "data:image/png;base64," + png))
        .isFalse();
    assertThat(
            chat.isBinary(
                Direction.REQUEST, "/choices/0/message/audio/data", json("{}"), "data", wav))
        .isFalse();
    assertThat(
            emb.isBinary(Direction.RESPONSE, "/data/0/embedding", json("{}"), "embedding", floats))
        .isTrue();
    assertThat(
            emb.isBinary(
                Direction.RESPONSE,
                "/data/0/embedding",
                json("{}"),
                "embedding",
                Media.b64(new byte[63])))
        .isFalse();
    assertThat(
            gemini.isBinary(
                Direction.RESPONSE,
                "/candidates/0/content/parts/0/inlineData/data",
                json("{\"mimeType\":\"image/png\"}"),
                "data",
                png))
        .isTrue();
    assertThat(
            responses.isBinary(
                Direction.RESPONSE,
                "/output/1/result",
                json("{\"type\":\"image_generation_call\"}"),
                "result",
                png))
        .isTrue();
    assertThat(
            responses.isBinary(
                Direction.RESPONSE,
                "/output/1/result",
                json("{\"type\":\"function_call\"}"),
                "result",
                png))
        .isFalse();
  }

  // --- errors, headers, framing ---

  @Test
  void errorBodiesHaveEachFamilysShapeAndCarryWardensType() {
    String msg = "the request contains \"quoted\" text\n and a newline";
    JsonNode openai =
        json(text(at("/v1/chat/completions").dialect().errorBody(403, "warden_blocked", msg)));
    assertThat(openai.path("error").path("type").asString()).isEqualTo("warden_blocked");
    assertThat(openai.path("error").path("message").asString()).isEqualTo(msg);
    assertThat(openai.path("error").path("code").asInt()).isEqualTo(403);

    JsonNode anthropic =
        json(text(at("/v1/messages").dialect().errorBody(403, "warden_blocked", msg)));
    assertThat(anthropic.path("type").asString()).isEqualTo("error");
    assertThat(anthropic.path("error").path("type").asString()).isEqualTo("warden_blocked");
    assertThat(anthropic.path("error").path("message").asString()).isEqualTo(msg);

    JsonNode gemini =
        json(
            text(
                at("/v1beta/models/g:generateContent")
                    .dialect()
                    .errorBody(403, "warden_blocked", msg)));
    assertThat(gemini.path("error").path("code").asInt()).isEqualTo(403);
    assertThat(gemini.path("error").path("status").asString()).isEqualTo("PERMISSION_DENIED");
    assertThat(gemini.path("error").path("message").asString()).isEqualTo(msg);
    assertThat(gemini.path("error").path("details").path(0).path("reason").asString())
        .isEqualTo("warden_blocked");

    JsonNode ollama = json(text(at("/api/chat").dialect().errorBody(400, "warden_x", msg)));
    assertThat(ollama.path("error").path("type").asString()).isEqualTo("warden_x");
  }

  @Test
  void errorEventsAreFramedForTheDialectsStream() {
    assertThat(text(at("/v1/messages").dialect().errorEvent(502, "warden_response_blocked", "m")))
        .startsWith("event: error\ndata: {\"type\":\"error\"")
        .endsWith("\n\n");
    assertThat(text(at("/v1/chat/completions").dialect().errorEvent(502, "t", "m")))
        .startsWith("data: {\"error\":")
        .endsWith("\n\n");
    assertThat(
            text(at("/v1beta/models/g:streamGenerateContent").dialect().errorEvent(502, "t", "m")))
        .startsWith("data: {\"error\":{\"code\":502");
    String ndjson = text(at("/api/chat").dialect().errorEvent(502, "t", "m"));
    assertThat(ndjson).endsWith("\n").doesNotContain("data:");
    assertThat(json(ndjson).path("error").path("type").asString()).isEqualTo("t");
  }

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of(
            "/v1/chat/completions",
            List.of("authorization", "openai-organization", "openai-project"),
            List.of("authorization"),
            Dialect.Framing.SSE),
        Arguments.of(
            "/v1/messages",
            List.of("x-api-key", "authorization", "anthropic-version", "anthropic-beta"),
            List.of("x-api-key", "authorization"),
            Dialect.Framing.SSE),
        Arguments.of(
            "/v1beta/models/g:generateContent",
            List.of("x-goog-api-key", "authorization"),
            List.of("x-goog-api-key", "authorization"),
            Dialect.Framing.SSE),
        Arguments.of(
            "/api/chat",
            List.of("authorization"),
            List.of("authorization"),
            Dialect.Framing.NDJSON),
        Arguments.of(
            "/api/generate",
            List.of("authorization"),
            List.of("authorization"),
            Dialect.Framing.NDJSON));
  }

  @ParameterizedTest
  @MethodSource("headers")
  void forwardedHeadersAndFramingPerDialect(
      String path, List<String> forwarded, List<String> credentials, Dialect.Framing framing) {
    Dialect d = at(path).dialect();
    assertThat(d.forwardedHeaders()).containsExactlyElementsOf(forwarded);
    assertThat(d.credentialHeaders()).containsExactlyElementsOf(credentials);
    assertThat(d.forwardedHeaders()).containsAll(d.credentialHeaders());
    assertThat(d.framing()).isEqualTo(framing);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
