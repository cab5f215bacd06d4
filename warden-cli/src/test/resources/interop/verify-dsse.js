// Verifies a DSSE envelope with @sigstore/verify, offline: an empty trusted root and the raw
// public key as key-based verification material. Usage: node verify-dsse.js ENVELOPE.json KEY.pem
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');
const { TrustedRoot, PublicKeyDetails } = require('@sigstore/protobuf-specs');

const [envelopeFile, keyFile] = process.argv.slice(2);
const envelope = JSON.parse(fs.readFileSync(envelopeFile, 'utf8'));
const keyid = envelope.signatures[0].keyid;
const key = crypto.createPublicKey(fs.readFileSync(keyFile));
const details =
  key.asymmetricKeyType === 'ed25519'
    ? PublicKeyDetails.PKIX_ED25519
    : PublicKeyDetails.PKIX_ECDSA_P256_SHA_256;
const bundle = bundleFromJSON({
  mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  verificationMaterial: {
    publicKey: { hint: keyid },
    tlogEntries: [],
    timestampVerificationData: { rfc3161Timestamps: [] },
  },
  dsseEnvelope: envelope,
});
const root = TrustedRoot.fromJSON({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: [],
});
const trust = toTrustMaterial(root, {
  [keyid]: { rawBytes: key.export({ type: 'spki', format: 'der' }), keyDetails: details },
});
const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
try {
  verifier.verify(toSignedEntity(bundle));
  console.log('VERIFIED ' + keyid);
} catch (e) {
  console.log('FAILED ' + (e.code || '') + ' ' + e.message);
  process.exit(1);
}
