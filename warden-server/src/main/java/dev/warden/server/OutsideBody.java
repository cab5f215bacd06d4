package dev.warden.server;

import dev.warden.engine.Protector;
import dev.warden.engine.dialect.Endpoint;
import dev.warden.engine.transform.Replacement;
import io.helidon.http.HeaderName;
import java.util.List;

/**
 * Values outside the body are data like any body field. The few the gateway passes on — a model
 * name in the request path, a dialect's account and version selector headers upstream, request ids
 * and rate limits back to the client — are scanned with the same engine as the bodies: one holding
 * a value the policy acts on is refused on a request and withheld from an answer, since it cannot
 * be rewritten in place. Credentials the caller sends for the upstream are its own and pass as sent
 * (see {@code upstream.forwardAuthorization}).
 */
final class OutsideBody {
  private OutsideBody() {}

  /**
   * The findings in one header value that the policy acts on (redact, block …), each with the path
   * {@code /header/<name>}; empty when the value may pass as it is (clean, or dry-run).
   */
  static List<Replacement> inHeader(Protector engine, HeaderName name, String value) {
    return findings(engine, "/header/" + name.lowerCase(), value);
  }

  /**
   * The findings the policy acts on in the model name of a templated path ({@code
   * /v1beta/models/{model}:generateContent}), at {@code /path/model}; empty for a fixed path.
   */
  static List<Replacement> inPath(Protector engine, Endpoint endpoint) {
    String model = endpoint.pathModel();
    return model == null ? List.of() : findings(engine, "/path/model", model);
  }

  private static List<Replacement> findings(Protector engine, String path, String value) {
    Protector.TextResult r = engine.protectText(value);
    if (r.outcome() != Protector.Outcome.TRANSFORMED && r.outcome() != Protector.Outcome.BLOCKED) {
      return List.of();
    }
    return r.replacements().stream()
        .map(x -> new Replacement(x.finding(), x.decision(), path, x.valueHash()))
        .toList();
  }
}
