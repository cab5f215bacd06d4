package dev.warden.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The flusher's pipeline: two forces in flight, writes and releases in hand order. */
class GroupWorkerTest {
  /**
   * Records every step; the force of group "a" waits for {@code holdA}, b's returns at once — or,
   * {@link #bOutlastingA}, a's force returns once b is in force and b's waits for {@code holdB}.
   */
  private static final class Steps implements GroupWorker.Stage<String> {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch inForceA = new CountDownLatch(1);
    final CountDownLatch inForceB = new CountDownLatch(1);
    final CountDownLatch holdA = new CountDownLatch(1);
    final CountDownLatch holdB = new CountDownLatch(1);
    final boolean failA;
    private final CountDownLatch aWaitsFor;
    private final CountDownLatch bWaitsFor;

    Steps(boolean failA) {
      this.failA = failA;
      this.aWaitsFor = holdA;
      this.bWaitsFor = new CountDownLatch(0);
    }

    private Steps() {
      this.failA = false;
      this.aWaitsFor = inForceB;
      this.bWaitsFor = holdB;
    }

    static Steps bOutlastingA() {
      return new Steps();
    }

    @Override
    public boolean write(List<String> group) {
      events.add("write " + String.join("", group));
      return true;
    }

    @Override
    public boolean force(List<String> group) {
      String g = String.join("", group);
      try {
        if (g.equals("a")) {
          inForceA.countDown();
          assertThat(aWaitsFor.await(10, TimeUnit.SECONDS)).isTrue();
        } else {
          inForceB.countDown();
          assertThat(bWaitsFor.await(10, TimeUnit.SECONDS)).isTrue();
        }
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      events.add("forced " + g);
      return !(failA && g.equals("a"));
    }

    @Override
    public void release(List<String> group) {
      events.add("release " + String.join("", group));
    }
  }

  private static void run(Steps steps) throws InterruptedException {
    GroupWorker<String> worker = new GroupWorker<>("test-flusher", 2, steps);
    try {
      worker.hand("a");
      assertThat(steps.inForceA.await(10, TimeUnit.SECONDS)).isTrue();
      worker.hand("b");
      // b is written and forced while a's force still runs: two forces in flight.
      assertThat(steps.inForceB.await(10, TimeUnit.SECONDS)).as("b forced during a").isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!steps.events.contains("forced b") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(steps.events).containsExactly("write a", "write b", "forced b");
      steps.holdA.countDown();
      worker.awaitIdle();
    } finally {
      steps.holdA.countDown();
      worker.stop();
    }
  }

  @Test
  void aLaterGroupForcesDuringAnEarlierOneAndIsReleasedAfterIt() throws InterruptedException {
    Steps steps = new Steps(false);
    run(steps);
    assertThat(steps.events)
        .containsExactly("write a", "write b", "forced b", "forced a", "release a", "release b");
  }

  @Test
  void aFailedForceIsNotReleasedAndTheNextGroupWaitsForItsOutcome() throws InterruptedException {
    Steps steps = new Steps(true);
    run(steps);
    assertThat(steps.events)
        .containsExactly("write a", "write b", "forced b", "forced a", "release b");
  }

  /**
   * a's force comes back while b's overlapping force still runs: a waits for b's outcome, because
   * b's {@code fsync} may be the one the kernel reports a write-back error of a's bytes to.
   */
  @Test
  void aGroupWaitsForEveryForceThatOverlappedItsOwn() throws InterruptedException {
    Steps steps = Steps.bOutlastingA();
    GroupWorker<String> worker = new GroupWorker<>("test-flusher", 2, steps);
    try {
      worker.hand("a");
      assertThat(steps.inForceA.await(10, TimeUnit.SECONDS)).isTrue();
      worker.hand("b");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!steps.events.contains("forced a") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      Thread.sleep(200); // time for a wrong early release to show
      assertThat(steps.events).containsExactly("write a", "write b", "forced a");
      steps.holdB.countDown();
      worker.awaitIdle();
      assertThat(steps.events.subList(2, 5)).containsExactly("forced a", "forced b", "release a");
    } finally {
      steps.holdB.countDown();
      worker.stop();
    }
  }

