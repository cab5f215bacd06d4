package dev.warden.api;

/**
 * The action chosen for one finding and the reason, e.g. {@code "policy.types.email"}.
 *
 * @param reason names the configuration that produced the action; never contains the value
 */
public record Decision(Action action, String reason) {}
