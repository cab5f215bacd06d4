package dev.warden.api;

import java.util.Map;
import java.util.Set;

/**
 * Who is calling: the authenticated principal of one exchange. Hosts set it in the admit stage;
 * policies, profiles, limits, vault scopes and ledger records read it. Never holds a credential.
 *
 * @param id stable identifier (an API key's name, a JWT {@code sub}, a certificate subject); plain
 *     text, safe to log
 * @param kind what sort of caller this is
 * @param scopes granted scopes (e.g. {@code chat}, {@code owner:assert}); profiles bind to them
 * @param labels free-form labels (e.g. {@code team=payments}); profiles bind to them
 * @param method how the caller was authenticated: {@code api-key}, {@code jwt}, {@code mtls}, or
 *     {@code none}
 */
public record Identity(
    String id, Kind kind, Set<String> scopes, Map<String, String> labels, String method) {
  public Identity {
    scopes = Set.copyOf(scopes);
    labels = Map.copyOf(labels);
  }

  /** The caller of a gateway running with {@code auth: none} (loopback only), or a local host. */
  public static final Identity ANONYMOUS =
      new Identity("anonymous", Kind.ANONYMOUS, Set.of(), Map.of(), "none");

  /**
   * The sort of caller; recorded as {@code user}, {@code service}, {@code agent}, {@code
   * anonymous}.
   */
  public enum Kind {
    USER,
    SERVICE,
    AGENT,
    ANONYMOUS;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
