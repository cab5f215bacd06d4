package dev.warden.engine.json;

/**
 * A request or response body Warden refuses to process. {@link #type()} is the stable {@code
 * warden_*} error type sent to clients; the message explains the problem without quoting the body.
 */
public final class BodyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String type;

  public BodyException(String type, String message) {
    super(message);
    this.type = type;
  }

  public String type() {
    return type;
  }
}
