package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.dialect.Dialects;
import dev.warden.engine.dialect.Endpoint;
import dev.warden.engine.json.JsonBodies;
import dev.warden.engine.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The engine with a dialect: binary parts pass untouched, everything else is scanned. */
class DialectProtectionTest {
  static final JsonMapper JSON = JsonMapper.shared();
  final Protector protector =
      new Protector(
          DetectorStack.forConfig(WardenConfig.defaults()),
          Policy.defaults(),
          ProtectorTest.HASHER,
          new JsonBodies(64, 1 << 20));

  static Endpoint at(String path) {
    return Dialects.standard().match(path).orElseThrow();
  }

  static String pngBase64() {
    byte[] b = new byte[2000];
    new Random(7).nextBytes(b);
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(sig, 0, b, 0, sig.length);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void imagePartPassesByteForByteWhileTextIsRedacted() {
    String png = pngBase64();
    String body =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"mail dana@example.org\"},"
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
            + png
            + "\"}}]}]}";
    Protector.Result r =
        protector.protectRequest(body.getBytes(StandardCharsets.UTF_8), at("/v1/chat/completions"));

    JsonNode out = JSON.readTree(r.body());
    assertThat(out.at("/messages/0/content/0/text").asString()).isEqualTo("mail [REDACTED:email]");
    assertThat(out.at("/messages/0/content/1/image_url/url").asString())
        .isEqualTo("data:image/png;base64," + png);
    assertThat(r.replacements()).allSatisfy(rep -> assertThat(rep.path()).doesNotContain("image"));
    assertThat(r.model()).isEqualTo("gpt-4o");
  }

  static String withSignature(byte[] signature, String text) {
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[signature.length + 64 + t.length];
    new Random(3).nextBytes(b);
    System.arraycopy(signature, 0, b, 0, signature.length);
    System.arraycopy(t, 0, b, signature.length + 64, t.length);
    return Base64.getEncoder().encodeToString(b);
  }

  static String pdfWithCompressedText(String text) {
    java.util.zip.Deflater deflater = new java.util.zip.Deflater();
    deflater.setInput(("BT /F1 12 Tf 72 712 Td (" + text + ") Tj ET").getBytes());
    deflater.finish();
    byte[] buffer = new byte[4096];
    int n = deflater.deflate(buffer);
    deflater.end();
    java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
    pdf.writeBytes("%PDF-1.7\n4 0 obj\n<< /Length ".getBytes());
    pdf.writeBytes((n + " /Filter /FlateDecode >>\nstream\n").getBytes());
    pdf.write(buffer, 0, n);
    pdf.writeBytes("\nendstream\nendobj\n%%EOF\n".getBytes());
    return Base64.getEncoder().encodeToString(pdf.toByteArray());
  }

  @Test
  void textCarriedInTheClearInsideABinaryPartBlocksTheExchange() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    String fakePng = withSignature(png, "deploy key AKIAQ4XN7ZP2LM3RT6WB for the bucket");
    String body =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
            + fakePng
            + "\"}}]}]}";
    Protector.Result r =
        protector.protectRequest(body.getBytes(StandardCharsets.UTF_8), at("/v1/chat/completions"));

    assertThat(r.outcome()).isEqualTo(Protector.Outcome.BLOCKED);
    assertThat(r.replacements())
        .anySatisfy(rep -> {
          assertThat(rep.finding().type()).isEqualTo("aws_access_key");
          assertThat(rep.path()).isEqualTo("/messages/0/content/0/image_url/url");
          assertThat(rep.decision().reason()).endsWith("+binary_part");
        });
  }

  @Test
  void aPdfsCompressedTextIsRead_aKeyInItBlocks_personalDataIsRecordedOnly() {
    String pdf = pdfWithCompressedText("deploy with AKIAQ4XN7ZP2LM3RT6WB please");
    String body =
        "{\"model\":\"claude\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
            + "\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\","
            + "\"media_type\":\"application/pdf\",\"data\":\""
            + pdf
            + "\"}}]}]}";
    Protector.Result r =
        protector.protectRequest(body.getBytes(StandardCharsets.UTF_8), at("/v1/messages"));

    assertThat(r.outcome()).isEqualTo(Protector.Outcome.BLOCKED);
    assertThat(r.replacements()).extracting(rep -> rep.finding().type()).contains("aws_access_key");
    String cv = pdfWithCompressedText("Contact dana.scully@example.org about the claim");
    Protector.Result recorded =
        protector.protectRequest(
            body.replace(pdf, cv).getBytes(StandardCharsets.UTF_8), at("/v1/messages"));
    assertThat(recorded.outcome()).isEqualTo(Protector.Outcome.CLEAN);
    assertThat(recorded.replacements())
        .singleElement()
        .satisfies(rep -> {
          assertThat(rep.finding().type()).isEqualTo("email");
          assertThat(rep.decision().action()).isInstanceOf(dev.warden.api.Action.Allow.class);
          assertThat(rep.decision().reason()).endsWith("+binary_part");
        });
    String clean = pdfWithCompressedText("Quarterly results are attached for review");
    Protector.Result ok =
        protector.protectRequest(
            body.replace(pdf, clean).getBytes(StandardCharsets.UTF_8), at("/v1/messages"));
    assertThat(ok.outcome()).isEqualTo(Protector.Outcome.CLEAN);
  }

