package dev.warden.server;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.warden.api.KeyedHasher;
import dev.warden.api.Ledger;
import dev.warden.api.LedgerRecord;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.server.policy.LoadedPolicy;
import dev.warden.server.policy.PolicyBundle;
import dev.warden.server.policy.PolicySource;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: loads the configuration again from its {@link PolicySource} (on SIGHUP, on a change
 * of the file, or on request), and only when all of it is valid — and, where required, validly
 * signed — puts the new policy in force with one atomic swap.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>A file that fails to read, parse, validate or verify never replaces the running policy; the
 *       old one stays and the reason is logged and recorded.
 *   <li>Only the live settings change: {@code mode}, {@code policy}, {@code detection}, {@code
 *       responses}, and the profiles and shadow policy ({@code access.profiles}; a profile may
 *       route only to an upstream the gateway started with). Any other setting that differs (port,
 *       data directory, upstream, ledger, signature keys, and every section added later unless
 *       listed in {@link #LIVE}) is reported as {@code needsRestart} and not applied.
 *   <li>Every attempt — {@code applied}, {@code unchanged} or {@code refused} — is appended to the
 *       ledger as a {@code policy} event with the new text's sha256 (and the reason when refused)
 *       before the swap; if the ledger cannot record it, the reload is refused.
 * </ul>
 *
 * <p>Reloads are serialized; exchanges read the policy once when they start.
 */
public final class PolicyReloader implements AutoCloseable {
  /** {@link WardenConfig} components that may change while running. */
  static final Set<String> LIVE = Set.of("policy", "detection", "responses", "access.profiles");

  private static final Logger LOG = LoggerFactory.getLogger(PolicyReloader.class);
  private static final int MAX_REASON = 600;

  /**
   * What one reload did.
   *
   * @param outcome {@code applied}, {@code unchanged} (same text, nothing to apply) or {@code
   *     refused}
   * @param sha256 the new text's digest, or empty when the file could not be read as a policy
   * @param reason why it was refused, or empty
   * @param needsRestart settings that changed but cannot change live (key paths), not applied
   */
  public record Outcome(String outcome, String sha256, String reason, List<String> needsRestart) {
    public Outcome {
      needsRestart = List.copyOf(needsRestart);
    }

    public boolean applied() {
      return outcome.equals("applied");
    }
  }

  private final WardenServer server;
  private final Ledger ledger;
  private final PolicySource source;
  private final KeyedHasher hasher;
  private final Function<Protector, @Nullable StreamInspection> streams;
  private final List<Consumer<Outcome>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Runnable onHangup = () -> reload("sighup");
  private @Nullable WatchService watcher;
  private volatile LoadedPolicy running;

  PolicyReloader(
      WardenServer server,
      Ledger ledger,
      PolicySource source,
      KeyedHasher hasher,
      Function<Protector, @Nullable StreamInspection> streams,
      LoadedPolicy initial) {
    this.server = server;
    this.ledger = ledger;
    this.source = source;
    this.hasher = hasher;
    this.streams = streams;
    this.running = initial;
  }

  /** The policy in force (the last applied load). */
  public LoadedPolicy running() {
    return running;
  }

  /** Calls {@code listener} after every reload attempt (tests and hosts wait on it). */
  public void onReload(Consumer<Outcome> listener) {
    listeners.add(listener);
  }

  /**
   * Records the policy the gateway started with (outcome {@code applied}, trigger {@code start}).
   */
  void recordStart() {
    LoadedPolicy p = running;
    ledger.append(record(p.config(), "applied", "start", p, "", "", List.of()));
  }

  /** Reloads on SIGHUP from now on; false where the JVM cannot handle signals. */
  boolean listenForHangup() {
    return HangupSignal.register(onHangup);
  }

  /**
   * Reloads when {@code file} changes: any event in its directory (editors and Kubernetes replace
   * files by rename) is followed by a quiet period, then a reload if the bytes differ from those
   * last seen. Runs on one daemon thread until {@link #close}.
   */
  void watch(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    Path dir = Objects.requireNonNull(absolute.getParent(), "a file has a parent");
    WatchService ws = FileSystems.getDefault().newWatchService();
    dir.register(
        ws,
        StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY,
        StandardWatchEventKinds.ENTRY_DELETE);
    this.watcher = ws;
    String[] lastSeen = {digestOf(absolute)};
    Thread.ofPlatform()
        .daemon()
        .name("warden-policy-watch")
        .start(() -> {
          try {
            while (true) {
              WatchKey key = ws.take();
              key.pollEvents();
              key.reset();
              // Coalesce the bursts one save produces (truncate + write, or create + rename).
              WatchKey more;
              while ((more = ws.poll(300, TimeUnit.MILLISECONDS)) != null) {
                more.pollEvents();
                more.reset();
              }
              String now = digestOf(absolute);
              if (!now.equals(lastSeen[0])) {
                lastSeen[0] = now;
                reload("file-change");
              }
            }
          } catch (InterruptedException | ClosedWatchServiceException stop) {
            // closed: stop watching
          }
        });
  }

  /**
   * Loads the configuration again and applies it if it is valid.
   *
   * @param trigger what asked for it: {@code sighup}, {@code file-change}, {@code api}, …
   */
  public synchronized Outcome reload(String trigger) {
    LoadedPolicy old = running;
    LoadedPolicy next;
    try {
      next = source.load();
    } catch (RuntimeException e) {
      return refuse(old, trigger, "", reason(e));
    }
    List<String> restart = new ArrayList<>();
    diff("", old.config(), next.config(), restart);
    WardenConfig live =
        old.config()
            .withPolicy(next.config().policy())
            .withDetection(next.config().detection())
            .withResponses(next.config().responses())
            .withAccess(old.config().access().withProfiles(next.config().access().profiles()));
    boolean same = next.sha256().equals(old.sha256()) && restart.isEmpty();
    Protector protector = null;
    Protector answers = null;
    StreamInspection inspection = null;
    ProfileEngines profiles = ProfileEngines.NONE;
    if (!same) {
      try {
        protector = Gateway.protector(live, hasher);
        answers = ProfileEngines.answers(live, hasher, protector);
        inspection = streams.apply(answers);
        profiles = ProfileEngines.of(live, hasher, streams);
      } catch (RuntimeException e) {
        return refuse(old, trigger, next.sha256(), reason(e));
      }
    }
    String outcome = same ? "unchanged" : "applied";
    try {
      ledger.append(record(live, outcome, trigger, next, old.sha256(), "", restart));
    } catch (RuntimeException e) {
      // Fail closed: a policy change that cannot be recorded does not happen.
      LOG.error(
          "policy reload refused: the ledger cannot record it",
          kv("trigger", trigger),
          kv("exception", e.getClass().getName()));
      return notify(new Outcome("refused", next.sha256(), "the ledger cannot record it", restart));
    }
    if (protector != null && answers != null) {
      server.swap(live, protector, answers, inspection, profiles);
      running =
          new LoadedPolicy(live, next.sha256(), next.signedBy(), next.signedAt(), next.effective());
    }
    LOG.info(
        same ? "policy reload: unchanged" : "policy reloaded",
        kv("trigger", trigger),
        kv("sha256", next.sha256()),
        kv("previous_sha256", old.sha256()),
        kv("mode", live.policy().mode().id()),
        kv("needs_restart", String.join(",", restart)));
    if (!restart.isEmpty()) {
      LOG.warn(
          "settings changed that need a restart; they were not applied",
          kv("needs_restart", String.join(",", restart)));
    }
    return notify(new Outcome(outcome, next.sha256(), "", restart));
  }

  private Outcome refuse(LoadedPolicy old, String trigger, String sha256, String reason) {
    LOG.warn(
        "policy reload refused; the running policy stays",
        kv("trigger", trigger),
        kv("running_sha256", old.sha256()),
        kv("reason", reason));
    try {
      ledger.append(
          new LedgerRecord(
              "policy",
              ExchangeHandler.newCorrelationId(),
              "",
              null,
              old.config().policy().mode().id(),
              "refused",
              0,
              "warden_policy_refused",
              List.of(),
              null,
              details(trigger, sha256, old.sha256(), null, reason, List.of())));
    } catch (RuntimeException e) {
      LOG.error("policy refusal could not be recorded", kv("exception", e.getClass().getName()));
    }
    return notify(new Outcome("refused", sha256, reason, List.of()));
  }

  private Outcome notify(Outcome o) {
    for (Consumer<Outcome> l : listeners) {
      l.accept(o);
    }
    return o;
  }

  private static LedgerRecord record(
      WardenConfig config,
      String outcome,
      String trigger,
      LoadedPolicy p,
      String previous,
      String reason,
      List<String> restart) {
    return new LedgerRecord(
        "policy",
        ExchangeHandler.newCorrelationId(),
        "",
        null,
        config.policy().mode().id(),
        outcome,
        0,
        null,
        List.of(),
        null,
        details(trigger, p.sha256(), previous, p, reason, restart));
  }

  private static Map<String, String> details(
      String trigger,
      String sha256,
      String previous,
      @Nullable LoadedPolicy p,
      String reason,
      List<String> restart) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("trigger", trigger);
    if (!sha256.isEmpty()) {
      d.put("sha256", sha256);
    }
    if (!previous.isEmpty()) {
      d.put("previousSha256", previous);
    }
    if (p != null && p.signedBy() != null) {
      d.put("signedBy", p.signedBy());
    }
    if (p != null && p.signedAt() != null) {
      d.put("signedAt", String.valueOf(p.signedAt()));
    }
    if (!reason.isEmpty()) {
      d.put("reason", reason);
    }
    if (!restart.isEmpty()) {
      d.put("needsRestart", String.join(",", restart));
    }
    return d;
  }

  /**
   * Collects the paths of non-live settings that differ, descending into nested records so the
   * report says {@code server.port} rather than {@code server}.
   */
  private static void diff(String prefix, Object old, Object next, List<String> out) {
    for (RecordComponent c : old.getClass().getRecordComponents()) {
      String path = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
      if (LIVE.contains(path)) {
        continue;
      }
      Object a = value(c, old);
      Object b = value(c, next);
      if (Objects.equals(a, b)) {
        continue;
      }
      if (a != null && b != null && a.getClass().isRecord() && a.getClass() == b.getClass()) {
        diff(path, a, b, out);
      } else {
        out.add(path);
      }
    }
  }

  private static @Nullable Object value(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("record accessor " + c.getName() + " failed", e);
    }
  }

  /** The message of a refusal, bounded and free of characters a ledger record cannot hold. */
  private static String reason(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    StringBuilder b = new StringBuilder(Math.min(m.length(), MAX_REASON));
    for (int i = 0; i < m.length() && b.length() < MAX_REASON; i++) {
      char c = m.charAt(i);
      b.append(Character.isSurrogate(c) || Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }

  private static String digestOf(Path file) {
    try {
      return PolicyBundle.sha256Hex(Files.readAllBytes(file));
    } catch (IOException e) {
      return "unreadable";
    }
  }

  @Override
  public void close() {
    HangupSignal.unregister(onHangup);
    WatchService ws = watcher;
    if (ws != null) {
      try {
        ws.close();
      } catch (IOException e) {
        LOG.debug("closing the policy watcher failed", kv("exception", e.getClass().getName()));
      }
    }
  }
}
