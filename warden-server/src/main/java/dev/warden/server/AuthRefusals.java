package dev.warden.server;

import dev.warden.api.Attribution;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The refusals of the authentication stage, each a 401 with {@code WWW-Authenticate} (RFC 6750 for
 * bearer credentials) or a 403, and a stable {@code type}. Messages are Warden's own: they say what
 * was wrong and what to do, and never quote the credential or a claim from it.
 */
final class AuthRefusals {
  static final String MISSING = "warden_auth_missing";
  static final String INVALID = "warden_auth_invalid";
  static final String EXPIRED = "warden_auth_expired";
  static final String REVOKED = "warden_auth_revoked";
  static final String UNAVAILABLE = "warden_auth_unavailable";
  static final String OWNER_NOT_ALLOWED = "warden_owner_not_allowed";
  static final String BAD_OWNER = "warden_bad_owner_header";

  private AuthRefusals() {}

  /** The challenge of a bearer mode ({@code api-key}, {@code jwt}). */
  static String bearer(@Nullable String error) {
    return error == null
        ? "Bearer realm=\"warden\""
        : "Bearer realm=\"warden\", error=\"" + error + "\"";
  }

  static AdmissionRefused missing(String challenge, String how) {
    return new AdmissionRefused(
        new ErrorBody(401, MISSING, "authentication is required: " + how),
        Map.of("WWW-Authenticate", challenge));
  }

  static AdmissionRefused invalid(String challenge, String why) {
    return new AdmissionRefused(
        new ErrorBody(401, INVALID, why), Map.of("WWW-Authenticate", challenge));
  }

  static AdmissionRefused expired(String challenge, String why) {
    return new AdmissionRefused(
        new ErrorBody(401, EXPIRED, why), Map.of("WWW-Authenticate", challenge));
  }

  static AdmissionRefused revoked(String challenge, Attribution who) {
    return new AdmissionRefused(
        new ErrorBody(
            401, REVOKED, "this API key was revoked; ask for a new one (warden keys issue)"),
        Map.of("WWW-Authenticate", challenge),
        who);
  }

  /** The credential could not be checked (key store or JWKS unreachable): fail closed. */
  static AdmissionRefused unavailable(String what) {
    return new AdmissionRefused(
        new ErrorBody(503, UNAVAILABLE, what + "; the request was refused rather than let through"),
        Map.of("Retry-After", "5"));
  }
}
