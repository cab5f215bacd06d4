package dev.warden.ledger;

/**
 * The ledger options the tests open ledgers with: {@link FileLedger.Options#defaults()} with the
 * group commit named by the system property {@code warden.ledger.groupCommit} ({@code THREADS} or
 * {@code LEADER}; unset: the default). The build runs the ledger suites once per value (the
 * surefire executions in this module's pom), so every test covers both implementations.
 */
public final class TestOptions {
  /** The system property that selects the implementation under test. */
  public static final String PROPERTY = "warden.ledger.groupCommit";

  private TestOptions() {}

  /** The group commit under test. */
  public static FileLedger.GroupCommit groupCommit() {
    String name = System.getProperty(PROPERTY);
    return name == null || name.isEmpty()
        ? FileLedger.Options.DEFAULT_GROUP_COMMIT
        : FileLedger.GroupCommit.valueOf(name);
  }

  /** The defaults, with the group commit under test. */
  public static FileLedger.Options defaults() {
    return FileLedger.Options.defaults().withGroupCommit(groupCommit());
  }
}
