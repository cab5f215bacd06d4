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
