package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Identity;
import dev.warden.testing.StubUpstream;
import dev.warden.vault.ApiKeyStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Limits through the real proxy: rates, token budgets, streamed usage and backpressure. */
class LimitsProxyTest {
  private static final Pattern OUTCOME = Pattern.compile("\"outcome\":\"limited\"");

  @TempDir Path dir;

  @Test
  void requestsPerMinuteHoldExactlyUnderConcurrentLoad() throws Exception {
    try (ProxyHarness proxy =
        new ProxyHarness(
            dir, StubUpstream.start(), "limits: {defaults: {requestsPerMinute: 7}}", c -> c)) {
      List<HttpResponse<String>> answers = concurrently(proxy, 24, ProxyHarness.chat("hello"));

      List<HttpResponse<String>> ok = answers.stream().filter(r -> r.statusCode() == 200).toList();
      List<HttpResponse<String>> limited =
          answers.stream().filter(r -> r.statusCode() == 429).toList();
      assertThat(ok).hasSize(7);
      assertThat(limited).hasSize(17);
      assertThat(proxy.received()).hasSize(7);
      for (HttpResponse<String> r : limited) {
        assertThat(r.body())
            .contains("\"type\":\"warden_rate_limited\"")
            .contains("limits.defaults.requestsPerMinute");
        long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(r.headers().firstValue("Warden-Ledger-Seq")).isPresent();
      }
      assertThat(count(OUTCOME, readLedger(proxy))).isEqualTo(17);
    }
  }

