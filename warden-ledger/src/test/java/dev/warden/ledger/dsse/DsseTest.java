package dev.warden.ledger.dsse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DsseTest {
  private static final String TYPE = Dsse.IN_TOTO_PAYLOAD_TYPE;
  private static final byte[] BODY =
      "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(UTF_8);

  static Stream<TestSigners.KeySigner> signers() {
    return Stream.of(TestSigners.ed25519(), TestSigners.p256());
  }

  @Test
  void paeMatchesTheSpecExample() {
    // secure-systems-lab/dsse protocol.md, "Test Vectors".
    assertThat(
            new String(
                Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(UTF_8)), UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void paeCountsBytesNotCharacters() {
    assertThat(new String(Dsse.pae("t/ü", "é".getBytes(UTF_8)), UTF_8))
        .isEqualTo("DSSEv1 4 t/ü 2 é");
    assertThat(new String(Dsse.pae("x", new byte[0]), UTF_8)).isEqualTo("DSSEv1 1 x 0 ");
  }

  @Test
  void verifiesTheSpecTestVectorSignedByTheReferenceImplementation() throws Exception {
    // secure-systems-lab/dsse protocol.md "Test Vectors": ECDSA P-256 key (X, Y) and the envelope
    // its Python reference implementation produced, signature as raw r||s. JDK verifiers want DER,
    // so the test re-encodes r||s; the signed bytes (the PAE) are untouched.
    BigInteger x =
        new BigInteger(
            "46950820868899156662930047687818585632848591499744589407958293238635476079160");
    BigInteger y =
        new BigInteger(
            "5640078356564379163099075877009565129882514886557779369047442380624545832820");
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec("secp256r1"));
    PublicKey key =
        KeyFactory.getInstance("EC")
            .generatePublic(
                new ECPublicKeySpec(
                    new ECPoint(x, y), params.getParameterSpec(ECParameterSpec.class)));
    byte[] raw =
        Base64.getDecoder()
            .decode(
                "A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==");
    String envelope =
        "{\"payload\": \"aGVsbG8gd29ybGQ=\", \"payloadType\": \"http://example.com/HelloWorld\","
            + " \"signatures\": [{\"sig\": \""
            + Base64.getEncoder().encodeToString(derOf(raw))
            + "\"}]}";

    byte[] payload = Dsse.verify(envelope, "http://example.com/HelloWorld", List.of(key));

    assertThat(new String(payload, UTF_8)).isEqualTo("hello world");
  }

  @ParameterizedTest
  @MethodSource("signers")
  void roundTrips(TestSigners.KeySigner signer) throws Exception {
    String envelope = Dsse.sign(TYPE, BODY, signer);

    assertThat(Dsse.verify(envelope, TYPE, List.of(signer.publicKey()))).isEqualTo(BODY);
    Dsse.Envelope parsed = Dsse.parse(envelope);
    assertThat(parsed.payloadType()).isEqualTo(TYPE);
    assertThat(parsed.signatures())
        .singleElement()
        .extracting(Dsse.Sig::keyId)
        .isEqualTo(signer.keyId());
    assertThat(envelope).startsWith("{\"payload\":\"").contains("\"payloadType\":\"" + TYPE + "\"");
  }

  @ParameterizedTest
  @MethodSource("signers")
  void aFlippedBitAnywhereInTheEnvelopeFails(TestSigners.KeySigner signer) throws Exception {
    String envelope = Dsse.sign(TYPE, BODY, signer);
    List<PublicKey> keys = List.of(signer.publicKey());
    for (int i = 0; i < envelope.length(); i++) {
      for (int bit : new int[] {0, 1, 5}) {
        char[] c = envelope.toCharArray();
        c[i] = (char) (c[i] ^ (1 << bit));
        String tampered = new String(c);
        int at = i;
        assertThatThrownBy(() -> Dsse.verify(tampered, TYPE, keys))
            .as("bit %d of char %d", bit, at)
            .isInstanceOf(InvalidEnvelopeException.class);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("signers")
  void aFlippedBitInThePayloadOrSignatureBytesFails(TestSigners.KeySigner signer) throws Exception {
    Dsse.Envelope e = Dsse.parse(Dsse.sign(TYPE, BODY, signer));
    byte[] sig = e.signatures().getFirst().sig();
    for (int i = 0; i < BODY.length * 8; i++) {
      byte[] body = BODY.clone();
      body[i / 8] ^= (byte) (1 << (i % 8));
      String tampered = envelope(e.payloadType(), body, signer.keyId(), sig);
      assertThatThrownBy(() -> Dsse.verify(tampered, TYPE, List.of(signer.publicKey())))
          .isInstanceOf(InvalidEnvelopeException.class)
          .hasMessageContaining("does not verify");
    }
    for (int i = 0; i < sig.length * 8; i++) {
      byte[] s = sig.clone();
      s[i / 8] ^= (byte) (1 << (i % 8));
      String tampered = envelope(e.payloadType(), BODY, signer.keyId(), s);
      assertThatThrownBy(() -> Dsse.verify(tampered, TYPE, List.of(signer.publicKey())))
          .isInstanceOf(InvalidEnvelopeException.class);
    }
  }

  @Test
  void theWrongKeyFails() throws Exception {
    TestSigners.KeySigner signer = TestSigners.ed25519();
    TestSigners.KeySigner other = TestSigners.ed25519();
    String envelope = Dsse.sign(TYPE, BODY, signer);

    assertThatThrownBy(() -> Dsse.verify(envelope, TYPE, List.of(other.publicKey())))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("no signature by a trusted key")
        .hasMessageContaining(signer.keyId());
    // The keyid is only a hint: trusting another key under the signer's id must still fail.
    assertThatThrownBy(() -> Dsse.verify(envelope, TYPE, Map.of(signer.keyId(), other.publicKey())))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("does not verify");
    // A P-256 key under the Ed25519 signer's id: refused, not an exception from the JCA.
    assertThatThrownBy(() ->
            Dsse.verify(envelope, TYPE, Map.of(signer.keyId(), TestSigners.p256().publicKey())))
        .isInstanceOf(InvalidEnvelopeException.class);
  }

  @Test
  void theWrongPayloadTypeFails() throws Exception {
    TestSigners.KeySigner signer = TestSigners.p256();
    String envelope = Dsse.sign("application/vnd.example+json", BODY, signer);

    assertThatThrownBy(() -> Dsse.verify(envelope, TYPE, List.of(signer.publicKey())))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("payloadType");
    // Relabelling the type without re-signing breaks the PAE.
    String relabelled = envelope.replace("application/vnd.example+json", TYPE);
    assertThatThrownBy(() -> Dsse.verify(relabelled, TYPE, List.of(signer.publicKey())))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void aSignatureWithoutKeyIdIsTriedWithEveryTrustedKeyAndUnknownOnesAreSkipped() throws Exception {
    TestSigners.KeySigner signer = TestSigners.ed25519();
    byte[] sig = Dsse.parse(Dsse.sign(TYPE, BODY, signer)).signatures().getFirst().sig();
    String noKeyId =
        "{\"payload\":\""
            + Base64.getEncoder().encodeToString(BODY)
            + "\",\"payloadType\":\""
            + TYPE
            + "\",\"signatures\":[{\"keyid\":\"someone-else\",\"sig\":\"AAAA\"},{\"sig\":\""
            + Base64.getEncoder().encodeToString(sig)
            + "\"}]}";

    assertThat(
            Dsse.verify(noKeyId, TYPE, List.of(TestSigners.p256().publicKey(), signer.publicKey())))
        .isEqualTo(BODY);
  }

  @Test
  void urlSafeUnpaddedBase64IsAcceptedButNonCanonicalBase64IsNot() throws Exception {
    TestSigners.KeySigner signer = TestSigners.ed25519();
    byte[] body = {(byte) 0xfb, (byte) 0xff, 0x01, 0x02}; // encodes with '+', '/' and padding
    byte[] sig = Dsse.parse(Dsse.sign(TYPE, body, signer)).signatures().getFirst().sig();
    String url =
        "{\"payload\":\""
            + Base64.getUrlEncoder().withoutPadding().encodeToString(body)
            + "\",\"payloadType\":\""
            + TYPE
            + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\""
            + Base64.getUrlEncoder().encodeToString(sig)
            + "\"}]}";
    assertThat(Dsse.verify(url, TYPE, List.of(signer.publicKey()))).isEqualTo(body);

    String std = Base64.getEncoder().encodeToString(body); // "+/8BAg=="
    String stray = std.substring(0, 5) + "h=="; // 'h' sets bits past the payload's end
    assertThatThrownBy(() ->
            Dsse.verify(
                url.replace(Base64.getUrlEncoder().withoutPadding().encodeToString(body), stray),
                TYPE,
                List.of(signer.publicKey())))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("payload is not canonical base64");
  }

  @Test
  void malformedEnvelopesFailWithTheFieldNamed() {
    List<PublicKey> keys = List.of(TestSigners.ed25519().publicKey());
    Map<String, String> cases =
        Map.of(
            "not json",
            "envelope is not valid JSON",
            "[]",
            "not a JSON object",
            "{\"payload\":\"e30=\",\"payloadType\":\"" + TYPE + "\",\"signatures\":[]}",
            "'signatures' missing or empty",
            "{\"payload\":\"e30=\",\"payloadType\":\""
                + TYPE
                + "\",\"signatures\":[{\"sig\":\"%%\"}]}",
            "signatures[0].sig is not valid base64",
            "{\"payload\":\"e3!=\",\"payloadType\":\""
                + TYPE
                + "\",\"signatures\":[{\"sig\":\"AA==\"}]}",
            "payload is not valid base64",
            "{\"payload\":\"e30=\",\"payloadType\":\""
                + TYPE
                + "\",\"signatures\":[{\"sig\":\"AA==\"}],\"x\":1}",
            "unknown field 'x'",
            "{\"payload\":\"e30=\",\"payload\":\"e30=\",\"payloadType\":\""
                + TYPE
                + "\",\"signatures\":[{\"sig\":\"AA==\"}]}",
            "not valid JSON",
            "{\"payloadType\":\"" + TYPE + "\",\"signatures\":[{\"sig\":\"AA==\"}]}",
            "'payload' missing");
    cases.forEach((json, message) ->
        assertThatThrownBy(() -> Dsse.verify(json, TYPE, keys))
            .as(json)
            .isInstanceOf(InvalidEnvelopeException.class)
            .hasMessageContaining(message));
    assertThatThrownBy(() -> Dsse.verify("{}", TYPE, List.of()))
        .isInstanceOf(InvalidEnvelopeException.class);
  }

  @ParameterizedTest
  @MethodSource("signers")
  void opensslVerifiesOurSignatureOverThePae(TestSigners.KeySigner signer, @TempDir Path dir)
      throws Exception {
    Dsse.Envelope e = Dsse.parse(Dsse.sign(TYPE, BODY, signer));
    Path pub = Files.writeString(dir.resolve("pub.pem"), PublicKeys.toPem(signer.publicKeyDer()));
    Path pae = Files.write(dir.resolve("pae.bin"), Dsse.pae(TYPE, e.payload()));
    Path sig = Files.write(dir.resolve("sig.bin"), e.signatures().getFirst().sig());

    String out =
        signer.algorithm().equals(PublicKeys.ED25519)
            ? openssl(
                dir,
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                pub.toString(),
                "-rawin",
                "-in",
                pae.toString(),
                "-sigfile",
                sig.toString())
            : openssl(
                dir,
                "dgst",
                "-sha256",
                "-verify",
                pub.toString(),
                "-signature",
                sig.toString(),
                pae.toString());

    assertThat(out).contains("Verified");
  }

  @Test
  void weVerifyEnvelopesWhoseSignatureOpensslMade(@TempDir Path dir) throws Exception {
    for (String alg : new String[] {"ed25519", "p256"}) {
      Path key = dir.resolve(alg + ".key");
      if (alg.equals("ed25519")) {
        openssl(dir, "genpkey", "-algorithm", "ed25519", "-out", key.toString());
      } else {
        openssl(
            dir,
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            key.toString());
      }
      Path pub = dir.resolve(alg + ".pub.pem");
      openssl(dir, "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
      Path pae = Files.write(dir.resolve("pae.bin"), Dsse.pae(TYPE, BODY));
      Path sig = dir.resolve(alg + ".sig");
      if (alg.equals("ed25519")) {
        openssl(
            dir,
            "pkeyutl",
            "-sign",
            "-inkey",
            key.toString(),
            "-rawin",
            "-in",
            pae.toString(),
            "-out",
            sig.toString());
      } else {
        openssl(
            dir,
            "dgst",
            "-sha256",
            "-sign",
            key.toString(),
            "-out",
            sig.toString(),
            pae.toString());
      }
      PublicKey publicKey = PublicKeys.load(pub);
      String envelope = envelope(TYPE, BODY, PublicKeys.keyId(publicKey), Files.readAllBytes(sig));

      assertThat(Dsse.verify(envelope, TYPE, List.of(publicKey))).as(alg).isEqualTo(BODY);
    }
  }

  static String envelope(String type, byte[] body, String keyId, byte[] sig) {
    return "{\"payload\":\""
        + Base64.getEncoder().encodeToString(body)
        + "\",\"payloadType\":\""
        + type
        + "\",\"signatures\":[{\"keyid\":\""
        + keyId
        + "\",\"sig\":\""
        + Base64.getEncoder().encodeToString(sig)
        + "\"}]}";
  }

  static String openssl(Path dir, String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "openssl";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl %s: %s", Arrays.toString(args), out).isZero();
    return out;
  }

  /** ASN.1 DER SEQUENCE { INTEGER r, INTEGER s } of a raw 64-byte P-256 signature r||s. */
  private static byte[] derOf(byte[] raw) {
    byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)).toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(r.length + s.length + 4);
    out.write(0x02);
    out.write(r.length);
    out.writeBytes(r);
    out.write(0x02);
    out.write(s.length);
    out.writeBytes(s);
    return out.toByteArray();
  }
}
