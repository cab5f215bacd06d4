package dev.warden.server;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds the credential a client sent to Warden: {@code Authorization: Bearer …}, or the header an
 * SDK of another dialect puts its key in ({@code x-api-key}, {@code x-goog-api-key}), so clients
 * only change their key and base URL. With authentication on, these headers carry Warden's
 * credential and are never forwarded upstream.
 */
final class BearerCredential {
  /** Where a credential may arrive, in the order they are looked at. */
  static final List<HeaderName> HEADERS =
      List.of(
          HeaderNames.AUTHORIZATION,
          HeaderNames.create("x-api-key"),
          HeaderNames.create("x-goog-api-key"));

  /** Longer values are not a credential Warden issues or verifies. */
  private static final int MAX_LENGTH = 8192;

  private BearerCredential() {}

  /**
   * The credential, or null when the request carries none.
   *
   * @throws AdmissionRefused {@code warden_auth_invalid} when a credential header is present but is
   *     not a bearer credential (another scheme, empty, oversized, two different values)
   */
  static @Nullable String of(ServerRequest req, String challenge) {
    String found = null;
    for (HeaderName name : HEADERS) {
      List<String> values = req.headers().all(name, List::of);
      for (String raw : values) {
        String value =
            name.equals(HeaderNames.AUTHORIZATION) ? bearerToken(raw, challenge) : raw.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
          throw AuthRefusals.invalid(challenge, "the credential header is empty or too long");
        }
        if (found != null && !found.equals(value)) {
          throw AuthRefusals.invalid(
              challenge, "the request carries two different credentials; send exactly one");
        }
        found = value;
      }
    }
    return found;
  }

  private static String bearerToken(String raw, String challenge) {
    String v = raw.strip();
    if (v.length() < 7 || !v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      throw AuthRefusals.invalid(
          challenge,
          "the Authorization header must use the Bearer scheme: Authorization: Bearer <key>");
    }
    return v.substring(7).strip();
  }
}
