package dev.warden.server.limit;

/** Thrown by {@link Limiter#enter()} when no in-flight slot is free. */
public final class LimitExceeded extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Limiter.Refused refused;

  public LimitExceeded(Limiter.Refused refused) {
    super(refused.message(), null, false, false);
    this.refused = refused;
  }

  public Limiter.Refused refused() {
    return refused;
  }
}
