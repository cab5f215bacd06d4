package dev.warden.vault;

import dev.warden.api.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jspecify.annotations.Nullable;

/**
 * Signing keys (Ed25519 or ECDSA P-256) for ledger checkpoints and response receipts, kept under
 * {@code <dataDir>/keys/}.
 *
 * <p>Layout: each key is a generation file {@code signing-000001.key}, {@code signing-000002.key},
 * … ({@code 0600}) holding a PKCS#8 {@code PRIVATE KEY} PEM block, its {@code PUBLIC KEY} PEM block
 * and a {@code created:} line. The highest generation is the <b>active</b> key; older generations
 * stay so their signatures remain verifiable. Every key's public half is also published as {@code
 * public/<keyid>.pem} (SubjectPublicKeyInfo PEM, readable by openssl, cosign and the JDK).
 *
 * <p>Key id: SHA-256 over the SubjectPublicKeyInfo DER, as 64 lowercase hex characters ({@link
 * #keyIdOf}); the same id the ledger's DSSE verifier computes, so anyone holding the public key
 * recomputes it. It is not truncated: a key id is a lookup hint in DSSE, and a full digest leaves
 * no room for two keys to share one.
 *
 * <p>Guarantees: a generation is created race-free (temp file, fsync, no-replace hard link, fsync
 * of the directory), so two processes creating the first key at once end up with one key — the
 * loser adopts the winner's. A key file is never overwritten. Key files that are symlinks, readable
 * by group or others, unparseable, of another algorithm or curve, or whose private and public
 * halves do not match are refused with an error naming the file and the fix. Private keys never
 * leave this class: callers get a {@link Signer}, whose {@code toString} shows only the key id.
 */
public final class SigningKeys {
  private static final Pattern GENERATION = Pattern.compile("signing-(\\d{6})\\.key");
  private static final Pattern CREATED = Pattern.compile("(?m)^created: (\\S+)$");
  private static final int MAX_KEY_FILE = 16 * 1024;
  private static final ECParameterSpec P256 = p256();

  private final Path dir;
  private final Path publicDir;

  SigningKeys(Path dir) {
    this.dir = dir;
    this.publicDir = dir.resolve("public");
  }

  /** What {@code warden keys list} shows about one key. */
  public record KeyInfo(
      String keyId,
      SigningAlgorithm algorithm,
      int generation,
      Instant created,
      boolean active,
      String publicKeyPem) {}

  /**
   * The active signing key, creating an Ed25519 key if there is none yet.
   *
   * @throws UncheckedIOException if a key file is unsafe or damaged (the message names it)
   */
  public Signer active() {
    return active(SigningAlgorithm.ED25519);
  }

