package dev.warden.ledger;

import static dev.warden.ledger.Ledgers.KEY;
import static dev.warden.ledger.Ledgers.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Ledger.LedgerException;
import dev.warden.api.Ledger.Receipt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader/follower hand-off of {@link LeaderCommitWriter} on a real segment file whose {@code
 * force} a test can hold and fail ({@link GatedChannel}); every other ledger suite also runs
 * against it (see {@link TestOptions}).
 */
class LeaderCommitWriterTest {
  @TempDir Path dir;

  /**
   * A real file channel whose first {@code force} waits for {@link #release} (and then fails if
   * told to); it records which thread wrote and forced.
   */
  private static final class GatedChannel extends FileChannel {
    final FileChannel file;
    final CountDownLatch inFirstForce = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean failFirst = new AtomicBoolean();
    final AtomicInteger forces = new AtomicInteger();
    final List<String> writers = Collections.synchronizedList(new ArrayList<>());
    final List<String> forcers = Collections.synchronizedList(new ArrayList<>());

    GatedChannel(Path segment) throws IOException {
      this.file =
          FileChannel.open(
              segment,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      forcers.add(Thread.currentThread().getName());
      if (forces.incrementAndGet() == 1) {
        inFirstForce.countDown();
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IOException("the test never released the first force");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted in force", e);
        }
        if (failFirst.get()) {
          throw new IOException("simulated write-back error");
        }
      }
      file.force(metaData);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      writers.add(Thread.currentThread().getName());
      return file.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      writers.add(Thread.currentThread().getName());
      return file.write(src);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      file.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return file.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }

  @SuppressWarnings("NullAway.Init") // set by writer(), which every test calls first
  private GatedChannel channel;

  /** The receipt {@code name}'s append returned (failing the test if it threw or never ended). */
  private static long seqOf(Map<String, Object> outcomes, String name) {
    Object o = outcomes.get(name);
    assertThat(o).as(name).isInstanceOf(Receipt.class);
    return ((Receipt) java.util.Objects.requireNonNull(o)).seq();
  }

  private LeaderCommitWriter writer() throws IOException {
    Path segment = Segments.name(dir, 1);
    channel = new GatedChannel(segment);
    return new LeaderCommitWriter(
        dir,
        segment,
        channel,
        KEY,
        FileLedger.Options.defaults().withGroupCommit(FileLedger.GroupCommit.LEADER),
        Entry.GENESIS,
        null);
  }

  /** Starts {@code name} appending one record; its outcome (receipt or exception) goes to out. */
  private static Thread appendOn(
      String name, LeaderCommitWriter w, int i, Map<String, Object> outcomes) {
    return Thread.ofPlatform()
        .name(name)
        .start(() -> {
          try {
            outcomes.put(name, w.append(sample(i)));
          } catch (RuntimeException e) {
            outcomes.put(name, e);
          }
        });
  }

  /** Waits (bounded) until {@code t} parks: a follower waiting for its force or for the lead. */
  private static void awaitParked(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(t.getState())
        .as("%s parked as a follower", t.getName())
        .isEqualTo(Thread.State.WAITING);
  }

  @Test
  void aLoneAppendLeadsItsOwnWriteAndForceOnItsOwnThread() throws Exception {
    LeaderCommitWriter w = writer();
    channel.release.countDown();
    assertThat(w.append(sample(1)).seq()).isEqualTo(1);
    assertThat(w.append(sample(2)).seq()).isEqualTo(2);
    assertThat(channel.writers).containsOnly(Thread.currentThread().getName()).hasSize(2);
    assertThat(channel.forcers).containsOnly(Thread.currentThread().getName()).hasSize(2);
    w.close();
    channel.close();
    VerifyReport r = LedgerVerifier.verify(dir, KEY);
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.recordsChecked()).isEqualTo(2);
  }

