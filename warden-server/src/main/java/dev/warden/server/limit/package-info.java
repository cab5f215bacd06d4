/**
 * Rate limits, token budgets and in-flight backpressure: {@link dev.warden.server.limit.Limiter}
 * decides, a {@link dev.warden.api.LimitStore} keeps the counters (in memory here, or shared
 * through a store found by {@link java.util.ServiceLoader}).
 */
@NullMarked
package dev.warden.server.limit;

import org.jspecify.annotations.NullMarked;
