package dev.warden.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.ledger.dsse.PublicKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends under concurrent load (FSYNC, checkpoints, segment rotation) and is killed
 * with SIGKILL after a random number of acknowledged appends, 20 times over one ledger. After each
 * kill: the ledger reopens (cutting a torn tail if any), every acknowledged record is present with
 * its content, and the whole ledger verifies with every signer's public key.
 */
class CrashSafetyTest {
  private static final int RUNS = 20;

  @Test
  void everyAcknowledgedRecordSurvivesSigkill(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("ledger");
    Random random = new Random(20261123L); // fixed seed: a failure can be replayed
    Map<Long, String> acknowledged = new HashMap<>();
    int killedWithPadding = 0;
    for (int run = 0; run < RUNS; run++) {
      int killAfter = 1 + random.nextInt(400);
      Process child =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-D" + TestOptions.PROPERTY + "=" + TestOptions.groupCommit().name(),
                  "-cp",
                  String.valueOf(System.getProperty("java.class.path")),
                  CrashChild.class.getName(),
                  dir.toString(),
                  tmp.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      int acks = 0;
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line = in.readLine();
        assertThat(line).as("run %d: the child opened the ledger", run).startsWith("open ");
        while (acks < killAfter && (line = in.readLine()) != null) {
          String[] parts = line.split(" ");
          acknowledged.put(Long.parseLong(parts[0]), parts[1]);
          acks++;
        }
        // A real SIGKILL: no shutdown hooks, no close. (Process.destroyForcibly would also close
        // our end of the pipe, losing acks the child printed just before it died.)
        new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // Acks printed before the kill landed were acknowledged too.
        while ((line = in.readLine()) != null) {
          String[] parts = line.split(" ");
          if (parts.length == 2) {
            acknowledged.put(Long.parseLong(parts[0]), parts[1]);
          }
        }
      }
      assertThat(acks).as("run %d", run).isEqualTo(killAfter);

      // As the kill left it: the active segment usually ends in the writer's zero padding, which
      // the verifier reads as the end of the file (at worst a torn last line before it).
      Path active = Segments.list(dir).getLast();
      if (Files.size(active) > Segments.dataEnd(active)) {
        killedWithPadding++;
      }
      VerifyReport killed = LedgerVerifier.verify(dir, Ledgers.KEY);
      assertThat(killed.ok() || killed.damage() == VerifyReport.Damage.TRUNCATED_LINE)
          .as("run %d, before recovery: %s", run, killed.message())
          .isTrue();

      // Reopen: recovery cuts the padding and a torn tail, and refuses anything worse.
      FileLedger.open(dir, Ledgers.KEY, TestOptions.defaults()).close();
      assertThat(Segments.dataEnd(Segments.list(dir).getLast()))
          .isEqualTo(Files.size(Segments.list(dir).getLast()));
      Map<Long, String> onDisk = records(dir);
      for (Map.Entry<Long, String> a : acknowledged.entrySet()) {
        assertThat(onDisk.get(a.getKey()))
            .as("run %d: acknowledged seq %d", run, a.getKey())
            .isEqualTo(a.getValue());
      }
      VerifyReport r =
          LedgerVerifier.verify(
              dir,
              Ledgers.KEY,
              new LedgerVerifier.Options(
                  keys(tmp), null, null, false, LedgerVerifier.Progress.NONE));
      assertThat(r.ok()).as("run %d: %s", run, r.message()).isTrue();
    }
    assertThat(Segments.list(dir).size()).as("rotation happened under the kills").isGreaterThan(1);
    assertThat(killedWithPadding).as("kills that left padding behind").isPositive();
    assertThat(Checkpointer.list(dir)).isNotEmpty();
  }

  private static Map<Long, String> records(Path dir) throws Exception {
    Map<Long, String> out = new HashMap<>();
    for (Path s : Segments.list(dir)) {
      for (String line : Files.readAllLines(s, StandardCharsets.UTF_8)) {
        var o = Ledgers.node(line);
        out.put(o.get("seq").longValue(), o.get("correlationId").stringValue());
      }
    }
    return out;
  }

  private static List<PublicKey> keys(Path tmp) throws Exception {
    List<PublicKey> keys = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp, "signer-*.der")) {
      for (Path f : files) {
        keys.add(PublicKeys.load(f));
      }
    }
    return keys;
  }
}
