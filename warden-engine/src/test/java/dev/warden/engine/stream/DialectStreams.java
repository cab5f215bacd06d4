package dev.warden.engine.stream;

import static dev.warden.engine.stream.StreamFixtures.JSON;
import static dev.warden.engine.stream.StreamFixtures.events;
import static dev.warden.engine.stream.StreamFixtures.lines;
import static dev.warden.engine.stream.StreamFixtures.q;
import static dev.warden.engine.stream.StreamFixtures.sse;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Per dialect: a realistic upstream stream carrying given text pieces, and an independent decoder
 * that assembles the text a client would show from the inspector's output.
 */
enum DialectStreams {
  OPENAI_CHAT("openai-chat") {
    @Override
    String stream(List<String> pieces) {
      StringBuilder b =
          new StringBuilder(chat("{\"role\":\"assistant\",\"content\":\"\"}", "null"));
      for (String p : pieces) {
        b.append(chat("{\"content\":" + q(p) + "}", "null"));
      }
      return b.append(chat("{}", "\"stop\"")).append(sse("[DONE]")).toString();
    }

    @Override
    String text(String out) {
      StringBuilder b = new StringBuilder();
      for (StreamFixtures.Event e : events(out)) {
        if (!e.data().equals("[DONE]")) {
          for (JsonNode c : e.json().path("choices")) {
            b.append(c.path("delta").path("content").asString(""));
          }
        }
      }
      return b.toString();
    }
  },
  OPENAI_COMPLETIONS("openai-completions") {
    @Override
    String stream(List<String> pieces) {
      StringBuilder b = new StringBuilder();
      for (String p : pieces) {
        b.append(completion(q(p), "null"));
      }
      return b.append(completion("\"\"", "\"stop\"")).append(sse("[DONE]")).toString();
    }

    @Override
    String text(String out) {
      StringBuilder b = new StringBuilder();
      for (StreamFixtures.Event e : events(out)) {
        if (!e.data().equals("[DONE]")) {
          for (JsonNode c : e.json().path("choices")) {
            b.append(c.path("text").asString(""));
          }
        }
      }
      return b.toString();
    }
  },
  OPENAI_RESPONSES("openai-responses") {
    @Override
    String stream(List<String> pieces) {
      String full = String.join("", pieces);
      StringBuilder b = new StringBuilder();
      b.append(
          sse(
              "response.created",
              "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\",\"output\":[]}}"));
      b.append(
          sse(
              "response.output_item.added",
              "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}"));
      b.append(
          sse(
              "response.content_part.added",
              "{\"type\":\"response.content_part.added\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\"}}"));
      for (String p : pieces) {
        b.append(
            sse(
                "response.output_text.delta",
                "{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":"
                    + q(p)
                    + "}"));
      }
      b.append(
          sse(
              "response.output_text.done",
              "{\"type\":\"response.output_text.done\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"text\":"
                  + q(full)
                  + "}"));
      b.append(
          sse(
              "response.content_part.done",
              "{\"type\":\"response.content_part.done\",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":"
                  + q(full)
                  + "}}"));
      String item =
          "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":"
              + q(full)
              + "}]}";
      b.append(
          sse(
              "response.output_item.done",
              "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":" + item + "}"));
      b.append(
          sse(
              "response.completed",
              "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":["
                  + item
                  + "]}}"));
      return b.toString();
    }

    @Override
    String text(String out) {
      StringBuilder b = new StringBuilder();
      for (StreamFixtures.Event e : events(out)) {
        if ("response.output_text.delta".equals(e.type())) {
          b.append(e.json().path("delta").asString(""));
        }
      }
      return b.toString();
    }
  },
  ANTHROPIC("anthropic-messages") {
    @Override
    String stream(List<String> pieces) {
      StringBuilder b = new StringBuilder();
      b.append(
          sse(
              "message_start",
              "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-test\",\"stop_reason\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}"));
      b.append(
          sse(
              "content_block_start",
              "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
      b.append(sse("ping", "{\"type\":\"ping\"}"));
      for (String p : pieces) {
        b.append(
            sse(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                    + q(p)
                    + "}}"));
      }
      b.append(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
      b.append(
          sse(
              "message_delta",
              "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}"));
      b.append(sse("message_stop", "{\"type\":\"message_stop\"}"));
      return b.toString();
    }

    @Override
    String text(String out) {
      StringBuilder b = new StringBuilder();
      for (StreamFixtures.Event e : events(out)) {
        if ("content_block_delta".equals(e.type())) {
          b.append(e.json().path("delta").path("text").asString(""));
        }
      }
      return b.toString();
    }
  },
  GEMINI("gemini") {
    @Override
    String stream(List<String> pieces) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < pieces.size(); i++) {
        boolean last = i == pieces.size() - 1;
        b.append(
            sse(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
                    + q(pieces.get(i))
                    + "}],\"role\":\"model\"},"
                    + (last ? "\"finishReason\":\"STOP\"," : "")
                    + "\"index\":0}],\"modelVersion\":\"gemini-test\"}"));
      }
      return b.toString();
    }

    @Override
    String text(String out) {
      StringBuilder b = new StringBuilder();
      for (StreamFixtures.Event e : events(out)) {
        for (JsonNode c : e.json().path("candidates")) {
          for (JsonNode p : c.path("content").path("parts")) {
            b.append(p.path("text").asString(""));
          }
        }
      }
      return b.toString();
    }
  },
  OLLAMA_CHAT("ollama-chat") {
    @Override
    String stream(List<String> pieces) {
      StringBuilder b = new StringBuilder();
      for (String p : pieces) {
        b.append(
                "{\"model\":\"llama-test\",\"created_at\":\"2026-11-23T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":")
            .append(q(p))
            .append("},\"done\":false}\n");
      }
      return b.append(
              "{\"model\":\"llama-test\",\"created_at\":\"2026-11-23T00:00:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"eval_count\":9}\n")
          .toString();
    }

    @Override
    String text(String out) {
      StringBuilder b = new StringBuilder();
      for (JsonNode line : lines(out)) {
        b.append(line.path("message").path("content").asString(""));
      }
      return b.toString();
    }
  },
  OLLAMA_GENERATE("ollama-generate") {
    @Override
    String stream(List<String> pieces) {
      StringBuilder b = new StringBuilder();
      for (String p : pieces) {
        b.append("{\"model\":\"llama-test\",\"created_at\":\"2026-11-23T00:00:00Z\",\"response\":")
            .append(q(p))
            .append(",\"done\":false}\n");
      }
      return b.append(
              "{\"model\":\"llama-test\",\"created_at\":\"2026-11-23T00:00:01Z\",\"response\":\"\",\"done\":true,\"context\":[1,2,3]}\n")
          .toString();
    }

    @Override
    String text(String out) {
      StringBuilder b = new StringBuilder();
      for (JsonNode line : lines(out)) {
        b.append(line.path("response").asString(""));
      }
      return b.toString();
    }
  };

  final String id;

  DialectStreams(String id) {
    this.id = id;
  }

  /** An upstream stream whose text channel carries {@code pieces} in order. */
  abstract String stream(List<String> pieces);

  /** The text a client assembles from inspector output. */
  abstract String text(String out);

  boolean ndjson() {
    return id.startsWith("ollama");
  }

  private static String chat(String delta, String finish) {
    return sse(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":"
            + delta
            + ",\"logprobs\":null,\"finish_reason\":"
            + finish
            + "}]}");
  }

  private static String completion(String text, String finish) {
    return sse(
        "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"text\":"
            + text
            + ",\"logprobs\":null,\"finish_reason\":"
            + finish
            + "}]}");
  }

  static JsonNode json(String s) {
    return JSON.readTree(s);
  }
}
