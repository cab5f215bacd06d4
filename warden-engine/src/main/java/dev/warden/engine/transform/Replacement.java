package dev.warden.engine.transform;

import dev.warden.api.Decision;
import dev.warden.api.Finding;

/**
 * One finding with its decision, as applied to a string leaf.
 *
 * @param path where the leaf is in the body ({@code /messages/0/content}); never a value
 * @param valueHash keyed hash of the matched value (domain {@code ledger-value}); never the value
 */
public record Replacement(Finding finding, Decision decision, String path, String valueHash) {}
