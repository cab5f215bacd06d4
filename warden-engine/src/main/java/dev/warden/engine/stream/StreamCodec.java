package dev.warden.engine.stream;

/**
 * One dialect's stream framing: where its text channels are in each event and how it reports an
 * error mid-stream. Codecs are stateless apart from what they keep in the {@link Session}; one
 * {@link Session} serves one stream.
 */
interface StreamCodec {
  /** The dialect id ({@code openai-chat}, …). */
  String dialect();

  /** NDJSON (one JSON value per line) rather than server-sent events. */
  boolean ndjson();

  /** Whether some event repeats a channel's full text, so channels must remember what they sent. */
  default boolean repeatsTotals() {
    return false;
  }

  /**
   * Inspects one event and writes, through {@code session}, the events that replace it.
   *
   * @throws StreamFormatException when the event is not what the dialect sends
   */
  void event(SseEvent event, Session session);

  /**
   * The dialect's own error event, framed ({@code data: …\n\n} or an NDJSON line), carrying {@code
   * message} (written by Warden, never quoting the stream).
   */
  String errorEvent(String message, Session session);
}
