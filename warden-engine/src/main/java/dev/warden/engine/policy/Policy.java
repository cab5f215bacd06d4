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
 * <p>A finding below {@link #minConfidence()} gets no decision (it is not acted on or recorded). A
 * type without an explicit action gets {@link #defaultAction()}.
 */
public final class Policy {
  /**
   * Built-in actions per type: PII that an LLM rarely needs is redacted, phone numbers masked, card
   * numbers (PCI scope) blocked outright, credentials and private keys redacted.
   */
  public static final Map<String, Action> DEFAULT_ACTIONS = defaultActions();

  private final Mode mode;
  private final double minConfidence;
  private final Action defaultAction;
  private final Map<String, Action> actions;

  public Policy(
      Mode mode, double minConfidence, Action defaultAction, Map<String, Action> actions) {
    this.mode = mode;
    this.minConfidence = minConfidence;
    this.defaultAction = defaultAction;
    this.actions = Map.copyOf(actions);
  }

  /** The built-in policy: enforce, confidence ≥ 0.5, {@link #DEFAULT_ACTIONS}, others redacted. */
  public static Policy defaults() {
    return new Policy(Mode.ENFORCE, 0.5, Action.redact(), DEFAULT_ACTIONS);
  }

  public Optional<Decision> decide(Finding finding) {
    if (finding.confidence() < minConfidence) {
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

  public Action defaultAction() {
    return defaultAction;
  }

  /** Effective per-type actions (explicit ones only). */
  public Map<String, Action> actions() {
    return actions;
  }

  public Policy withMode(Mode newMode) {
    return new Policy(newMode, minConfidence, defaultAction, actions);
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
    return java.util.Collections.unmodifiableMap(m);
  }
}
