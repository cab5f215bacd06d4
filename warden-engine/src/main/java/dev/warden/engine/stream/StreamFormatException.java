package dev.warden.engine.stream;

/** The upstream's stream is not valid framing for its dialect; the host fails closed. */
public final class StreamFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StreamFormatException(String message) {
    super(message, null, false, false);
  }
}
