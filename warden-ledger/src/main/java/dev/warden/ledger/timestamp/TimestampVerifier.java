package dev.warden.ledger.timestamp;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;
import org.jspecify.annotations.Nullable;

/**
 * Verifies RFC 3161 time-stamp tokens over a SHA-256 digest against configured trust anchors.
 *
 * <p>Checks, in this order, each failing with its own message: the token is a CMS SignedData of
 * content type TSTInfo with exactly one signer; the message imprint is SHA-256 and equals the
 * digest; (when given) the nonce equals the one sent; the signer certificate is in the token and
 * carries the {@code id-kp-timeStamping} extended key usage, marked critical, as its only purpose
 * (RFC 3161 §2.3); it was valid at the token's {@code genTime}; it chains to one of the trust
 * anchors, with every certificate on the path valid at {@code genTime} (PKIX, revocation not
 * checked: tokens must stay verifiable offline for years); and the CMS signature, together with the
 * ESS signing-certificate binding, verifies. Only a token that passes all of them is returned.
 */
public final class TimestampVerifier {
  private static final String TIME_STAMPING = KeyPurposeId.id_kp_timeStamping.getId();

  private TimestampVerifier() {}

  /**
   * Reads trust anchors (one or more PEM or DER X.509 certificates) from {@code file}.
   *
   * @throws TimestampException naming the file if it cannot be read or holds no certificate
   */
  public static List<X509Certificate> loadTrustAnchors(Path file) throws TimestampException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends java.security.cert.Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> out = new ArrayList<>();
      for (java.security.cert.Certificate c : certs) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new TimestampException(
            file + ": no certificate found; expected the TSA's CA certificate(s) in PEM form");
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new TimestampException("cannot read TSA trust anchor file " + file, e);
    } catch (CertificateException e) {
      throw new TimestampException(
          file + ": not X.509 certificates in PEM or DER form (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Verifies a stored token (e.g. beside a checkpoint) over {@code sha256Digest}.
   *
   * @param token DER {@code TimeStampToken} (CMS {@code ContentInfo})
   * @param trustAnchors the certificates the TSA must chain to
   * @throws TimestampException naming the first check that failed
   */
  public static VerifiedTimestamp verify(
      byte[] token, byte[] sha256Digest, List<X509Certificate> trustAnchors)
      throws TimestampException {
    ContentInfo info;
    try {
      info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(token));
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new TimestampException("time-stamp token is not DER CMS ContentInfo", e);
    }
    return verify(info, sha256Digest, null, trustAnchors);
  }

  /** Shared by the client (with its nonce) and {@link #verify(byte[], byte[], List)}. */
  static VerifiedTimestamp verify(
      ContentInfo info,
      byte[] sha256Digest,
      @Nullable BigInteger expectedNonce,
      List<X509Certificate> trustAnchors)
      throws TimestampException {
    if (sha256Digest.length != 32) {
      throw new IllegalArgumentException("expected a 32-byte SHA-256 digest");
    }
    if (trustAnchors.isEmpty()) {
      throw new TimestampException("no TSA trust anchor configured; refusing to trust any token");
    }
    try {
      return check(info, sha256Digest, expectedNonce, trustAnchors);
    } catch (RuntimeException e) {
      // Bouncy Castle parses nested structures lazily and reports damage as runtime exceptions.
      throw new TimestampException(
          "time-stamp token is malformed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static VerifiedTimestamp check(
      ContentInfo info,
      byte[] sha256Digest,
      @Nullable BigInteger expectedNonce,
      List<X509Certificate> trustAnchors)
      throws TimestampException {
    CMSSignedData cms;
    try {
      cms = new CMSSignedData(info);
    } catch (CMSException | RuntimeException e) {
      throw new TimestampException("time-stamp token is not CMS SignedData", e);
    }
    if (!PKCSObjectIdentifiers.id_ct_TSTInfo.getId().equals(cms.getSignedContentTypeOID())
        || cms.getSignedContent() == null) {
      throw new TimestampException("time-stamp token does not carry a TSTInfo");
    }
    TSTInfo tst;
    try {
      tst =
          TSTInfo.getInstance(
              ASN1Primitive.fromByteArray((byte[]) cms.getSignedContent().getContent()));
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new TimestampException("time-stamp token's TSTInfo is malformed", e);
    }
    Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      throw new TimestampException(
          "time-stamp token has " + signers.size() + " signers; RFC 3161 requires exactly one");
    }
    SignerInformation signer = signers.iterator().next();

    ASN1ObjectIdentifier imprintAlg = tst.getMessageImprint().getHashAlgorithm().getAlgorithm();
    if (!NISTObjectIdentifiers.id_sha256.equals(imprintAlg)) {
      throw new TimestampException(
          "time-stamp message imprint uses algorithm " + imprintAlg + ", expected SHA-256");
    }
    if (!MessageDigest.isEqual(tst.getMessageImprint().getHashedMessage(), sha256Digest)) {
      throw new TimestampException(
          "time-stamp message imprint does not match the digest it should cover: the token is for"
              + " other data");
    }
    if (expectedNonce != null) {
      if (tst.getNonce() == null) {
        throw new TimestampException(
            "time-stamp response has no nonce although the request carried one");
      }
      if (!expectedNonce.equals(tst.getNonce().getValue())) {
        throw new TimestampException(
            "time-stamp nonce does not match the request's: the response is replayed or meant"
                + " for another request");
      }
    }
    Instant genTime;
    try {
      genTime = tst.getGenTime().getDate().toInstant();
    } catch (java.text.ParseException e) {
      throw new TimestampException("time-stamp genTime is malformed", e);
    }

    X509CertificateHolder holder = signerCertificate(cms, signer);
    checkTimeStampingUsage(holder);
    X509Certificate cert;
    try {
      cert = new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new TimestampException("TSA certificate cannot be decoded", e);
    }
    try {
      cert.checkValidity(Date.from(genTime));
    } catch (CertificateException e) {
      throw new TimestampException(
          "TSA certificate "
              + cert.getSubjectX500Principal().getName()
              + " was not valid at the token's time "
              + genTime,
          e);
    }
    checkChain(cert, cms, trustAnchors, genTime);

    try {
      new TimeStampToken(cms).validate(new JcaSimpleSignerInfoVerifierBuilder().build(holder));
    } catch (TSPException
        | IOException
        | OperatorCreationException
        | CertificateException
        | RuntimeException e) {
      throw new TimestampException(
          "time-stamp token signature does not verify with the TSA certificate ("
              + e.getMessage()
              + ")",
          e);
    }
    ASN1Encodable policy = tst.getPolicy();
    byte[] der;
    try {
      der = cms.toASN1Structure().getEncoded("DER");
    } catch (IOException e) {
      throw new TimestampException("time-stamp token cannot be re-encoded", e);
    }
    return new VerifiedTimestamp(
        genTime,
        cert.getSubjectX500Principal().getName(),
        tst.getSerialNumber().getValue(),
        policy.toString(),
        der);
  }

  private static X509CertificateHolder signerCertificate(CMSSignedData cms, SignerInformation s)
      throws TimestampException {
    @SuppressWarnings("unchecked")
    Selector<X509CertificateHolder> sid =
        (Selector<X509CertificateHolder>) (Selector<?>) s.getSID();
    Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(sid);
    if (matches.isEmpty()) {
      throw new TimestampException(
          "time-stamp token does not include the TSA certificate (the request set certReq)");
    }
    return matches.iterator().next();
  }

  /** RFC 3161 §2.3: the TSA certificate has exactly one EKU, id-kp-timeStamping, critical. */
  private static void checkTimeStampingUsage(X509CertificateHolder cert) throws TimestampException {
    Extension ext = cert.getExtension(Extension.extendedKeyUsage);
    String who = cert.getSubject().toString();
    if (ext == null) {
      throw new TimestampException(
          "TSA certificate " + who + " has no extended key usage; a TSA needs timeStamping");
    }
    if (!ext.isCritical()) {
      throw new TimestampException(
          "TSA certificate "
              + who
              + " has a non-critical extended key usage; RFC 3161 requires it critical");
    }
    ExtendedKeyUsage eku = ExtendedKeyUsage.getInstance(ext.getParsedValue());
    if (eku.size() != 1 || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_timeStamping)) {
      throw new TimestampException(
          "TSA certificate " + who + " is not restricted to the timeStamping key purpose");
    }
  }

  private static void checkChain(
      X509Certificate cert, CMSSignedData cms, List<X509Certificate> anchors, Instant at)
      throws TimestampException {
    Set<TrustAnchor> trust = new HashSet<>();
    for (X509Certificate a : anchors) {
      trust.add(new TrustAnchor(a, null));
    }
    List<X509Certificate> pool = new ArrayList<>();
    pool.add(cert);
    JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
    for (X509CertificateHolder h : cms.getCertificates().getMatches(null)) {
      try {
        pool.add(conv.getCertificate(h));
      } catch (CertificateException e) {
        throw new TimestampException("a certificate in the time-stamp token cannot be decoded", e);
      }
    }
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(cert);
      target.setExtendedKeyUsage(Set.of(TIME_STAMPING));
      PKIXBuilderParameters params = new PKIXBuilderParameters(trust, target);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      params.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
      CertPathBuilder.getInstance("PKIX").build(params);
    } catch (CertPathBuilderException e) {
      throw new TimestampException(
          "TSA certificate "
              + cert.getSubjectX500Principal().getName()
              + " does not chain to a configured trust anchor (valid at "
              + at
              + "); configure the CA that issued this TSA's certificate",
          e);
    } catch (GeneralSecurityException | IOException e) {
      throw new TimestampException("cannot check the TSA certificate chain", e);
    }
  }
}
