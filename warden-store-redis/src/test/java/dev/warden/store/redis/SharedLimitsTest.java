package dev.warden.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engine.config.ConfigLoader;
import dev.warden.engine.config.WardenConfig;
import dev.warden.server.Gateway;
import dev.warden.testing.StubUpstream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * Two real gateways sharing one real Redis server (the embedded-redis jar's redis-server binary, on
 * loopback): limits hold across both exactly, and a Redis outage refuses traffic.
 */
class SharedLimitsTest {
  private static final String PASSWORD = "s3cret-limits-pass";
  private static final String BODY =
      "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private RedisServer redis;
  private int redisPort;

  @BeforeEach
  void startRedis() throws Exception {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    try (ServerSocket probe = new ServerSocket(0)) {
      redisPort = probe.getLocalPort();
    }
    redis =
        RedisServer.builder()
            .port(redisPort)
            .bind("127.0.0.1")
            .setting("requirepass " + PASSWORD)
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
    redis.start();
  }

  @AfterEach
  void stopRedis() {
    if (redis.isActive()) {
      redis.stop();
    }
  }

  private Gateway gateway(StubUpstream upstream, String name, String limits) {
    WardenConfig base =
        ConfigLoader.fromYaml(
            "upstream: {url: '"
                + upstream.url()
                + "'}\nlimits:\n  store: redis\n  redis: {url: 'redis://:"
                + PASSWORD
                + "@127.0.0.1:"
                + redisPort
                + "/0', timeoutMs: 1000}\n"
                + limits);
    WardenConfig.Server s = base.server();
    return Gateway.start(
        base.withDataDir(dir.resolve(name).toString())
            .withServer(
                new WardenConfig.Server("127.0.0.1", 0, s.maxBodyBytes(), s.maxJsonDepth(), 1)));
  }

  private HttpResponse<String> post(Gateway g) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void twoInstancesAllowExactlyTheSharedLimitUnderConcurrentLoad() throws Exception {
    try (StubUpstream upstream = StubUpstream.start();
        Gateway a = gateway(upstream, "a", "  defaults: {requestsPerMinute: 7}");
        Gateway b = gateway(upstream, "b", "  defaults: {requestsPerMinute: 7}")) {
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      List<HttpResponse<String>> answers = new ArrayList<>();
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          Gateway target = i % 2 == 0 ? a : b;
          futures.add(
              pool.submit(() -> {
                go.await();
                return post(target);
              }));
        }
        go.countDown();
        for (Future<HttpResponse<String>> f : futures) {
          answers.add(f.get(30, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(7);
      List<HttpResponse<String>> limited =
          answers.stream().filter(r -> r.statusCode() == 429).toList();
      assertThat(limited).hasSize(17);
      assertThat(limited)
          .allSatisfy(r -> {
            assertThat(r.body()).contains("warden_rate_limited");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
          });
      assertThat(upstream.received()).hasSize(7);
    }
  }

  @Test
  void tokenBudgetIsSharedAcrossInstances() throws Exception {
    String answer =
        "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":700,\"total_tokens\":705}}";
    try (StubUpstream upstream =
            StubUpstream.builder().rawReply(answer, "application/json").start();
        Gateway a = gateway(upstream, "a", "  defaults: {tokensPerDay: 1000}");
        Gateway b = gateway(upstream, "b", "  defaults: {tokensPerDay: 1000}")) {
      assertThat(post(a).statusCode()).isEqualTo(200); // 1000 - ~20 - 700 left
      HttpResponse<String> onB = post(b); // ~280 covers the prompt; 700 more goes below zero
      assertThat(onB.statusCode()).isEqualTo(200);
      HttpResponse<String> refused = post(a);

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.body()).contains("warden_token_budget_exhausted");
      assertThat(upstream.received()).hasSize(2);
    }
  }

  @Test
  void aRedisOutageRefusesTrafficInsteadOfDroppingLimits() throws Exception {
    try (StubUpstream upstream = StubUpstream.start();
        Gateway a = gateway(upstream, "a", "  defaults: {requestsPerMinute: 100}")) {
      assertThat(post(a).statusCode()).isEqualTo(200);
      redis.stop();

      HttpResponse<String> r = post(a);

      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("warden_limits_unavailable").doesNotContain(PASSWORD);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(upstream.received()).hasSize(1);
    }
  }

  @Test
  void anUnreachableRedisStopsStartupWithoutShowingThePassword() throws Exception {
    redis.stop();
    try (StubUpstream upstream = StubUpstream.start()) {
      assertThatThrownBy(() -> gateway(upstream, "a", "  defaults: {requestsPerMinute: 1}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("limits.redis.url")
          .hasMessageContaining("127.0.0.1:" + redisPort)
          .message()
          .doesNotContain(PASSWORD);
    }
  }
}
