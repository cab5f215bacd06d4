/**
 * A {@link dev.warden.api.LimitStore} on Redis, so every gateway instance that points at the same
 * Redis draws from the same limits.
 */
@NullMarked
package dev.warden.store.redis;

import org.jspecify.annotations.NullMarked;
