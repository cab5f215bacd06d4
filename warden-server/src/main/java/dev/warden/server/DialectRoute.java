package dev.warden.server;

import dev.warden.engine.dialect.Dialect;
import dev.warden.engine.dialect.Endpoint;

/**
 * Where one matched request goes: its dialect endpoint and the upstream that serves the dialect.
 *
 * @param forwardCredentials pass the client's credential headers (the dialect's {@link
 *     Dialect#credentialHeaders()}) to this upstream
 */
record DialectRoute(Endpoint endpoint, Upstream upstream, boolean forwardCredentials) {
  Dialect dialect() {
    return endpoint.dialect();
  }

  /** The path forwarded upstream and recorded, rebuilt from the template, never the client's. */
  String path() {
    return endpoint.path();
  }
}
