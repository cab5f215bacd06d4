package dev.warden.engine.stream;

import dev.warden.engine.transform.Replacement;
import java.util.List;

/**
 * Inspects one streamed upstream response (SSE or NDJSON) on the fly, in a dialect's framing. Bytes
 * go in as the upstream sends them, in chunks of any size and split anywhere; protected bytes come
 * out in the same framing. Per channel (text delta, each tool call's arguments) a hold-back window
 * at least as long as the longest rule span (and the longest vault token) keeps a value that is
 * split across chunks from reaching the client before it has been scanned whole.
 *
 * <p>Contract: no byte of upstream text is ever written to {@link Output} unscanned; {@link
 * #finish} releases what is held back. A block decision throws {@link StreamBlockedException}
 * carrying the dialect's own error event; after it, the host writes that event, ends the stream and
 * cancels the upstream. Malformed framing throws {@link StreamFormatException} (the host fails
 * closed). Not thread-safe: one instance per stream, used by one thread.
 */
public interface StreamInspector {
  /** Where protected bytes go; the host flushes them to the client after each call. */
  @FunctionalInterface
  interface Output {
    void write(byte[] bytes);
  }

  /** Consumes the next bytes from the upstream and writes whatever may be released. */
  void accept(byte[] chunk, int offset, int length, Output out);

  /** The upstream ended normally: scans and releases everything held back. */
  void finish(Output out);

  /** Every finding acted on so far, in stream order (for the ledger and the receipt). */
  List<Replacement> replacements();
}