  @Test
  void aValueCutAtTheBoundaryOfTwoTextPartsOfOneMessageBlocks() {
    String answer =
        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
            + "{\"text\":\"your card 45396140\"},{\"text\":\"83160085 is on file\"}]}}]}";
    Protector.Result r =
        protector.protectResponse(
            answer.getBytes(StandardCharsets.UTF_8),
            at("/v1beta/models/gemini-2.0-flash:generateContent"));
    assertThat(r.outcome()).isEqualTo(Protector.Outcome.BLOCKED);
    assertThat(r.replacements())
        .anySatisfy(rep -> assertThat(rep.path()).isEqualTo("/candidates/0/content/parts"));

    String request =
        "{\"model\":\"claude\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"deploy key AKIAQ4XN7Z\"},"
            + "{\"type\":\"text\",\"text\":\"P2LM3RT6WB for the bucket\"}]}]}";
    Protector.Result split =
        protector.protectRequest(request.getBytes(StandardCharsets.UTF_8), at("/v1/messages"));
    assertThat(split.outcome()).isEqualTo(Protector.Outcome.BLOCKED);
    assertThat(split.replacements())
        .anySatisfy(rep -> {
          assertThat(rep.finding().type()).isEqualTo("aws_access_key");
          assertThat(rep.decision().reason()).endsWith("+split_parts");
        });

    String threeParts =
        request.replace(
            "{\"type\":\"text\",\"text\":\"P2LM3RT6WB for the bucket\"}",
            "{\"type\":\"text\",\"text\":\"\"},{\"type\":\"text\",\"text\":\"P2LM3\"},"
                + "{\"type\":\"text\",\"text\":\"RT6WB for the bucket\"}");
    assertThat(threeParts).contains("\"P2LM3\"");
    assertThat(
            protector
                .protectRequest(threeParts.getBytes(StandardCharsets.UTF_8), at("/v1/messages"))
                .outcome())
        .isEqualTo(Protector.Outcome.BLOCKED);

    // Two parts that each read as ordinary text stay as they are.
    String clean =
        request
            .replace("deploy key AKIAQ4XN7Z", "see the attached")
            .replace("P2LM3RT6WB for the bucket", "report for Tuesday");
    assertThat(
            protector
                .protectRequest(clean.getBytes(StandardCharsets.UTF_8), at("/v1/messages"))
                .outcome())
        .isEqualTo(Protector.Outcome.CLEAN);
  }

  @Test
  void binaryPartsShareOneBudgetPerBody() {
    // Many parts, each a compression bomb of card-like text: the body's budget caps the work.
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
    byte[] plain = "0123456789abcdef ".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
    deflater.setInput(plain);
    deflater.finish();
    byte[] buffer = new byte[plain.length];
    int n = deflater.deflate(buffer);
    deflater.end();
    java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
    pdf.writeBytes("%PDF-1.7\nstream\n".getBytes(StandardCharsets.US_ASCII));
    pdf.write(buffer, 0, n);
    pdf.writeBytes("\nendstream\n".getBytes(StandardCharsets.US_ASCII));
    String part = Base64.getEncoder().encodeToString(pdf.toByteArray());
    BinaryText.Budget budget = new BinaryText.Budget();
    long read = 0;
    for (int i = 0; i < 20; i++) {
      read += BinaryText.of(part, budget).length();
    }
    // 8 MiB inflated per body: three parts' worth of text at most, then nothing more is inflated.
    assertThat(read).isLessThan(3L * BinaryText.MAX_TEXT + 65_536);
    assertThat(BinaryText.of(part, budget).length()).isLessThan(100);
    // A later part's own plain text is still read.
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    String later = withSignature(png, "deploy key AKIAQ4XN7ZP2LM3RT6WB for the bucket");
    assertThat(BinaryText.of(later, budget)).contains("AKIAQ4XN7ZP2LM3RT6WB");
  }

  @Test
  void aFakeImageThatIsReallyTextIsScanned() {
    String fake =
        Base64.getEncoder()
            .encodeToString(
                "please mail the invoice to dana.scully@example.org"
                    .getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"model\":\"llava\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\","
            + "\"images\":[\""
            + fake
            + "\"]}]}";
    Protector.Result r =
        protector.protectRequest(body.getBytes(StandardCharsets.UTF_8), at("/api/chat"));

    assertThat(r.replacements()).isNotEmpty();
    assertThat(r.replacements().getFirst().path()).isEqualTo("/messages/0/images/0");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain(fake);
    assertThat(r.streamRequested()).isFalse();
  }

  @Test
  void geminiModelComesFromThePath() {
    Protector.Result r =
        protector.protectRequest(
            "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}".getBytes(StandardCharsets.UTF_8),
            at("/v1beta/models/gemini-2.0-flash:streamGenerateContent"));
    assertThat(r.model()).isEqualTo("gemini-2.0-flash");
    assertThat(r.streamRequested()).isTrue();
  }
}
