package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.vault.LocalKeyring;
import dev.warden.vault.SigningAlgorithm;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our DSSE envelopes — a ledger checkpoint and a response receipt, Ed25519 and P-256 — verified by
 * implementations that are not ours: openssl over the PAE bytes, and the npm package
 * {@code @sigstore/verify} run by Node (offline: an empty trusted root and the raw public key as
 * key-based verification material). npm must reach its registry: if it cannot, this test fails
 * rather than skips, so CI never silently loses the check.
 */
class IndependentVerificationTest {
  @TempDir static Path nodeDir;
  @TempDir Path tmp;

  @BeforeAll
  static void installSigstoreVerify() throws Exception {
    try (InputStream script =
        IndependentVerificationTest.class.getResourceAsStream("/interop/verify-dsse.js")) {
      Files.write(nodeDir.resolve("verify-dsse.js"), script.readAllBytes());
    }
    Files.writeString(nodeDir.resolve("package.json"), "{\"private\":true}\n");
    Result npm =
        exec(
            nodeDir,
            600,
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "@sigstore/verify");
    assertThat(npm.code())
        .as("npm install @sigstore/verify must succeed (registry reachable?): %s", npm.out())
        .isZero();
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void checkpointsAndReceiptsVerifyWithOpensslAndSigstore(SigningAlgorithm alg) throws Exception {
    Path data = tmp.resolve("data");
    LocalKeyring.open(data).signingKeys().rotate(alg);
    LiveGateway.Exchange ex;
    try (LiveGateway gw = new LiveGateway(data, "")) {
      ex = gw.chat("Mail jane.doe@example.com today");
    }
    Path pub = tmp.resolve("pub.pem");
    assertThat(
            CliTest.run(
                    "keys",
                    "export-public",
                    "--active",
                    "--out",
                    pub.toString(),
                    "--data-dir",
                    data.toString())
                .code())
        .isZero();

    String receipt = new String(Base64.getDecoder().decode(ex.receipt()), StandardCharsets.UTF_8);
    String checkpoint = Files.readString(lastCheckpoint(data));
    for (String envelope : List.of(receipt, checkpoint)) {
      assertThat(openssl(envelope, pub, alg)).as("openssl on the PAE").isTrue();
      Result node = sigstore(envelope, pub);
      assertThat(node.code()).as(node.out()).isZero();
      assertThat(node.out()).startsWith("VERIFIED ");

      String altered = alterPayload(envelope);
      assertThat(openssl(altered, pub, alg)).as("openssl on an altered payload").isFalse();
      Result refused = sigstore(altered, pub);
      assertThat(refused.code()).isNotZero();
      assertThat(refused.out()).contains("FAILED");
    }
  }

  private static Path lastCheckpoint(Path data) throws Exception {
    try (Stream<Path> files = Files.list(data.resolve("ledger/checkpoints"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().getLast();
    }
  }

  /** The payload with one character changed, signature kept. */
  private static String alterPayload(String envelope) {
    ObjectNode env = (ObjectNode) JsonMapper.shared().readTree(envelope);
    byte[] payload = Base64.getDecoder().decode(env.get("payload").asString());
    payload[payload.length / 2] ^= 0x01;
    env.put("payload", Base64.getEncoder().encodeToString(payload));
    return env.toString();
  }

  /**
   * openssl verifying the envelope's first signature over the PAE, computed here from the DSSE
   * spec: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body.
   */
  private boolean openssl(String envelope, Path pub, SigningAlgorithm alg) throws Exception {
    JsonNode env = JsonMapper.shared().readTree(envelope);
    byte[] body = Base64.getDecoder().decode(env.get("payload").asString());
    String type = env.get("payloadType").asString();
    byte[] head =
        ("DSSEv1 "
                + type.getBytes(StandardCharsets.UTF_8).length
                + " "
                + type
                + " "
                + body.length
                + " ")
            .getBytes(StandardCharsets.UTF_8);
    byte[] pae = new byte[head.length + body.length];
    System.arraycopy(head, 0, pae, 0, head.length);
    System.arraycopy(body, 0, pae, head.length, body.length);
    Path paeFile = Files.write(Files.createTempFile(tmp, "pae", ".bin"), pae);
    Path sigFile =
        Files.write(
            Files.createTempFile(tmp, "sig", ".bin"),
            Base64.getDecoder().decode(env.get("signatures").get(0).get("sig").asString()));
    List<String> cmd =
        alg == SigningAlgorithm.ED25519
            ? List.of(
                "openssl",
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                pub.toString(),
                "-rawin",
                "-in",
                paeFile.toString(),
                "-sigfile",
                sigFile.toString())
            : List.of(
                "openssl",
                "dgst",
                "-sha256",
                "-verify",
                pub.toString(),
                "-signature",
                sigFile.toString(),
                paeFile.toString());
    return exec(tmp, 60, cmd.toArray(String[]::new)).code() == 0;
  }

  private Result sigstore(String envelope, Path pub) throws Exception {
    Path env = Files.writeString(Files.createTempFile(tmp, "envelope", ".json"), envelope);
    return exec(
        nodeDir,
        60,
        "node",
        nodeDir.resolve("verify-dsse.js").toString(),
        env.toString(),
        pub.toString());
  }

  record Result(int code, String out) {}

  private static Result exec(Path dir, int timeoutSeconds, String... cmd) throws Exception {
    List<String> command = new ArrayList<>(List.of(cmd));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + String.join(" ", cmd));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
