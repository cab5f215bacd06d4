package dev.warden.server;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A caller refused by a stage before forwarding (authentication, owner headers, limits): the error
 * to answer with and the headers that go with it ({@code WWW-Authenticate}, {@code Retry-After}).
 * The message is Warden's own and never quotes a credential.
 */
final class AdmissionRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final transient ErrorBody error;
  final transient Map<String, String> headers;

  /** Who was refused, when known (an owner assertion refused after authentication). */
  final transient dev.warden.api.@Nullable Attribution who;

  AdmissionRefused(ErrorBody error, Map<String, String> headers) {
    this(error, headers, null);
  }

  AdmissionRefused(
      ErrorBody error, Map<String, String> headers, dev.warden.api.@Nullable Attribution who) {
    super(error.message(), null, false, false);
    this.error = error;
    this.headers = Map.copyOf(headers);
    this.who = who;
  }
}
