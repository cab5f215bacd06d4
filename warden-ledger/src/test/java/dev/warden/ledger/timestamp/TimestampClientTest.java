package dev.warden.ledger.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 3161 against a real openssl TSA on loopback, with a CA the test makes. */
class TimestampClientTest {
  @TempDir static Path dir;
  static OpensslTsa tsa;
  static TimestampClient client;

  @BeforeAll
  static void startTsa() throws Exception {
    tsa = new OpensslTsa(dir);
    client = TimestampClient.create(tsa.url(), tsa.trustedRoot(), Duration.ofSeconds(10));
  }

  @AfterAll
  static void stopTsa() {
    tsa.close();
  }

  @BeforeEach
  void honest() {
    tsa.mode(OpensslTsa.Mode.GOOD);
  }

  private static byte[] digest(String s) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aGoodTokenIsAcceptedAndVerifiesLaterAndWithOpenssl() throws Exception {
    byte[] d = digest("checkpoint envelope 1");
    Instant before = Instant.now().minusSeconds(5);

    VerifiedTimestamp ts = client.request(d);

    assertThat(ts.genTime()).isAfter(before).isBefore(Instant.now().plusSeconds(5));
    assertThat(ts.tsa()).contains("Warden test tsa");
    assertThat(ts.policy()).isEqualTo("1.3.6.1.4.1.99999.1");
    List<X509Certificate> anchors = TimestampVerifier.loadTrustAnchors(tsa.trustedRoot());
    assertThat(TimestampVerifier.verify(ts.token(), d, anchors).serialNumber())
        .isEqualTo(ts.serialNumber());
    assertThat(tsa.opensslAccepts(ts.token(), d, tsa.trustedRoot())).isTrue();
    assertThat(client.timestamp(digest("another"))).isNotEmpty();
  }

  @Test
  void aStoredTokenDoesNotVerifyForOtherData() throws Exception {
    byte[] token = client.timestamp(digest("checkpoint A"));
    List<X509Certificate> anchors = TimestampVerifier.loadTrustAnchors(tsa.trustedRoot());

    assertThatThrownBy(() -> TimestampVerifier.verify(token, digest("checkpoint B"), anchors))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("message imprint does not match");
  }

  @Test
  void aFlippedBitInTheStoredTokenFailsOrProvesNothingElse() throws Exception {
    byte[] d = digest("checkpoint C");
    VerifiedTimestamp good = client.request(d);
    byte[] token = good.token();
    List<X509Certificate> anchors = TimestampVerifier.loadTrustAnchors(tsa.trustedRoot());
    byte[] tstInfo =
        (byte[]) new org.bouncycastle.cms.CMSSignedData(token).getSignedContent().getContent();
    int tstAt = indexOf(token, tstInfo);
    assertThat(tstAt).isPositive();
    int failures = 0;
    // One bit in every byte. Bytes outside the signature's reach (the copy of the root CA in the
    // token's certificate bag) may change without effect; the statement proven must not.
    for (int i = 0; i < token.length; i++) {
      byte[] bad = token.clone();
      bad[i] ^= 0x01;
      try {
        VerifiedTimestamp v = TimestampVerifier.verify(bad, d, anchors);
        assertThat(i >= tstAt && i < tstAt + tstInfo.length)
            .as("byte %d is inside the signed TSTInfo", i)
            .isFalse();
        assertThat(List.of(v.genTime(), v.serialNumber(), v.tsa(), v.policy()))
            .isEqualTo(List.of(good.genTime(), good.serialNumber(), good.tsa(), good.policy()));
      } catch (TimestampException expected) {
        failures++;
      }
    }
    assertThat(failures).isGreaterThan(token.length / 2);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void aTokenForAnotherDigestIsRejected() {
    tsa.mode(OpensslTsa.Mode.WRONG_IMPRINT);
    assertThatThrownBy(() -> client.request(digest("x")))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("message imprint does not match");
  }

  @Test
  void aResponseWithAnotherNonceIsRejected() {
    tsa.mode(OpensslTsa.Mode.WRONG_NONCE);
    assertThatThrownBy(() -> client.request(digest("x")))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("nonce does not match");
  }

  @Test
  void aTsaUnderAnotherCaIsRejected() throws Exception {
    tsa.mode(OpensslTsa.Mode.UNTRUSTED_CA);
    assertThatThrownBy(() -> client.request(digest("x")))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("does not chain to a configured trust anchor")
        .hasMessageContaining("Warden test tsaB");
    // The same TSA is accepted by a client that trusts its CA: the chain check is what refused.
    TimestampClient trusting =
        TimestampClient.create(tsa.url(), tsa.otherRoot(), Duration.ofSeconds(10));
    assertThat(trusting.request(digest("x")).tsa()).contains("tsaB");
  }

  @Test
  void aSignerWithoutTheTimeStampingUsageIsRejected() {
    tsa.mode(OpensslTsa.Mode.NO_EKU);
    assertThatThrownBy(() -> client.request(digest("x")))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("no extended key usage");
  }

  @Test
  void aFailedStatusIsReportedWithItsReason() {
    tsa.mode(OpensslTsa.Mode.REJECTS);
    assertThatThrownBy(() -> client.request(digest("x")))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("status rejection")
        .hasMessageContaining("badAlg");
  }

  @Test
  void anEndpointThatIsNotATsaIsNamed() {
    tsa.mode(OpensslTsa.Mode.NOT_A_TSA);
    assertThatThrownBy(() -> client.request(digest("x")))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("Content-Type 'text/html'");
  }

  @Test
  void anUnreachableTsaFailsWithinTheTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    TimestampClient dead =
        TimestampClient.create(
            URI.create("http://127.0.0.1:" + port + "/tsa"),
            tsa.trustedRoot(),
            Duration.ofSeconds(2));
    assertThatThrownBy(() -> dead.request(digest("x")))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void badConfigurationIsRefusedUpFront() throws Exception {
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    assertThatThrownBy(() -> TimestampClient.create(tsa.url(), notPem, Duration.ofSeconds(1)))
        .isInstanceOf(TimestampException.class)
        .hasMessageContaining("not.pem");
    assertThatThrownBy(() ->
            TimestampClient.create(
                URI.create("ftp://127.0.0.1/"), tsa.trustedRoot(), Duration.ofSeconds(1)))
        .hasMessageContaining("http://");
  }
}
