package dev.warden.server;

import dev.warden.api.Ledger;
import dev.warden.engine.Protector;
import dev.warden.engine.config.WardenConfig;
import dev.warden.engine.dialect.Dialect;
import dev.warden.engine.dialect.Dialects;
import dev.warden.engine.dialect.Endpoint;
import dev.warden.ledger.receipt.ReceiptSigner;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP proxy host: routes, limits and lifecycle around {@link ExchangeHandler}. Protected
 * routes come from the dialect registry ({@link Dialects}): each dialect's paths are served when a
 * configured upstream lists the dialect (the default {@code upstream} serves the OpenAI-compatible
 * ones), plus configured pass-through paths (scanned the same way). A dialect path no upstream
 * serves, and every other path, is a JSON 404.
 *
 * <p>{@link #stop()} stops accepting, lets in-flight exchanges finish within the configured drain
 * period, then closes the ledger.
 */
public final class WardenServer implements AutoCloseable {
  private static final Dialects DIALECTS = Dialects.standard();
  private static final Logger LOG = LoggerFactory.getLogger(WardenServer.class);

  /** At most one protocol-error ledger record and log line per this interval. */
  static final Duration PROTOCOL_REPORT_INTERVAL = Duration.ofSeconds(60);

  private final WebServer server;
  private final Ledger ledger;
  private final Health health = new Health();
  private final @Nullable ReceiptSigner receipts;
  private final VaultBinding vaults;
  private final Admission admission;
  private final LimitGate limits;
  private final ProtocolErrors protocolErrors;

  /** Runs the header deadlines and the protocol-error reports; one daemon thread. */
  private final ScheduledThreadPoolExecutor timer;

  /**
   * The handler of the policy in force; each exchange reads it once, so one request never sees two
   * policies. {@link #swap} replaces it whole.
   */
  private final AtomicReference<ExchangeHandler> exchange;

  private volatile String mode;
  private volatile boolean stopped;

  private WardenServer(
      WardenConfig config,
      Protector requests,
      Protector responses,
      Ledger ledger,
      @Nullable ReceiptSigner receipts,
      @Nullable StreamInspection streams,
      VaultBinding vaults,
      Admission admission,
      ProfileEngines profiles) {
    this.ledger = ledger;
    this.admission = admission;
    this.limits = new LimitGate(dev.warden.server.limit.Limiter.open(config.access().limits()));
    this.mode = requests.policy().mode().id();
    WardenConfig.Server s = config.server();
    this.timer =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("warden-connection-timer").daemon().factory());
    timer.setRemoveOnCancelPolicy(true);
    this.protocolErrors = new ProtocolErrors(ledger, health, () -> mode);
    protocolErrors.reportEvery(PROTOCOL_REPORT_INTERVAL.toMillis(), timer);
    HeaderDeadline headerDeadline = new HeaderDeadline(timer, s.headerReadTimeoutMs());
    this.receipts = receipts;
    this.vaults = vaults;
    this.exchange =
        new AtomicReference<>(
            new ExchangeHandler(
                config, requests, responses, ledger, health, receipts, streams, vaults, admission,
                limits, profiles));
    HttpRouting.Builder routing = HttpRouting.builder();
    routing.addFilter(WardenServer::closeWhenAsked);
    routing.get("/live", (req, res) -> json(res, 200, "{\"status\":\"live\"}"));
    routing.get(
        "/ready",
        (req, res) ->
            json(
                res,
                health.ready() ? 200 : 503,
                "{\"status\":\""
                    + (health.ready() ? "ready" : "not_ready")
                    + "\",\"reason\":\""
                    + health.reason()
                    + "\"}"));
    Map<String, Upstream> clients = new LinkedHashMap<>();
    // With authentication on, the client's credential is Warden's: never forwarded.
    boolean authenticated = config.access().auth().enabled();
    @Nullable String upstreamKey = Authentication.upstreamKey(config.access().auth());
    Map<Dialect, Upstreamed> served = new LinkedHashMap<>();
    for (Dialect d : DIALECTS.all()) {
      config
          .upstreamFor(d.id())
          .ifPresent(e -> {
            WardenConfig.Upstream u = e.getValue();
            Upstream client =
                clients.computeIfAbsent(
                    e.getKey(), k -> new Upstream(u, s.maxBodyBytes(), upstreamKey));
            served.put(d, new Upstreamed(client, u.forwardAuthorization() && !authenticated));
          });
    }
    for (Dialect d : DIALECTS.all()) {
      for (String path : d.paths()) {
        if (path.contains("{")) {
          continue; // templated: matched below, by the registry
        }
        Upstreamed up = served.get(d);
        if (up == null) {
          routing.any(path, (req, res) -> error(res, unserved(d), d));
          continue;
        }
        DialectRoute route = new DialectRoute(Endpoint.fixed(d, path), up.client(), up.forward());
        routing.post(path, (req, res) -> exchange.get().handle(req, res, route));
        routing.any(
            path,
            (req, res) ->
                error(
                    res,
                    new ErrorBody(405, "warden_method_not_allowed", "use POST on " + path),
                    d));
      }
    }
    if (config.upstream().configured()) {
      Upstream defaultClient =
          clients.computeIfAbsent(
              WardenConfig.DEFAULT_UPSTREAM,
              k -> new Upstream(config.upstream(), s.maxBodyBytes(), upstreamKey));
      // Pass-through paths speak no particular dialect: OpenAI's error shape, nothing binary.
      Dialect generic = DIALECTS.byId(Dialects.OPENAI_COMPLETIONS).orElseThrow();
      for (String path : config.upstream().passThrough()) {
        DialectRoute route =
            new DialectRoute(
                Endpoint.fixed(generic, path),
                defaultClient,
                config.upstream().forwardAuthorization() && !authenticated);
        routing.get(path, (req, res) -> exchange.get().handle(req, res, route));
        routing.post(path, (req, res) -> exchange.get().handle(req, res, route));
      }
    }
    routing.any((req, res) -> templated(req, res, exchange, served));
    io.helidon.webserver.WebServerConfig.Builder listener =
        WebServer.builder()
            .host(s.host())
            .port(s.port())
            .shutdownHook(false)
            .shutdownGracePeriod(Duration.ofSeconds(s.drainSeconds()))
            // Warden enforces its own limit with a JSON error; the listener's is a backstop.
            .maxPayloadSize(s.maxBodyBytes() * 2L)
            // Streamed events are small writes: without TCP_NODELAY, Nagle holds each one until
            // the client's delayed ACK (40 ms on Linux) for the previous one arrives.
            .connectionOptions(o -> o.tcpNoDelay(true))
            // A connection with no request in progress is closed after idleTimeoutMs (Helidon
            // interrupts its wait for a request line); the check runs several times per timeout.
            .idleConnectionTimeout(Duration.ofMillis(s.idleTimeoutMs()))
            .idleConnectionPeriod(
                Duration.ofMillis(Math.clamp(s.idleTimeoutMs() / 4L, 250L, 15_000L)))
            .maxTcpConnections(s.maxConnections())
            // HTTP/1.1 only, configured here: a discovered second protocol would make Helidon read
            // a connection's first bytes before creating it, so the idle check could not see a
            // client that never sends anything.
            .protocolsDiscoverServices(false)
            .addProtocol(Http1Config.builder().addReceiveListener(headerDeadline).build())
            .routing(routing)
            .directHandlers(d -> {
              for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                d.addHandler(type, this::protocolError);
              }
            });
    Authentication.listenerTls(config.access().auth()).ifPresent(listener::tls);
    this.server = listener.build();
  }

  /**
   * Builds and starts the server. {@link Gateway} is the one place that assembles its parts.
   *
   * @param requests the engine for request bodies
   * @param responses the engine for upstream responses (may be the same instance)
   * @param receipts makes the {@code Warden-Receipt} of every proxied response (null: none)
   * @param streams inspects {@code stream: true} answers (null: such requests are refused, 400)
   * @param vaults the token vault bound to the exchanges
   * @param admission decides who each exchange is from
   * @param profiles the profiles' engines and the shadow policy of {@code config}
   */
  static WardenServer start(
      WardenConfig config,
      Protector requests,
      Protector responses,
      Ledger ledger,
      @Nullable ReceiptSigner receipts,
      @Nullable StreamInspection streams,
      VaultBinding vaults,
      Admission admission,
      ProfileEngines profiles) {
    if (!config.hasUpstream()) {
      throw new IllegalArgumentException(
          "upstream.url is not set; pass --upstream URL or set upstream.url (or upstreams) in"
              + " warden.yaml");
    }
    WardenServer ws =
        new WardenServer(
            config, requests, responses, ledger, receipts, streams, vaults, admission, profiles);
    ws.server.start();
    return ws;
  }

  public int port() {
    return server.port();
  }

  Ledger ledger() {
    return ledger;
  }

  /** HTTP-level failures counted since start (each one's report is rate-bounded). */
  ProtocolErrors protocolErrors() {
    return protocolErrors;
  }

  /**
   * Puts a new policy in force for exchanges that start from now on; exchanges in flight finish
   * under the one they started with. Only the live parts of {@code config} (policy, detection,
   * responses) may differ from the running configuration; the caller ({@link PolicyReloader}) keeps
   * the rest as started.
   */
  void swap(
      WardenConfig config,
      Protector requests,
      Protector answers,
      @Nullable StreamInspection streams,
      ProfileEngines profiles) {
    mode = requests.policy().mode().id();
    exchange.set(
        new ExchangeHandler(
            config, requests, answers, ledger, health, receipts, streams, vaults, admission, limits,
            profiles));
  }

  /** Drains in-flight exchanges, then closes the ledger. Idempotent. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    health.draining();
    server.stop();
    timer.shutdownNow();
    protocolErrors.endInterval();
    ledger.close();
    limits.close();
    LOG.info("stopped");
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Errors Helidon raises before routing (bad framing such as Content-Length with
   * Transfer-Encoding, an undecodable Content-Encoding, oversized headers, a connection that ended
   * mid-headers): answered in Warden's JSON shape, counted, and reported at a bounded rate ({@link
   * ProtocolErrors}). Helidon's own message is not echoed; it may quote the request.
   */
  private DirectHandler.TransportResponse protocolError(
      DirectHandler.TransportRequest request,
      DirectHandler.EventType event,
      Status status,
      io.helidon.http.ServerResponseHeaders headers,
      String message) {
    ErrorBody err =
        switch (event) {
          case PAYLOAD_TOO_LARGE ->
              new ErrorBody(
                  413, "warden_too_large", "the request is larger than the server accepts");
          case HTTP_VERSION_NOT_SUPPORTED ->
              new ErrorBody(505, "warden_bad_request", "only HTTP/1.1 is accepted");
          case INTERNAL_ERROR, OTHER ->
              new ErrorBody(
                  status.code() >= 400 ? status.code() : 500,
                  "warden_bad_request",
                  "the request could not be processed at the HTTP level");
          default ->
              new ErrorBody(
                  status.code() >= 400 && status.code() < 500 ? status.code() : 400,
                  "warden_bad_request",
                  "the request is malformed at the HTTP level (framing or encoding headers); nothing was forwarded");
        };
    protocolErrors.count(event, err);
    return DirectHandler.TransportResponse.builder()
        .status(Status.create(err.status()))
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .entity(err.json())
        .keepAlive(false)
        .build();
  }

  /**
   * Closes the connection after an answer to a request that said {@code Connection: close}. Helidon
   * 4.5 answers such a request with {@code Connection: close} but then keeps reading the
   * connection, and skips draining a body the handler did not read (a refusal before the body): the
   * unread body would be parsed as the next request, a smuggled one (helidon-io/helidon#12324).
   */
  private static void closeWhenAsked(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    chain.proceed();
    if (res.isSent() && ConnectionOptions.close(req.headers())) {
      throw new CloseConnectionException("the client asked for Connection: close");
    }
  }

  private static void json(ServerResponse res, int status, String body) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(body.getBytes(StandardCharsets.UTF_8));
  }

  private static void error(ServerResponse res, ErrorBody err) {
    res.status(Status.create(err.status()));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(err.json());
  }

  private static void error(ServerResponse res, ErrorBody err, Dialect dialect) {
    res.status(Status.create(err.status()));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(err.json(dialect));
  }

  /** The client and credential switch of the upstream serving a dialect. */
  private record Upstreamed(Upstream client, boolean forward) {}

  private static ErrorBody unserved(Dialect d) {
    return new ErrorBody(
        404,
        "warden_not_found",
        "no upstream serves the "
            + d.id()
            + " dialect; list it under upstreams.<name>.dialects in warden.yaml");
  }

  /**
   * Paths with a model in them ({@code /v1beta/models/{model}:generateContent}) and everything
   * else: the registry matches the raw path (an escaped character never matches a model name).
   */
  private static void templated(
      ServerRequest req,
      ServerResponse res,
      AtomicReference<ExchangeHandler> exchange,
      Map<Dialect, Upstreamed> served) {
    Endpoint endpoint = DIALECTS.match(req.path().rawPath()).orElse(null);
    if (endpoint == null) {
      error(
          res,
          new ErrorBody(
              404,
              "warden_not_found",
              "this path is not a protected route; configure upstream.passThrough to forward it"));
      return;
    }
    Dialect d = endpoint.dialect();
    Upstreamed up = served.get(d);
    if (up == null) {
      error(res, unserved(d), d);
    } else if (!req.prologue().method().text().equals("POST")) {
      error(
          res,
          new ErrorBody(405, "warden_method_not_allowed", "use POST on " + endpoint.template()),
          d);
    } else {
      exchange.get().handle(req, res, new DialectRoute(endpoint, up.client(), up.forward()));
    }
  }
}
