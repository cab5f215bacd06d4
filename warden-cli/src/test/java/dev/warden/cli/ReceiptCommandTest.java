package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptCommandTest {
  @TempDir Path tmp;

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(tmp.resolve(name), bytes);
  }

  @Test
  void aSavedStreamVerifiesAgainstItsReceiptEventAndAnAlteredStreamFails() throws Exception {
    Path data = tmp.resolve("data");
    LiveGateway.Exchange ex;
    try (LiveGateway gw = new LiveGateway(data, "")) {
      ex = gw.streamChat("Mail jane.doe@example.com today");
    }
    assertThat(ex.status()).isEqualTo(200);
    Path pub = tmp.resolve("warden-signing.pem");
    assertThat(
            CliTest.run(
                    "keys", "export-public", "--out", pub.toString(), "--data-dir", data.toString())
                .code())
        .isZero();
    Path request = write("request.json", ex.request());
    Path stream = write("stream.sse", ex.response());
    CliTest.Run ok =
        CliTest.run(
            "receipt",
            "verify",
            "--stream",
            stream.toString(),
            "--request-body",
            request.toString(),
            "--public-key",
            pub.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out())
        .contains("receipt OK", "status 200", "streamed answer:", "request: 1 × email → redact")
        .doesNotContain("jane");

    byte[] altered = ex.response().clone();
    altered[10] ^= 0x01;
    Path bad = write("bad.sse", altered);
    CliTest.Run failed =
        CliTest.run(
            "receipt",
            "verify",
            "--stream",
            bad.toString(),
            "--request-body",
            request.toString(),
            "--public-key",
            pub.toString());
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.out()).contains("receipt INVALID");

    // Cut off before its receipt event: nothing to verify against.
    String text = new String(ex.response(), StandardCharsets.UTF_8);
    Path cut =
        write(
            "cut.sse",
            text.substring(0, text.indexOf(": warden-receipt ")).getBytes(StandardCharsets.UTF_8));
    CliTest.Run truncated =
        CliTest.run(
            "receipt",
            "verify",
            "--stream",
            cut.toString(),
            "--request-body",
            request.toString(),
            "--public-key",
            pub.toString());
    assertThat(truncated.code()).isEqualTo(1);
    assertThat(truncated.out()).contains("does not end with a Warden receipt event");
  }

  @Test
  void aLiveReceiptVerifiesWithTheExportedPublicKeyAndAFlippedBitFails() throws Exception {
    Path data = tmp.resolve("data");
    LiveGateway.Exchange ex;
    try (LiveGateway gw = new LiveGateway(data, "")) {
      ex = gw.chat("Mail jane.doe@example.com today");
    }
    Path pub = tmp.resolve("warden-signing.pem");
    assertThat(
            CliTest.run(
                    "keys", "export-public", "--out", pub.toString(), "--data-dir", data.toString())
                .code())
        .isZero();
    Path receipt =
        write(
            "receipt.txt",
            ("Warden-Receipt: " + ex.receipt() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    Path request = write("request.json", ex.request());
    Path response = write("response.json", ex.response());

    CliTest.Run ok =
        CliTest.run(
            "receipt",
            "verify",
            "--receipt",
            receipt.toString(),
            "--request-body",
            request.toString(),
            "--response-body",
            response.toString(),
            "--public-key",
            pub.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out())
        .contains("receipt OK", "status 200", "request transformed", "request: 1 × email → redact")
        .doesNotContain("jane");

    byte[] flipped = ex.response().clone();
    flipped[flipped.length / 2] ^= 0x20;
    Path badResponse = write("bad-response.json", flipped);
    CliTest.Run bad =
        CliTest.run(
            "receipt",
            "verify",
            "--header",
            ex.receipt(),
            "--request-body",
            request.toString(),
            "--response-body",
            badResponse.toString(),
            "--public-key",
            pub.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).contains("receipt INVALID", "response body does not match");

    byte[] envelope = Base64.getDecoder().decode(ex.receipt());
    envelope[envelope.length / 3] ^= 0x01;
    CliTest.Run forged =
        CliTest.run(
            "receipt",
            "verify",
            "--header",
            Base64.getEncoder().encodeToString(envelope),
            "--request-body",
            request.toString(),
            "--response-body",
            response.toString(),
            "--public-key",
            pub.toString());
    assertThat(forged.code()).isEqualTo(1);
    assertThat(forged.out()).contains("receipt INVALID");
  }

  @Test
  void hmacReceiptsVerifyWithTheKeyDirectory() throws Exception {
    Path data = tmp.resolve("data");
    LiveGateway.Exchange ex;
    try (LiveGateway gw = new LiveGateway(data, "ledger: {receipts: hmac}")) {
      ex = gw.chat("hello there");
    }
    CliTest.Run ok =
        CliTest.run(
            "receipt",
            "verify",
            "--header",
            ex.receipt(),
            "--request-body",
            write("rq", ex.request()).toString(),
            "--response-body",
            write("rs", ex.response()).toString(),
            "--hmac-key-dir",
            data.toString());
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("HMAC key receipt-mac");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(CliTest.run("receipt", "verify", "--header", "x").code()).isEqualTo(2);
    CliTest.Run missing =
        CliTest.run(
            "receipt",
            "verify",
            "--header",
            "x",
            "--response-body",
            tmp.resolve("none").toString(),
            "--public-key",
            tmp.resolve("k.pem").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--response-body: no such file");
  }
}