  @Test
  void oneThreadHandsEveryGroupToItsWorkInOrder() throws InterruptedException {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    GroupWorker<String> worker = new GroupWorker<>("test-tracker", seen::addAll);
    for (int i = 0; i < 100; i++) {
      worker.hand(Integer.toString(i));
    }
    worker.awaitIdle();
    worker.stop();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(Integer.toString(i));
    }
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  /**
   * A stage that holds each taken group open until it has {@code size} items or {@code maxWait}
   * passed ({@link GroupWorker.Stage#gatherNanos}), and records what it writes.
   */
  private static final class Gathering implements GroupWorker.Stage<String> {
    final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch gathering = new CountDownLatch(1);
    private final int size;
    private final long maxWait;
    private final boolean wakesOnHand;

    Gathering(int size, long maxWait, TimeUnit unit) {
      this(size, maxWait, unit, true);
    }

    Gathering(int size, long maxWait, TimeUnit unit, boolean wakesOnHand) {
      this.size = size;
      this.maxWait = unit.toNanos(maxWait);
      this.wakesOnHand = wakesOnHand;
    }

    @Override
    public boolean gatherWakesOnHand() {
      return wakesOnHand;
    }

    @Override
    public long gatherNanos(List<String> group, long waitedNanos) {
      gathering.countDown();
      return group.size() >= size ? 0 : maxWait - waitedNanos;
    }

    @Override
    public boolean write(List<String> group) {
      writes.add(String.join("", group));
      return true;
    }

    @Override
    public boolean force(List<String> group) {
      return true;
    }

    @Override
    public void release(List<String> group) {}
  }

  @Test
  void itemsHandedWhileAGroupGathersJoinItAndWakeIt() throws InterruptedException {
    Gathering stage = new Gathering(3, 30, TimeUnit.SECONDS);
    GroupWorker<String> worker = new GroupWorker<>("test-flusher", 2, stage);
    try {
      long started = System.nanoTime();
      worker.hand("a");
      assertThat(stage.gathering.await(10, TimeUnit.SECONDS)).isTrue();
      worker.hand("b");
      worker.hand("c");
      worker.awaitIdle();
      // One group, written as soon as the third item came: each hand woke the gathering thread.
      assertThat(stage.writes).containsExactly("abc");
      assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
    } finally {
      worker.stop();
    }
  }

  @Test
  void aGatherThatDoesNotWakeOnHandRunsItsLengthAndTakesWhatCameMeanwhile()
      throws InterruptedException {
    Gathering stage = new Gathering(2, 300, TimeUnit.MILLISECONDS, false);
    GroupWorker<String> worker = new GroupWorker<>("test-flusher", 2, stage);
    try {
      long started = System.nanoTime();
      worker.hand("a");
      assertThat(stage.gathering.await(10, TimeUnit.SECONDS)).isTrue();
      worker.hand("b");
      worker.awaitIdle();
      assertThat(stage.writes).containsExactly("ab");
      assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(300_000_000L);
    } finally {
      worker.stop();
    }
  }

  @Test
  void aGatherEndsWhenItsTimeIsUp() throws InterruptedException {
    Gathering stage = new Gathering(3, 100, TimeUnit.MILLISECONDS);
    GroupWorker<String> worker = new GroupWorker<>("test-flusher", 2, stage);
    try {
      long started = System.nanoTime();
      worker.hand("a");
      worker.awaitIdle();
      assertThat(stage.writes).containsExactly("a");
      assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(100_000_000L);
    } finally {
      worker.stop();
    }
  }

  @Test
  void stopEndsAGatherAndStillWritesTheGroup() throws InterruptedException {
    Gathering stage = new Gathering(3, 60, TimeUnit.SECONDS);
    GroupWorker<String> worker = new GroupWorker<>("test-flusher", 1, stage);
    worker.hand("a");
    assertThat(stage.gathering.await(10, TimeUnit.SECONDS)).isTrue();
    long started = System.nanoTime();
    worker.stop();
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
    assertThat(stage.writes).containsExactly("a");
  }
}
