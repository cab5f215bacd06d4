/**
 * DSSE envelopes (Dead Simple Signing Envelope v1) and in-toto Statement v1 payloads, as used for
 * ledger checkpoints and response receipts. Verification needs only public keys.
 */
@NullMarked
package dev.warden.ledger.dsse;

import org.jspecify.annotations.NullMarked;
