package dev.warden.server;

import dev.warden.engine.stream.StreamBlockedException;
import dev.warden.engine.stream.StreamFormatException;
import dev.warden.engine.stream.StreamInspector;
import dev.warden.engine.transform.Replacement;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Pumps one live upstream stream through its {@link StreamInspector} to the client, on the
 * exchange's virtual thread: read a buffer from the upstream, hand it to the inspector, write and
 * flush whatever the inspector releases, repeat. Only inspector output reaches the client; a
 * failure of any kind ends the stream with an error event, never with raw upstream bytes.
 *
 * <p>Backpressure: every write to the client blocks until the socket takes it, and the next
 * upstream read happens only after that, so a slow client slows the upstream through TCP instead of
 * growing a queue. Per stream Warden holds one {@link #READ_BUFFER}-byte read buffer, what the
 * inspector holds back, and the web server's fixed write buffer.
 *
 * <p>Time limits: each upstream read waits at most the idle timeout (the upstream call's read
 * timeout); the whole stream is bounded by a {@link StreamDeadline}.
 */
final class StreamRelay {
  static final int READ_BUFFER = 8192;

  private StreamRelay() {}

  /**
   * How the stream ended.
   *
   * @param outcome as in the ledger: {@code forwarded}, {@code transformed}, {@code observed},
   *     {@code blocked} or {@code failed}
   * @param errorType the {@code warden_*} type of an error that ended the stream, or null
   * @param bytes bytes written to the client
   * @param sha256 SHA-256 of exactly those bytes
   * @param clientGone the client closed its connection; nothing more can be sent
   */
  record Result(
      String outcome,
      @Nullable String errorType,
      long bytes,
      byte[] sha256,
      List<Replacement> replacements,
      boolean clientGone) {}

  /** The client connection failed on write. */
  private static final class ClientGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientGone(Throwable cause) {
      super("client connection closed", cause, false, false);
    }
  }

  /** Counts, hashes and flushes every byte sent to the client. */
  private static final class Sink implements StreamInspector.Output {
    private final OutputStream client;
    private final MessageDigest digest = sha256();
    long bytes;

    Sink(OutputStream client) {
      this.client = client;
    }

    @Override
    public void write(byte[] b) {
      if (b.length == 0) {
        return;
      }
      try {
        client.write(b);
        client.flush();
      } catch (IOException | UncheckedIOException e) {
        throw new ClientGone(e);
      } catch (RuntimeException e) {
        // Helidon reports a closed connection with its own unchecked types.
        throw new ClientGone(e);
      }
      digest.update(b);
      bytes += b.length;
    }
  }

  /**
   * Relays until the upstream ends, the inspector blocks, or a failure ends the stream; never
   * throws. The caller still owns {@code upstream} and closes it (cancelling the call) afterwards.
   *
   * @param enforce whether findings change the answer (enforce) or are only observed (dry-run)
   */
  static Result relay(
      Upstream.Live upstream,
      StreamInspector inspector,
      OutputStream client,
      java.util.function.Function<ErrorBody, byte[]> errorEvent,
      StreamDeadline deadline,
      boolean enforce) {
    Sink sink = new Sink(client);
    String outcome;
    String errorType = null;
    boolean gone = false;
    @Nullable Replacement blockedBy = null;
    try {
      byte[] buf = new byte[READ_BUFFER];
      while (true) {
        int n;
        try {
          n = upstream.body.read(buf);
        } catch (IOException | RuntimeException e) {
          ErrorBody err = readFailure(e, deadline.expired());
          boolean sent = tryWrite(sink, errorEvent.apply(err));
          deadline.close();
          return result("failed", err.type(), sink, inspector, !sent);
        }
        if (n < 0) {
          break;
        }
        inspector.accept(buf, 0, n, sink);
      }
      inspector.finish(sink);
      outcome = outcome(inspector.replacements(), enforce);
    } catch (StreamBlockedException e) {
      outcome = "blocked";
      errorType = "warden_response_blocked";
      blockedBy = e.blockedBy();
      gone = !tryWrite(sink, e.terminalEvents());
    } catch (StreamFormatException e) {
      outcome = "failed";
      errorType = "warden_upstream_invalid";
      gone =
          !tryWrite(
              sink,
              errorEvent.apply(
                  new ErrorBody(
                      502,
                      errorType,
                      "the upstream stream is not valid framing for its dialect; the rest of it was not passed on")));
    } catch (ClientGone e) {
      outcome = "failed";
      // Past the deadline, a write fails because the deadline interrupted a client that stopped
      // reading: record why the stream was cut, not that the client left.
      errorType = deadline.expired() ? "warden_stream_deadline" : "warden_client_closed";
      gone = true;
    } catch (dev.warden.vault.VaultException e) {
      // tokenize/encrypt in the stream could not reach the vault: fail closed.
      outcome = "failed";
      errorType = "warden_vault_unavailable";
      gone =
          !tryWrite(
              sink,
              errorEvent.apply(
                  new ErrorBody(
                      503,
                      errorType,
                      "the token vault cannot be used; the rest of the stream was not passed on."
                          + " Check the vault store and keys under the data directory")));
    } catch (RuntimeException e) {
      // An inspector or restorer failure: fail closed, tell the client without detail.
      outcome = "failed";
      errorType = "warden_internal_error";
      gone =
          !tryWrite(
              sink,
              errorEvent.apply(
                  new ErrorBody(
                      500,
                      errorType,
                      "Warden could not inspect the rest of the stream; it was not passed on")));
    }
    // The stream is over: no interrupt may come any more, and one the deadline already sent is
    // consumed now, before the caller appends to the ledger (an interrupted append fails).
    deadline.close();
    Result r = result(outcome, errorType, sink, inspector, gone);
    if (blockedBy != null && !r.replacements().contains(blockedBy)) {
      // The finding that ended the stream is recorded like any other.
      List<Replacement> all = new java.util.ArrayList<>(r.replacements());
      all.add(blockedBy);
      r = new Result(r.outcome(), r.errorType(), r.bytes(), r.sha256(), all, r.clientGone());
    }
    return r;
  }

  private static Result result(
      String outcome,
      @Nullable String errorType,
      Sink sink,
      StreamInspector inspector,
      boolean gone) {
    List<Replacement> found;
    try {
      found = inspector.replacements();
    } catch (RuntimeException e) {
      found = List.of();
    }
    return new Result(outcome, errorType, sink.bytes, sink.digest.digest(), found, gone);
  }

  private static boolean tryWrite(Sink sink, byte[] bytes) {
    try {
      sink.write(bytes);
      return true;
    } catch (ClientGone e) {
      return false;
    }
  }

  private static ErrorBody readFailure(Throwable e, boolean deadlineExpired) {
    if (deadlineExpired) {
      return new ErrorBody(
          504,
          "warden_stream_deadline",
          "the stream ran longer than responses.streamMaxDurationMs allows; it was ended");
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return new ErrorBody(
            504,
            "warden_upstream_timeout",
            "the upstream sent nothing for longer than responses.streamIdleTimeoutMs; the stream was ended");
      }
    }
    return new ErrorBody(
        502,
        "warden_upstream_error",
        "the upstream connection failed mid-stream (" + e.getClass().getSimpleName() + ")");
  }

  private static String outcome(List<Replacement> found, boolean enforce) {
    boolean acted =
        found.stream()
            .anyMatch(r -> !(r.decision().action() instanceof dev.warden.api.Action.Allow));
    if (!acted) {
      return "forwarded";
    }
    return enforce ? "transformed" : "observed";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
