/**
 * RFC 6962 / RFC 9162 Merkle trees: leaf and node hashing, roots, inclusion proofs and their
 * verification, computed in O(log n) memory so a ledger of any length fits.
 */
@NullMarked
package dev.warden.ledger.merkle;

import org.jspecify.annotations.NullMarked;