  @Test
  void aFollowerReleasedUncoveredBecomesTheLeaderAndACrowdSharesOneForce() throws Exception {
    LeaderCommitWriter w = writer();
    Map<String, Object> outcomes = new ConcurrentHashMap<>();
    Thread leader = appendOn("leader", w, 1, outcomes);
    assertThat(channel.inFirstForce.await(10, TimeUnit.SECONDS)).isTrue();
    // Chained while the leader's force runs: its take did not include them.
    List<Thread> followers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Thread f = appendOn("follower-" + i, w, 2 + i, outcomes);
      awaitParked(f); // one at a time: they chain in this order
      followers.add(f);
    }
    channel.release.countDown();
    leader.join(10_000);
    for (Thread f : followers) {
      f.join(10_000);
    }
    assertThat(seqOf(outcomes, "leader")).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      assertThat(seqOf(outcomes, "follower-" + i)).isEqualTo(2 + i);
    }
    // The first follower, released uncovered, led the second group itself: one write and one
    // force for all five.
    assertThat(channel.writers).containsExactly("leader", "follower-0");
    assertThat(channel.forcers).containsExactly("leader", "follower-0");
    assertThat(w.forceCount()).isEqualTo(2);
    w.close();
    channel.close();
    VerifyReport r = LedgerVerifier.verify(dir, KEY);
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.recordsChecked()).isEqualTo(6);
  }

  @Test
  void aLeaderWhoseForceFailsFailsItsFollowersAndEveryLaterAppend() throws Exception {
    LeaderCommitWriter w = writer();
    channel.failFirst.set(true);
    Map<String, Object> outcomes = new ConcurrentHashMap<>();
    Thread leader = appendOn("leader", w, 1, outcomes);
    assertThat(channel.inFirstForce.await(10, TimeUnit.SECONDS)).isTrue();
    Thread f1 = appendOn("follower-1", w, 2, outcomes);
    awaitParked(f1);
    Thread f2 = appendOn("follower-2", w, 3, outcomes);
    awaitParked(f2);
    channel.release.countDown();
    leader.join(10_000);
    f1.join(10_000);
    f2.join(10_000);
    assertThat(outcomes.get("leader"))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e).hasMessageContaining("ledger write failed; the ledger refuses"));
    for (String f : List.of("follower-1", "follower-2")) {
      assertThat(outcomes.get(f))
          .as(f)
          .isInstanceOfSatisfying(
              LedgerException.class, e -> assertThat(e).hasMessageContaining("refuses"));
    }
    assertThat(channel.forcers).containsExactly("leader"); // no follower forced after the failure
    assertThatThrownBy(() -> w.append(sample(4)))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("refuses appends")
        .hasMessageNotContaining("corr-4");
    assertThatThrownBy(() -> w.queue(sample(5)))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("refuses appends");
    assertThat(w.failure()).hasMessage("simulated write-back error");
    w.close();
    channel.close();
  }

  @Test
  void anInterruptedFollowerIsPassedOverForTheLead() throws Exception {
    LeaderCommitWriter w = writer();
    Map<String, Object> outcomes = new ConcurrentHashMap<>();
    Thread leader = appendOn("leader", w, 1, outcomes);
    assertThat(channel.inFirstForce.await(10, TimeUnit.SECONDS)).isTrue();
    Thread gaveUp = appendOn("gave-up", w, 2, outcomes);
    awaitParked(gaveUp);
    Thread next = appendOn("next", w, 3, outcomes);
    awaitParked(next);
    gaveUp.interrupt();
    gaveUp.join(10_000);
    assertThat(outcomes.get("gave-up"))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> assertThat(e).hasMessageContaining("the record may still become durable"));
    channel.release.countDown();
    leader.join(10_000);
    next.join(10_000);
    assertThat(seqOf(outcomes, "next")).isEqualTo(3);
    // The abandoned record was written (and forced) with the next leader's group all the same.
    assertThat(channel.writers).containsExactly("leader", "next");
    w.close();
    channel.close();
    VerifyReport r = LedgerVerifier.verify(dir, KEY);
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.recordsChecked()).isEqualTo(3);
  }

  /**
   * No lost wake-up: 32 virtual and 32 platform threads append (and sometimes queue) a random
   * number of records each, bounded in count (≤ 150 each) and time (60 s); every append returns a
   * receipt, each thread's receipts rise, and the ledger verifies with every record.
   */
  @Test
  void aRandomCrowdOfVirtualAndPlatformThreadsIsAlwaysReleased() throws Exception {
    Random seeds = new Random(20261124L);
    List<Future<List<Long>>> done = new ArrayList<>();
    AtomicInteger records = new AtomicInteger();
    try (FileLedger ledger =
            FileLedger.open(
                dir,
                KEY,
                FileLedger.Options.defaults().withGroupCommit(FileLedger.GroupCommit.LEADER));
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        ExecutorService platform = Executors.newFixedThreadPool(32)) {
      for (int t = 0; t < 64; t++) {
        Random random = new Random(seeds.nextLong());
        int count = 1 + random.nextInt(150);
        ExecutorService pool = t % 2 == 0 ? virtual : platform;
        done.add(
            pool.submit(() -> {
              List<Long> seqs = new ArrayList<>();
              for (int i = 0; i < count; i++) {
                if (random.nextInt(5) == 0) {
                  ledger.queue(sample(i));
                  records.incrementAndGet();
                }
                seqs.add(ledger.append(sample(i)).seq());
                records.incrementAndGet();
                if (random.nextInt(4) == 0) {
                  Thread.sleep(random.nextInt(2)); // vary the crowd: leaders alone and in groups
                }
              }
              return seqs;
            }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : done) {
        List<Long> seqs = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        all.addAll(seqs);
      }
      assertThat(all).doesNotHaveDuplicates();
      assertThat(ledger.forceCount()).isPositive().isLessThanOrEqualTo(all.size());
    }
    VerifyReport r = LedgerVerifier.verify(dir, KEY);
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.recordsChecked()).isEqualTo(records.get());
  }
}
