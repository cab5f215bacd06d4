package dev.warden.engine.stream;

import dev.warden.engine.transform.Replacement;

/**
 * A streamed response contained a value policy blocks. Carries the bytes to send instead: the
 * dialect's own error event followed by Warden's abort marker. Never carries the value.
 */
public final class StreamBlockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Replacement blockedBy;
  private final byte[] terminalEvents;

  public StreamBlockedException(Replacement blockedBy, byte[] terminalEvents) {
    super(
        "streamed response blocked: type "
            + blockedBy.finding().type()
            + " (rule "
            + blockedBy.finding().ruleId()
            + ")",
        null,
        false,
        false);
    this.blockedBy = blockedBy;
    this.terminalEvents = terminalEvents.clone();
  }

  public Replacement blockedBy() {
    return blockedBy;
  }

  /** The dialect's error event and Warden's abort marker, framed for the client. */
  public byte[] terminalEvents() {
    return terminalEvents.clone();
  }
}
