package dev.warden.engine.stream;

import dev.warden.api.KeyedHasher;
import dev.warden.engine.Protector;
import dev.warden.engine.detect.RuleDetector;
import dev.warden.engine.json.JsonBodies;
import dev.warden.engine.policy.Policy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared helpers: a response protector, chunking, and an independent SSE/NDJSON decoder. */
final class StreamFixtures {
  private StreamFixtures() {}

  static final JsonMapper JSON = JsonMapper.builder().build();

  static final KeyedHasher HASHER =
      (domain, value) -> {
        try {
          return java.security.MessageDigest.getInstance("SHA-256")
              .digest((domain + "\0" + value).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      };

  static Protector protector(Policy policy) {
    return new Protector(RuleDetector.builtin(), policy, HASHER, new JsonBodies(64, 8 << 20));
  }

  static Protector protector() {
    return protector(Policy.defaults());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Feeds {@code chunks} and finishes; returns everything written. */
  static String run(StreamInspector inspector, List<byte[]> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] c : chunks) {
      inspector.accept(c, 0, c.length, out::writeBytes);
    }
    inspector.finish(out::writeBytes);
    return out.toString(StandardCharsets.UTF_8);
  }

  static String run(StreamInspector inspector, String whole) {
    return run(inspector, List.of(utf8(whole)));
  }

  /** {@code bytes} cut at the given ascending offsets. */
  static List<byte[]> cut(byte[] bytes, int... at) {
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int a : at) {
      out.add(java.util.Arrays.copyOfRange(bytes, from, a));
      from = a;
    }
    out.add(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
    return out;
  }

  /** One SSE event (optional type) in LF framing. */
  static String sse(@Nullable String type, String data) {
    return (type == null ? "" : "event: " + type + "\n") + "data: " + data + "\n\n";
  }

  static String sse(String data) {
    return sse(null, data);
  }

  /** A JSON string literal. */
  static String q(String s) {
    return JSON.writeValueAsString(s);
  }

  /** Splits text into pieces of a few characters, as a model's tokens would be. */
  static List<String> tokens(String text, int size) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      out.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return out;
  }

  /** A decoded SSE event: type (null = message) and data. */
  record Event(@Nullable String type, String data) {
    JsonNode json() {
      return JSON.readTree(data);
    }
  }

  /** Decodes canonical LF-framed SSE output (independently of the reader under test). */
  static List<Event> events(String sse) {
    List<Event> out = new ArrayList<>();
    for (String block : sse.split("\n\n")) {
      if (block.isEmpty()) {
        continue;
      }
      @Nullable String type = null;
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          if (!data.isEmpty()) {
            data.append('\n');
          }
          data.append(line.substring(6));
        }
      }
      if (!data.isEmpty() || type != null) {
        out.add(new Event(type, data.toString()));
      }
    }
    return out;
  }

  /** NDJSON output lines as JSON. */
  static List<JsonNode> lines(String ndjson) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }
}
