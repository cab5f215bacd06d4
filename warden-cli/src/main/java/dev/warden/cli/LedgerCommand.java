package dev.warden.cli;

import dev.warden.api.MessageAuthenticator;
import dev.warden.engine.config.WardenConfig;
import dev.warden.ledger.InclusionProofs;
import dev.warden.ledger.LedgerVerifier;
import dev.warden.ledger.VerifyReport;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.server.Gateway;
import dev.warden.vault.LocalKeyring;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "Work with the decision ledger.",
    subcommands = {
      LedgerCommand.Verify.class,
      LedgerCommand.Prove.class,
      LedgerCommand.VerifyProof.class,
      CommandLine.HelpCommand.class
    })
final class LedgerCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check the ledger's SHA-256 chain and, with the key, its HMAC chain; then every signed",
        "checkpoint (signature with --public-key, Merkle root, head, segment digest, previous link).",
        "Names the first bad record and the kind of damage: MODIFIED, DELETED, REORDERED, INSERTED,",
        "TRUNCATED_LINE, MALFORMED, TRUNCATED (records cut from the end), SEGMENT_MISSING,",
        "SEGMENT_REPLACED, CHECKPOINT_MISMATCH, CHECKPOINT_FORGED or CHECKPOINT_MALFORMED.",
        "Exit code: 0 intact, 1 damaged, 2 usage or I/O error (e.g. no ledger at PATH)."
      },
      footer = {
        "",
        "Examples:",
        "  warden ledger verify                 # .warden/ledger with the key in .warden/keys",
        "  warden ledger verify /srv/warden/ledger --key-dir /srv/warden",
        "  warden ledger verify ledger-copy/ --no-key --public-key warden-signing.pub",
        "      # auditor: SHA-256 chain and signed checkpoints, no HMAC key",
        "  warden ledger verify --public-key k.pub --from-checkpoint   # only records since the",
        "      # newest checkpoint; everything before it is trusted by its signature",
        "  warden ledger verify --no-key --expect-count 81234 --expect-head 5f0c…   # count/head",
        "      # noted earlier (e.g. from a timestamped checkpoint) must still be there"
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "PATH",
        description = "Ledger directory (default: <data dir>/ledger).")
    @Nullable Path path;

    @Option(
        names = "--key-dir",
        paramLabel = "DIR",
        description = "Data directory holding keys/ledger-mac.key (default: the data dir).")
    @Nullable Path keyDir;

    @Option(
        names = "--no-key",
        description = "Check only the SHA-256 chain (for auditors without the HMAC key).")
    boolean noKey;

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        description =
            "Checkpoint signer's public key (PEM or DER SubjectPublicKeyInfo, Ed25519 or P-256);"
                + " repeat for rotated keys. Without one, checkpoint signatures are not checked.")
    List<Path> publicKeys = new ArrayList<>();

    @Option(
        names = "--from-checkpoint",
        description =
            "Start at the newest signed checkpoint (needs --public-key): verify its signature and"
                + " its segment's digest, then only the records after it.")
    boolean fromCheckpoint;

    @Option(
        names = "--expect-count",
        paramLabel = "N",
        description = "The ledger must hold at least N records (else TRUNCATED).")
    @Nullable Long expectCount;

    @Option(
        names = "--expect-head",
        paramLabel = "HEX",
        description =
            "Chain hash of record N (with --expect-count) or of the last record (without).")
    @Nullable String expectHead;

    @Option(
        names = "--tsa-ca",
        paramLabel = "FILE",
        description =
            "CA certificate(s) (PEM) of the RFC 3161 time-stamp authority: also verify the token"
                + " stored beside each checkpoint (checkpoint-N.json.tsr).")
    @Nullable Path tsaCa;

    @Override
    public Integer call() throws java.io.IOException {
      PrintWriter out = spec.commandLine().getOut();
      WardenConfig config = configOptions.load();
      Path dataDir = Path.of(config.dataDir());
      Path dir = path != null ? path : Gateway.ledgerDir(dataDir);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            dir
                + ": no ledger directory here (run warden serve or warden demo first, or pass PATH)");
      }
      MessageAuthenticator mac = null;
      if (!noKey) {
        Path keys = keyDir != null ? keyDir : dataDir;
        if (!Files.exists(keys.resolve("keys").resolve(Gateway.LEDGER_KEY + ".key"))) {
          throw new IllegalArgumentException(
              "no ledger key under "
                  + keys.resolve("keys")
                  + "; pass --key-dir DIR, or --no-key to check the SHA-256 chain only");
        }
        mac = LocalKeyring.open(keys).authenticator(Gateway.LEDGER_KEY);
      }
      List<PublicKey> keys = loadKeys(publicKeys);
      if (fromCheckpoint && keys.isEmpty()) {
        throw new IllegalArgumentException(
            "--from-checkpoint trusts the newest signed checkpoint: pass --public-key FILE");
      }
      if (expectHead != null && !expectHead.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("--expect-head must be 64 lowercase hex digits");
      }
      if (expectCount != null && expectCount < 0) {
        throw new IllegalArgumentException("--expect-count must not be negative");
      }
      PrintWriter err = spec.commandLine().getErr();
      ProgressBar bar = new ProgressBar(err, ProgressBar.interactive());
      VerifyReport report;
      try {
        report =
            LedgerVerifier.verify(
                dir,
                mac,
                new LedgerVerifier.Options(keys, expectCount, expectHead, fromCheckpoint, bar));
      } finally {
        bar.done();
      }
      print(out, dir, report);
      boolean timestampsOk = tsaCa == null || printTimestamps(out, dir, tsaCa);
      return report.ok() && timestampsOk ? 0 : 1;
    }

    private static boolean printTimestamps(PrintWriter out, Path dir, Path ca)
        throws java.io.IOException {
      java.util.List<java.security.cert.X509Certificate> anchors;
      try {
        anchors = dev.warden.ledger.timestamp.TimestampVerifier.loadTrustAnchors(ca);
      } catch (dev.warden.ledger.timestamp.TimestampException e) {
        throw new IllegalArgumentException("--tsa-ca " + e.getMessage(), e);
      }
      CheckpointTimestamps t = CheckpointTimestamps.check(dir, anchors);
      if (t.failure() != null) {
        out.println("timestamp INVALID: " + t.failure());
      } else {
        out.printf(
            "timestamps OK: %d checkpoint%s with a verified RFC 3161 token, %d without%n",
            t.stamped(), t.stamped() == 1 ? "" : "s", t.unstamped());
        if (t.newest() != null) {
          out.printf(
              "  newest: %s existed by %s (TSA %s)%n",
              t.newestCheckpoint(), t.newest().genTime(), t.newest().tsa());
        }
      }
      out.flush();
      return t.failure() == null;
    }

    static List<PublicKey> loadKeys(List<Path> files) {
      List<PublicKey> keys = new ArrayList<>();
      for (Path f : files) {
        try {
          // A file may hold several keys: warden keys export-public writes every key, old ones
          // included, so checkpoints signed before a rotation still verify.
          keys.addAll(
              dev.warden.ledger.receipt.ReceiptVerifier.publicKeys(Files.readAllBytes(f)).values());
        } catch (IOException e) {
          throw new IllegalArgumentException("--public-key " + f + ": cannot read it", e);
        } catch (dev.warden.ledger.receipt.InvalidReceiptException e) {
          throw new IllegalArgumentException("--public-key " + f + ": " + e.getMessage(), e);
        }
      }
      return keys;
    }

    static void print(PrintWriter out, Path dir, VerifyReport report) {
      if (report.ok()) {
        out.printf(
            "ledger OK: %d record%s verified (%s), head %s%n  %s%n  at %s%n",
            report.recordsChecked(),
            report.recordsChecked() == 1 ? "" : "s",
            report.macChecked() ? "SHA-256 and HMAC chains" : "SHA-256 chain only, no key",
            report.headHash().substring(0, 16) + "…",
            report.message(),
            dir.toAbsolutePath().normalize());
      } else {
        out.printf(
            "ledger DAMAGED: %s%n  damage: %s, first bad seq %d, %s line %d; %d record%s before it verified%n  at %s%n",
            report.message(),
            report.damage(),
            report.firstBadSeq(),
            report.firstBadSegment(),
            report.firstBadLine(),
            report.recordsChecked(),
            report.recordsChecked() == 1 ? "" : "s",
            dir.toAbsolutePath().normalize());
      }
      out.flush();
    }
  }

  @Command(
      name = "prove",
      mixinStandardHelpOptions = true,
      description = {
        "Print (JSON) an inclusion proof of record SEQ against the newest signed checkpoint:",
        "the record (without its MAC), leaf hash, index, tree size, RFC 6962 audit path and the",
        "checkpoint's DSSE envelope. Anyone can check it with warden ledger verify-proof and the",
        "public key alone. Exit code: 0 printed, 2 error (no checkpoint covers SEQ, damaged ledger)."
      },
      footer = {
        "",
        "Example:",
        "  warden ledger prove 7 > record-7.proof.json",
        "  warden ledger verify-proof record-7.proof.json --public-key warden-signing.pub"
      })
  static final class Prove implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Parameters(index = "0", paramLabel = "SEQ", description = "The record's seq (from 1).")
    long seq;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "PATH",
        description = "Ledger directory (default: <data dir>/ledger).")
    @Nullable Path path;

    @Override
    public Integer call() {
      Path dir = path != null ? path : Gateway.ledgerDir(Path.of(configOptions.load().dataDir()));
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(dir + ": no ledger directory here (pass PATH)");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(InclusionProofs.prove(dir, seq));
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "verify-proof",
      mixinStandardHelpOptions = true,
      description = {
        "Check an inclusion proof from warden ledger prove offline: the checkpoint's signature",
        "with the public key, the record's own hash, and the audit path up to the signed root.",
        "Exit code: 0 valid, 1 invalid (names what failed), 2 usage or I/O error."
      })
  static final class VerifyProof implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The proof (JSON).")
    Path file = Path.of(""); // set by picocli; the parameter is required

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        required = true,
        description = "The checkpoint signer's public key (PEM or DER); repeat for several.")
    List<Path> publicKeys = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      String json;
      try {
        json = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ": cannot read the proof", e);
      }
      List<PublicKey> keys = Verify.loadKeys(publicKeys);
      try {
        InclusionProofs.Verified v = InclusionProofs.verify(json.strip(), keys);
        out.printf(
            "proof OK: record seq %d is in the ledger of %d records signed by checkpoint %d (key"
                + " %s)%n  record: %s%n",
            v.seq(), v.treeSize(), v.checkpoint(), v.keyId(), v.record());
        out.flush();
        return 0;
      } catch (InvalidEnvelopeException e) {
        out.println("proof INVALID: " + e.getMessage());
        out.flush();
        return 1;
      }
    }
  }
}
