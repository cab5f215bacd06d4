package dev.warden.api;

import org.jspecify.annotations.Nullable;

/**
 * Who an exchange is attributed to, as written on every ledger record: the authenticated {@link
 * Identity}, the owner it asserted (only identities allowed to assert owners may; the assertion is
 * then recorded as made by {@code identity}), and the profile whose policy and limits applied.
 *
 * @param identity the authenticated caller ({@link Identity#ANONYMOUS} when authentication is off)
 * @param agentId the agent the caller acts as, asserted by {@code identity}; {@code null} when none
 * @param onBehalfOf the end user the caller acts for, asserted by {@code identity}; {@code null}
 *     when none
 * @param profile the name of the profile that applied, or {@code null} for the default policy
 */
public record Attribution(
    Identity identity,
    @Nullable String agentId,
    @Nullable String onBehalfOf,
    @Nullable String profile) {

  /** No authentication, no owner, the default profile. */
  public static final Attribution ANONYMOUS = new Attribution(Identity.ANONYMOUS, null, null, null);

  /** Attribution to {@code identity} alone. */
  public static Attribution of(Identity identity) {
    return new Attribution(identity, null, null, null);
  }

  /** Whether this attribution carries an owner asserted by {@link #identity()}. */
  public boolean asserted() {
    return agentId != null || onBehalfOf != null;
  }

  /** This attribution with the profile that applied. */
  public Attribution withProfile(@Nullable String name) {
    return new Attribution(identity, agentId, onBehalfOf, name);
  }
}
