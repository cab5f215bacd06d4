package dev.warden.cli;

import dev.warden.api.Signer;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.ConfigException;
import dev.warden.engine.config.ConfigLoader;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import dev.warden.ledger.dsse.PublicKeys;
import dev.warden.server.policy.PolicyBundle;
import dev.warden.vault.PemSigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = {
      "Sign and verify policy bundles: a warden.yaml signed with Ed25519 (a DSSE envelope), which",
      "a gateway with policy.requireSignature accepts at start and on reload."
    },
    subcommands = {
      PolicyCommand.Keygen.class,
      PolicyCommand.Sign.class,
      PolicyCommand.Verify.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Example:",
      "  warden policy keygen --out policy-signer.pem        # also writes policy-signer.pub.pem",
      "  warden policy sign --key policy-signer.pem --out warden.bundle.json warden.yaml",
      "  warden policy verify --public-key policy-signer.pub.pem warden.bundle.json",
      "  warden serve --config warden.bundle.json"
    })
final class PolicyCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = {
        "Create an Ed25519 key pair for signing policy bundles: the private key (PKCS#8 PEM, mode",
        "0600, never overwritten) and its public key (PEM), which goes into",
        "policy.requireSignature.keys. openssl genpkey -algorithm ed25519 makes compatible keys."
      })
  static final class Keygen implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Private key.")
    Path out = Path.of("");

    @Option(
        names = "--public-out",
        paramLabel = "FILE",
        description = "Public key (default: FILE with .pem replaced by .pub.pem).")
    @Nullable Path publicOut;

    @Override
    public Integer call() throws IOException {
      Path pub = publicOut == null ? publicPath(out) : publicOut;
      PemSigningKey.PemPair pair = PemSigningKey.generateEd25519();
      try {
        Files.writeString(
            out,
            pair.privateKeyPem(),
            StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        throw new IllegalArgumentException(
            "--out: " + out + " exists; a key is never overwritten (choose another name)", e);
      }
      try {
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Not a POSIX file system: the directory's ACLs apply.
      }
      Files.writeString(pub, pair.publicKeyPem(), StandardCharsets.US_ASCII);
      PrintWriter o = spec.commandLine().getOut();
      o.println("private key " + out + " (keep it off the gateway host)");
      o.println("public key  " + pub + " (key id " + pair.keyId() + ")");
      o.println("require it in warden.yaml:  policy: {requireSignature: {keys: [" + pub + "]}}");
      o.flush();
      return 0;
    }

    static Path publicPath(Path priv) {
      String name = String.valueOf(priv.getFileName());
      String pubName =
          name.endsWith(".pem")
              ? name.substring(0, name.length() - 4) + ".pub.pem"
              : name + ".pub.pem";
      return priv.resolveSibling(pubName);
    }
  }

  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = {
        "Validate a warden.yaml and sign it into a policy bundle (a DSSE envelope, payload type",
        PolicyBundle.PAYLOAD_TYPE + ", carrying the file's text, name, sha256 and",
        "the signing time). An invalid file is not signed."
      })
  static final class Sign implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "FILE",
        description = "Ed25519 private key, PKCS#8 PEM (warden policy keygen, openssl genpkey).")
    Path key = Path.of("");

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Bundle file.")
    Path out = Path.of("");

    @Parameters(index = "0", paramLabel = "FILE", description = "The warden.yaml to sign.")
    Path file = Path.of("");

    @Override
    public Integer call() throws IOException {
      byte[] policy = Files.readAllBytes(file);
      if (PolicyBundle.looksLikeBundle(policy)) {
        throw new IllegalArgumentException(
            file + " is already a policy bundle; sign the warden.yaml it was made from");
      }
      ConfigLoader.registerTypes(DetectorStack.builtinTypes());
      try {
        ConfigLoader.fromYaml(new String(policy, StandardCharsets.UTF_8));
      } catch (ConfigException e) {
        throw new IllegalArgumentException(
            "refusing to sign an invalid policy: " + file + ": " + e.getMessage(), e);
      }
      Signer signer;
      try {
        signer = PemSigningKey.fromPem(Files.readString(key, StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--key " + key + ": " + e.getMessage(), e);
      }
      Instant now = Instant.now();
      String bundle = PolicyBundle.sign(policy, String.valueOf(file.getFileName()), now, signer);
      Files.writeString(out, bundle, StandardCharsets.UTF_8);
      PrintWriter o = spec.commandLine().getOut();
      o.println(
          "signed "
              + file
              + " (sha256 "
              + PolicyBundle.sha256Hex(policy)
              + ") with key "
              + signer.keyId()
              + " → "
              + out);
      o.flush();
      return 0;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check that a policy bundle is signed by one of the given public keys and intact. Exit 0",
        "with its name, signing time, sha256 and key id; 1 with the reason."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--public-key",
        required = true,
        paramLabel = "FILE",
        description = "Trusted public key (PEM); repeat for several.")
    List<Path> publicKeys = new ArrayList<>();

    @Option(names = "--print-policy", description = "Print the signed warden.yaml text too.")
    boolean printPolicy;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle to check.")
    Path bundle = Path.of("");

    @Override
    public Integer call() throws IOException {
      Map<String, PublicKey> trusted = new LinkedHashMap<>();
      for (Path p : publicKeys) {
        try {
          PublicKey k = PublicKeys.load(p);
          trusted.put(PublicKeys.keyId(k), k);
        } catch (InvalidEnvelopeException e) {
          throw new IllegalArgumentException("--public-key " + p + ": " + e.getMessage(), e);
        }
      }
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      PolicyBundle.Contents c;
      try {
        c = PolicyBundle.verify(Files.readAllBytes(bundle), trusted);
      } catch (PolicyBundle.InvalidBundleException e) {
        err.println("warden: " + bundle + ": NOT VERIFIED: " + e.getMessage());
        err.flush();
        return 1;
      }
      o.println("verified " + bundle);
      o.println("  name     " + c.name());
      o.println("  created  " + c.created());
      o.println("  sha256   " + c.sha256());
      o.println("  key id   " + c.keyId());
      if (printPolicy) {
        o.println("---");
        o.print(c.policy());
      }
      o.flush();
      return 0;
    }
  }
}
