package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ledger.dsse.Dsse;
import dev.warden.ledger.receipt.InvalidReceiptException;
import dev.warden.ledger.receipt.ReceiptStatement;
import dev.warden.ledger.receipt.ReceiptVerifier;
import dev.warden.testing.LedgerLines;
import dev.warden.testing.StubUpstream;
import dev.warden.vault.LocalKeyring;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Receipts through the real proxy, checked with nothing but the exported public key. */
class ReceiptProxyTest {
  @TempDir Path tmp;

  @SuppressWarnings("ArrayRecordComponent") // wire bytes of one exchange, never compared
  record Exchange(int status, byte[] request, byte[] response, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    boolean has(String name) {
      return headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }
  }

  private ProxyHarness proxy(String yaml) {
    return new ProxyHarness(
        tmp.resolve("data"),
        StubUpstream.builder().appendToReply(" Write to root.admin@corp.example.net").start(),
        yaml,
        c -> c);
  }

  private static Exchange post(ProxyHarness proxy, String body, Map<String, String> headers)
      throws Exception {
    byte[] request = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(proxy.url("/v1/chat/completions")))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request));
    headers.forEach(b::header);
    HttpResponse<byte[]> res = proxy.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Exchange(res.statusCode(), request, res.body(), res.headers().map());
  }

  private Map<String, PublicKey> publicKeys() throws Exception {
    Path dir = tmp.resolve("data/keys/public");
    try (Stream<Path> files = Files.list(dir)) {
      Path pem = files.findFirst().orElseThrow();
      return ReceiptVerifier.publicKeys(Files.readAllBytes(pem));
    }
  }

  @Test
  void aProxiedResponseCarriesAReceiptThatVerifiesWithThePublicKeyAlone() throws Exception {
    Exchange ex;
    try (ProxyHarness proxy = proxy("")) {
      ex = post(proxy, ProxyHarness.chat("Mail jane.doe@example.com today"), Map.of());
    }
    assertThat(ex.status()).isEqualTo(200);
    String receipt = ex.header("Warden-Receipt");

    ReceiptStatement st =
        ReceiptVerifier.verify(receipt, ex.request(), ex.response(), publicKeys());

    assertThat(st.status()).isEqualTo(200);
    assertThat(st.requestOutcome()).isEqualTo("transformed");
    assertThat(st.responseOutcome()).isEqualTo("transformed");
    assertThat(st.correlationId()).isEqualTo(ex.header("Warden-Correlation-Id"));
    assertThat(st.ledgerSeq()).isEqualTo(Long.parseLong(ex.header("Warden-Ledger-Seq")));
    assertThat(st.findings())
        .containsExactly(
            new ReceiptStatement.FindingCount("request", "email", "redact", 1),
            new ReceiptStatement.FindingCount("response", "email", "redact", 1));
    assertThat(st.ledgerHash()).isEqualTo(ledgerHashOf(st.ledgerSeq()));
    String envelope = new String(Base64.getDecoder().decode(receipt), StandardCharsets.UTF_8);
    assertThat(envelope).doesNotContain("jane", "root.admin");
    assertThat(new String(Dsse.parse(envelope).payload(), StandardCharsets.UTF_8))
        .doesNotContain("jane", "root.admin", "example");
  }

  @Test
  void aFlippedBitInABodyOrTheReceiptFails() throws Exception {
    Exchange ex;
    try (ProxyHarness proxy = proxy("")) {
      ex = post(proxy, ProxyHarness.chat("plain question"), Map.of());
    }
    String receipt = ex.header("Warden-Receipt");
    Map<String, PublicKey> keys = publicKeys();
    ReceiptVerifier.verify(receipt, ex.request(), ex.response(), keys);

    for (int bit : new int[] {0, 7, 100, ex.response().length * 8 - 1}) {
      byte[] bad = ex.response().clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> ReceiptVerifier.verify(receipt, ex.request(), bad, keys))
          .isInstanceOf(InvalidReceiptException.class)
          .hasMessageContaining("response body does not match");
    }
    byte[] badRequest = ex.request().clone();
    badRequest[10] ^= 1;
    assertThatThrownBy(() -> ReceiptVerifier.verify(receipt, badRequest, ex.response(), keys))
        .hasMessageContaining("request body does not match");
    byte[] envelope = Base64.getDecoder().decode(receipt);
    for (int i = 0; i < envelope.length; i += 7) {
      byte[] bad = envelope.clone();
      bad[i] ^= 0x04;
      String tampered = Base64.getEncoder().encodeToString(bad);
      assertThatThrownBy(() -> ReceiptVerifier.verify(tampered, ex.request(), ex.response(), keys))
          .isInstanceOf(InvalidReceiptException.class);
    }
  }

  @Test
  void wardenErrorsWithALedgerRecordCarryAReceiptToo() throws Exception {
    Exchange blocked;
    Exchange forged;
    try (ProxyHarness proxy = proxy("")) {
      blocked = post(proxy, ProxyHarness.chat("card 4111 1111 1111 1111"), Map.of());
      forged = post(proxy, ProxyHarness.chat("hi"), Map.of("Warden-Receipt", "forged"));
    }
    Map<String, PublicKey> keys = publicKeys();

    assertThat(blocked.status()).isEqualTo(403);
    ReceiptStatement b =
        ReceiptVerifier.verify(
            blocked.header("Warden-Receipt"), blocked.request(), blocked.response(), keys);
    assertThat(b.errorType()).isEqualTo("warden_blocked");
    assertThat(b.requestOutcome()).isEqualTo("blocked");
    assertThat(b.responseOutcome()).isNull();
    assertThat(b.findings())
        .containsExactly(new ReceiptStatement.FindingCount("request", "card", "block", 1));

    // Refused before the body was read: the receipt covers the response only, and says so.
    assertThat(forged.status()).isEqualTo(400);
    ReceiptStatement f =
        ReceiptVerifier.verify(forged.header("Warden-Receipt"), null, forged.response(), keys);
    assertThat(f.requestSha256()).isNull();
    assertThat(f.errorType()).isEqualTo("warden_forged_header");
  }

  @Test
  void p256KeysSignReceiptsWhenConfigured() throws Exception {
    Exchange ex;
    try (ProxyHarness proxy = proxy("ledger: {signingAlgorithm: p256}")) {
      ex = post(proxy, ProxyHarness.chat("hello"), Map.of());
    }
    assertThat(
            LocalKeyring.open(tmp.resolve("data")).signingKeys().list().getFirst().algorithm().id())
        .isEqualTo("p256");
    assertThat(
            ReceiptVerifier.verify(
                    ex.header("Warden-Receipt"), ex.request(), ex.response(), publicKeys())
                .status())
        .isEqualTo(200);
  }

  @Test
  void hmacReceiptsVerifyWithTheSharedKeyOnly() throws Exception {
    Exchange ex;
    try (ProxyHarness proxy = proxy("ledger: {receipts: hmac}")) {
      ex = post(proxy, ProxyHarness.chat("hello"), Map.of());
    }
    String receipt = ex.header("Warden-Receipt");
    var mac = LocalKeyring.open(tmp.resolve("data")).authenticator(Gateway.RECEIPT_KEY);

    assertThat(ReceiptVerifier.verifyHmac(receipt, ex.request(), ex.response(), mac).status())
        .isEqualTo(200);
    assertThatThrownBy(
            () -> ReceiptVerifier.verify(receipt, ex.request(), ex.response(), publicKeys()))
        .hasMessageContaining("no signature by a trusted key");
  }

  @Test
  void receiptsOffSendsNone() throws Exception {
    Exchange ex;
    try (ProxyHarness proxy = proxy("ledger: {receipts: off}")) {
      ex = post(proxy, ProxyHarness.chat("hello"), Map.of());
    }
    assertThat(ex.status()).isEqualTo(200);
    assertThat(ex.has("Warden-Receipt")).isFalse();
    assertThat(ex.has("Warden-Ledger-Seq")).isTrue();
  }

  @Test
  void checkpointsAreSignedWithTheVaultKey() throws Exception {
    try (ProxyHarness proxy = proxy("")) {
      post(proxy, ProxyHarness.chat("hello"), Map.of());
    }
    Path cps = tmp.resolve("data/ledger/checkpoints");
    try (Stream<Path> files = Files.list(cps)) {
      List<Path> envelopes =
          files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      assertThat(envelopes).isNotEmpty();
      String envelope = Files.readString(envelopes.getLast());
      byte[] statement = Dsse.verify(envelope, Dsse.IN_TOTO_PAYLOAD_TYPE, publicKeys().values());
      assertThat(new String(statement, StandardCharsets.UTF_8))
          .contains("https://warden.dev/ledger-checkpoint/v1");
    }
  }

  /** The chain hash of record {@code seq}, read from the ledger files. */
  private String ledgerHashOf(long seq) throws Exception {
    try (Stream<Path> files = Files.list(tmp.resolve("data/ledger"))) {
      for (Path seg : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : LedgerLines.read(seg)) {
          JsonNode r = JsonMapper.shared().readTree(line);
          if (r.path("seq").asLong() == seq) {
            return r.path("hash").asString();
          }
        }
      }
    }
    throw new AssertionError("no record " + seq);
  }
}
