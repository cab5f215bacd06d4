package dev.warden.engine.stream;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code openai-completions} ({@code /v1/completions}): {@code data:} events of {@code
 * text_completion} objects, ended by {@code data: [DONE]}. One channel per choice: {@code
 * choices[i].text}; a non-null {@code finish_reason} ends it.
 */
final class OpenAiCompletionsCodec extends OpenAiChoicesCodec {
  @Override
  public String dialect() {
    return "openai-completions";
  }

  @Override
  void choice(Choice c) {
    c.frame()
        .delta(
            channel(c.index()),
            c.choice(),
            "text",
            "/choices/" + c.position() + "/text",
            text -> {
              ObjectNode chunk = c.session().object();
              ObjectNode one = c.carrierChoice(chunk);
              one.put("text", text);
              one.putNull("logprobs");
              one.putNull("finish_reason");
              return c.session().event(c.event(), chunk);
            });
  }

  @Override
  void finish(Frame f, int index) {
    f.ends(channel(index));
  }

  private static String channel(int index) {
    return "/choices/" + index + "/text";
  }
}
