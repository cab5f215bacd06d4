package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.warden.engine.config.WardenConfig;
import dev.warden.testing.StubUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unauthenticated clients abusing connections, over raw sockets on loopback: dropping connections
 * mid-headers or sending malformed framing (each used to cost a durable ledger append and a WARN
 * stack trace), holding connections without sending, and trickling a request one byte at a time.
 */
class ConnectionAbuseTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String REQUEST_LINE = "POST " + CHAT + " HTTP/1.1\r\n";

  @TempDir Path tmp;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final ch.qos.logback.classic.Logger root =
      (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logs);
  }

  private ProxyHarness proxy(String dir, int headerReadTimeoutMs, int idleTimeoutMs) {
    return new ProxyHarness(
        tmp.resolve(dir),
        StubUpstream.start(),
        "",
        c -> {
          WardenConfig.Server s = c.server();
          return c.withServer(
              new WardenConfig.Server(
                  s.host(),
                  s.port(),
                  s.maxBodyBytes(),
                  s.maxJsonDepth(),
                  1,
                  s.bodyReadTimeoutMs(),
                  headerReadTimeoutMs,
                  idleTimeoutMs,
                  s.maxConnections()));
        });
  }

  @Test
  void aFloodOfBrokenConnectionsIsCountedAndReportedAtABoundedRate() throws Exception {
    int dropped = 150;
    int malformed = 30;
    String marker = "Xmarker-" + "q7Zt9";
    List<JsonNode> protocolRecords;
    ProxyHarness proxy = proxy("flood", 10_000, 60_000);
    try {
      int port = proxy.gateway.port();
      for (int i = 0; i < dropped; i++) {
        // Closed in the middle of a header: a request line, then part of a header carrying bytes
        // that must never reach a log line or a record.
        send(port, REQUEST_LINE + "Host: 127.0.0.1\r\n" + marker + ": va", false);
      }
      for (int i = 0; i < malformed; i++) {
        send(
            port,
            REQUEST_LINE
                + "Host: 127.0.0.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n"
                + marker
                + ": 1\r\n\r\n{}",
            true);
      }
      ProtocolErrors errors = proxy.gateway.server().protocolErrors();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (errors.total() < dropped + malformed && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(errors.total()).isEqualTo(dropped + malformed);
      assertThat(errors.incomplete()).isEqualTo(dropped);

      // The first failure was recorded at once; every other one waits for the interval's report.
      assertThat(protocolRecords(proxy)).hasSize(1);
      assertThat(reportLines()).hasSize(1);

      // A real request is still served and recorded.
      var res = proxy.post(CHAT, ProxyHarness.chat("hello"));
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(proxy.received()).hasSize(1);
      assertThat(records(proxy)).anyMatch(r -> r.path("route").asString().equals(CHAT));
    } finally {
      proxy.close();
    }
    protocolRecords = protocolRecords(proxy);
    // Stopping wrote the rest as one record with its count: two records stand for all 180.
    assertThat(protocolRecords).hasSize(2);
    long counted = 0;
    long incomplete = 0;
    for (JsonNode r : protocolRecords) {
      counted += Long.parseLong(r.path("details").path("count").asString());
      incomplete += Long.parseLong(r.path("details").path("incomplete").asString());
      assertThat(r.path("outcome").asString()).isEqualTo("rejected");
    }
    assertThat(counted).isEqualTo(dropped + malformed);
    assertThat(incomplete).isEqualTo(dropped);
    assertThat(reportLines()).hasSize(2);
    for (ILoggingEvent e : logs.list) {
      assertThat(e.getThrowableProxy()).as("stack trace in %s", e.getLoggerName()).isNull();
      assertThat(e.getFormattedMessage() + e.getKeyValuePairs()).doesNotContain(marker);
      assertThat(e.getLoggerName()).doesNotStartWith("io.helidon.webserver.http1");
    }
    assertThat(protocolRecords.toString()).doesNotContain(marker);
  }

  @Test
  void silentAndTricklingConnectionsAreClosedWithinTheirBounds() throws Exception {
    try (ProxyHarness proxy = proxy("slow", 600, 2_000)) {
      int port = proxy.gateway.port();
      // No byte at all: the idle timeout (2 s, checked every 500 ms against Helidon's clock, which
      // ticks once a second).
      assertThat(secondsUntilClosed(port, "", "")).isBetween(0.9, 3.6);
      // The request line one byte at a time: the idle timeout too, trickling does not reset it.
      assertThat(secondsUntilClosed(port, "", REQUEST_LINE)).isBetween(0.9, 3.6);
      // A whole request line, then the headers one byte at a time: the header deadline (0.6 s).
      assertThat(
              secondsUntilClosed(
                  port, REQUEST_LINE, "Host: 127.0.0.1\r\nX-Slow: " + "a".repeat(200)))
          .isBetween(0.5, 2.0);
      // Neither reached the upstream.
      assertThat(proxy.received()).isEmpty();
    }
  }

  @Test
  void aKeepAliveClientWithinTheBoundsIsUnaffected() throws Exception {
    try (ProxyHarness proxy = proxy("keep", 600, 3_000);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.gateway.port())) {
      s.setSoTimeout(5_000);
      byte[] body = ProxyHarness.chat("hello").getBytes(StandardCharsets.UTF_8);
      String head =
          REQUEST_LINE
              + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      for (int i = 0; i < 3; i++) {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        assertThat(readResponseHead(s.getInputStream())).startsWith("HTTP/1.1 200");
        Thread.sleep(700); // pauses longer than the header deadline, shorter than the idle one
      }
      assertThat(proxy.received()).hasSize(3);
      assertThat(proxy.gateway.server().protocolErrors().total()).isZero();
    }
  }

  /** Opens a connection, sends {@code text}, then closes it (after reading the answer if asked). */
  private static void send(int port, String text, boolean readAnswer) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(3_000);
      s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      if (readAnswer) {
        assertThat(readResponseHead(s.getInputStream())).startsWith("HTTP/1.1 400");
      }
    }
  }

  /**
   * Sends {@code whole} at once, then {@code trickled} one byte every 100 ms, and returns the
   * seconds until the gateway closed the connection (fails if it has not within 6 s).
   */
  private static double secondsUntilClosed(int port, String whole, String trickled)
      throws IOException {
    long started = System.nanoTime();
    long deadline = started + 6_000_000_000L;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(100);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(whole.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      int next = 0;
      while (System.nanoTime() < deadline) {
        try {
          if (next < trickled.length()) {
            out.write(trickled.charAt(next++));
            out.flush();
          }
          if (in.read() < 0) {
            break;
          }
        } catch (SocketTimeoutException e) {
          continue; // still open
        } catch (SocketException e) {
          break; // reset or broken pipe: closed
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(seconds).as("closed by the gateway within 6 s").isLessThan(6.0);
    return seconds;
  }

  private static String readResponseHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      head.append((char) b);
      if (head.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    String text = head.toString();
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return text;
  }

  private List<ILoggingEvent> reportLines() {
    return logs.list.stream()
        .filter(e -> e.getLoggerName().equals(ProtocolErrors.class.getName()))
        .filter(e -> e.getLevel() == Level.WARN)
        .toList();
  }

  private static List<JsonNode> protocolRecords(ProxyHarness proxy) throws IOException {
    return records(proxy).stream()
        .filter(r -> r.path("route").asString().equals("(protocol)"))
        .toList();
  }

  private static List<JsonNode> records(ProxyHarness proxy) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(proxy.gateway.ledgerDir())) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
        // A segment is preallocated: its unwritten end is NUL bytes.
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          line = line.replace("\0", "");
          if (!line.isBlank()) {
            out.add(JsonMapper.shared().readTree(line));
          }
        }
      }
    }
    return out;
  }
}
