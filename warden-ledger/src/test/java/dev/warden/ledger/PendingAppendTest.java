package dev.warden.ledger;

import static dev.warden.ledger.Ledgers.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.Ledger.Receipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The wake tree: every appender of a released group returns, even around one that gave up. */
class PendingAppendTest {
  private static final int GROUP = 15; // a full binary tree of depth 4

  /** GROUP appenders parked in await; results by index (a Receipt or the thrown exception). */
  private static final class Appenders {
    final List<PendingAppend> pending = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    final ConcurrentHashMap<Integer, Object> results = new ConcurrentHashMap<>();

    Appenders() throws InterruptedException {
      CountDownLatch created = new CountDownLatch(GROUP);
      PendingAppend[] made = new PendingAppend[GROUP];
      CanonicalRecord record = CanonicalRecord.of(sample(1));
      for (int i = 0; i < GROUP; i++) {
        int index = i;
        threads.add(
            Thread.ofPlatform()
                .name("appender-" + i)
                .start(() -> {
                  made[index] = new PendingAppend(record); // owned by the thread that awaits it
                  created.countDown();
                  try {
                    results.put(index, made[index].await());
                  } catch (LedgerException e) {
                    results.put(index, e);
                  }
                }));
      }
      assertThat(created.await(10, TimeUnit.SECONDS)).isTrue();
      pending.addAll(List.of(made));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
        assertThat(System.nanoTime()).as("appenders park within 10 s").isLessThan(deadline);
        Thread.sleep(1);
      }
    }

    void joinAll() throws InterruptedException {
      for (Thread t : threads) {
        t.join(Duration.ofSeconds(10));
        assertThat(t.isAlive()).as(t.getName() + " returned within 10 s").isFalse();
      }
    }
  }

  private static List<Receipt> receipts() {
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < GROUP; i++) {
      receipts.add(new Receipt(i + 1, String.format("%064x", i + 1)));
    }
    return receipts;
  }

  @Test
  void everyAppenderGetsItsOwnReceipt() throws InterruptedException {
    Appenders a = new Appenders();
    List<Receipt> receipts = receipts();
    PendingAppend.complete(a.pending, receipts);
    a.joinAll();
    for (int i = 0; i < GROUP; i++) {
      assertThat(a.results.get(i)).isEqualTo(receipts.get(i));
    }
  }

  @Test
  void anAppenderThatGaveUpDoesNotStrandTheOnesBelowIt() throws InterruptedException {
    Appenders a = new Appenders();
    // Index 1 wakes 3 and 4, which wake 7 to 10: the whole left subtree hangs on it.
    a.threads.get(1).interrupt();
    a.threads.get(1).join(Duration.ofSeconds(10));
    assertThat(a.results.get(1))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e).hasMessageContaining("interrupted while waiting"));
    List<Receipt> receipts = receipts();
    PendingAppend.complete(a.pending, receipts);
    a.joinAll();
    for (int i = 0; i < GROUP; i++) {
      if (i != 1) {
        assertThat(a.results.get(i)).as("appender " + i).isEqualTo(receipts.get(i));
      }
    }
  }

  @Test
  void aFailureReachesEveryAppender() throws InterruptedException {
    Appenders a = new Appenders();
    PendingAppend.fail(a.pending, new LedgerException("ledger write failed; test"));
    a.joinAll();
    for (int i = 0; i < GROUP; i++) {
      assertThat(a.results.get(i))
          .isInstanceOfSatisfying(
              LedgerException.class, e -> assertThat(e).hasMessage("ledger write failed; test"));
    }
  }

  @Test
  void anUnawaitedRecordIsRoutedAround() throws InterruptedException {
    Appenders a = new Appenders();
    // Index 1 of the released group is a queued record nobody waits for; appender 1 waits on a
    // record of its own that is released last.
    List<PendingAppend> group = new ArrayList<>(a.pending);
    group.set(1, PendingAppend.unawaited(CanonicalRecord.of(sample(2))));
    List<Receipt> receipts = receipts();
    PendingAppend.complete(group, receipts);
    for (int i = 0; i < GROUP; i++) {
      if (i != 1) {
        a.threads.get(i).join(Duration.ofSeconds(10));
        assertThat(a.results.get(i)).as("appender " + i).isEqualTo(receipts.get(i));
      }
    }
    assertThat(a.threads.get(1).isAlive()).as("appender 1 still waits for its own record").isTrue();
    PendingAppend.complete(List.of(a.pending.get(1)), List.of(receipts.get(1)));
    a.joinAll();
    assertThat(a.results.get(1)).isEqualTo(receipts.get(1));
  }
}
