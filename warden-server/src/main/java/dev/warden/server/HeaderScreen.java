package dev.warden.server;

import dev.warden.engine.Protector;
import dev.warden.engine.transform.Replacement;
import io.helidon.http.HeaderName;
import java.util.List;
import java.util.Locale;

/**
 * Header values are data like any body field. The few headers the gateway passes on (a dialect's
 * account and version selectors upstream; request ids and rate limits back to the client) are
 * scanned with the same engine as the bodies: one holding a value the policy acts on is refused on
 * a request and withheld from an answer. Credentials the caller sends for the upstream are its own
 * and pass as sent (see {@code upstream.forwardAuthorization}).
 */
final class HeaderScreen {
  private HeaderScreen() {}

  /**
   * The findings in one header value that the policy acts on (redact, block …), each with the path
   * {@code /header/<name>}; empty when the value may pass as it is (clean, or dry-run).
   */
  static List<Replacement> findings(Protector engine, HeaderName name, String value) {
    Protector.TextResult r = engine.protectText(value);
    if (r.outcome() != Protector.Outcome.TRANSFORMED && r.outcome() != Protector.Outcome.BLOCKED) {
      return List.of();
    }
    String path = "/header/" + name.lowerCase().toLowerCase(Locale.ROOT);
    return r.replacements().stream()
        .map(x -> new Replacement(x.finding(), x.decision(), path, x.valueHash()))
        .toList();
  }
}
