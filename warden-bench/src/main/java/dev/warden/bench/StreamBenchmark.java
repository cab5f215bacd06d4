package dev.warden.bench;

import dev.warden.api.Restorer;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.stream.StreamInspector;
import dev.warden.engine.stream.StreamInspectors;
import dev.warden.server.Gateway;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Streaming throughput: upstream chunks per second through a {@link StreamInspector} with the
 * default configuration's response protector (full detector stack, enforce) and the default
 * hold-back window, one thread. Each chunk is one upstream read holding one event with a
 * 4-character text delta, as a model streams tokens; one invocation is one whole stream (a fresh
 * inspector, every chunk, {@code finish}), and the score is per chunk.
 *
 * <p>{@code answer4k}: 1,000 chunks (a 4 KB answer, below the hold-back window, scanned once when
 * it ends); {@code answer80k}: 20,000 chunks (an 80 KB answer, scanned in steps while it streams).
 * {@link #text}: {@code prose}, or {@code sensitive} (an email address in every 400 characters,
 * redacted in-stream).
 *
 * <pre>{@code
 * $JAVA_HOME/bin/java -jar warden-bench/target/benchmarks.jar StreamBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StreamBenchmark {
  static final int CHUNKS_LONG = 20_000;

  @Param({"openai-chat", "anthropic-messages", "ollama-chat"})
  public String dialect = "openai-chat";

  @Param({"prose", "sensitive"})
  public String text = "prose";

  static final int CHUNKS_SHORT = 1_000;

  private List<byte[]> shortStream = List.of();
  private List<byte[]> longStream = List.of();

  @SuppressWarnings("NullAway.Init") // set in setup(), before any @Benchmark call
  private Protector protector;

  @Setup(Level.Trial)
  public void setup() {
    protector = Gateway.protector(WardenConfig.defaults(), ProtectBenchmark.hmacHasher());
    shortStream = build(CHUNKS_SHORT);
    longStream = build(CHUNKS_LONG);
  }

  private List<byte[]> build(int chunks) {
    String prose =
        "The committee reviewed the quarterly figures and agreed to revisit the plan next week. ";
    StringBuilder all = new StringBuilder();
    int n = 0;
    while (all.length() < chunks * 4) {
      all.append(prose);
      if (text.equals("sensitive") && all.length() / 400 > n) {
        n++;
        all.append("Write to user").append(n).append("@example.org please. ");
      }
    }
    List<byte[]> out = new ArrayList<>(chunks + 8);
    out.add(bytes(open()));
    for (int i = 0; i < chunks; i++) {
      out.add(bytes(event(all.substring(i * 4, i * 4 + 4))));
    }
    out.add(bytes(close()));
    List<byte[]> stream = out;

    // Sanity: the output carries the text, and the sensitive stream is redacted.
    StringBuilder sink = new StringBuilder();
    StreamInspector inspector = StreamInspectors.forDialect(dialect, protector, Restorer.NONE);
    for (byte[] c : stream) {
      inspector.accept(c, 0, c.length, b -> sink.append(new String(b, StandardCharsets.UTF_8)));
    }
    inspector.finish(b -> sink.append(new String(b, StandardCharsets.UTF_8)));
    boolean redacted = sink.indexOf("[REDACTED:email]") >= 0;
    if (redacted != text.equals("sensitive") || sink.indexOf("@example.org") >= 0) {
      throw new IllegalStateException("stream " + text + " was not protected as expected");
    }
    return stream;
  }

  /** A 4 KB answer: below the hold-back window, so it is scanned once, when it ends. */
  @Benchmark
  @OperationsPerInvocation(CHUNKS_SHORT)
  public void answer4k(Blackhole bh) {
    run(shortStream, bh);
  }

  /** An 80 KB answer: scanned in steps while it streams. */
  @Benchmark
  @OperationsPerInvocation(CHUNKS_LONG)
  public void answer80k(Blackhole bh) {
    run(longStream, bh);
  }

  private void run(List<byte[]> stream, Blackhole bh) {
    StreamInspector inspector = StreamInspectors.forDialect(dialect, protector, Restorer.NONE);
    StreamInspector.Output out = bh::consume;
    for (byte[] c : stream) {
      inspector.accept(c, 0, c.length, out);
    }
    inspector.finish(out);
  }

  private String event(String piece) {
    String q = quote(piece);
    return switch (dialect) {
      case "openai-chat" ->
          "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
              + "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
              + q
              + "},\"finish_reason\":null}]}\n\n";
      case "anthropic-messages" ->
          "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
              + "\"delta\":{\"type\":\"text_delta\",\"text\":"
              + q
              + "}}\n\n";
      case "ollama-chat" ->
          "{\"model\":\"llama-test\",\"created_at\":\"2026-11-23T00:00:00Z\",\"message\":"
              + "{\"role\":\"assistant\",\"content\":"
              + q
              + "},\"done\":false}\n";
      default -> throw new IllegalArgumentException("unknown dialect: " + dialect);
    };
  }

  private String open() {
    return switch (dialect) {
      case "anthropic-messages" ->
          "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
              + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
      default -> "";
    };
  }

  private String close() {
    return switch (dialect) {
      case "openai-chat" ->
          "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
              + "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{},"
              + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
      case "anthropic-messages" ->
          "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
              + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
      default ->
          "{\"model\":\"llama-test\",\"created_at\":\"2026-11-23T00:00:01Z\",\"message\":"
              + "{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n";
    };
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
