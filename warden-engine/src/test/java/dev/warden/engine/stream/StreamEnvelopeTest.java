package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Restorer;
import org.junit.jupiter.api.Test;

/**
 * An upstream can put a value anywhere in a streamed event, not only in the text channels: the
 * envelope ({@code id}, {@code model}, {@code system_fingerprint}), key names and the SSE {@code
 * event:} / {@code id:} fields (adversarial probes of 2026-11-24, where all of these passed).
 */
class StreamEnvelopeTest {
  /** Generated AWS access key id (base32 body), not a real key. */
  static final String AWS_KEY_ID = "AKIAQYLPMN5HFIQR7XYA";

  /** Generated {@code ghp_} token: 30 base62 characters and their CRC32 checksum; not real. */
  static final String GITHUB_TOKEN = "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";

  static String openAi(String in) {
    return run(StreamInspectors.forDialect("openai-chat", protector(), Restorer.NONE), in);
  }

  @Test
  void envelopeValuesOfEveryEventAreScanned() {
    String event =
        "{\"id\":"
            + q(GITHUB_TOKEN)
            + ",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"system_fingerprint\":"
            + q(AWS_KEY_ID)
            + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":null}]}";
    String out = openAi(sse(event) + sse(event) + sse("[DONE]"));

    assertThat(out).doesNotContain(GITHUB_TOKEN).doesNotContain(AWS_KEY_ID).contains("[DONE]");
    assertThat(OpenAiChatStreamTest.text(out)).isEqualTo("okok");
  }

  @Test
  void keyNamesAreScanned() {
    String out =
        openAi(
            sse(
                    "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\","
                        + q(AWS_KEY_ID)
                        + ":1},\"finish_reason\":null}]}")
                + sse("[DONE]"));

    assertThat(out).doesNotContain(AWS_KEY_ID);
  }

  @Test
  void sseEventAndIdFieldsAreScanned() {
    String out =
        openAi(
            "event: "
                + AWS_KEY_ID
                + "\nid: "
                + GITHUB_TOKEN
                + "\ndata: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\n"
                + sse("[DONE]"));

    assertThat(out).doesNotContain(GITHUB_TOKEN).doesNotContain(AWS_KEY_ID).contains("ok");
  }

  @Test
  void cleanEnvelopesPassUnchanged() {
    String in = OpenAiChatStreamTest.stream("Hello there, how can I help you today?", 4);
    String out = openAi(in);

    assertThat(out).contains("\"id\":\"chatcmpl-1\"").contains("\"model\":\"gpt-test\"");
    assertThat(OpenAiChatStreamTest.text(out)).isEqualTo("Hello there, how can I help you today?");
  }
}
