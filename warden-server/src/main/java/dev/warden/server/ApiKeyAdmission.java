package dev.warden.server;

import dev.warden.api.Attribution;
import dev.warden.vault.ApiKeyStore;
import io.helidon.webserver.http.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth.mode: api-key}: the caller presents a key issued by {@code warden keys issue}; it is
 * checked against the keyed hashes in {@code <dataDir>/api-keys}, which are re-read when the file
 * changes, so {@code warden keys revoke} takes effect on the next request.
 */
final class ApiKeyAdmission implements Admission {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAdmission.class);
  private static final String HOW =
      "send Authorization: Bearer <key> with a key from warden keys issue";

  private final ApiKeyStore store;

  ApiKeyAdmission(ApiKeyStore store) {
    this.store = store;
  }

  @Override
  public Attribution admit(ServerRequest request) {
    String key = BearerCredential.of(request, AuthRefusals.bearer(null));
    if (key == null) {
      throw AuthRefusals.missing(AuthRefusals.bearer(null), HOW);
    }
    ApiKeyStore.Verdict verdict;
    try {
      verdict = store.verify(key);
    } catch (ApiKeyStore.ApiKeyStoreException e) {
      LOG.error("api key store unusable; refusing api-key requests", e);
      throw AuthRefusals.unavailable("the API key store cannot be read");
    }
    String challenge = AuthRefusals.bearer("invalid_token");
    return switch (verdict.status()) {
      case VALID -> Attribution.of(entry(verdict).identity());
      case REVOKED ->
          throw AuthRefusals.revoked(challenge, Attribution.of(entry(verdict).identity()));
      case MALFORMED ->
          throw AuthRefusals.invalid(
              challenge,
              "the credential is not a Warden API key (wdn_ followed by 46 characters with a valid"
                  + " checksum); check for a typo or a truncated copy");
      case UNKNOWN ->
          throw AuthRefusals.invalid(challenge, "the API key is not known to this gateway");
    };
  }

  private static ApiKeyStore.Entry entry(ApiKeyStore.Verdict v) {
    ApiKeyStore.Entry e = v.entry();
    if (e == null) {
      throw new IllegalStateException("a verdict with status " + v.status() + " names its entry");
    }
    return e;
  }
}
