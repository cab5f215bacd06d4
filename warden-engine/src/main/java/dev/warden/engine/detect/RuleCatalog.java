package dev.warden.engine.detect;

import java.util.List;
import java.util.stream.Stream;

/**
 * The built-in rules. Each rule carries its own true- and false-positive examples, checked by
 * {@code RuleCatalogTest}; a rule cannot ship without evidence.
 *
 * <p>Types: {@code email}, {@code card}, {@code phone}, {@code aws_access_key}, {@code
 * github_token}, {@code openai_key}, {@code private_key}, {@code jwt}, {@code url_credentials},
 * {@code aws_secret_key}, {@code password}, {@code generic_secret}, {@code iban}, {@code us_ssn},
 * {@code kr_rrn}, {@code jp_mynumber}, {@code in_aadhaar}, {@code uk_nino}, {@code de_steuer_id},
 * {@code fr_nir}, {@code es_dni}, {@code it_codice_fiscale}, {@code nl_bsn}, {@code sg_nric},
 * {@code ip_address}.
 */
public final class RuleCatalog {
  private static final List<Rule> BUILTIN =
      Stream.of(
              PiiRules.all(),
              NationalIdRules.all(),
              IntlIdRules.all(),
              NetworkRules.all(),
              SecretRules.all(),
              CredentialRules.all())
          .flatMap(List::stream)
          .toList();

  private RuleCatalog() {}

  /** The built-in rules, in a stable order; the list is immutable. */
  public static List<Rule> builtin() {
    return BUILTIN;
  }
}
