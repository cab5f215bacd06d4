package dev.warden.server.policy;

import dev.warden.engine.config.WardenConfig;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A configuration that passed every check of its source: read, signature (when required),
 * environment overlay, flags and full validation.
 *
 * @param sha256 hex SHA-256 of the policy text (the {@code warden.yaml} bytes, or the text inside a
 *     bundle): what the ledger's {@code policy} records name
 * @param signedBy the key id of the trusted signature, or null when no signature was checked
 * @param signedAt the bundle's {@code created} time, or null when the file is not a bundle
 * @param effective what {@code warden config show} prints (secrets redacted)
 */
public record LoadedPolicy(
    WardenConfig config,
    String sha256,
    @Nullable String signedBy,
    @Nullable Instant signedAt,
    ObjectNode effective) {}
