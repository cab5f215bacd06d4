/**
 * Warden's vocabulary, shared by every module: what was found ({@link dev.warden.api.Finding}),
 * what to do about it ({@link dev.warden.api.Action}, {@link dev.warden.api.Decision}) and what is
 * recorded ({@link dev.warden.api.LedgerRecord}). Nothing here holds plaintext of a detected value
 * in {@code toString()}.
 */
@NullMarked
package dev.warden.api;

import org.jspecify.annotations.NullMarked;
