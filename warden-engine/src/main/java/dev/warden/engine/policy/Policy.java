package dev.warden.engine.policy;

import dev.warden.api.Action;
import dev.warden.api.Decision;
import dev.warden.api.Finding;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps each finding to a decision. Immutable; built from validated configuration.
 *
 * <p>A finding below {@link #minConfidence(String)} for its type gets no decision (it is not acted
 * on or recorded); {@link FindingFilter} drops such findings earlier, and this check stays as the
 * last guard. A type without an explicit action gets {@link #defaultAction()}.
 */
public final class Policy {
  /**
   * Built-in actions per type: PII that an LLM rarely needs is redacted, phone numbers masked, card
   * numbers (PCI scope) blocked outright, credentials and private keys redacted, prompt injection
   * blocked.
   */
  public static final Map<String, Action> DEFAULT_ACTIONS = defaultActions();

  private final Mode mode;
  private final double minConfidence;
  private final Action defaultAction;
  private final Map<String, Action> actions;
  private final Map<String, Double> minConfidenceByType;

  public Policy(
      Mode mode, double minConfidence, Action defaultAction, Map<String, Action> actions) {
    this(mode, minConfidence, defaultAction, actions, Map.of());
  }

  /**
   * @param minConfidenceByType per-type thresholds that replace {@code minConfidence} for their
   *     type (higher or lower)
   */
  public Policy(
      Mode mode,
      double minConfidence,
      Action defaultAction,
      Map<String, Action> actions,
      Map<String, Double> minConfidenceByType) {
    this.mode = mode;
    this.minConfidence = minConfidence;
    this.defaultAction = defaultAction;
    this.actions = Map.copyOf(actions);
    this.minConfidenceByType = Map.copyOf(minConfidenceByType);
  }

  /** The built-in policy: enforce, confidence ≥ 0.5, {@link #DEFAULT_ACTIONS}, others redacted. */
  public static Policy defaults() {
    return new Policy(Mode.ENFORCE, 0.5, Action.redact(), DEFAULT_ACTIONS);
  }

  public Optional<Decision> decide(Finding finding) {
    if (finding.confidence() < minConfidence(finding.type())) {
      return Optional.empty();
    }
    Action explicit = actions.get(finding.type());
    return Optional.of(
        explicit != null
            ? new Decision(explicit, "policy.types." + finding.type())
            : new Decision(defaultAction, "policy.defaultAction"));
  }

  public Mode mode() {
    return mode;
  }

  public double minConfidence() {
    return minConfidence;
  }

  /** The threshold for one type: its own when configured, else {@link #minConfidence()}. */
  public double minConfidence(String type) {
    Double own = minConfidenceByType.get(type);
    return own != null ? own : minConfidence;
  }

  /** Per-type thresholds (explicit ones only). */
  public Map<String, Double> minConfidenceByType() {
    return minConfidenceByType;
  }

  /** The action a finding of {@code type} gets: its own, else the default action. */
  public Action action(String type) {
    Action explicit = actions.get(type);
    return explicit != null ? explicit : defaultAction;
  }

  /**
   * Hard-block types: those whose action is {@code block}, plus {@code private_key} whatever its
   * action (a private key is never a harmless test value). Allowlists never suppress them.
   */
  public boolean isHardBlock(String type) {
    return ALWAYS_HARD.contains(type) || action(type) instanceof Action.Block;
  }

  /** Types that are hard-block whatever their configured action. */
  public static final java.util.Set<String> ALWAYS_HARD = java.util.Set.of("private_key");

  public Action defaultAction() {
    return defaultAction;
  }

  /** Effective per-type actions (explicit ones only). */
  public Map<String, Action> actions() {
    return actions;
  }

  public Policy withMode(Mode newMode) {
    return new Policy(newMode, minConfidence, defaultAction, actions, minConfidenceByType);
  }

  private static Map<String, Action> defaultActions() {
    Map<String, Action> m = new LinkedHashMap<>();
    m.put("email", Action.redact());
    m.put("phone", Action.mask());
    m.put("card", Action.block());
    m.put("private_key", Action.redact());
    m.put("aws_access_key", Action.redact());
    m.put("github_token", Action.redact());
    m.put("openai_key", Action.redact());
    m.put("jwt", Action.redact());
    m.put("aws_secret_key", Action.redact());
    m.put("url_credentials", Action.redact());
    m.put("anthropic_key", Action.redact());
    m.put("warden_api_key", Action.redact());
    m.put("npm_token", Action.redact());
    m.put("ai_api_key", Action.redact());
    m.put("azure_key", Action.redact());
    m.put("cloud_token", Action.redact());
    m.put("discord_token", Action.redact());
    m.put("discord_webhook", Action.redact());
    m.put("gcp_credentials", Action.redact());
    m.put("gitlab_token", Action.redact());
    m.put("google_api_key", Action.redact());
    m.put("huggingface_token", Action.redact());
    m.put("package_registry_token", Action.redact());
    m.put("payment_token", Action.redact());
    m.put("saas_token", Action.redact());
    m.put("slack_token", Action.redact());
    m.put("slack_webhook", Action.redact());
    m.put("stripe_key", Action.redact());
    m.put("telegram_token", Action.redact());
    m.put("password", Action.redact());
    m.put("generic_secret", Action.redact());
    m.put("iban", Action.redact());
    m.put("us_ssn", Action.redact());
    m.put("kr_rrn", Action.redact());
    m.put("jp_mynumber", Action.redact());
    m.put("in_aadhaar", Action.redact());
    // An injection attempt is not a value to hide but an instruction to refuse: redacting the
    // clause would still forward the rest of the attack, so the message is not sent on.
    m.put("prompt_injection", Action.block());
    m.put("uk_nino", Action.redact());
    m.put("de_steuer_id", Action.redact());
    m.put("fr_nir", Action.redact());
    m.put("es_dni", Action.redact());
    m.put("it_codice_fiscale", Action.redact());
    m.put("nl_bsn", Action.redact());
    m.put("sg_nric", Action.redact());
    m.put("ip_address", Action.redact());
    return java.util.Collections.unmodifiableMap(m);
  }
}
