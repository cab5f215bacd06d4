package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.receipt.ReceiptStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden ledger verify --tsa-ca} checks the RFC 3161 tokens beside checkpoints. The tokens
 * here come from {@code openssl ts -reply} with a CA made by the test (the HTTP client side is
 * covered in warden-ledger's TimestampClientTest).
 */
class LedgerTimestampCliTest {
  @TempDir Path tmp;

  @Test
  void storedTokensAreCheckedAgainstTheTsaCa() throws Exception {
    Path data = tmp.resolve("data");
    try (LiveGateway gw = new LiveGateway(data, "")) {
      gw.chat("hello");
    }
    Path checkpoint;
    try (Stream<Path> files = Files.list(data.resolve("ledger/checkpoints"))) {
      checkpoint = files.filter(p -> p.toString().endsWith(".json")).sorted().toList().getLast();
    }
    String digest = ReceiptStatement.sha256Hex(Dsse.parse(Files.readString(checkpoint)).payload());
    Path pki = Files.createDirectories(tmp.resolve("pki"));
    tsa(pki, "ca", "tsa");
    tsa(pki, "otherca", "othertsa");
    Path token = checkpoint.resolveSibling(checkpoint.getFileName() + ".tsr");

    CliTest.Run none =
        CliTest.run(
            "ledger",
            "verify",
            "--data-dir",
            data.toString(),
            "--tsa-ca",
            pki.resolve("ca.crt").toString());
    assertThat(none.code()).as(none.out() + none.err()).isZero();
    assertThat(none.out()).contains("timestamps OK: 0 checkpoints", "1 without");

    Files.write(token, stamp(pki, "tsa", digest));
    CliTest.Run ok =
        CliTest.run(
            "ledger",
            "verify",
            "--data-dir",
            data.toString(),
            "--tsa-ca",
            pki.resolve("ca.crt").toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("timestamps OK: 1 checkpoint ", "existed by", "Warden test tsa");

    CliTest.Run otherCa =
        CliTest.run(
            "ledger",
            "verify",
            "--data-dir",
            data.toString(),
            "--tsa-ca",
            pki.resolve("otherca.crt").toString());
    assertThat(otherCa.code()).isEqualTo(1);
    assertThat(otherCa.out()).contains("timestamp INVALID", "does not chain");

    Files.write(token, stamp(pki, "tsa", "00".repeat(32)));
    CliTest.Run otherDigest =
        CliTest.run(
            "ledger",
            "verify",
            "--data-dir",
            data.toString(),
            "--tsa-ca",
            pki.resolve("ca.crt").toString());
    assertThat(otherDigest.code()).isEqualTo(1);
    assertThat(otherDigest.out()).contains("timestamp INVALID", "message imprint does not match");
  }

  /** A token over {@code hexDigest} from {@code openssl ts -reply} signed by {@code tsa}. */
  private static byte[] stamp(Path pki, String tsa, String hexDigest) throws Exception {
    Path cnf =
        Files.writeString(
            pki.resolve(tsa + ".cnf"),
            String.join(
                "\n",
                "[ tsa ]",
                "default_tsa = t",
                "[ t ]",
                "serial = " + pki.resolve(tsa + ".serial"),
                "signer_cert = " + pki.resolve(tsa + ".crt"),
                "signer_key = " + pki.resolve(tsa + ".key"),
                "signer_digest = sha256",
                "default_policy = 1.3.6.1.4.1.99999.1",
                "digests = sha256",
                "ess_cert_id_alg = sha256",
                ""));
    if (!Files.exists(pki.resolve(tsa + ".serial"))) {
      Files.writeString(pki.resolve(tsa + ".serial"), "01\n");
    }
    Path query = pki.resolve("q.tsq");
    Path out = pki.resolve("token.der");
    run(
        pki,
        "openssl",
        "ts",
        "-query",
        "-digest",
        hexDigest,
        "-sha256",
        "-cert",
        "-out",
        query.toString());
    run(
        pki,
        "openssl",
        "ts",
        "-reply",
        "-config",
        cnf.toString(),
        "-queryfile",
        query.toString(),
        "-token_out",
        "-out",
        out.toString());
    return Files.readAllBytes(out);
  }

  /** A CA and a TSA certificate under it (timeStamping EKU, critical). */
  private static void tsa(Path pki, String ca, String tsa) throws Exception {
    run(
        pki,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=Warden test " + ca,
        "-days",
        "2",
        "-keyout",
        ca + ".key",
        "-out",
        ca + ".crt",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign");
    run(
        pki,
        "openssl",
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=Warden test " + tsa,
        "-keyout",
        tsa + ".key",
        "-out",
        tsa + ".csr");
    Files.writeString(
        pki.resolve(tsa + ".ext"),
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
            + "extendedKeyUsage=critical,timeStamping\n");
    run(
        pki,
        "openssl",
        "x509",
        "-req",
        "-in",
        tsa + ".csr",
        "-CA",
        ca + ".crt",
        "-CAkey",
        ca + ".key",
        "-set_serial",
        "7",
        "-days",
        "1",
        "-extfile",
        tsa + ".ext",
        "-out",
        tsa + ".crt");
  }

  private static void run(Path dir, String... cmd) throws Exception {
    Process p =
        new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
  }
}
