package dev.warden.ledger.timestamp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

/**
 * A real time-stamp authority for tests: {@code openssl ts -reply} with a throwaway CA made here,
 * behind a loopback HTTP server that runs openssl once per request. Modes make it misbehave the
 * ways a client must notice; the tampering happens to the request before openssl signs, so every
 * token is still a genuine openssl token.
 */
final class OpensslTsa implements AutoCloseable {
  enum Mode {
    /** Honest TSA whose certificate chains to {@link #trustedRoot()}. */
    GOOD,
    /** Honest TSA under another CA. */
    UNTRUSTED_CA,
    /** Signs a different digest than the one asked for. */
    WRONG_IMPRINT,
    /** Answers with another nonce (as a replayed response would). */
    WRONG_NONCE,
    /** Refuses SHA-256 (accepts only SHA-384): a rejection status with badAlg. */
    REJECTS,
    /**
     * Token signed by a certificate without the timeStamping EKU. openssl ts refuses such a signer,
     * so the TSTInfo of a genuine reply is re-signed with {@code openssl cms -sign}.
     */
    NO_EKU,
    /** Answers 200 with an HTML page. */
    NOT_A_TSA
  }

  private final Path dir;
  private final HttpServer server;
  private volatile Mode mode = Mode.GOOD;

  OpensslTsa(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    ca("rootA");
    ca("rootB");
    String tsaExt =
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
            + "extendedKeyUsage=critical,timeStamping\n";
    leaf("tsa", "rootA", tsaExt);
    leaf("tsaB", "rootB", tsaExt);
    leaf("noeku", "rootA", "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n");
    Files.writeString(dir.resolve("serial"), "01\n");
    config("good.cnf", "tsa", "rootA", "sha256, sha384");
    config("untrusted.cnf", "tsaB", "rootB", "sha256, sha384");
    config("rejects.cnf", "tsa", "rootA", "sha384");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/tsa", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
  }

  Path trustedRoot() {
    return dir.resolve("rootA.crt");
  }

  Path otherRoot() {
    return dir.resolve("rootB.crt");
  }

  void mode(Mode m) {
    this.mode = m;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Runs openssl ts -verify on a token over a hex digest; returns true if openssl accepts it. */
  boolean opensslAccepts(byte[] token, byte[] digest, Path caFile) throws Exception {
    Path tok = Files.write(Files.createTempFile(dir, "tok", ".der"), token);
    return exec(
            List.of(
                "openssl",
                "ts",
                "-verify",
                "-token_in",
                "-in",
                tok.toString(),
                "-digest",
                java.util.HexFormat.of().formatHex(digest),
                "-CAfile",
                caFile.toString()))
        == 0;
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] query = ex.getRequestBody().readAllBytes();
      Mode m = mode;
      if (m == Mode.NOT_A_TSA) {
        send(ex, "text/html", "<html>not a TSA</html>".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String cnf =
          switch (m) {
            case UNTRUSTED_CA -> "untrusted.cnf";
            case REJECTS -> "rejects.cnf";
            default -> "good.cnf";
          };
      if (m == Mode.WRONG_IMPRINT || m == Mode.WRONG_NONCE) {
        query = tamper(query, m);
      }
      byte[] reply = opensslReply(query, cnf);
      if (m == Mode.NO_EKU) {
        reply = resignWithoutEku(reply);
      }
      send(ex, "application/timestamp-reply", reply);
    } catch (Exception e) {
      byte[] msg = e.toString().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(500, msg.length);
      ex.getResponseBody().write(msg);
    }
  }

  private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] tamper(byte[] query, Mode m) throws Exception {
    TimeStampRequest req = new TimeStampRequest(query);
    byte[] digest = req.getMessageImprintDigest();
    BigInteger nonce = req.getNonce();
    if (m == Mode.WRONG_IMPRINT) {
      digest[0] ^= 1;
    } else {
      nonce = nonce.add(BigInteger.ONE);
    }
    TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
    gen.setCertReq(true);
    return gen.generate(TSPAlgorithms.SHA256, digest, nonce).getEncoded();
  }

