package dev.warden.ledger.timestamp;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

/**
 * An RFC 3161 client for one time-stamp authority (TSA).
 *
 * <p>Each call builds a {@code TimeStampReq} over a SHA-256 digest with a fresh 64-bit random nonce
 * and {@code certReq = true}, POSTs it as {@code application/timestamp-query} (RFC 3161 §3.4) with
 * the JDK HTTP client, parses the {@code TimeStampResp}, requires status {@code granted} or {@code
 * grantedWithMods}, and verifies the token with {@link TimestampVerifier} (imprint, this request's
 * nonce, TSA certificate, EKU, chain to the configured trust anchors, signature) before returning
 * it. A token that fails any check is never returned. Thread-safe.
 */
public final class TimestampClient implements CheckpointTimestamper {
  /** Largest response accepted; a token with a certificate chain is a few KiB. */
  static final int MAX_RESPONSE_BYTES = 1 << 20;

  private final URI url;
  private final List<X509Certificate> trustAnchors;
  private final Duration timeout;
  private final HttpClient http;
  private final SecureRandom random = new SecureRandom();

  private TimestampClient(URI url, List<X509Certificate> trustAnchors, Duration timeout) {
    this.url = url;
    this.trustAnchors = List.copyOf(trustAnchors);
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A client for the TSA at {@code url} whose certificates must chain to the certificates in {@code
   * trustAnchorPem}.
   *
   * @throws TimestampException if the anchor file is unreadable or holds no certificate
   * @throws IllegalArgumentException if the URL is not http(s) or the timeout is not positive
   */
  public static TimestampClient create(URI url, Path trustAnchorPem, Duration timeout)
      throws TimestampException {
    return create(url, TimestampVerifier.loadTrustAnchors(trustAnchorPem), timeout);
  }

  /** As {@link #create(URI, Path, Duration)} with anchors already loaded. */
  public static TimestampClient create(
      URI url, List<X509Certificate> trustAnchors, Duration timeout) throws TimestampException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("TSA URL must start with http:// or https://");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("TSA timeout must be positive");
    }
    if (trustAnchors.isEmpty()) {
      throw new TimestampException("no TSA trust anchor given; refusing to trust any token");
    }
    return new TimestampClient(url, trustAnchors, timeout);
  }

  @Override
  public byte[] timestamp(byte[] sha256Digest) throws TimestampException {
    return request(sha256Digest).token();
  }

  /**
   * Obtains and verifies a token over {@code sha256Digest}.
   *
   * @throws TimestampException on transport failure, a non-granted status or any failed check
   */
  public VerifiedTimestamp request(byte[] sha256Digest) throws TimestampException {
    if (sha256Digest.length != 32) {
      throw new IllegalArgumentException("expected a 32-byte SHA-256 digest");
    }
    TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
    gen.setCertReq(true);
    BigInteger nonce = new BigInteger(64, random);
    TimeStampRequest req = gen.generate(TSPAlgorithms.SHA256, sha256Digest, nonce);
    byte[] body;
    try {
      body = req.getEncoded();
    } catch (IOException e) {
      throw new TimestampException("cannot encode the time-stamp request", e);
    }
    TimeStampResp resp = parse(post(body));
    checkStatus(resp.getStatus());
    if (resp.getTimeStampToken() == null) {
      throw new TimestampException("TSA " + url + " granted the request but sent no token");
    }
    return TimestampVerifier.verify(resp.getTimeStampToken(), sha256Digest, nonce, trustAnchors);
  }

  private byte[] post(byte[] body) throws TimestampException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/timestamp-query")
            .header("Accept", "application/timestamp-reply")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<InputStream> res;
    try {
      res = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new TimestampException(
          "TSA "
              + url
              + " unreachable ("
              + e.getClass().getSimpleName()
              + "); check ledger.timestamp.url",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimestampException("interrupted while waiting for TSA " + url, e);
    }
    try (InputStream in = res.body()) {
      if (res.statusCode() != 200) {
        throw new TimestampException(
            "TSA " + url + " answered HTTP " + res.statusCode() + " instead of 200");
      }
      String type = res.headers().firstValue("Content-Type").orElse("");
      String base = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      // RFC 3161 §3.4 names application/timestamp-reply; some TSAs say timestamp-response.
      if (!base.equals("application/timestamp-reply")
          && !base.equals("application/timestamp-response")) {
        throw new TimestampException(
            "TSA "
                + url
                + " answered with Content-Type '"
                + clip(base)
                + "', expected application/timestamp-reply; is the URL a time-stamp endpoint?");
      }
      byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new TimestampException(
            "TSA response is larger than " + MAX_RESPONSE_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new TimestampException("reading the response of TSA " + url + " failed", e);
    }
  }

  private static TimeStampResp parse(byte[] bytes) throws TimestampException {
    try {
      return TimeStampResp.getInstance(ASN1Primitive.fromByteArray(bytes));
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new TimestampException("TSA response is not a DER TimeStampResp", e);
    }
  }

  private static void checkStatus(PKIStatusInfo info) throws TimestampException {
    int status = info.getStatus().intValue();
    if (status == PKIStatus.GRANTED || status == PKIStatus.GRANTED_WITH_MODS) {
      return;
    }
    StringBuilder msg =
        new StringBuilder("TSA refused the request: status ").append(statusName(status));
    org.bouncycastle.asn1.ASN1BitString fail = info.getFailInfo();
    if (fail != null) {
      msg.append(", failInfo ").append(failNames(fail.intValue()));
    }
    PKIFreeText text = info.getStatusString();
    if (text != null && text.size() > 0) {
      msg.append(", says '").append(clip(text.getStringAtUTF8(0).getString())).append('\'');
    }
    throw new TimestampException(msg.toString());
  }

  private static String statusName(int status) {
    return switch (status) {
      case PKIStatus.REJECTION -> "rejection";
      case PKIStatus.WAITING -> "waiting";
      case PKIStatus.REVOCATION_WARNING -> "revocationWarning";
      case PKIStatus.REVOCATION_NOTIFICATION -> "revocationNotification";
      default -> Integer.toString(status);
    };
  }

  private static String failNames(int bits) {
    StringBuilder out = new StringBuilder();
    int[] flags = {
      PKIFailureInfo.badAlg,
      PKIFailureInfo.badRequest,
      PKIFailureInfo.badDataFormat,
      PKIFailureInfo.timeNotAvailable,
      PKIFailureInfo.unacceptedPolicy,
      PKIFailureInfo.unacceptedExtension,
      PKIFailureInfo.addInfoNotAvailable,
      PKIFailureInfo.systemFailure
    };
    String[] names = {
      "badAlg",
      "badRequest",
      "badDataFormat",
      "timeNotAvailable",
      "unacceptedPolicy",
      "unacceptedExtension",
      "addInfoNotAvailable",
      "systemFailure"
    };
    for (int i = 0; i < flags.length; i++) {
      if ((bits & flags[i]) != 0) {
        out.append(out.length() == 0 ? "" : "|").append(names[i]);
      }
    }
    return out.length() == 0 ? "0x" + Integer.toHexString(bits) : out.toString();
  }

  /** Text from the network in an error message: bounded and printable ASCII only. */
  private static String clip(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "TimestampClient[" + url + "]";
  }
}
