package dev.warden.engine.policy;

/** Whether decisions are applied or only recorded. */
public enum Mode {
  /** Apply every decision: transform, block. */
  ENFORCE("enforce"),
  /** Detect and record what would have happened; forward the body unchanged. */
  DRY_RUN("dry-run");

  private final String id;

  Mode(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