  private byte[] opensslReply(byte[] query, String cnf) throws Exception {
    Path q = Files.write(Files.createTempFile(dir, "q", ".tsq"), query);
    Path r = dir.resolve(q.getFileName() + ".tsr");
    run(
        "openssl",
        "ts",
        "-reply",
        "-config",
        dir.resolve(cnf).toString(),
        "-queryfile",
        q.toString(),
        "-out",
        r.toString());
    return Files.readAllBytes(r);
  }

  private byte[] resignWithoutEku(byte[] reply) throws Exception {
    TimeStampResp good = TimeStampResp.getInstance(ASN1Primitive.fromByteArray(reply));
    Path token =
        Files.write(Files.createTempFile(dir, "t", ".der"), good.getTimeStampToken().getEncoded());
    Path tst = dir.resolve(token.getFileName() + ".tstinfo");
    run(
        "openssl",
        "cms",
        "-verify",
        "-noverify",
        "-inform",
        "DER",
        "-in",
        token.toString(),
        "-out",
        tst.toString());
    Path bad = dir.resolve(token.getFileName() + ".noeku");
    run(
        "openssl",
        "cms",
        "-sign",
        "-binary",
        "-nodetach",
        "-nosmimecap",
        "-md",
        "sha256",
        "-econtent_type",
        "1.2.840.113549.1.9.16.1.4",
        "-signer",
        dir.resolve("noeku.crt").toString(),
        "-inkey",
        dir.resolve("noeku.key").toString(),
        "-certfile",
        dir.resolve("rootA.crt").toString(),
        "-in",
        tst.toString(),
        "-outform",
        "DER",
        "-out",
        bad.toString());
    ContentInfo resigned =
        ContentInfo.getInstance(ASN1Primitive.fromByteArray(Files.readAllBytes(bad)));
    return new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), resigned).getEncoded();
  }

  private void ca(String name) throws IOException, InterruptedException {
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=Warden test " + name,
        "-days",
        "2",
        "-keyout",
        dir.resolve(name + ".key").toString(),
        "-out",
        dir.resolve(name + ".crt").toString(),
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
  }

  private void leaf(String name, String ca, String ext) throws IOException, InterruptedException {
    Path key = dir.resolve(name + ".key");
    Path csr = dir.resolve(name + ".csr");
    Path extFile = Files.writeString(dir.resolve(name + ".ext"), ext);
    run(
        "openssl",
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=Warden test " + name,
        "-keyout",
        key.toString(),
        "-out",
        csr.toString());
    run(
        "openssl",
        "x509",
        "-req",
        "-in",
        csr.toString(),
        "-CA",
        dir.resolve(ca + ".crt").toString(),
        "-CAkey",
        dir.resolve(ca + ".key").toString(),
        "-set_serial",
        "0x" + Long.toHexString(System.nanoTime()),
        "-days",
        "1",
        "-extfile",
        extFile.toString(),
        "-out",
        dir.resolve(name + ".crt").toString());
  }

  private void config(String file, String signer, String chain, String digests) throws IOException {
    Files.writeString(
        dir.resolve(file),
        String.join(
            "\n",
            "[ tsa ]",
            "default_tsa = tsa_config",
            "[ tsa_config ]",
            "serial = " + dir.resolve("serial"),
            "signer_cert = " + dir.resolve(signer + ".crt"),
            "certs = " + dir.resolve(chain + ".crt"),
            "signer_key = " + dir.resolve(signer + ".key"),
            "signer_digest = sha256",
            "default_policy = 1.3.6.1.4.1.99999.1",
            "digests = " + digests,
            "accuracy = secs:1",
            "ordering = no",
            "tsa_name = no",
            "ess_cert_id_chain = no",
            "ess_cert_id_alg = sha256",
            ""));
  }

  private void run(String... cmd) throws IOException, InterruptedException {
    int rc = exec(List.of(cmd));
    if (rc != 0) {
      throw new IOException("command failed (" + rc + "): " + String.join(" ", cmd));
    }
  }

  private int exec(List<String> cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    return p.waitFor();
  }
}
