package dev.warden.server;

import dev.warden.engine.Protector;
import dev.warden.engine.dialect.Endpoint;
import dev.warden.engine.policy.Escalation;
import dev.warden.engine.transform.Replacement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The candidate policy of {@code shadow:}, run on each request body beside the policy in force. Its
 * verdict is recorded on the request's ledger record and never changes the answer.
 *
 * <p>It can never cost a request its answer: it runs on its own virtual thread while the policy in
 * force runs, at most {@link #MAX_IN_FLIGHT} at a time (beyond that it is {@code skipped}), the
 * exchange waits for it at most {@link #WAIT} ({@code timeout}), and whatever it throws is recorded
 * as {@code failed} and goes no further. The waiting time is the only cost a request can see.
 */
final class ShadowPolicy {
  /** Shadow evaluations running at once; more are skipped. */
  static final int MAX_IN_FLIGHT = 64;

  /** How long an exchange waits for the shadow's verdict once its own policy has run. */
  static final Duration WAIT = Duration.ofMillis(200);

  /** Types recorded in {@code shadowActions}, at most (the record stays bounded). */
  private static final int MAX_TYPES = 32;

  private final Protector protector;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  ShadowPolicy(Protector protector) {
    this.protector = protector;
  }

  /**
   * What the shadow policy would have done.
   *
   * @param outcome {@code forwarded}, {@code transformed}, {@code escalated} or {@code blocked} (as
   *     in enforce mode); {@code rejected} (it could not read the body), or {@code skipped}, {@code
   *     timeout}, {@code failed} when it gave no verdict
   * @param actions {@code type:action} of its decisions, distinct and sorted, comma-separated
   */
  record Verdict(String outcome, String actions) {
    /** The verdict as ledger record details. */
    Map<String, String> details() {
      Map<String, String> d = new TreeMap<>();
      d.put("shadowOutcome", outcome);
      if (!actions.isEmpty()) {
        d.put("shadowActions", actions);
      }
      return d;
    }
  }

  /** A verdict being computed. */
  static final class Pending {
    private final CompletableFuture<Verdict> verdict;

    private Pending(CompletableFuture<Verdict> verdict) {
      this.verdict = verdict;
    }

    /** The verdict, waiting at most {@link #WAIT}. */
    Verdict await() {
      try {
        return verdict.get(WAIT.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return new Verdict("timeout", "");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Verdict("failed", "");
      } catch (ExecutionException | RuntimeException e) {
        return new Verdict("failed", "");
      }
    }
  }

  /** Starts evaluating {@code body} (a request to {@code endpoint}); never throws. */
  Pending start(byte[] body, Endpoint endpoint) {
    if (!inFlight.tryAcquire()) {
      return new Pending(CompletableFuture.completedFuture(new Verdict("skipped", "")));
    }
    CompletableFuture<Verdict> f = new CompletableFuture<>();
    try {
      Thread.ofVirtual()
          .name("warden-shadow")
          .start(() -> {
            try {
              f.complete(evaluate(body, endpoint));
            } catch (RuntimeException | StackOverflowError e) {
              f.complete(new Verdict("failed", ""));
            } finally {
              inFlight.release();
            }
          });
    } catch (RuntimeException e) {
      inFlight.release();
      f.complete(new Verdict("failed", ""));
    }
    return new Pending(f);
  }

  private Verdict evaluate(byte[] body, Endpoint endpoint) {
    Protector.Result r;
    try {
      r = protector.protectRequest(body, endpoint);
    } catch (dev.warden.engine.json.BodyException e) {
      return new Verdict("rejected", "");
    }
    String outcome =
        switch (r.outcome()) {
          case CLEAN -> "forwarded";
          case BLOCKED -> "blocked";
          case TRANSFORMED, OBSERVED ->
              Escalation.firstEscalated(r.replacements()).isPresent() ? "escalated" : "transformed";
        };
    return new Verdict(outcome, actions(r));
  }

  private static String actions(Protector.Result r) {
    TreeSet<String> pairs = new TreeSet<>();
    for (Replacement x : r.replacements()) {
      if (pairs.size() == MAX_TYPES) {
        break;
      }
      pairs.add(x.finding().type() + ":" + x.decision().action().id());
    }
    return String.join(",", pairs);
  }
}
