/**
 * RFC 3161 time-stamping: a client that obtains a token over a public digest from a configured
 * time-stamp authority and verifies it before returning it, and a standalone verifier for tokens
 * stored beside ledger checkpoints.
 */
@NullMarked
package dev.warden.ledger.timestamp;

import org.jspecify.annotations.NullMarked;
