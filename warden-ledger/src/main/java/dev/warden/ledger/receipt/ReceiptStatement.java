package dev.warden.ledger.receipt;

import dev.warden.ledger.dsse.InTotoStatement;
import dev.warden.ledger.dsse.InvalidEnvelopeException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a receipt states: an in-toto Statement v1 with predicate type {@link #PREDICATE_TYPE}.
 *
 * <p>Subjects: {@code request} (SHA-256 of the request body exactly as Warden received it; absent
 * when Warden refused the request before reading its body) and {@code response} (SHA-256 of the
 * response body exactly as Warden sent it). The predicate carries decisions only — never a value:
 *
 * @param requestSha256 hex digest of the request body, or null if it was not read
 * @param responseSha256 hex digest of the response body
 * @param correlationId as in the {@code Warden-Correlation-Id} header and the ledger
 * @param time when the receipt was issued, RFC 3339 UTC with milliseconds
 * @param route the protected route
 * @param mode {@code enforce} or {@code dry-run}
 * @param status the HTTP status sent to the client
 * @param requestOutcome the decision on the request (as in the ledger's {@code outcome})
 * @param responseOutcome the decision on the response, or null if the exchange ended before the
 *     upstream answered
 * @param errorType the {@code warden_*} error type of an error response, or null
 * @param findings counts of findings by direction, type and action
 * @param ledgerSeq {@code seq} of the ledger record this response corresponds to
 * @param ledgerHash that record's SHA-256 chain {@code hash}
 */
public record ReceiptStatement(
    @Nullable String requestSha256,
    String responseSha256,
    String correlationId,
    String time,
    String route,
    String mode,
    int status,
    String requestOutcome,
    @Nullable String responseOutcome,
    @Nullable String errorType,
    List<FindingCount> findings,
    long ledgerSeq,
    String ledgerHash) {

  /** The predicate type of receipts. */
  public static final String PREDICATE_TYPE = "https://warden.dev/receipt/v1";

  /**
   * How many findings of one type got one action in one direction.
   *
   * @param direction {@code request} or {@code response}
   */
  public record FindingCount(String direction, String type, String action, int count) {}

  public ReceiptStatement {
    findings = List.copyOf(findings);
    Objects.requireNonNull(responseSha256, "responseSha256");
  }

  /** Lowercase hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  /** The in-toto statement this receipt signs. */
  public InTotoStatement toStatement() {
    List<InTotoStatement.Subject> subjects = new ArrayList<>();
    if (requestSha256 != null) {
      subjects.add(new InTotoStatement.Subject("request", requestSha256));
    }
    subjects.add(new InTotoStatement.Subject("response", responseSha256));
    ObjectNode p = InTotoStatement.newPredicate();
    p.put("correlationId", correlationId);
    p.put("time", time);
    p.put("route", route);
    p.put("mode", mode);
    p.put("status", status);
    ObjectNode outcome = p.putObject("outcome");
    outcome.put("request", requestOutcome);
    if (responseOutcome != null) {
      outcome.put("response", responseOutcome);
    }
    if (errorType == null) {
      p.putNull("errorType");
    } else {
      p.put("errorType", errorType);
    }
    ArrayNode f = p.putArray("findings");
    for (FindingCount c : findings) {
      ObjectNode n = f.addObject();
      n.put("direction", c.direction());
      n.put("type", c.type());
      n.put("action", c.action());
      n.put("count", c.count());
    }
    ObjectNode ledger = p.putObject("ledger");
    ledger.put("seq", ledgerSeq);
    ledger.put("hash", ledgerHash);
    return new InTotoStatement(subjects, PREDICATE_TYPE, p);
  }

  /**
   * Reads a verified statement's payload back.
   *
   * @throws InvalidReceiptException naming the first field of the wrong shape
   */
  public static ReceiptStatement parse(byte[] statementJson) throws InvalidReceiptException {
    InTotoStatement s;
    try {
      s = InTotoStatement.parse(statementJson, PREDICATE_TYPE);
    } catch (InvalidEnvelopeException e) {
      throw new InvalidReceiptException("receipt statement: " + e.getMessage(), e);
    }
    String request = null;
    String response = null;
    for (InTotoStatement.Subject sub : s.subjects()) {
      switch (sub.name()) {
        case "request" -> request = once(request, sub.sha256(), "request");
        case "response" -> response = once(response, sub.sha256(), "response");
        default ->
            throw new InvalidReceiptException(
                "receipt statement has an unknown subject; expected request and response");
      }
    }
    if (response == null) {
      throw new InvalidReceiptException("receipt statement has no response subject");
    }
    ObjectNode p = s.predicate();
    JsonNode outcome = p.get("outcome");
    JsonNode ledger = p.get("ledger");
    JsonNode findings = p.get("findings");
    if (!(outcome instanceof ObjectNode o) || !(ledger instanceof ObjectNode l)) {
      throw new InvalidReceiptException("receipt predicate lacks outcome or ledger");
    }
    if (findings == null || !findings.isArray()) {
      throw new InvalidReceiptException("receipt predicate findings missing or not an array");
    }
    List<FindingCount> counts = new ArrayList<>();
    for (JsonNode n : findings) {
      counts.add(
          new FindingCount(
              text(n, "direction"), text(n, "type"), text(n, "action"), (int) number(n, "count")));
    }
    return new ReceiptStatement(
        request,
        response,
        text(p, "correlationId"),
        text(p, "time"),
        text(p, "route"),
        text(p, "mode"),
        (int) number(p, "status"),
        text(o, "request"),
        optionalText(o, "response"),
        optionalText(p, "errorType"),
        counts,
        number(l, "seq"),
        text(l, "hash"));
  }

  private static String once(@Nullable String seen, String digest, String name)
      throws InvalidReceiptException {
    if (seen != null) {
      throw new InvalidReceiptException("receipt statement names the " + name + " subject twice");
    }
    return digest;
  }

  private static String text(JsonNode n, String field) throws InvalidReceiptException {
    JsonNode v = n.get(field);
    if (v == null || !v.isString()) {
      throw new InvalidReceiptException("receipt field " + field + " missing or not a string");
    }
    return v.stringValue();
  }

  private static @Nullable String optionalText(JsonNode n, String field)
      throws InvalidReceiptException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return text(n, field);
  }

  private static long number(JsonNode n, String field) throws InvalidReceiptException {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new InvalidReceiptException("receipt field " + field + " missing or not an integer");
    }
    return v.longValue();
  }
}
