/**
 * Response receipts: a DSSE envelope over an in-toto statement binding the request body as
 * received, the response body as sent, the decision summary and the ledger position, signed with
 * the gateway's key so a client can check later, with the public key alone, what Warden saw and
 * decided.
 */
@NullMarked
package dev.warden.ledger.receipt;

import org.jspecify.annotations.NullMarked;
