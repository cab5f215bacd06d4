package dev.warden.server;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.warden.api.Ledger;
import dev.warden.api.LedgerRecord;
import dev.warden.api.PlainText;
import dev.warden.api.Restorer;
import dev.warden.api.VaultSession;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.dialect.Dialect;
import dev.warden.engine.dialect.Dialects;
import dev.warden.engine.json.BodyException;
import dev.warden.engine.policy.Escalation;
import dev.warden.engine.policy.ModelAllowlist;
import dev.warden.engine.policy.Profile;
import dev.warden.engine.stream.StreamInspector;
import dev.warden.engine.stream.StreamInspectors;
import dev.warden.engine.transform.Replacement;
import dev.warden.ledger.receipt.ReceiptSigner;
import dev.warden.ledger.receipt.ReceiptStatement;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One protected exchange, in flow order: admit → read → protect request → record → forward →
 * protect response → record → answer. Every exit records what happened; nothing reaches the
 * upstream or the client without passing the engine first (fail closed).
 */
final class ExchangeHandler {
  static final HeaderName CORRELATION_ID = HeaderNames.create("Warden-Correlation-Id");
  static final HeaderName LEDGER_SEQ = HeaderNames.create("Warden-Ledger-Seq");
  static final HeaderName RECEIPT = HeaderNames.create("Warden-Receipt");
  static final HeaderName TRAILER = HeaderNames.create("Trailer");
  private static final DateTimeFormatter RECEIPT_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final Logger ACCESS = LoggerFactory.getLogger("warden.access");
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);

  private final WardenConfig config;
  private final Protector requests;
  private final Protector responses;
  private final Ledger ledger;
  private final Health health;
  private final @Nullable ReceiptSigner receipts;
  private final @Nullable StreamInspection streams;
  private final VaultBinding vaults;
  private final Admission admission;
  private final LimitGate limits;

  /** The profiles' engines and shadow policy of this configuration. */
  private final ProfileEngines profiles;

  /** A handler per profile, running the exchange on from the moment its profile is known. */
  private final Map<String, ExchangeHandler> byProfile;

  ExchangeHandler(
      WardenConfig config,
      Protector requests,
      Protector responses,
      Ledger ledger,
      Health health,
      @Nullable ReceiptSigner receipts,
      @Nullable StreamInspection streams,
      VaultBinding vaults,
      Admission admission,
      LimitGate limits,
      ProfileEngines profiles) {
    this.admission = admission;
    this.limits = limits;
    this.profiles = profiles;
    Map<String, ExchangeHandler> handlers = new java.util.HashMap<>();
    profiles
        .engines()
        .forEach((name, e) ->
            handlers.put(
                name,
                new ExchangeHandler(
                    config,
                    e.requests(),
                    e.answers(),
                    ledger,
                    health,
                    receipts,
                    e.streams(),
                    vaults,
                    admission,
                    limits,
                    ProfileEngines.NONE)));
    this.byProfile = Map.copyOf(handlers);
    this.streams = streams;
    this.config = config;
    this.requests = requests;
    this.responses = responses;
    this.ledger = ledger;
    this.health = health;
    this.receipts = receipts;
    this.vaults = vaults;
  }

  /** Raised inside the exchange to answer with an error; already recorded when thrown. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ErrorBody error;

    /** The ledger record of the refusal, or null when none could be written. */
    final transient Ledger.@Nullable Receipt recorded;

    /** Headers answered with the error ({@code WWW-Authenticate}, {@code Retry-After}). */
    final transient Map<String, String> headers;

    Refusal(ErrorBody error, Ledger.@Nullable Receipt recorded) {
      this(error, recorded, Map.of());
    }

    Refusal(ErrorBody error, Ledger.@Nullable Receipt recorded, Map<String, String> headers) {
      super(error.message(), null, false, false);
      this.error = error;
      this.recorded = recorded;
      this.headers = headers;
    }
  }

  /**
   * Handles one exchange on {@code target}, the dialect route that matched. The upstream is called
   * with the route's own path, never with the client's raw path, so no encoding trick in the
   * request line reaches the upstream.
   */
  void handle(ServerRequest req, ServerResponse res, DialectRoute target) {
    long started = System.nanoTime();
    String id = newCorrelationId();
    // A model name in the path that holds a value is refused after admission; until then neither
    // the log nor the ledger may carry it, so they name the route by its template.
    List<Replacement> inPath = OutsideBody.inPath(requests, target.endpoint());
    String route = inPath.isEmpty() ? target.path() : target.endpoint().template();
    res.header(CORRELATION_ID, id);
    Exchange ex = new Exchange(id, target, route, mode());
    ex.inPath = inPath;
    int status;
    try {
      try (dev.warden.server.limit.Limiter.Slot slot = enter(ex)) {
        status = exchange(req, res, ex, target);
      }
    } catch (Refusal r) {
      status = r.error.status();
      r.headers.forEach((name, value) -> res.header(HeaderNames.create(name), value));
      sendError(res, r.error, r.recorded, ex);
    } catch (RuntimeException | StackOverflowError e) {
      // An unexpected failure — including a pathological input that exhausts the stack in a
      // detector — is refused and recorded; the class is logged, never the message (it may hold
      // data).
      ErrorBody err =
          new ErrorBody(
              500,
              "warden_internal_error",
              "Warden could not process the request; nothing was forwarded after the failure");
      status = err.status();
      LOG.error(
          "exchange failed", kv("correlation_id", id), kv("exception", e.getClass().getName()));
      ex.outcome = "failed";
      sendError(res, err, tryRecord(ex.record(ex.phase, "failed", status, err.type())), ex);
    }
    if (!ACCESS.isInfoEnabled()) {
      return;
    }
    ACCESS.info(
        "exchange",
        kv("correlation_id", id),
        kv("route", route),
        kv("status", status),
        kv("request_outcome", ex.phase.equals("request") ? ex.outcome : ex.requestOutcome),
        kv("outcome", ex.outcome),
        kv("findings", ex.findingsSeen),
        kv("types", ex.types()),
        kv("duration_ms", (System.nanoTime() - started) / 1_000_000.0));
  }

  private int exchange(ServerRequest req, ServerResponse res, Exchange ex, DialectRoute target) {
    admit(req, ex);
    return profiled(req, res, ex, target);
  }

  /**
   * Puts the caller's profile in force for the rest of the exchange (its policy, models and
   * upstream, recorded as the attribution's profile); callers no profile matches go on under the
   * default policy.
   */
  private int profiled(ServerRequest req, ServerResponse res, Exchange ex, DialectRoute target) {
    ex.shadow = profiles.shadow();
    ProfileEngines.Engine engine = profiles.select(ex.who.identity()).orElse(null);
    if (engine == null) {
      return admitted(req, res, ex, target);
    }
    Profile profile = engine.profile();
    ex.who = ex.who.withProfile(profile.name());
    ex.models = profile.models();
    ExchangeHandler handler = java.util.Objects.requireNonNull(byProfile.get(profile.name()));
    ex.mode = handler.mode();
    DialectRoute routed =
        profiles
            .route(profile, target)
            .orElseThrow(() ->
                refuse(
                    ex,
                    404,
                    "warden_not_found",
                    "profile '"
                        + profile.name()
                        + "' routes to upstreams."
                        + profile.upstream()
                        + ", which does not serve the "
                        + target.dialect().id()
                        + " dialect; list it under upstreams."
                        + profile.upstream()
                        + ".dialects"));
    return handler.admitted(req, res, ex, routed);
  }

  /** The exchange after admission, under this handler's policy. */
  private int admitted(ServerRequest req, ServerResponse res, Exchange ex, DialectRoute target) {
    String method = req.prologue().method().text();
    rejectForgedHeaders(req, ex);
    if (!ex.inPath.isEmpty()) {
      ex.add(ex.inPath, "request");
      throw refuse(
          ex,
          400,
          "warden_path_sensitive",
          "the model name in the request path holds a value of type '"
              + ex.inPath.getFirst().finding().type()
              + "'; name the model plainly and retry");
    }
    screenForwardedHeaders(req, ex, target);
    limit(ex, limits.admit(ex.who));
    ex.vault = vaultSessions(req, ex);
    Map<String, String> query = query(req, ex, target);
    byte @Nullable [] sent = null;
    Dialect dialect = null;
    if (!method.equals("POST")) {
      ex.requestBody = new byte[0]; // a body-less pass-through GET
    }
    if (method.equals("POST")) {
      requireJson(req, ex);
      byte[] body = readBody(req, ex);
      ex.requestBody = body;
      ShadowPolicy.Pending shadow =
          ex.shadow == null ? null : ex.shadow.start(body, target.endpoint());
      Protector.Result r = protect(requests, body, ex, target, ex.vault.requests());
      ex.model = r.model();
      if (shadow != null) {
        ex.details.putAll(shadow.await().details());
      }
      if (!ex.models.allows(r.model())) {
        throw refuse(
            ex,
            403,
            "warden_model_not_allowed",
            "the model '"
                + (r.model() == null ? "(none)" : r.model())
                + "' is not allowed for profile '"
                + ex.who.profile()
                + "'; allowed models: "
                + String.join(", ", ex.models.globs()));
      }
      if (r.outcome() == Protector.Outcome.BLOCKED) {
        Replacement by = r.blockedBy().orElseThrow();
        ex.outcome = "blocked";
        throw refuse(
            ex,
            403,
            "warden_blocked",
            "the request contains a value of type '"
                + by.finding().type()
                + "' (rule "
                + by.finding().ruleId()
                + ") that policy blocks; remove it and retry");
      }
      Replacement escalated = Escalation.firstEscalated(r.replacements()).orElse(null);
      if (escalated != null && r.outcome() == Protector.Outcome.TRANSFORMED) {
        return hold(res, ex, escalated);
      }
      if (r.streamRequested()) {
        dialect = streamDialect(ex, target);
      }
      ex.outcome = outcome(r.outcome());
      sent = r.body();
      limit(ex, limits.reserve(ex.who, sent));
    }
    LedgerRecord requestRecord = ex.record("request", ex.outcome, 0, null);
    if (dialect != null) {
      // A stream's first bytes reach the client long before its response record: the request
      // record must be durable before them, and its seq goes out in the headers.
      Ledger.Receipt recorded = record(ex, requestRecord);
      ex.startResponse();
      return stream(req, res, ex, method, sent, dialect, recorded, target, query);
    }
    // Not waited for: every way on from here appends a response-phase record and waits for it,
    // and the ledger makes a record durable no later than the ones this thread appends after it.
    // So no answer leaves before the request record is durable either (docs/ledger.md).
    queueRecord(ex, requestRecord);
    ex.startResponse();

    Upstream.Answer answer;
    try {
      answer =
          target
              .upstream()
              .call(method, target.path(), query, sent, null, forwardedHeaders(req, target));
    } catch (Upstream.UpstreamException e) {
      throw refuse(ex, e.error);
    }
    return answer(res, ex, answer, target);
  }

  /** Runs {@link Admission}; a refused caller is recorded (as far as known) and answered. */
  private void admit(ServerRequest req, Exchange ex) {
    try {
      ex.who = admission.admit(req);
    } catch (AdmissionRefused e) {
      if (e.who != null) {
        ex.who = e.who;
      }
      ex.outcome = "rejected";
      Ledger.Receipt receipt =
          record(ex, ex.record(ex.phase, ex.outcome, e.error.status(), e.error.type()));
      throw new Refusal(e.error, receipt, e.headers);
    }
  }

  /** Takes an in-flight slot; a full gateway refuses the exchange (recorded, with Retry-After). */
  private dev.warden.server.limit.Limiter.Slot enter(Exchange ex) {
    try {
      return limits.enter();
    } catch (dev.warden.server.limit.LimitExceeded e) {
      throw limited(ex, e.refused());
    }
  }

  /** Refuses the exchange when a limit says so. */
  private void limit(Exchange ex, dev.warden.server.limit.Limiter.@Nullable Refused refused) {
    if (refused != null) {
      throw limited(ex, refused);
    }
  }

  /** Records the exchange as {@code limited} (not forwarded) and returns what answers it. */
  private Refusal limited(Exchange ex, dev.warden.server.limit.Limiter.Refused refused) {
    ex.outcome = "limited";
    ErrorBody err = new ErrorBody(refused.status(), refused.type(), refused.message());
    Ledger.Receipt receipt = record(ex, ex.record(ex.phase, ex.outcome, err.status(), err.type()));
    return new Refusal(
        err, receipt, Map.of("Retry-After", Long.toString(refused.retryAfterSeconds())));
  }

  /**
   * The dialect whose stream codec inspects a streamed answer on this route; refuses when streams
   * cannot be inspected here, so that no stream ever passes unscanned.
   */
  private Dialect streamDialect(Exchange ex, DialectRoute target) {
    Dialect dialect = target.dialect();
    if (streams == null || !StreamInspectors.DIALECTS.contains(dialect.id())) {
      throw refuse(
          ex,
          400,
          "warden_streaming_unsupported",
          streams == null
              ? "streamed answers are not available: this gateway runs without a stream inspector; "
                  + streamingRefusal(target)
              : "stream: true is not supported on "
                  + Exchange.safeRoute(ex.route)
                  + " (no streaming dialect for this route); "
                  + streamingRefusal(target));
    }
    return dialect;
  }

  /**
   * The streaming exchange: the request is protected and recorded as for any exchange; the
   * upstream's stream goes through a {@link StreamInspector} to the client, flushed after every
   * release. Status and headers (correlation id, the request record's ledger seq) leave before the
   * first byte; the response record is written at stream end, then the receipt event. An answer
   * that is not a stream (an error status, JSON) is handled like any answer.
   */
  private int stream(
      ServerRequest req,
      ServerResponse res,
      Exchange ex,
      String method,
      byte @Nullable [] sent,
      Dialect dialect,
      Ledger.Receipt requestRecord,
      DialectRoute target,
      Map<String, String> query) {
    Upstream.Opened opened;
    try {
      opened =
          target
              .upstream()
              .open(
                  method,
                  target.path(),
                  query,
                  sent,
                  null,
                  forwardedHeaders(req, target),
                  dialect.framing().contentType(),
                  Duration.ofMillis(config.responses().streamIdleTimeoutMs()));
    } catch (Upstream.UpstreamException e) {
      throw refuse(ex, e.error);
    }
    if (opened instanceof Upstream.Answer answer) {
      return answer(res, ex, answer, target);
    }
    try (Upstream.Live live = (Upstream.Live) opened) {
      if (live.contentEncoding != null && !live.contentEncoding.equalsIgnoreCase("identity")) {
        throw refuse(
            ex,
            502,
            "warden_upstream_encoding",
            "the upstream streamed with Content-Encoding '"
                + token(live.contentEncoding)
                + "', which Warden cannot scan; it was not passed on");
      }
      if (!config.responses().protect()) {
        throw refuse(
            ex,
            502,
            "warden_streaming_unsupported",
            "the upstream answered with a stream, and streams are relayed only with response protection on (responses.protect: true)");
      }
      StreamInspector inspector;
      try {
        inspector =
            java.util.Objects.requireNonNull(streams)
                .open(dialect.id(), ex.vault.answers(), ex.vault.restorer());
      } catch (RuntimeException e) {
        throw refuse(
            ex,
            500,
            "warden_internal_error",
            "no stream inspector for dialect " + dialect.id() + "; the stream was not passed on");
      }
      res.status(Status.create(live.status));
      screenReturnedHeaders(live.returnedHeaders, ex).forEach(res::header);
      res.header(LEDGER_SEQ, Long.toString(requestRecord.seq()));
      res.header(HeaderNames.CONTENT_TYPE, dialect.framing().contentType());
      res.header(HeaderNames.CACHE_CONTROL, "no-cache");
      if (receipts != null) {
        res.header(TRAILER, RECEIPT.defaultCase());
      }
      return relay(res, ex, live, inspector, dialect);
    }
  }

  /** From the first byte to the client on: nothing may throw a {@link Refusal} any more. */
  private int relay(
      ServerResponse res,
      Exchange ex,
      Upstream.Live live,
      StreamInspector inspector,
      Dialect dialect) {
    java.util.function.Function<ErrorBody, byte[]> errorEvent =
        err -> dialect.errorEvent(err.status(), err.type(), err.message());
    java.io.OutputStream out = limits.meter(ex.who, res.outputStream());
    try (StreamDeadline deadline =
        new StreamDeadline(live, Duration.ofMillis(config.responses().streamMaxDurationMs()))) {
      StreamRelay.Result result =
          StreamRelay.relay(
              live,
              inspector,
              out,
              errorEvent,
              deadline,
              requests.policy().mode() == dev.warden.engine.policy.Mode.ENFORCE);
      live.close(); // cancels the upstream call if it is still running (block, failure)
      limits.charge(ex.who, out, ex.id);
      ex.add(result.replacements(), "response");
      ex.outcome = result.outcome();
      Ledger.Receipt recorded;
      try {
        recorded =
            ledger.append(
                ex.record(
                    "response", result.outcome(), live.status, result.errorType(), result.bytes()));
      } catch (RuntimeException e) {
        health.ledgerFailed();
        LOG.error(
            "ledger append failed",
            kv("correlation_id", ex.id),
            kv("exception", e.getClass().getName()));
        if (!result.clientGone()) {
          writeQuietly(
              out,
              errorEvent.apply(
                  new ErrorBody(
                      503,
                      "warden_ledger_unavailable",
                      "the decision ledger cannot be written; the stream ends without a receipt")));
        }
        closeQuietly(out);
        return live.status;
      }
      if (receipts != null && !result.clientGone()) {
        try {
          String receipt =
              issue(
                  ex,
                  live.status,
                  result.errorType(),
                  java.util.HexFormat.of().formatHex(result.sha256()),
                  recorded);
          writeQuietly(out, StreamFraming.receipt(dialect.framing(), receipt));
          res.trailers().set(RECEIPT, receipt);
        } catch (RuntimeException e) {
          // The bytes are already out; the missing receipt event tells the client they are
          // unproven.
          LOG.error(
              "receipt signing failed",
              kv("correlation_id", ex.id),
              kv("exception", e.getClass().getName()));
        }
      }
      closeQuietly(out);
      return live.status;
    }
  }

  private static void writeQuietly(java.io.OutputStream out, byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException | RuntimeException e) {
      // The client went away; the ledger already holds the outcome.
    }
  }

  private static void closeQuietly(java.io.OutputStream out) {
    try {
      out.close();
    } catch (IOException | RuntimeException e) {
      // As above.
    }
  }

  /** Protects a whole upstream answer, records it and sends it. */
  private int answer(ServerResponse res, Exchange ex, Upstream.Answer answer, DialectRoute target) {
    // Charged before protection: a withheld answer was generated (and billed) all the same.
    limits.charge(ex.who, answer.status(), answer.body(), ex.id);
    byte[] out =
        restore(
            protectResponse(answer, ex, target, ex.vault.answers()),
            answer,
            ex.vault.restorer(),
            ex);
    Map<HeaderName, String> returned = screenReturnedHeaders(answer.returnedHeaders(), ex);
    Ledger.Receipt receipt = record(ex, ex.record("response", ex.outcome, answer.status(), null));
    res.status(Status.create(answer.status()));
    returned.forEach(res::header);
    res.header(LEDGER_SEQ, Long.toString(receipt.seq()));
    if (receipts != null) {
      String header;
      try {
        header = issue(ex, answer.status(), null, ReceiptStatement.sha256Hex(out), receipt);
      } catch (RuntimeException e) {
        // Fail closed: a response that should carry a receipt is not sent without one.
        throw refuse(
            ex,
            500,
            "warden_receipt_failed",
            "the response receipt could not be signed; the response was withheld");
      }
      res.header(RECEIPT, header);
    }
    res.header(
        HeaderNames.CONTENT_TYPE,
        answer.contentType() == null ? "application/json" : answer.contentType());
    res.send(out);
    return answer.status();
  }

  /** The vault sessions of this exchange; the caller is anonymous until authentication lands. */
  private VaultBinding.Sessions vaultSessions(ServerRequest req, Exchange ex) {
    try {
      return vaults.open(req, dev.warden.api.Identity.ANONYMOUS, ex.id);
    } catch (IllegalArgumentException e) {
      throw refuse(ex, 400, "warden_bad_conversation_id", String.valueOf(e.getMessage()));
    }
  }

  /**
   * Puts the client's own values back where the answer carries their tokens (JSON strings, tool
   * call arguments included, or text). Runs after the answer was protected, so a value the policy
   * hid from the client is never restored.
   */
  private byte[] restore(byte[] out, Upstream.Answer answer, Restorer restorer, Exchange ex) {
    if (restorer == Restorer.NONE || out.length == 0) {
      return out;
    }
    String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
    try {
      if (type.contains("json")) {
        return responses.restoreJson(out, restorer);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      String restored = restorer.restore(text);
      return restored.equals(text) ? out : restored.getBytes(StandardCharsets.UTF_8);
    } catch (BodyException e) {
      throw refuse(
          ex,
          502,
          "warden_upstream_invalid",
          "the upstream response could not be parsed for restoring tokens; it was not passed on");
    } catch (dev.warden.vault.VaultException e) {
      throw vaultUnavailable(ex);
    }
  }

  private Refusal vaultUnavailable(Exchange ex) {
    LOG.error("vault failed", kv("correlation_id", ex.id));
    return refuse(
        ex,
        503,
        "warden_vault_unavailable",
        "the token vault cannot be used; nothing was forwarded after the failure. Check the"
            + " vault store and keys under the data directory");
  }

  private byte[] protectResponse(
      Upstream.Answer answer, Exchange ex, DialectRoute target, VaultSession vault) {
    if (answer.contentEncoding() != null
        && !answer.contentEncoding().equalsIgnoreCase("identity")) {
      throw refuse(
          ex,
          502,
          "warden_upstream_encoding",
          "the upstream answered with Content-Encoding '"
              + token(answer.contentEncoding())
              + "', which Warden cannot scan; it was not passed on");
    }
    ex.outcome = "forwarded";
    if (!config.responses().protect() || answer.body().length == 0) {
      return answer.body();
    }
    String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
    if (type.contains("json")) {
      Protector.Result r;
      try {
        r = responses.protectResponse(answer.body(), target.endpoint(), vault);
      } catch (dev.warden.vault.VaultException e) {
        throw vaultUnavailable(ex);
      } catch (BodyException e) {
        throw refuse(
            ex,
            502,
            "warden_upstream_invalid",
            "the upstream response could not be parsed for inspection ("
                + e.getMessage()
                + "); it was not passed on");
      }
      ex.add(r.replacements(), "response");
      if (r.outcome() == Protector.Outcome.BLOCKED) {
        throw blockedResponse(ex, r.blockedBy().orElseThrow());
      }
      ex.outcome = outcome(r.outcome());
      return r.body();
    }
    if (type.startsWith("text/event-stream")) {
      throw refuse(
          ex,
          502,
          "warden_streaming_unsupported",
          "the upstream answered with a stream, which this Warden version does not inspect yet; it was not passed on");
    }
    // Any other text is scanned as text; bytes that are not UTF-8 cannot be scanned, so refuse.
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(answer.body()))
              .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw refuse(
          ex,
          502,
          "warden_upstream_invalid",
          "the upstream response is not UTF-8 text and cannot be inspected; it was not passed on");
    }
    Protector.TextResult r;
    try {
      r = responses.protectText(text, vault);
    } catch (dev.warden.vault.VaultException e) {
      throw vaultUnavailable(ex);
    }
    ex.add(r.replacements(), "response");
    if (r.outcome() == Protector.Outcome.BLOCKED) {
      throw blockedResponse(ex, r.blockedBy().orElseThrow());
    }
    ex.outcome = outcome(r.outcome());
    return r.text().getBytes(StandardCharsets.UTF_8);
  }

  private Refusal blockedResponse(Exchange ex, Replacement by) {
    ex.outcome = "blocked";
    return refuse(
        ex,
        502,
        "warden_response_blocked",
        "the upstream response contained a value of type '"
            + by.finding().type()
            + "' that policy blocks; it was not passed on");
  }

  private Protector.Result protect(
      Protector p, byte[] body, Exchange ex, DialectRoute target, VaultSession vault) {
    try {
      Protector.Result r = p.protectRequest(body, target.endpoint(), vault);
      ex.add(r.replacements(), "request");
      return r;
    } catch (dev.warden.vault.VaultException e) {
      throw vaultUnavailable(ex);
    } catch (BodyException e) {
      int status = e.type().equals("warden_too_large") ? 413 : 400;
      throw refuse(ex, status, e.type(), e.getMessage() == null ? "invalid body" : e.getMessage());
    }
  }

  private byte[] readBody(ServerRequest req, Exchange ex) {
    int max = config.server().maxBodyBytes();
    long declared = req.headers().contentLength().orElse(-1);
    if (declared > max) {
      throw refuse(
          ex,
          413,
          "warden_too_large",
          "the request body is larger than the limit of " + max + " bytes");
    }
    // A client that drips its body would hold this thread and an in-flight slot for as long as it
    // likes: the whole body must arrive within the bound (the deadline interrupts the read).
    int timeoutMs = config.server().bodyReadTimeoutMs();
    Upstream.Deadline deadline = Upstream.Deadline.start(Duration.ofMillis(timeoutMs));
    byte @Nullable [] body;
    try (InputStream in = req.content().inputStream()) {
      body = BoundedRead.read(in, declared, max);
    } catch (IOException | RuntimeException e) {
      deadline.finish(); // consumes the deadline's interrupt before the refusal is recorded
      if (deadline.expired()) {
        throw refuse(
            ex,
            408,
            "warden_body_timeout",
            "the request body did not arrive within server.bodyReadTimeoutMs ("
                + timeoutMs
                + " ms); send it at once, nothing was forwarded");
      }
      throw refuse(ex, 400, "warden_bad_request", "the request body could not be read");
    } finally {
      deadline.finish();
    }
    if (body == null) {
      throw refuse(
          ex,
          413,
          "warden_too_large",
          "the request body is larger than the limit of " + max + " bytes");
    }
    if (body.length == 0) {
      throw refuse(
          ex, 400, "warden_invalid_json", "the request body is empty; expected a JSON object");
    }
    return body;
  }

  private void requireJson(ServerRequest req, Exchange ex) {
    String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("application/json");
    String base = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!base.equals("application/json") && !base.endsWith("+json")) {
      throw refuse(
          ex, 415, "warden_unsupported_media_type", "Content-Type must be application/json");
    }
    String lower = type.toLowerCase(Locale.ROOT);
    int cs = lower.indexOf("charset=");
    if (cs >= 0 && !lower.substring(cs + 8).trim().replace("\"", "").startsWith("utf-8")) {
      throw refuse(ex, 415, "warden_unsupported_media_type", "only the UTF-8 charset is accepted");
    }
    String encoding = req.headers().first(HeaderNames.CONTENT_ENCODING).orElse("identity");
    if (!encoding.equalsIgnoreCase("identity")) {
      throw refuse(
          ex,
          415,
          "warden_unsupported_media_type",
          "compressed request bodies (Content-Encoding) are not accepted");
    }
  }

  /**
   * A client must not be able to plant Warden's own markers: a response consumer could mistake them
   * for the gateway's.
   */
  private void rejectForgedHeaders(ServerRequest req, Exchange ex) {
    for (Header h : req.headers()) {
      String lower = h.name().toLowerCase(Locale.ROOT);
      if (lower.startsWith("warden-")
          && !(ex.who.asserted() && OwnerHeaders.NAMES.contains(lower))) {
        throw refuse(
            ex,
            400,
            "warden_forged_header",
            "request headers starting with 'Warden-' are reserved for the gateway");
      }
    }
  }

  /**
   * Refuses a request whose non-credential forwarded header ({@code OpenAI-Organization}, {@code
   * anthropic-beta} …) holds a value the policy acts on: a header cannot be rewritten the way a
   * body field is, and must not carry the value upstream unscanned.
   */
  private void screenForwardedHeaders(ServerRequest req, Exchange ex, DialectRoute target) {
    List<String> credentials = target.dialect().credentialHeaders();
    for (String header : target.dialect().forwardedHeaders()) {
      HeaderName name = HeaderNames.create(header);
      String value = req.headers().first(name).orElse(null);
      if (value == null || credentials.contains(header)) {
        continue;
      }
      List<Replacement> found = OutsideBody.inHeader(requests, name, value);
      if (!found.isEmpty()) {
        ex.add(found, "request");
        throw refuse(
            ex,
            400,
            "warden_header_sensitive",
            "the request header '"
                + header
                + "' holds a value of type '"
                + found.getFirst().finding().type()
                + "'; headers are forwarded only as sent, so remove the value and retry");
      }
    }
  }

  /**
   * The upstream's returned headers (request ids, rate limits) without those holding a value the
   * policy acts on; those are withheld and recorded as response findings.
   */
  private Map<HeaderName, String> screenReturnedHeaders(
      Map<HeaderName, String> returned, Exchange ex) {
    Map<HeaderName, String> out = new java.util.LinkedHashMap<>();
    returned.forEach((name, value) -> {
      List<Replacement> found = OutsideBody.inHeader(responses, name, value);
      if (found.isEmpty()) {
        out.put(name, value);
      } else {
        ex.add(found, "response");
      }
    });
    return out;
  }

  /**
   * The client headers the dialect forwards: credentials (when the upstream takes them) as sent, if
   * they are one line of printable ASCII; the rest (API versions, beta flags, account selectors)
   * only when they are plain tokens. Anything else stays at the gateway.
   */
  private static Map<HeaderName, String> forwardedHeaders(ServerRequest req, DialectRoute target) {
    Map<HeaderName, String> out = new java.util.LinkedHashMap<>();
    List<String> credentials = target.dialect().credentialHeaders();
    for (String header : target.dialect().forwardedHeaders()) {
      boolean credential = credentials.contains(header);
      if (credential && !target.forwardCredentials()) {
        continue;
      }
      HeaderName name = HeaderNames.create(header);
      req.headers()
          .first(name)
          .filter(
              v -> credential ? printable(v) : !v.isEmpty() && PlainText.isPlain(v, "_-.,:", 256))
          .ifPresent(v -> out.put(name, v));
    }
    if (!target.forwardCredentials()) {
      Authentication.putUpstreamKey(out, credentials, target.upstream().ownKey());
    }
    return out;
  }

  /** One non-empty line of visible ASCII and spaces, bounded: a credential as sent. */
  private static boolean printable(String v) {
    if (v.isEmpty() || v.length() > 8192) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /**
   * The query parameters of the request, each of which the dialect documents for this path with
   * exactly this value (compared raw, so no encoding variant passes); any other is refused.
   */
  private Map<String, String> query(ServerRequest req, Exchange ex, DialectRoute target) {
    Map<String, String> out = parsedQuery(req, ex, target);
    target
        .dialect()
        .requiredQueryParameters(target.endpoint().template())
        .forEach((name, value) -> {
          if (!value.equals(out.get(name))) {
            throw refuse(
                ex,
                400,
                "warden_query_required",
                ex.route
                    + " needs the query parameter "
                    + name
                    + "="
                    + value
                    + " (Warden inspects this stream only in that form; the official SDKs"
                    + " send it)");
          }
        });
    return out;
  }

  private Map<String, String> parsedQuery(ServerRequest req, Exchange ex, DialectRoute target) {
    if (!req.prologue().hasQuery()) {
      return Map.of();
    }
    Map<String, java.util.Set<String>> allowed =
        target.dialect().queryParameters(target.endpoint().template());
    Map<String, String> out = new java.util.LinkedHashMap<>();
    String raw = req.query().rawValue();
    for (String part : raw.split("&", -1)) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      java.util.Set<String> values = allowed.get(name);
      if (values == null || !values.contains(value) || out.containsKey(name)) {
        throw refuse(
            ex,
            400,
            "warden_query_not_allowed",
            allowed.isEmpty()
                ? "query parameters are not accepted on " + ex.route
                : "the query parameter '"
                    + token(name)
                    + "' is not accepted on "
                    + ex.route
                    + "; accepted: "
                    + accepted(allowed));
      }
      out.put(name, value);
    }
    return out;
  }

  private static String accepted(Map<String, java.util.Set<String>> allowed) {
    List<String> pairs = new ArrayList<>();
    allowed.forEach((name, values) -> values.forEach(v -> pairs.add(name + "=" + v)));
    java.util.Collections.sort(pairs);
    return String.join(", ", pairs);
  }

  /** Names the dialect's own way of asking for a stream and how to ask for a plain answer. */
  private static String streamingRefusal(DialectRoute target) {
    String how =
        switch (target.dialect().id()) {
          case Dialects.OLLAMA_CHAT, Dialects.OLLAMA_GENERATE ->
              "Ollama streams unless the request says \"stream\": false; send \"stream\": false";
          case Dialects.GEMINI -> "call :generateContent instead of :streamGenerateContent";
          default -> "send \"stream\": false";
        };
    return how;
  }

  private Refusal refuse(Exchange ex, int status, String type, String message) {
    return refuse(ex, new ErrorBody(status, type, message));
  }

  /** Records the refusal in the current phase and returns the exception that answers it. */
  private Refusal refuse(Exchange ex, ErrorBody err) {
    if (!ex.outcome.equals("blocked")) {
      ex.outcome = ex.phase.equals("request") ? "rejected" : "failed";
    }
    Ledger.Receipt receipt = record(ex, ex.record(ex.phase, ex.outcome, err.status(), err.type()));
    return new Refusal(err, receipt);
  }

  private Ledger.Receipt record(Exchange ex, LedgerRecord rec) {
    try {
      return ledger.append(rec);
    } catch (Ledger.LedgerException e) {
      throw ledgerUnavailable(ex, e);
    }
  }

  private Refusal ledgerUnavailable(Exchange ex, Ledger.LedgerException e) {
    health.ledgerFailed();
    LOG.error(
        "ledger append failed",
        kv("correlation_id", ex.id),
        kv("exception", e.getClass().getName()));
    return new Refusal(
        new ErrorBody(
            503,
            "warden_ledger_unavailable",
            "the decision ledger cannot be written; Warden refuses traffic until it can"),
        null);
  }

  /** As {@link #record}, without waiting for durability ({@link Ledger#queue}). */
  private void queueRecord(Exchange ex, LedgerRecord rec) {
    try {
      ledger.queue(rec);
    } catch (Ledger.LedgerException e) {
      throw ledgerUnavailable(ex, e);
    }
  }

  private Ledger.@Nullable Receipt tryRecord(LedgerRecord rec) {
    try {
      return ledger.append(rec);
    } catch (RuntimeException e) {
      health.ledgerFailed();
      return null;
    }
  }

  /**
   * Holds a request for review ({@code escalate}): records it with a new ticket id (outcome {@code
   * escalated}) and answers 202 with the ticket; nothing is forwarded.
   */
  private int hold(ServerResponse res, Exchange ex, Replacement by) {
    String ticket = Tickets.next();
    ex.outcome = "escalated";
    ex.details.put("ticket", ticket);
    Ledger.Receipt receipt = record(ex, ex.record(ex.phase, ex.outcome, 202, null));
    byte[] body = Tickets.body(ticket, by.finding().type(), ex.id);
    res.status(Status.ACCEPTED_202);
    res.header(LEDGER_SEQ, Long.toString(receipt.seq()));
    if (receipts != null) {
      // Fail closed as for any answer: no receipt, no answer (the ticket stays in the ledger).
      String header;
      try {
        header = issue(ex, 202, null, ReceiptStatement.sha256Hex(body), receipt);
      } catch (RuntimeException e) {
        throw new Refusal(
            new ErrorBody(
                500,
                "warden_receipt_failed",
                "the response receipt could not be signed; the request was held for review as"
                    + " ticket "
                    + ticket),
            null);
      }
      res.header(RECEIPT, header);
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(body);
    return 202;
  }

  /**
   * Sends a Warden error. When the refusal was recorded it carries the ledger position and a
   * receipt like any response; without a record (the ledger is down) there is nothing to bind a
   * receipt to, so none is sent.
   */
  private void sendError(
      ServerResponse res, ErrorBody err, Ledger.@Nullable Receipt recorded, Exchange ex) {
    byte[] body = err.json(ex.dialect);
    res.status(Status.create(err.status()));
    if (recorded != null) {
      res.header(LEDGER_SEQ, Long.toString(recorded.seq()));
      if (receipts != null) {
        try {
          res.header(
              RECEIPT,
              issue(ex, err.status(), err.type(), ReceiptStatement.sha256Hex(body), recorded));
        } catch (RuntimeException e) {
          LOG.error(
              "receipt signing failed",
              kv("correlation_id", ex.id),
              kv("exception", e.getClass().getName()));
        }
      }
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(body);
  }

  /** The {@code Warden-Receipt} value for a response whose body has digest {@code bodySha256}. */
  private String issue(
      Exchange ex,
      int status,
      @Nullable String errorType,
      String bodySha256,
      Ledger.Receipt recorded) {
    ReceiptSigner signer = java.util.Objects.requireNonNull(receipts);
    boolean answered = ex.phase.equals("response");
    byte @Nullable [] request = ex.requestBody;
    return signer.issue(
        new ReceiptStatement(
            request == null ? null : ReceiptStatement.sha256Hex(request),
            bodySha256,
            ex.id,
            RECEIPT_TIME.format(Instant.now()),
            Exchange.safeRoute(ex.route),
            ex.mode,
            status,
            answered ? ex.requestOutcome : ex.outcome,
            answered ? ex.outcome : null,
            errorType,
            ex.counts(),
            recorded.seq(),
            recorded.hash()));
  }

  String mode() {
    return requests.policy().mode().id();
  }

  private static String outcome(Protector.Outcome o) {
    return switch (o) {
      case CLEAN -> "forwarded";
      case TRANSFORMED -> "transformed";
      case BLOCKED -> "blocked";
      case OBSERVED -> "observed";
    };
  }

  /** A header value echoed in an error is reduced to a token, so it cannot smuggle text. */
  private static String token(String value) {
    String t = value.length() > 20 ? value.substring(0, 20) : value;
    return PlainText.isPlain(t, "_.-", 20) ? t : "(invalid)";
  }

  /** Unique per exchange, not secret: it is printed in logs and headers. */
  static String newCorrelationId() {
    byte[] b = new byte[12];
    ThreadLocalRandom.current().nextBytes(b);
    return "wd-" + java.util.HexFormat.of().formatHex(b);
  }

  /** Mutable state of one exchange; confined to its virtual thread. */
  private static final class Exchange {
    final String id;
    final String route;
    final dev.warden.engine.dialect.Dialect dialect;
    String mode;
    final List<LedgerRecord.FindingEntry> findings = new ArrayList<>();

    /**
     * Facts of the current record beyond the findings: an escalation ticket, the shadow verdict.
     */
    final java.util.SortedMap<String, String> details = new java.util.TreeMap<>();

    /** The models the caller's profile may call. */
    ModelAllowlist models = ModelAllowlist.ANY;

    /** The shadow policy evaluated beside the one in force, if any. */
    @Nullable ShadowPolicy shadow;

    String phase = "request";
    String outcome = "pending";
    String requestOutcome = "";
    int findingsSeen;
    final java.util.SortedSet<String> typesSeen = new java.util.TreeSet<>();
    @Nullable String model;

    /** The request body exactly as received; null until read (or if never read). */
    byte @Nullable [] requestBody;

    /** Who the exchange is attributed to; anonymous until admitted. */
    dev.warden.api.Attribution who = dev.warden.api.Attribution.ANONYMOUS;

    /** The vault sessions of this exchange (bound to its scope); none until admitted. */
    VaultBinding.Sessions vault = VaultBinding.Sessions.NONE;

    /** Finding counts of both directions by (direction, type, action), in that order. */
    final java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();

    /** Findings in the path's model name, refused after admission. */
    List<Replacement> inPath = List.of();

    Exchange(String id, DialectRoute target, String route, String mode) {
      this.id = id;
      this.route = route;
      this.dialect = target.dialect();
      this.mode = mode;
    }

    void startResponse() {
      requestOutcome = outcome;
      phase = "response";
      outcome = "forwarded";
      findings.clear();
      details.clear();
    }

    void add(List<Replacement> replacements, String direction) {
      findingsSeen += replacements.size();
      replacements.forEach(r -> typesSeen.add(r.finding().type()));
      for (Replacement r : replacements) {
        // NUL never occurs in a direction, type or action id, so the joined key splits back.
        counts.merge(
            direction + '\0' + r.finding().type() + '\0' + r.decision().action().id(),
            1,
            Integer::sum);
        findings.add(
            new LedgerRecord.FindingEntry(
                r.finding().type(),
                r.finding().ruleId(),
                r.decision().action().id(),
                direction + r.path(),
                r.finding().span().length(),
                r.valueHash()));
      }
    }

    LedgerRecord record(String event, String outcome, int status, @Nullable String errorType) {
      return record(event, outcome, status, errorType, null);
    }

    /**
     * A record with {@code streamed}: the bytes of a streamed answer before its receipt (null for
     * anything else).
     */
    LedgerRecord record(
        String event,
        String outcome,
        int status,
        @Nullable String errorType,
        @Nullable Long streamed) {
      return new LedgerRecord(
              event,
              id,
              safeRoute(route),
              model,
              mode,
              outcome,
              status,
              errorType,
              findings,
              streamed,
              details)
          .withAttribution(who);
    }

    String types() {
      return String.join(",", typesSeen);
    }

    List<ReceiptStatement.FindingCount> counts() {
      List<ReceiptStatement.FindingCount> out = new ArrayList<>();
      counts.forEach((k, n) -> {
        String[] p = k.split("\0", 3);
        out.add(new ReceiptStatement.FindingCount(p[0], p[1], p[2], n));
      });
      return out;
    }

    static String safeRoute(String route) {
      return route.startsWith("/") && PlainText.isPlain(route, "._/:-", 200) ? route : "(invalid)";
    }
  }
}
