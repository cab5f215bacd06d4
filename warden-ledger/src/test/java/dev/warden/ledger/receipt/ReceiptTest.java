package dev.warden.ledger.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.MessageAuthenticator;
import dev.warden.ledger.dsse.PublicKeys;
import dev.warden.ledger.dsse.TestSigners;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ReceiptTest {
  private static final byte[] REQUEST =
      "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] RESPONSE =
      "{\"choices\":[{\"message\":{\"content\":\"hello\"}}]}".getBytes(StandardCharsets.UTF_8);

  static ReceiptStatement statement(byte[] request, byte[] response) {
    return new ReceiptStatement(
        ReceiptStatement.sha256Hex(request),
        ReceiptStatement.sha256Hex(response),
        "wd-0123456789abcdef01234567",
        "2026-11-23T06:30:00.123Z",
        "/v1/chat/completions",
        "enforce",
        200,
        "transformed",
        "forwarded",
        null,
        List.of(new ReceiptStatement.FindingCount("request", "email", "redact", 2)),
        42,
        "ab".repeat(32));
  }

  private static Map<String, PublicKey> keys(TestSigners.KeySigner s) {
    return Map.of(PublicKeys.keyId(s.publicKey()), s.publicKey());
  }

  @Test
  void aSignedReceiptVerifiesWithThePublicKeyAndRoundTrips() throws Exception {
    for (TestSigners.KeySigner s : List.of(TestSigners.ed25519(), TestSigners.p256())) {
      ReceiptStatement st = statement(REQUEST, RESPONSE);
      String header = ReceiptSigner.signed(s).issue(st);

      assertThat(header).matches("[A-Za-z0-9+/=]+");
      assertThat(ReceiptVerifier.verify(header, REQUEST, RESPONSE, keys(s))).isEqualTo(st);
      String json = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
      assertThat(ReceiptVerifier.verify(json, REQUEST, RESPONSE, keys(s))).isEqualTo(st);
    }
  }

  @Test
  void everyFlippedBitInTheBodiesFails() {
    TestSigners.KeySigner s = TestSigners.ed25519();
    String header = ReceiptSigner.signed(s).issue(statement(REQUEST, RESPONSE));
    for (int i = 0; i < RESPONSE.length * 8; i++) {
      byte[] bad = RESPONSE.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      assertThatThrownBy(() -> ReceiptVerifier.verify(header, REQUEST, bad, keys(s)))
          .hasMessageContaining("response body does not match");
    }
    for (int i = 0; i < REQUEST.length * 8; i++) {
      byte[] bad = REQUEST.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      assertThatThrownBy(() -> ReceiptVerifier.verify(header, bad, RESPONSE, keys(s)))
          .hasMessageContaining("request body does not match");
    }
  }

  @Test
  void everyFlippedBitInTheReceiptFails() {
    TestSigners.KeySigner s = TestSigners.p256();
    String json =
        new String(
            Base64.getDecoder().decode(ReceiptSigner.signed(s).issue(statement(REQUEST, RESPONSE))),
            StandardCharsets.UTF_8);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length * 8; i++) {
      byte[] bad = bytes.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      String tampered = Base64.getEncoder().encodeToString(bad);
      assertThatThrownBy(() -> ReceiptVerifier.verify(tampered, REQUEST, RESPONSE, keys(s)))
          .isInstanceOf(InvalidReceiptException.class);
    }
  }

  @Test
  void anotherKeyIsRefused() {
    String header = ReceiptSigner.signed(TestSigners.ed25519()).issue(statement(REQUEST, RESPONSE));
    assertThatThrownBy(
            () -> ReceiptVerifier.verify(header, REQUEST, RESPONSE, keys(TestSigners.ed25519())))
        .hasMessageContaining("no signature by a trusted key");
  }

  @Test
  void hmacReceiptsVerifyOnlyWithTheSharedKey() throws Exception {
    MessageAuthenticator key = mac("closed-deployment-key-0123456789");
    String header = ReceiptSigner.hmac(key).issue(statement(REQUEST, RESPONSE));

    assertThat(ReceiptVerifier.verifyHmac(header, REQUEST, RESPONSE, key).ledgerSeq())
        .isEqualTo(42);
    assertThatThrownBy(() ->
            ReceiptVerifier.verifyHmac(
                header, REQUEST, RESPONSE, mac("another-key-0123456789abcdefghij")))
        .hasMessageContaining("HMAC does not verify");
    assertThat(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8))
        .contains("\"keyid\":\"hmac-sha256:")
        .doesNotContain("closed-deployment-key");
  }

  @Test
  void aReceiptWithoutARequestSubjectNeedsNoRequestBody() throws Exception {
    TestSigners.KeySigner s = TestSigners.ed25519();
    ReceiptStatement refusedEarly =
        new ReceiptStatement(
            null,
            ReceiptStatement.sha256Hex(RESPONSE),
            "wd-1",
            "2026-11-23T06:30:00.123Z",
            "/v1/chat/completions",
            "enforce",
            400,
            "rejected",
            null,
            "warden_forged_header",
            List.of(),
            7,
            "cd".repeat(32));
    String header = ReceiptSigner.signed(s).issue(refusedEarly);

    assertThat(ReceiptVerifier.verify(header, null, RESPONSE, keys(s))).isEqualTo(refusedEarly);
    assertThatThrownBy(() -> ReceiptVerifier.verify(header, REQUEST, RESPONSE, keys(s)))
        .hasMessageContaining("covers no request body");
  }

  @Test
  void thePredicateHoldsCountsNotValues() {
    String json =
        new String(statement(REQUEST, RESPONSE).toStatement().toJson(), StandardCharsets.UTF_8);
    assertThat(json)
        .startsWith("{\"_type\":\"https://in-toto.io/Statement/v1\"")
        .contains("\"predicateType\":\"https://warden.dev/receipt/v1\"")
        .contains(
            "{\"action\":\"redact\",\"count\":2,\"direction\":\"request\",\"type\":\"email\"}")
        .contains("\"ledger\":{\"hash\":\"")
        .doesNotContain("hello", "hi\"");
  }

  static MessageAuthenticator mac(String secret) {
    return data -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return m.doFinal(data);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
