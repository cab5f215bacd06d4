package dev.warden.server;

import dev.warden.api.Attribution;
import io.helidon.webserver.http.ServerRequest;

/**
 * The first stage of every protected exchange: decides, from the request line, headers and TLS peer
 * — never the body — who is calling. Runs before anything is read, so a caller it refuses costs no
 * body read, no detection and no upstream call.
 */
@FunctionalInterface
interface Admission {
  /** Admits everyone as {@link Attribution#ANONYMOUS} (authentication {@code none}). */
  Admission ANONYMOUS = request -> Attribution.ANONYMOUS;

  /**
   * Who {@code request} is from.
   *
   * @throws AdmissionRefused when the caller may not proceed (missing or invalid credential, an
   *     owner header the caller may not assert); the refusal is recorded and answered as is
   */
  Attribution admit(ServerRequest request);
}
