package dev.warden.engine.policy;

import dev.warden.api.Action;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A documented set of per-type actions for one jurisdiction's privacy law, chosen by a profile's
 * {@code privacy:} key. A set names only the types its law singles out; every other type keeps the
 * action it has underneath. {@code docs/configuration.md} gives the reason for each entry.
 *
 * <p>The sets are deliberately conservative starting points, not legal advice: a national
 * identifier whose law restricts its use to listed purposes is blocked (an LLM prompt is not one of
 * them), ordinary contact data is redacted, card numbers stay blocked (PCI DSS everywhere).
 */
public final class PrivacySet {
  /** Every set by id, in documentation order. */
  public static final Map<String, PrivacySet> ALL = all();

  private final String id;
  private final String law;
  private final Map<String, Action> actions;

  private PrivacySet(String id, String law, Map<String, Action> actions) {
    this.id = id;
    this.law = law;
    this.actions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(actions));
  }

  public static Optional<PrivacySet> byId(String id) {
    return Optional.ofNullable(ALL.get(id));
  }

  /** The name written in {@code warden.yaml}, e.g. {@code kr-pipa}. */
  public String id() {
    return id;
  }

  /** The law the set follows, for messages and docs. */
  public String law() {
    return law;
  }

  /** The set's per-type actions; types not named keep their action. */
  public Map<String, Action> actions() {
    return actions;
  }

  @Override
  public String toString() {
    return "PrivacySet[" + id + "]";
  }

  private static Map<String, PrivacySet> all() {
    Action block = Action.block();
    Action redact = Action.redact();
    Map<String, PrivacySet> m = new LinkedHashMap<>();
    add(
        m,
        "kr-pipa",
        "Korea, Personal Information Protection Act",
        "kr_rrn",
        block,
        "phone",
        redact,
        "email",
        redact,
        "ip_address",
        redact,
        "card",
        block);
    add(
        m,
        "eu-gdpr",
        "EU General Data Protection Regulation",
        "de_steuer_id",
        block,
        "fr_nir",
        block,
        "es_dni",
        block,
        "it_codice_fiscale",
        block,
        "nl_bsn",
        block,
        "uk_nino",
        block,
        "iban",
        redact,
        "email",
        redact,
        "phone",
        redact,
        "ip_address",
        redact,
        "card",
        block);
    add(
        m,
        "us",
        "United States: state SSN laws, GLBA, PCI DSS",
        "us_ssn",
        block,
        "card",
        block,
        "email",
        redact,
        "phone",
        Action.mask());
    add(
        m,
        "jp-appi",
        "Japan, Act on the Protection of Personal Information and My Number Act",
        "jp_mynumber",
        block,
        "phone",
        redact,
        "email",
        redact,
        "card",
        block);
    add(
        m,
        "asia",
        "Korea PIPA, Japan APPI, Singapore PDPA, India DPDP and Aadhaar Acts together",
        "kr_rrn",
        block,
        "jp_mynumber",
        block,
        "sg_nric",
        block,
        "in_aadhaar",
        block,
        "phone",
        redact,
        "email",
        redact,
        "ip_address",
        redact,
        "card",
        block);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static void add(Map<String, PrivacySet> into, String id, String law, Object... pairs) {
    Map<String, Action> actions = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      actions.put((String) pairs[i], (Action) pairs[i + 1]);
    }
    into.put(id, new PrivacySet(id, law, actions));
  }
}
