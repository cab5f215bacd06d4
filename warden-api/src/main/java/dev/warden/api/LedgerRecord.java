package dev.warden.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the ledger stores about one event: decisions and keyed value hashes, never plaintext. The
 * ledger adds {@code seq}, {@code time}, {@code prev} and the chain fields.
 *
 * @param event {@code request} (written before anything is forwarded), {@code response} (written
 *     before the client sees the answer), {@code recovery} or {@code policy} (a policy load or
 *     reload, accepted or refused)
 * @param correlationId the id also returned in the {@code Warden-Correlation-Id} header and logs
 * @param route the protected route, e.g. {@code /v1/chat/completions}
 * @param model the requested model, or {@code null} when unknown
 * @param mode {@code enforce} or {@code dry-run}
 * @param outcome {@code forwarded}, {@code transformed}, {@code observed} (dry-run), {@code
 *     blocked}, {@code escalated} (held for review), {@code rejected} (bad input) or {@code failed}
 * @param status the HTTP status returned to the client; 0 in a request record that was forwarded
 *     (the status is known only in the response record) and outside HTTP
 * @param errorType the {@code warden_*} error type, or {@code null}
 * @param findings one entry per finding, in body order
 * @param streamedBytes in the response record of a streamed answer: the bytes sent to the client
 *     before the receipt event (what the receipt's response digest covers); {@code null} otherwise
 * @param details further plain-text facts: a {@code policy} reload's {@code sha256}, {@code
 *     trigger}, {@code reason}; a request's escalation {@code ticket} and shadow verdict ({@code
 *     shadowOutcome}, {@code shadowActions}). When empty it is not written at all, so records
 *     without details keep their exact stored form. Never plaintext values.
 * @param attribution who the exchange is attributed to (identity, asserted owner, profile); {@code
 *     null} outside exchanges (recovery, policy) and then not written at all
 */
public record LedgerRecord(
    String event,
    String correlationId,
    String route,
    @Nullable String model,
    String mode,
    String outcome,
    int status,
    @Nullable String errorType,
    List<FindingEntry> findings,
    @Nullable Long streamedBytes,
    Map<String, String> details,
    @Nullable Attribution attribution) {
  public LedgerRecord {
    findings = List.copyOf(findings);
    details = Map.copyOf(details);
  }

  public LedgerRecord(
      String event,
      String correlationId,
      String route,
      @Nullable String model,
      String mode,
      String outcome,
      int status,
      @Nullable String errorType,
      List<FindingEntry> findings,
      @Nullable Long streamedBytes,
      Map<String, String> details) {
    this(
        event,
        correlationId,
        route,
        model,
        mode,
        outcome,
        status,
        errorType,
        findings,
        streamedBytes,
        details,
        null);
  }

  /** This record attributed to {@code who}. */
  public LedgerRecord withAttribution(@Nullable Attribution who) {
    return new LedgerRecord(
        event,
        correlationId,
        route,
        model,
        mode,
        outcome,
        status,
        errorType,
        findings,
        streamedBytes,
        details,
        who);
  }

  /** An exchange record (a streamed answer's response record carries {@code streamedBytes}). */
  public LedgerRecord(
      String event,
      String correlationId,
      String route,
      @Nullable String model,
      String mode,
      String outcome,
      int status,
      @Nullable String errorType,
      List<FindingEntry> findings,
      @Nullable Long streamedBytes) {
    this(
        event,
        correlationId,
        route,
        model,
        mode,
        outcome,
        status,
        errorType,
        findings,
        streamedBytes,
        Map.of());
  }

  /** A record of anything but a streamed answer. */
  public LedgerRecord(
      String event,
      String correlationId,
      String route,
      @Nullable String model,
      String mode,
      String outcome,
      int status,
      @Nullable String errorType,
      List<FindingEntry> findings) {
    this(event, correlationId, route, model, mode, outcome, status, errorType, findings, null);
  }

  /**
   * One finding as recorded.
   *
   * @param length the UTF-16 length of the value (never the value)
   * @param valueHash keyed HMAC-SHA256 hex of the value, domain {@code ledger-value}
   */
  public record FindingEntry(
      String type, String ruleId, String action, String path, int length, String valueHash) {}
}