  /**
   * The active signing key, creating one of {@code algorithmIfNew} if there is none yet (an
   * existing key of another algorithm is kept; use {@link #rotate} to change).
   */
  public Signer active(SigningAlgorithm algorithmIfNew) {
    try {
      int last = lastGeneration();
      if (last == 0) {
        // Racing creators all try generation 1; whoever loses adopts the winner's key.
        publish(1, algorithmIfNew);
        last = lastGeneration();
      }
      return load(last).signer();
    } catch (IOException e) {
      throw new UncheckedIOException("signing key in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes a new active key of {@code algorithm}; older keys stay for verification. Two rotations
   * racing for the same generation yield one new key that both adopt.
   */
  public Signer rotate(SigningAlgorithm algorithm) {
    try {
      int next = lastGeneration() + 1;
      publish(next, algorithm);
      return load(next).signer();
    } catch (IOException e) {
      throw new UncheckedIOException("signing key in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Every key, oldest first; the last one is active. Empty if no key was created yet. */
  public List<KeyInfo> list() {
    try {
      List<Integer> gens = generations();
      List<KeyInfo> out = new ArrayList<>();
      for (int g : gens) {
        Loaded k = load(g);
        out.add(
            new KeyInfo(
                k.keyId,
                k.algorithm,
                g,
                k.created,
                g == gens.get(gens.size() - 1),
                pem("PUBLIC KEY", k.publicKey.getEncoded())));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("signing key in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The directory of published public keys, {@code keys/public}. */
  public Path publicDirectory() {
    return publicDir;
  }

  /** The key id of a SubjectPublicKeyInfo DER public key: lowercase hex of its SHA-256. */
  public static String keyIdOf(byte[] subjectPublicKeyInfoDer) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfoDer);
      return HexFormat.of().formatHex(d);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
    }
  }

  /** PEM text of one DER block (RFC 7468: base64 in 64-character lines). */
  public static String pem(String label, byte[] der) {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
  }

  private void publish(int generation, SigningAlgorithm algorithm) throws IOException {
    KeyPair pair = generate(algorithm);
    String text =
        "# Warden "
            + algorithm.id()
            + " signing key. Keep this file private; share public/"
            + keyIdOf(pair.getPublic().getEncoded())
            + ".pem instead.\n"
            + "created: "
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\n"
            + pem("PRIVATE KEY", pair.getPrivate().getEncoded())
            + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    AtomicFiles.publishNoReplace(dir, fileName(generation), bytes);
  }

  private static KeyPair generate(SigningAlgorithm algorithm) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm.keyAlgorithm());
      if (algorithm == SigningAlgorithm.P256) {
        gen.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.id() + " is unavailable in this JDK", e);
    }
  }

  private Loaded load(int generation) throws IOException {
    Path file = dir.resolve(fileName(generation));
    String text =
        new String(AtomicFiles.readOwnerOnly(file, MAX_KEY_FILE), StandardCharsets.US_ASCII);
    Loaded k;
    try {
      k = parse(text);
    } catch (GeneralSecurityException | IllegalArgumentException | DateTimeParseException e) {
      throw new IOException(
          file
              + " is not a valid Warden signing key ("
              + e.getClass().getSimpleName()
              + "); restore it from backup or move it away and run: warden keys rotate",
          e);
    }
    publishPublicKey(k);
    return k;
  }

  /** Recreates {@code public/<keyid>.pem} if a crash came between the key and its public file. */
  private void publishPublicKey(Loaded k) throws IOException {
    Path file = publicDir.resolve(k.keyId + ".pem");
    byte[] pem = pem("PUBLIC KEY", k.publicKey.getEncoded()).getBytes(StandardCharsets.US_ASCII);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      SecureDirectories.create(publicDir);
      LocalKeyring.reclaimStaleTempFiles(publicDir);
      AtomicFiles.publishNoReplace(publicDir, file.getFileName().toString(), pem);
    }
    if (Files.isSymbolicLink(file) || !Arrays.equals(Files.readAllBytes(file), pem)) {
      throw new IOException(
          file
              + " does not hold the public key of its signing key; move it away and it is"
              + " recreated from the key file");
    }
  }

  private static Loaded parse(String text) throws GeneralSecurityException {
    Matcher created = CREATED.matcher(text);
    if (!created.find()) {
      throw new IllegalArgumentException("no created: line");
    }
    byte[] privateDer = block(text, "PRIVATE KEY");
    byte[] publicDer = block(text, "PUBLIC KEY");
    PublicKey pub = publicKey(publicDer);
    SigningAlgorithm algorithm = algorithmOf(pub);
    PrivateKey priv =
        KeyFactory.getInstance(algorithm.keyAlgorithm())
            .generatePrivate(new PKCS8EncodedKeySpec(privateDer));
    Loaded k =
        new Loaded(
            keyIdOf(pub.getEncoded()), algorithm, Instant.parse(created.group(1)), priv, pub);
    // The halves must belong together, and the signer must produce what the JDK verifies with the
    // public key, or every signature would fail verification later.
    byte[] probe = "warden key check".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = k.signer().sign(probe);
    Signature v = Signature.getInstance(algorithm.jcaSignature());
    v.initVerify(pub);
    v.update(probe);
    if (!v.verify(sig)) {
      throw new GeneralSecurityException("private and public key do not match");
    }
    return k;
  }

  private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
    for (String alg : new String[] {"Ed25519", "EC"}) {
      try {
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException wrongAlgorithm) {
        // try the next one
      }
    }
    throw new GeneralSecurityException("public key is neither Ed25519 nor EC");
  }

  private static SigningAlgorithm algorithmOf(PublicKey pub) throws GeneralSecurityException {
    if (pub.getAlgorithm().equals("Ed25519") || pub.getAlgorithm().equals("EdDSA")) {
      return SigningAlgorithm.ED25519;
    }
    if (pub instanceof ECKey ec
        && ec.getParams().getCurve().equals(P256.getCurve())
        && ec.getParams().getOrder().equals(P256.getOrder())) {
      return SigningAlgorithm.P256;
    }
    throw new GeneralSecurityException("only Ed25519 and ECDSA P-256 keys are supported");
  }

  private static byte[] block(String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    int e = b < 0 ? -1 : text.indexOf(end, b);
    if (e < 0) {
      throw new IllegalArgumentException("no " + label + " block");
    }
    return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
  }

  private int lastGeneration() throws IOException {
    List<Integer> g = generations();
    return g.isEmpty() ? 0 : g.get(g.size() - 1);
  }

  private List<Integer> generations() throws IOException {
    List<Integer> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = GENERATION.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static String fileName(int generation) {
    if (generation > 999_999) {
      throw new IllegalStateException("more than 999999 signing key generations");
    }
    return String.format(java.util.Locale.ROOT, "signing-%06d.key", generation);
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks the P-256 curve", e);
    }
  }

  /** A parsed key file; the private key stays in this class. */
  private record Loaded(
      String keyId,
      SigningAlgorithm algorithm,
      Instant created,
      PrivateKey privateKey,
      PublicKey publicKey) {
    Signer signer() {
      if (algorithm == SigningAlgorithm.ED25519
          && privateKey instanceof EdECPrivateKey ed
          && ed.getBytes().isPresent()) {
        return new Ed25519Signer(keyId, ed.getBytes().get(), publicKey.getEncoded());
      }
      return new VaultSigner(keyId, algorithm, privateKey, publicKey.getEncoded());
    }

    @Override
    public String toString() {
      return "SigningKey[" + algorithm.id() + " " + keyId + "]";
    }
  }

  /**
   * Ed25519 through Bouncy Castle's RFC 8032 implementation: deterministic signatures identical to
   * the JDK's (checked at load against the JDK verifier), about twelve times faster here, which
   * matters because every response is signed.
   */
  private static final class Ed25519Signer implements Signer {
    private final String keyId;
    private final Ed25519PrivateKeyParameters key;
    private final byte[] publicDer;

    Ed25519Signer(String keyId, byte[] seed, byte[] publicDer) {
      this.keyId = keyId;
      this.key = new Ed25519PrivateKeyParameters(seed, 0);
      Arrays.fill(seed, (byte) 0);
      this.publicDer = publicDer;
    }

    @Override
    public String keyId() {
      return keyId;
    }

    @Override
    public String algorithm() {
      return SigningAlgorithm.ED25519.signerName();
    }

    @Override
    public byte[] publicKeyDer() {
      return publicDer.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
      byte[] sig = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
      key.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, sig, 0);
      return sig;
    }

    @Override
    public String toString() {
      return "Signer[ed25519 keyid=" + keyId + "]";
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Ed25519Signer other && other.keyId.equals(keyId);
    }

    @Override
    public int hashCode() {
      return keyId.hashCode();
    }
  }

  private static final class VaultSigner implements Signer {
    private final String keyId;
    private final SigningAlgorithm algorithm;
    private final PrivateKey key;
    private final byte[] publicDer;

    VaultSigner(String keyId, SigningAlgorithm algorithm, PrivateKey key, byte[] publicDer) {
      this.keyId = keyId;
      this.algorithm = algorithm;
      this.key = key;
      this.publicDer = publicDer;
    }

    @Override
    public String keyId() {
      return keyId;
    }

    @Override
    public String algorithm() {
      return algorithm.signerName();
    }

    @Override
    public byte[] publicKeyDer() {
      return publicDer.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
      try {
        // Signature objects are not thread-safe; a fresh one per call keeps the signer shareable.
        Signature s = Signature.getInstance(algorithm.jcaSignature());
        s.initSign(key);
        s.update(message);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(
            "signing with key " + keyId + " failed: " + e.getClass().getSimpleName(), e);
      }
    }

    @Override
    public String toString() {
      return "Signer[" + algorithm.id() + " keyid=" + keyId + "]";
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof VaultSigner other && other.keyId.equals(keyId);
    }

    @Override
    public int hashCode() {
      return keyId.hashCode();
    }
  }
}
