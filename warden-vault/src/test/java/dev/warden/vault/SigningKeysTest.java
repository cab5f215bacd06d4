package dev.warden.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Signer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @TempDir Path tmp;

  private static final byte[] MESSAGE = "checkpoint 42".getBytes(StandardCharsets.UTF_8);

  @Test
  void firstUseCreatesAnEd25519KeyVerifiableWithTheExportedPublicKey() throws Exception {
    Signer signer = LocalKeyring.open(tmp).signingKeys().active();

    assertThat(signer.algorithm()).isEqualTo("ed25519");
    assertThat(signer.keyId()).matches("[0-9a-f]{64}");
    byte[] sig = signer.sign(MESSAGE);
    assertThat(sig).hasSize(64);
    PublicKey exported = readPem(tmp.resolve("keys/public/" + signer.keyId() + ".pem"), "Ed25519");
    assertThat(verify("Ed25519", exported, MESSAGE, sig)).isTrue();
    assertThat(verify("Ed25519", exported, "checkpoint 43".getBytes(StandardCharsets.UTF_8), sig))
        .isFalse();
    assertThat(SigningKeys.keyIdOf(exported.getEncoded())).isEqualTo(signer.keyId());
    assertThat(perms(tmp.resolve("keys/signing-000001.key"))).isEqualTo("rw-------");
    assertThat(perms(tmp.resolve("keys/public"))).isEqualTo("rwx------");
  }

  @Test
  void ed25519SignaturesEqualTheJdksForTheSameKey() throws Exception {
    Signer signer = LocalKeyring.open(tmp).signingKeys().active();
    String text = Files.readString(tmp.resolve("keys/signing-000001.key"));
    String b64 =
        text.substring(
                text.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                text.indexOf("-----END PRIVATE KEY-----"))
            .replaceAll("\\s", "");
    java.security.PrivateKey jdkKey =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    for (int len : new int[] {0, 1, 64, 1000}) {
      byte[] msg = new byte[len];
      new java.util.Random(len).nextBytes(msg);
      Signature jdk = Signature.getInstance("Ed25519");
      jdk.initSign(jdkKey);
      jdk.update(msg);
      assertThat(signer.sign(msg)).isEqualTo(jdk.sign());
    }
  }

  @Test
  void theKeyIsStableAcrossOpens() {
    String first = LocalKeyring.open(tmp).signingKeys().active().keyId();
    String again = LocalKeyring.open(tmp).signingKeys().active().keyId();
    assertThat(again).isEqualTo(first);
  }

  @Test
  void p256KeysSignDerEcdsaThatTheJdkVerifies() throws Exception {
    Signer signer = LocalKeyring.open(tmp).signingKeys().active(SigningAlgorithm.P256);

    assertThat(signer.algorithm()).isEqualTo("ecdsa-p256-sha256");
    byte[] sig = signer.sign(MESSAGE);
    assertThat(sig[0]).isEqualTo((byte) 0x30); // ASN.1 SEQUENCE, not raw r||s
    PublicKey exported = readPem(tmp.resolve("keys/public/" + signer.keyId() + ".pem"), "EC");
    assertThat(verify("SHA256withECDSA", exported, MESSAGE, sig)).isTrue();
  }

  @Test
  void rotationMakesANewActiveKeyAndKeepsOldPublicKeys() throws Exception {
    SigningKeys keys = LocalKeyring.open(tmp).signingKeys();
    Signer old = keys.active();
    byte[] oldSig = old.sign(MESSAGE);

    Signer rotated = keys.rotate(SigningAlgorithm.P256);

    assertThat(rotated.keyId()).isNotEqualTo(old.keyId());
    assertThat(LocalKeyring.open(tmp).signingKeys().active().keyId()).isEqualTo(rotated.keyId());
    List<SigningKeys.KeyInfo> list = keys.list();
    assertThat(list)
        .extracting(SigningKeys.KeyInfo::keyId)
        .containsExactly(old.keyId(), rotated.keyId());
    assertThat(list).extracting(SigningKeys.KeyInfo::active).containsExactly(false, true);
    assertThat(list)
        .extracting(SigningKeys.KeyInfo::algorithm)
        .containsExactly(SigningAlgorithm.ED25519, SigningAlgorithm.P256);
    PublicKey oldPublic = readPem(tmp.resolve("keys/public/" + old.keyId() + ".pem"), "Ed25519");
    assertThat(verify("Ed25519", oldPublic, MESSAGE, oldSig)).isTrue();
    assertThat(list.get(0).publicKeyPem())
        .isEqualTo(Files.readString(tmp.resolve("keys/public/" + old.keyId() + ".pem")));
  }

  @Test
  void concurrentCreatorsInOneProcessAdoptOneKey() throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tasks.add(() -> LocalKeyring.open(tmp).signingKeys().active().keyId());
    }
    Set<String> seen = new HashSet<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (Future<String> f : pool.invokeAll(tasks)) {
        seen.add(f.get());
      }
    }
    assertThat(seen).hasSize(1);
    assertThat(signingFiles()).containsExactly("signing-000001.key");
    try (Stream<Path> pub = Files.list(tmp.resolve("keys/public"))) {
      assertThat(pub.map(p -> p.getFileName().toString()))
          .containsExactly(seen.iterator().next() + ".pem");
    }
  }

  @Test
  void concurrentCreatorProcessesAdoptOneKey() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long startAt = System.currentTimeMillis() + 1500;
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      procs.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  KeyRaceMain.class.getName(),
                  tmp.toString(),
                  Long.toString(startAt))
              .redirectErrorStream(true)
              .start());
    }
    Set<String> seen = new HashSet<>();
    for (Process p : procs) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertThat(p.waitFor()).as(out).isZero();
      seen.add(out);
    }
    assertThat(seen).hasSize(1);
    assertThat(seen.iterator().next()).matches("[0-9a-f]{64}");
    assertThat(signingFiles()).containsExactly("signing-000001.key");
  }

  @Test
  void groupReadableSigningKeyIsRefusedWithTheFix() throws Exception {
    LocalKeyring.open(tmp).signingKeys().active();
    Files.setPosixFilePermissions(
        tmp.resolve("keys/signing-000001.key"), PosixFilePermissions.fromString("rw-r-----"));

    assertThatThrownBy(() -> LocalKeyring.open(tmp).signingKeys().active())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void symlinkedSigningKeyIsRefused() throws Exception {
    LocalKeyring.open(tmp).signingKeys().active();
    Path key = tmp.resolve("keys/signing-000001.key");
    Path elsewhere = Files.move(key, tmp.resolve("elsewhere.key"));
    Files.createSymbolicLink(key, elsewhere);

    assertThatThrownBy(() -> LocalKeyring.open(tmp).signingKeys().active())
        .hasMessageContaining("symbolic link");
  }

  @Test
  void keyFileWhoseHalvesDoNotMatchIsRefused() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    LocalKeyring.open(a).signingKeys().active();
    LocalKeyring.open(b).signingKeys().active();
    String textA = Files.readString(a.resolve("keys/signing-000001.key"));
    String textB = Files.readString(b.resolve("keys/signing-000001.key"));
    String mixed =
        textA.substring(0, textA.indexOf("-----BEGIN PUBLIC KEY-----"))
            + textB.substring(textB.indexOf("-----BEGIN PUBLIC KEY-----"));
    Files.writeString(a.resolve("keys/signing-000001.key"), mixed);

    assertThatThrownBy(() -> LocalKeyring.open(a).signingKeys().active())
        .hasMessageContaining("not a valid Warden signing key")
        .hasMessageContaining("signing-000001.key");
  }

  @Test
  void aSwappedPublicFileIsRefusedNotOverwritten() throws Exception {
    Signer s = LocalKeyring.open(tmp).signingKeys().active();
    Path pub = tmp.resolve("keys/public/" + s.keyId() + ".pem");
    Files.writeString(pub, SigningKeys.pem("PUBLIC KEY", new byte[] {1, 2, 3}));

    assertThatThrownBy(() -> LocalKeyring.open(tmp).signingKeys().active())
        .hasMessageContaining("does not hold the public key");
    assertThat(Files.readString(pub)).contains("AQID");
  }

  @Test
  void aMissingPublicFileIsRecreatedFromTheKey() throws Exception {
    Signer s = LocalKeyring.open(tmp).signingKeys().active();
    Path pub = tmp.resolve("keys/public/" + s.keyId() + ".pem");
    Files.delete(pub);

    LocalKeyring.open(tmp).signingKeys().active();

    assertThat(SigningKeys.keyIdOf(readPem(pub, "Ed25519").getEncoded())).isEqualTo(s.keyId());
  }

  @Test
  void signerToStringShowsOnlyTheKeyId() throws Exception {
    Signer s = LocalKeyring.open(tmp).signingKeys().active();
    String privateB64 =
        Files.readString(tmp.resolve("keys/signing-000001.key"))
            .split("-----BEGIN PRIVATE KEY-----\n")[1]
            .split("\n")[0];

    assertThat(s.toString()).contains(s.keyId()).doesNotContain(privateB64.substring(0, 20));
    assertThat(s.toString()).isEqualTo("Signer[ed25519 keyid=" + s.keyId() + "]");
  }

  @Test
  void unknownAlgorithmNameListsTheAllowedOnes() {
    assertThatThrownBy(() -> SigningAlgorithm.parse("rsa"))
        .hasMessageContaining("allowed: ed25519, p256");
    assertThat(SigningAlgorithm.parse("P256")).isEqualTo(SigningAlgorithm.P256);
  }

  private List<String> signingFiles() throws Exception {
    try (Stream<Path> files = Files.list(tmp.resolve("keys"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("signing-"))
          .sorted()
          .toList();
    }
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  static PublicKey readPem(Path file, String algorithm) throws Exception {
    String text = Files.readString(file);
    String b64 =
        text.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm)
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }

  private static boolean verify(String alg, PublicKey key, byte[] message, byte[] sig)
      throws Exception {
    Signature v = Signature.getInstance(alg);
    v.initVerify(key);
    v.update(message);
    return v.verify(sig);
  }
}
