/**
 * Rate limits, token budgets and in-flight backpressure: {@link dev.warden.engine.limit.Limiter}
 * decides, a {@link dev.warden.engine.limit.LimitStore} keeps the counters (in memory, or shared
 * through a store found by {@link java.util.ServiceLoader}), {@link
 * dev.warden.engine.limit.TokenCount} estimates and reads token counts.
 */
@NullMarked
package dev.warden.engine.limit;

import org.jspecify.annotations.NullMarked;
