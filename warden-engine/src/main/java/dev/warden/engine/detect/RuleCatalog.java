package dev.warden.engine.detect;

import java.util.List;
import java.util.stream.Stream;

/**
 * The built-in rules. Each rule carries its own true- and false-positive examples, checked by
 * {@code RuleCatalogTest}; a rule cannot ship without evidence.
 *
 * <p>Types: {@code email}, {@code card}, {@code phone}, {@code ip_address}; national ids {@code
 * iban}, {@code us_ssn}, {@code kr_rrn}, {@code jp_mynumber}, {@code in_aadhaar}, {@code uk_nino},
 * {@code de_steuer_id}, {@code fr_nir}, {@code es_dni}, {@code it_codice_fiscale}, {@code nl_bsn},
 * {@code sg_nric}; credentials by vendor: {@code aws_access_key}, {@code aws_secret_key}, {@code
 * github_token}, {@code gitlab_token}, {@code openai_key}, {@code anthropic_key}, {@code
 * huggingface_token}, {@code ai_api_key} (other AI vendors), {@code google_api_key}, {@code
 * gcp_credentials}, {@code azure_key}, {@code cloud_token} (hosting and infrastructure platforms),
 * {@code slack_token}, {@code slack_webhook}, {@code discord_token}, {@code discord_webhook},
 * {@code telegram_token}, {@code stripe_key}, {@code payment_token} (Square, Braintree/PayPal),
 * {@code npm_token}, {@code package_registry_token} (other registries), {@code saas_token} (other
 * SaaS APIs); and by structure or position: {@code private_key}, {@code jwt}, {@code
 * url_credentials}, {@code password}, {@code generic_secret}.
 */
public final class RuleCatalog {
  private static final List<Rule> BUILTIN =
      Stream.of(
              PiiRules.all(),
              NationalIdRules.all(),
              IntlIdRules.all(),
              NetworkRules.all(),
              SecretRules.all(),
              CloudRules.all(),
              DevRules.all(),
              SaasRules.all(),
              AiVendorRules.all(),
              VendorJsonRules.all(),
              KeyFileRules.all(),
              CredentialRules.all())
          .flatMap(List::stream)
          .toList();

  private static final int LONGEST_SPAN =
      BUILTIN.stream().mapToInt(RuleCatalog::longestSpan).max().orElse(0);

  /**
   * Rules whose longest match is longer than this are <em>long</em>: a stream holds text back for
   * them only near their {@link Rule#streamAnchors() anchors}. Shorter rules are covered by the
   * window every channel always holds.
   */
  public static final int SHORT_SPAN_LIMIT = 1024;

  private static final List<StreamAnchor> LONG_ANCHORS =
      BUILTIN.stream()
          .filter(r -> longestSpan(r) > SHORT_SPAN_LIMIT)
          .flatMap(r -> r.streamAnchors().stream())
          .distinct()
          .toList();

  private static final int SHORT_SPAN =
      Math.max(
          BUILTIN.stream()
              .mapToInt(RuleCatalog::longestSpan)
              .filter(s -> s <= SHORT_SPAN_LIMIT)
              .max()
              .orElse(0),
          // an anchor is seen only once it has arrived whole: the window must still hold the
          // text a match can start before it
          LONG_ANCHORS.stream().mapToInt(a -> a.before() + a.literal().length()).max().orElse(0));

  private RuleCatalog() {}

  /**
   * The longest text any built-in rule can match, in UTF-16 units: for a keyword-gated rule its
   * reach before the keyword, the longest keyword and its reach after; digit-gated and JSON-key
   * rules match short values well inside that bound ({@code RuleCatalogTest} checks every example
   * against it). A streaming host holds back at least this much of each channel so that no value is
   * released before it could have been matched whole.
   */
  public static int longestSpan() {
    return LONGEST_SPAN;
  }

  /**
   * The window a stream always holds back for the built-in rules: the longest span of the rules
   * that are not long ({@link #SHORT_SPAN_LIMIT}), and at least the reach of a long rule's match
   * before its anchor plus the anchor. Digit- and JSON-key-gated rules match values well inside it
   * ({@code RuleCatalogTest} checks every short rule's examples against it).
   */
  public static int shortSpan() {
    return SHORT_SPAN;
  }

  /** The {@link Rule#streamAnchors() stream anchors} of the long built-in rules. */
  public static List<StreamAnchor> longAnchors() {
    return LONG_ANCHORS;
  }

  /** The longest text {@code rule} can match (0 for digit- and JSON-key-gated rules). */
  public static int longestSpan(Rule rule) {
    if (rule.reachBefore() < 0 || rule.reachAfter() < 0) {
      return 0;
    }
    int keyword = rule.keywords().stream().mapToInt(String::length).max().orElse(0);
    return rule.reachBefore() + keyword + rule.reachAfter();
  }

  /** The built-in rules, in a stable order; the list is immutable. */
  public static List<Rule> builtin() {
    return BUILTIN;
  }
}
