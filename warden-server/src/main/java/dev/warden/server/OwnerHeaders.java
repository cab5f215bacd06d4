package dev.warden.server;

import dev.warden.api.Attribution;
import dev.warden.api.PlainText;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Owner assertion: after {@code authenticated} admits a caller, the headers {@code Warden-Agent-Id}
 * and {@code Warden-On-Behalf-Of} are accepted only from an identity holding {@code scope} and are
 * then recorded as asserted by it. From anyone else they are a spoof: 403 {@code
 * warden_owner_not_allowed}, recorded with the caller's identity. They are never forwarded
 * upstream.
 */
final class OwnerHeaders implements Admission {
  static final HeaderName AGENT_ID = HeaderNames.create("Warden-Agent-Id");
  static final HeaderName ON_BEHALF_OF = HeaderNames.create("Warden-On-Behalf-Of");

  /** Lower-case names, for the reserved-header check that lets admitted owner headers through. */
  static final Set<String> NAMES = Set.of("warden-agent-id", "warden-on-behalf-of");

  private static final int MAX_LENGTH = 128;

  private final Admission authenticated;
  private final String scope;

  OwnerHeaders(Admission authenticated, String scope) {
    this.authenticated = authenticated;
    this.scope = scope;
  }

  @Override
  public Attribution admit(ServerRequest request) {
    Attribution who = authenticated.admit(request);
    String agent = single(request, AGENT_ID, who);
    String onBehalfOf = single(request, ON_BEHALF_OF, who);
    if (agent == null && onBehalfOf == null) {
      return who;
    }
    if (!who.identity().scopes().contains(scope)) {
      throw new AdmissionRefused(
          new ErrorBody(
              403,
              AuthRefusals.OWNER_NOT_ALLOWED,
              "identity '"
                  + (PlainText.isPlain(who.identity().id(), "._:@/-", 128)
                      ? who.identity().id()
                      : "(not shown)")
                  + "' may not send Warden-Agent-Id or Warden-On-Behalf-Of (it lacks scope '"
                  + scope
                  + "'); drop the headers or use an identity granted that scope"),
          Map.of(),
          who);
    }
    return new Attribution(who.identity(), agent, onBehalfOf, who.profile());
  }

  private static @Nullable String single(ServerRequest req, HeaderName name, Attribution who) {
    List<String> values = req.headers().all(name, List::of);
    if (values.isEmpty()) {
      return null;
    }
    String v = values.getFirst().strip();
    if (values.size() > 1 || v.isEmpty() || !PlainText.isPlain(v, "._:@/-", MAX_LENGTH)) {
      throw new AdmissionRefused(
          new ErrorBody(
              400,
              AuthRefusals.BAD_OWNER,
              name.defaultCase()
                  + " must appear once, 1-"
                  + MAX_LENGTH
                  + " letters, digits and ._:@/-"),
          Map.of(),
          who);
    }
    return v;
  }
}