  @Test
  void eachIdentityHasItsOwnRateAndOverridesApplyByIdentityId() throws Exception {
    ApiKeyStore keys = ApiKeyStore.open(dir);
    String alice = keys.issue("alice", Identity.Kind.USER, Set.of(), Map.of()).key();
    String batch = keys.issue("batch-job", Identity.Kind.SERVICE, Set.of(), Map.of()).key();
    try (ProxyHarness proxy =
        new ProxyHarness(
            dir,
            StubUpstream.start(),
            """
            auth: {mode: api-key}
            limits:
              defaults: {requestsPerMinute: 3}
              identities: {batch-job: {requestsPerMinute: 1}}
            """,
            c -> c)) {
      byte[] body = ProxyHarness.chat("hello").getBytes(StandardCharsets.UTF_8);
      Map<String, String> asAlice = Map.of("Authorization", "Bearer " + alice);
      Map<String, String> asBatch = Map.of("Authorization", "Bearer " + batch);

      assertThat(proxy.post("/v1/chat/completions", body, asBatch).statusCode()).isEqualTo(200);
      HttpResponse<String> batchLimited = proxy.post("/v1/chat/completions", body, asBatch);
      for (int i = 0; i < 3; i++) {
        assertThat(proxy.post("/v1/chat/completions", body, asAlice).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> aliceLimited = proxy.post("/v1/chat/completions", body, asAlice);

      assertThat(batchLimited.statusCode()).isEqualTo(429);
      assertThat(batchLimited.body()).contains("limits.identities.batch-job.requestsPerMinute");
      assertThat(aliceLimited.statusCode()).isEqualTo(429);
      assertThat(aliceLimited.body()).contains("limits.defaults.requestsPerMinute");
      assertThat(proxy.received()).hasSize(4);
      String ledger = readLedger(proxy);
      assertThat(count(OUTCOME, ledger)).isEqualTo(2);
      assertThat(ledger).doesNotContain(alice).doesNotContain(batch);
      List<String> limitedBy =
          ledger
              .lines()
              .filter(l -> l.contains("\"outcome\":\"limited\""))
              .map(l -> JsonMapper.shared().readTree(l).path("identity").path("id").asString())
              .toList();
      assertThat(limitedBy).containsExactlyInAnyOrder("alice", "batch-job");
    }
  }

  @Test
  void tokenBudgetIsExhaustedByReportedCompletionTokens() throws Exception {
    String answer =
        """
        {"id":"c1","object":"chat.completion","model":"gpt-test",
         "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":20,"completion_tokens":600,"total_tokens":620}}
        """;
    try (ProxyHarness proxy = budgetOf1000(answer, "application/json")) {
      String body = ProxyHarness.chat("hello");
      // about 40 estimated prompt tokens each: 1000 - 40 - 600 - 40 - 600 < 40 for the third
      assertThat(proxy.post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
      assertThat(proxy.post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
      HttpResponse<String> third = proxy.post("/v1/chat/completions", body);

      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.body())
          .contains("\"type\":\"warden_token_budget_exhausted\"")
          .contains("limits.defaults.tokensPerDay");
      assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 86_400L);
      assertThat(proxy.received()).hasSize(2);
      assertThat(count(OUTCOME, readLedger(proxy))).isEqualTo(1);
    }
  }

  @Test
  void withoutReportedUsageTheAnswerIsEstimated() throws Exception {
    // 2000 ASCII bytes of answer and no usage: charged as about 500 tokens.
    String answer = "{\"text\":\"" + "a".repeat(2000) + "\"}";
    try (ProxyHarness proxy = budgetOf1000(answer, "application/json")) {
      String body = ProxyHarness.chat("hello");
      assertThat(proxy.post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
      assertThat(proxy.post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
      assertThat(proxy.post("/v1/chat/completions", body).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void aPromptLargerThanTheWholeBudgetIsRefusedBeforeForwarding() throws Exception {
    try (ProxyHarness proxy =
        new ProxyHarness(
            dir, StubUpstream.start(), "limits: {defaults: {tokensPerDay: 100}}", c -> c)) {
      HttpResponse<String> r =
          proxy.post("/v1/chat/completions", ProxyHarness.chat("word ".repeat(200)));

      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.body())
          .contains("warden_token_budget_exhausted")
          .contains("more than the whole daily budget of 100");
      assertThat(proxy.received()).isEmpty();
    }
  }

  @Test
  void streamedUsageIsChargedAfterTheStream() throws Exception {
    String stream =
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi \\\"completion_tokens\\\": 1\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\","
            + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":990,\"total_tokens\":999}}\n\n"
            + "data: [DONE]\n\n";
    try (ProxyHarness proxy = budgetOf1000(stream, "text/event-stream")) {
      String body =
          "{\"model\":\"gpt-test\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      HttpResponse<String> first = proxy.post("/v1/chat/completions", body);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).contains("\"completion_tokens\":990").contains("[DONE]");

      HttpResponse<String> second = proxy.post("/v1/chat/completions", body);

      // 990 reported (not the 1 inside the model's text) plus two prompts leave too little.
      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(second.body()).contains("warden_token_budget_exhausted");
      assertThat(proxy.received()).hasSize(1);
    }
  }

  @Test
  void maxInFlightAnswers503WithRetryAfterWhileFull() throws Exception {
    try (ProxyHarness proxy =
        new ProxyHarness(
            dir,
            StubUpstream.builder().delay(Duration.ofMillis(1500)).start(),
            "limits: {maxInFlight: 2}",
            c -> c)) {
      ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
      try {
        List<Future<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          slow.add(pool.submit(() -> proxy.post("/v1/chat/completions", ProxyHarness.chat("a"))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (proxy.received().size() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(proxy.received()).hasSize(2);

        HttpResponse<String> refused = proxy.post("/v1/chat/completions", ProxyHarness.chat("b"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body())
            .contains("\"type\":\"warden_overloaded\"")
            .contains("limits.maxInFlight");
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        for (Future<HttpResponse<String>> f : slow) {
          assertThat(f.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        // Slots are given back when exchanges end.
        assertThat(proxy.post("/v1/chat/completions", ProxyHarness.chat("c")).statusCode())
            .isEqualTo(200);
        assertThat(proxy.received()).hasSize(3);
        assertThat(count(OUTCOME, readLedger(proxy))).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * A gateway with a daily budget of 1000 tokens before a stub that always answers {@code reply}.
   */
  private ProxyHarness budgetOf1000(String reply, String contentType) {
    return new ProxyHarness(
        dir,
        StubUpstream.builder().rawReply(reply, contentType).start(),
        "limits: {defaults: {tokensPerDay: 1000}}",
        c -> c);
  }

  /** Sends {@code n} identical requests released at once; all answers, in any order. */
  static List<HttpResponse<String>> concurrently(ProxyHarness proxy, int n, String body)
      throws Exception {
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(() -> {
              go.await();
              return proxy.post("/v1/chat/completions", body);
            }));
      }
      go.countDown();
      List<HttpResponse<String>> out = new ArrayList<>();
      for (Future<HttpResponse<String>> f : futures) {
        out.add(f.get(30, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  static String readLedger(ProxyHarness proxy) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(proxy.gateway.ledgerDir())) {
      for (Path p : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        all.append(Files.readString(p));
      }
    }
    return all.toString();
  }

  private static int count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
