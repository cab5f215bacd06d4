/**
 * Token counts for budgets: {@link dev.warden.engine.limit.TokenCount} estimates prompts, {@link
 * dev.warden.engine.limit.Usage} reads the completion count an answer reports. Pure functions of
 * the bytes; the limits themselves live in the server.
 */
@NullMarked
package dev.warden.engine.limit;

import org.jspecify.annotations.NullMarked;
