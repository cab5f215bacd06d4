package dev.warden.server;

import dev.warden.engine.config.WardenConfig;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The forward stage: one POST (or GET) to one configured upstream. Sends only the headers Warden
 * chooses (the dialect's allowlist, see {@link dev.warden.engine.dialect.Dialect#forwardedHeaders})
 * — never the client's arbitrary headers, which could carry unscanned data — and asks for an
 * uncompressed answer so the response can be scanned.
 */
final class Upstream {
  /**
   * HTTP/1.1 only: the generic client negotiates the protocol per request, which cost more CPU than
   * the rest of the forward stage; upstream LLM APIs all speak HTTP/1.1.
   */
  private final Http1Client client;

  private final int maxBodyBytes;
  private final Duration timeout;
  private final String basePath;

  /** The upstream's own key ({@code auth.upstreamKey}), sent in place of the client's; or null. */
  private final @Nullable String ownKey;

  Upstream(WardenConfig.Upstream config, int maxBodyBytes) {
    this(config, maxBodyBytes, null);
  }

  Upstream(WardenConfig.Upstream config, int maxBodyBytes, @Nullable String ownKey) {
    this.ownKey = ownKey;
    this.maxBodyBytes = maxBodyBytes;
    this.timeout = Duration.ofMillis(config.timeoutMs());
    java.net.URI uri = java.net.URI.create(config.url());
    this.basePath = basePath(uri.getRawPath());
    this.client =
        Http1Client.builder()
            .baseUri(uri.getScheme() + "://" + uri.getRawAuthority())
            .followRedirects(false)
            // TCP_NODELAY: the request's head and body are separate writes, which Nagle would
            // hold for the upstream's delayed ACK.
            .socketOptions(s ->
                s.connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                    .readTimeout(timeout)
                    .tcpNoDelay(true))
            .build();
  }

  /** The key Warden sends this upstream in place of the client's, or null. */
  @Nullable String ownKey() {
    return ownKey;
  }

  /**
   * Response headers passed back to the client (SDKs use them for retries and support tickets),
   * when their value is a plain token; the rest of the upstream's headers are dropped.
   */
  static final List<HeaderName> RETURNED_RESPONSE_HEADERS = returnedHeaders();

  /** Every dialect's returned headers (rate limits, request ids), each once. */
  private static List<HeaderName> returnedHeaders() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    dev.warden.engine.dialect.Dialects.standard()
        .all()
        .forEach(d -> names.addAll(d.returnedHeaders()));
    return names.stream().map(HeaderNames::create).toList();
  }

  /** What {@link #open} got: a whole answer, or a stream still being received. */
  sealed interface Opened permits Answer, Live {}

  /** The upstream's answer, read in full (bounded). */
  record Answer(
      int status,
      @Nullable String contentType,
      @Nullable String contentEncoding,
      byte[] body,
      Map<HeaderName, String> returnedHeaders)
      implements Opened {}

  /**
   * A 2xx streamed answer whose headers have arrived and whose body is read incrementally from
   * {@link #body}. Each read waits at most the idle timeout given to {@link #open}. {@link #close}
   * cancels the call: an unfinished chunked body is never drained, the connection is closed, so the
   * upstream sees the cancellation at its next write. Safe to close from another thread (the total
   * deadline does so) and more than once.
   */
  static final class Live implements Opened, AutoCloseable {
    private final HttpClientResponse response;
    final int status;
    final @Nullable String contentType;
    final @Nullable String contentEncoding;
    final Map<HeaderName, String> returnedHeaders;
    final InputStream body;

    private Live(HttpClientResponse response, Map<HeaderName, String> returnedHeaders) {
      this.response = response;
      this.status = response.status().code();
      this.contentType = response.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
      this.contentEncoding = response.headers().first(HeaderNames.CONTENT_ENCODING).orElse(null);
      this.returnedHeaders = returnedHeaders;
      this.body = response.inputStream();
    }

    @Override
    public void close() {
      try {
        response.close();
      } catch (RuntimeException e) {
        // Closing a connection that already failed may fail again; it is closed either way.
      }
    }
  }

  /** A failure reaching the upstream, already mapped to the client-facing error. */
  static final class UpstreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ErrorBody error;

    UpstreamException(ErrorBody error, @Nullable Throwable cause) {
      super(error.message(), cause);
      this.error = error;
    }
  }

  /**
   * The path prefix every route is forwarded under: the upstream URL's own path ({@code
   * https://gw.example/openai} → {@code /openai/v1/chat/completions}), without a trailing {@code
   * /v1}, since routes carry it and SDK base URLs usually end with it.
   */
  static String basePath(@Nullable String rawPath) {
    String p = rawPath == null ? "" : rawPath;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.endsWith("/v1") ? p.substring(0, p.length() - 3) : p;
  }

  static boolean plainToken(String value) {
    return !value.isEmpty() && dev.warden.api.PlainText.isPlain(value, " ,:._-", 128);
  }

  Answer call(
      String method,
      String path,
      byte @Nullable [] body,
      @Nullable String authorization,
      Map<HeaderName, String> extraHeaders) {
    return call(method, path, Map.of(), body, authorization, extraHeaders);
  }

  /**
   * @param query query parameters to send, already checked against the dialect's allowlist
   */
  Answer call(
      String method,
      String path,
      Map<String, String> query,
      byte @Nullable [] body,
      @Nullable String authorization,
      Map<HeaderName, String> extraHeaders) {
    Http1ClientRequest req =
        client
            .method(io.helidon.http.Method.create(method))
            .path(basePath + path)
            .readTimeout(timeout)
            .header(HeaderNames.ACCEPT, "application/json")
            .header(HeaderNames.ACCEPT_ENCODING, "identity");
    query.forEach(req::queryParam);
    if (authorization != null) {
      req.header(HeaderNames.AUTHORIZATION, authorization);
    }
    extraHeaders.forEach((name, value) -> req.header(name, value));
    if (body != null) {
      req.header(HeaderNames.CONTENT_TYPE, "application/json");
    }
    Deadline deadline = Deadline.start(timeout);
    try (HttpClientResponse res = body == null ? req.request() : req.submit(body)) {
      byte[] bytes = readBounded(res.inputStream(), res.headers().contentLength().orElse(-1));
      Map<HeaderName, String> returned = returnedHeaders(res);
      return new Answer(
          res.status().code(),
          res.headers().first(HeaderNames.CONTENT_TYPE).orElse(null),
          res.headers().first(HeaderNames.CONTENT_ENCODING).orElse(null),
          bytes,
          returned);
    } catch (UpstreamException e) {
      throw deadline.expired() ? timeout(e) : e;
    } catch (RuntimeException e) {
      throw deadline.expired() ? timeout(e) : classify(e);
    } finally {
      deadline.finish();
    }
  }

  /**
   * Starts a call that asks for a streamed answer ({@code Accept: accept}). A 2xx answer framed as
   * a stream ({@link StreamFraming#of}) comes back {@link Live}, its body unread; anything else —
   * an error status, a JSON answer from an upstream that ignored {@code stream} — is read in full
   * and returned as an {@link Answer}, to be handled like any other answer. The answer's headers
   * must arrive within the upstream timeout; after that each read of a live body waits at most
   * {@code idleTimeout}.
   */
  Opened open(
      String method,
      String path,
      Map<String, String> query,
      byte @Nullable [] body,
      @Nullable String authorization,
      Map<HeaderName, String> extraHeaders,
      String accept,
      Duration idleTimeout) {
    Http1ClientRequest req =
        client
            .method(io.helidon.http.Method.create(method))
            .path(basePath + path)
            .readTimeout(idleTimeout)
            .header(HeaderNames.ACCEPT, accept)
            .header(HeaderNames.ACCEPT_ENCODING, "identity");
    query.forEach(req::queryParam);
    if (authorization != null) {
      req.header(HeaderNames.AUTHORIZATION, authorization);
    }
    extraHeaders.forEach((name, value) -> req.header(name, value));
    if (body != null) {
      req.header(HeaderNames.CONTENT_TYPE, "application/json");
    }
    Deadline deadline = Deadline.start(timeout);
    HttpClientResponse res = null;
    try {
      res = body == null ? req.request() : req.submit(body);
      Map<HeaderName, String> returned = returnedHeaders(res);
      boolean ok = res.status().code() / 100 == 2;
      if (ok
          && StreamFraming.of(res.headers().first(HeaderNames.CONTENT_TYPE).orElse(null)) != null) {
        Live live = new Live(res, returned);
        res = null;
        return live;
      }
      byte[] bytes = readBounded(res.inputStream(), res.headers().contentLength().orElse(-1));
      return new Answer(
          res.status().code(),
          res.headers().first(HeaderNames.CONTENT_TYPE).orElse(null),
          res.headers().first(HeaderNames.CONTENT_ENCODING).orElse(null),
          bytes,
          returned);
    } catch (UpstreamException e) {
      throw deadline.expired() ? timeout(e) : e;
    } catch (RuntimeException e) {
      throw deadline.expired() ? timeout(e) : classify(e);
    } finally {
      if (res != null) {
        res.close();
      }
      deadline.finish();
    }
  }

  private static Map<HeaderName, String> returnedHeaders(HttpClientResponse res) {
    Map<HeaderName, String> returned = new LinkedHashMap<>();
    for (HeaderName name : RETURNED_RESPONSE_HEADERS) {
      res.headers().first(name).filter(Upstream::plainToken).ifPresent(v -> returned.put(name, v));
    }
    return returned;
  }

  private static UpstreamException timeout(Throwable cause) {
    return new UpstreamException(
        new ErrorBody(504, "warden_upstream_timeout", "the upstream did not answer in time"),
        cause);
  }

  /**
   * A total deadline for one upstream call. The socket read timeout bounds each read, but an
   * upstream that drips a byte per second never trips it; at the deadline this interrupts the
   * calling virtual thread, which closes its blocked socket. The lock makes sure an interrupt that
   * arrives as the call ends is consumed here and never leaks into later work on the thread.
   */
  static final class Deadline {
    private static final java.util.concurrent.ScheduledExecutorService TIMER =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("warden-upstream-deadline").daemon(true).unstarted(r));

    private final java.util.concurrent.locks.ReentrantLock lock =
        new java.util.concurrent.locks.ReentrantLock();
    private final Thread caller = Thread.currentThread();
    private final java.util.concurrent.ScheduledFuture<?> alarm;
    private boolean done;
    private volatile boolean expired;

    private Deadline(Duration timeout) {
      this.alarm =
          TIMER.schedule(
              this::expire, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    static Deadline start(Duration timeout) {
      return new Deadline(timeout);
    }

    private void expire() {
      lock.lock();
      try {
        if (!done) {
          expired = true;
          caller.interrupt();
        }
      } finally {
        lock.unlock();
      }
    }

    boolean expired() {
      return expired;
    }

    void finish() {
      alarm.cancel(false);
      lock.lock();
      try {
        done = true;
      } finally {
        lock.unlock();
      }
      if (expired) {
        Thread.interrupted();
      }
    }
  }

  private byte[] readBounded(InputStream in, long declared) {
    try (in) {
      byte[] bytes = BoundedRead.read(in, declared, maxBodyBytes);
      if (bytes == null) {
        throw new UpstreamException(
            new ErrorBody(
                502,
                "warden_upstream_too_large",
                "the upstream response is larger than the limit of " + maxBodyBytes + " bytes"),
            null);
      }
      return bytes;
    } catch (IOException e) {
      throw classify(new UncheckedIOException(e));
    }
  }

  private static UpstreamException classify(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException
          || (t.getClass().getSimpleName().contains("Timeout"))) {
        return new UpstreamException(
            new ErrorBody(504, "warden_upstream_timeout", "the upstream did not answer in time"),
            e);
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return new UpstreamException(
            new ErrorBody(502, "warden_upstream_unreachable", "the upstream could not be reached"),
            e);
      }
    }
    return new UpstreamException(
        new ErrorBody(
            502,
            "warden_upstream_error",
            "the upstream call failed (" + e.getClass().getSimpleName() + ")"),
        e);
  }
}
