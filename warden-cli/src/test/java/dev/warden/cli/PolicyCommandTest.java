package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code warden policy sign|verify|keygen} and {@code warden config validate|show}. */
class PolicyCommandTest {
  @TempDir Path tmp;

  private static void openssl(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "openssl";
    System.arraycopy(args, 0, all, 1, args.length);
    Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  private Path file(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void signWithAnOpensslKeyAndVerify() throws Exception {
    Path key = tmp.resolve("signer.pem");
    Path pub = tmp.resolve("signer.pub.pem");
    openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString());
    openssl("pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
    Path yaml = file("warden.yaml", "policy:\n  types:\n    email: block\n");
    Path bundle = tmp.resolve("warden.bundle.json");

    CliTest.Run signed =
        CliTest.run(
            "policy", "sign", "--key", key.toString(), "--out", bundle.toString(), yaml.toString());
    assertThat(signed.code()).as(signed.err()).isZero();
    assertThat(signed.out()).contains("signed", "with key");

    CliTest.Run ok =
        CliTest.run(
            "policy",
            "verify",
            "--public-key",
            pub.toString(),
            bundle.toString(),
            "--print-policy");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("name     warden.yaml", "email: block");

    // Another key does not verify it.
    Path other = tmp.resolve("other.pem");
    Path otherPub = tmp.resolve("other.pub.pem");
    openssl("genpkey", "-algorithm", "ed25519", "-out", other.toString());
    openssl("pkey", "-in", other.toString(), "-pubout", "-out", otherPub.toString());
    CliTest.Run foreign =
        CliTest.run("policy", "verify", "--public-key", otherPub.toString(), bundle.toString());
    assertThat(foreign.code()).isEqualTo(1);
    assertThat(foreign.err()).contains("NOT VERIFIED", "no signature by a trusted key");

    // An altered policy inside the bundle does not verify either.
    JsonNode env = JsonMapper.shared().readTree(Files.readString(bundle));
    String payload =
        new String(
            Base64.getDecoder().decode(env.path("payload").asString()), StandardCharsets.UTF_8);
    String altered = payload.replace("email: block", "email: allow");
    Path tampered =
        file(
            "tampered.json",
            Files.readString(bundle)
                .replace(
                    env.path("payload").asString(),
                    Base64.getEncoder().encodeToString(altered.getBytes(StandardCharsets.UTF_8))));
    CliTest.Run bad =
        CliTest.run("policy", "verify", "--public-key", pub.toString(), tampered.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("does not verify");

    // The bundle's signature checks with openssl too: DSSE PAE over the payload, raw Ed25519.
    byte[] raw = Base64.getDecoder().decode(env.path("payload").asString());
    String type = env.path("payloadType").asString();
    byte[] pae =
        ("DSSEv1 " + type.length() + " " + type + " " + raw.length + " ")
            .getBytes(StandardCharsets.UTF_8);
    Path msg = tmp.resolve("pae.bin");
    Files.write(msg, concat(pae, raw));
    Path sig = tmp.resolve("sig.bin");
    Files.write(
        sig, Base64.getDecoder().decode(env.path("signatures").get(0).path("sig").asString()));
    openssl(
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        pub.toString(),
        "-rawin",
        "-in",
        msg.toString(),
        "-sigfile",
        sig.toString());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void keygenWritesAPrivateFileOnceAndSignRefusesAnInvalidPolicy() throws Exception {
    Path key = tmp.resolve("k.pem");
    CliTest.Run gen = CliTest.run("policy", "keygen", "--out", key.toString());
    assertThat(gen.code()).as(gen.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(tmp.resolve("k.pub.pem"))).contains("BEGIN PUBLIC KEY");
    assertThat(gen.out()).doesNotContain("PRIVATE KEY");
    String before = Files.readString(key);
    assertThat(CliTest.run("policy", "keygen", "--out", key.toString()).code()).isEqualTo(2);
    assertThat(Files.readString(key)).isEqualTo(before);

    Path bad = file("bad.yaml", "policy:\n  types:\n    email: explode\n");
    CliTest.Run refused =
        CliTest.run(
            "policy",
            "sign",
            "--key",
            key.toString(),
            "--out",
            tmp.resolve("b.json").toString(),
            bad.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("refusing to sign an invalid policy", "policy.types.email");
    assertThat(tmp.resolve("b.json")).doesNotExist();
  }

  @Test
  void validateListsEveryErrorWithItsKeyPath() throws Exception {
    Path bad =
        file(
            "bad.yaml",
            "server:\n  port: 99999\n  prot: 1\npolicy:\n  types:\n    emial: block\n"
                + "ledger:\n  durability: sometimes\n");
    CliTest.Run r = CliTest.run("config", "validate", "--config", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("4 errors")
        .contains("server.port: must be between 0 and 65535")
        .contains("server.prot: unknown key")
        .contains("policy.types.emial: unknown detection type")
        .contains("ledger.durability: unknown value 'sometimes'");

    Path good = file("good.yaml", "server:\n  port: 9000\n");
    CliTest.Run ok = CliTest.run("config", "validate", "--config", good.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("valid (sha256 ");
  }

  @Test
  void validateRefusesAnUnsignedFileThatRequiresASignature() throws Exception {
    Path key = tmp.resolve("k.pem");
    assertThat(CliTest.run("policy", "keygen", "--out", key.toString()).code()).isZero();
    Path pub = tmp.resolve("k.pub.pem");
    Path yaml = file("warden.yaml", "policy:\n  requireSignature:\n    keys: [" + pub + "]\n");
    CliTest.Run unsigned = CliTest.run("config", "validate", "--config", yaml.toString());
    assertThat(unsigned.code()).isEqualTo(1);
    assertThat(unsigned.err())
        .contains("policy.requireSignature", pub.toString(), "not a signed policy bundle");

    Path bundle = tmp.resolve("b.json");
    assertThat(
            CliTest.run(
                    "policy",
                    "sign",
                    "--key",
                    key.toString(),
                    "--out",
                    bundle.toString(),
                    yaml.toString())
                .code())
        .isZero();
    CliTest.Run signed = CliTest.run("config", "validate", "--config", bundle.toString());
    assertThat(signed.code()).as(signed.err()).isZero();
    assertThat(signed.out()).contains("signed by key");
  }

  @Test
  void showPrintsTheEffectiveConfigurationWithFlagsApplied() throws Exception {
    Path yaml = file("warden.yaml", "server:\n  port: 9000\npolicy:\n  types:\n    email: block\n");
    CliTest.Run r =
        CliTest.run(
            "config",
            "show",
            "--config",
            yaml.toString(),
            "--data-dir",
            tmp.resolve("d").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("# policy sha256 ")
        .contains("port: 9000")
        .contains("maxBodyBytes: 4194304")
        .contains("email: \"block\"")
        .contains("dataDir: \"" + tmp.resolve("d") + "\"");
    // What show prints is a valid warden.yaml.
    Path shown = file("shown.yaml", r.out());
    assertThat(CliTest.run("config", "validate", "--config", shown.toString()).code()).isZero();
  }
}
