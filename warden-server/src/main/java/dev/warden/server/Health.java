package dev.warden.server;

import java.util.concurrent.atomic.AtomicBoolean;

/** Liveness and readiness: ready means configuration loaded and the ledger still writable. */
final class Health {
  private final AtomicBoolean ledgerHealthy = new AtomicBoolean(true);
  private final AtomicBoolean draining = new AtomicBoolean(false);

  void ledgerFailed() {
    ledgerHealthy.set(false);
  }

  void draining() {
    draining.set(true);
  }

  boolean ready() {
    return ledgerHealthy.get() && !draining.get();
  }

  String reason() {
    if (!ledgerHealthy.get()) {
      return "ledger not writable";
    }
    return draining.get() ? "shutting down" : "ok";
  }
}
