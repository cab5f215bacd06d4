package dev.warden.engine.policy;

import dev.warden.api.Action;
import dev.warden.api.Detector;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The one stage that drops findings before any decision: findings below their type's {@linkplain
 * Policy#minConfidence(String) minimum confidence}, and findings an {@link Allowlist} covers —
 * except findings of {@linkplain Policy#isHardBlock hard-block types}, which an allowlist never
 * suppresses, whatever it says.
 *
 * <p>{@link dev.warden.engine.DetectorStack#forConfig} wraps the configured detectors in it, so
 * every host (proxy, {@code warden scan}, {@code warden bench detection}) filters the same way.
 * Pure and thread-safe.
 */
public final class FindingFilter {
  private final Policy policy;
  private final Allowlist allowlist;

  public FindingFilter(Policy policy, Allowlist allowlist) {
    this.policy = policy;
    this.allowlist = allowlist;
  }

  /** The findings of {@code in} that survive, in their original order. */
  public List<Finding> apply(ScanInput in, List<Finding> findings) {
    if (findings.isEmpty()) {
      return findings;
    }
    List<Finding> kept = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (f.confidence() < policy.minConfidence(f.type())) {
        continue;
      }
      if (!allowlist.isEmpty()
          && !policy.isHardBlock(f.type())
          && allowlist.allows(
              f.type(), in.text().substring(f.span().start(), f.span().end()), in.path())) {
        continue;
      }
      kept.add(f);
    }
    kept = withoutFragments(in.text(), kept);
    List<Finding> typed = VendorSection.retyped(in, kept, policy);
    return typed == kept && kept.size() == findings.size() ? findings : List.copyOf(typed);
  }

  /**
   * {@code found} without the values that lie strictly inside another kept value of another type:
   * the digits {@code 0417 1643 00} of an IBAN are not also a German phone number, the {@code
   * 4155550172} in {@code john.4155550172@mail.com} not a phone. Runs after the allowlist, so a
   * value inside an allowlisted one is still reported; drops a hard-block type only from inside a
   * URL that is itself a secret the policy rewrites (the snowflake id in a Discord webhook URL is
   * the webhook's, and goes with it), so a card number dressed as an e-mail's local part is still
   * blocked; a prompt-injection finding, which spans whole clauses, contains nothing in this sense.
   * Equal spans stay (a number that is both a My Number and an Aadhaar number is reported as both).
   * Linear after the sort.
   */
  private List<Finding> withoutFragments(String text, List<Finding> found) {
    if (found.size() < 2) {
      return found;
    }
    List<Finding> sorted = new ArrayList<>(found);
    sorted.sort(
        Comparator.comparingInt((Finding f) -> f.span().start())
            .thenComparing(Comparator.comparingInt((Finding f) -> f.span().end()).reversed()));
    Set<Finding> fragments = Collections.newSetFromMap(new IdentityHashMap<>());
    int furthestEnd = -1;
    int startOfFurthest = -1;
    String typeOfFurthest = "";
    boolean furthestIsRewrittenUrl = false;
    for (Finding f : sorted) {
      if (f.type().equals(PROMPT_INJECTION)) {
        continue;
      }
      Span span = f.span();
      boolean inside =
          furthestEnd > span.end() || (furthestEnd == span.end() && startOfFurthest < span.start());
      if (inside
          && !f.type().equals(typeOfFurthest)
          && (!policy.isHardBlock(f.type()) || furthestIsRewrittenUrl)) {
        fragments.add(f);
      }
      if (span.end() > furthestEnd) {
        furthestEnd = span.end();
        startOfFurthest = span.start();
        typeOfFurthest = f.type();
        furthestIsRewrittenUrl =
            policy.mode() == Mode.ENFORCE
                && rewritesWhole(policy.action(f.type()))
                && text.startsWith("://", indexOfScheme(text, span));
      }
    }
    if (fragments.isEmpty()) {
      return found;
    }
    List<Finding> out = new ArrayList<>(found.size());
    for (Finding f : found) {
      if (!fragments.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Actions that take the whole value out of what is sent on (not allow, mask or escalate). */
  private static boolean rewritesWhole(Action action) {
    return action instanceof Action.Redact
        || action instanceof Action.Hash
        || action instanceof Action.Tokenize
        || action instanceof Action.Encrypt
        || action instanceof Action.Block;
  }

  /** Where {@code ://} stands in the first 12 characters of {@code span}, or -1. */
  private static int indexOfScheme(String text, Span span) {
    int limit = Math.min(span.end() - 3, span.start() + 12);
    for (int at = span.start(); at <= limit; at++) {
      if (text.startsWith("://", at)) {
        return at;
      }
    }
    return -1;
  }

  /** The prompt-injection type ({@code InjectionDetector.TYPE}): clause-wide, never a container. */
  private static final String PROMPT_INJECTION = "prompt_injection";

  /** {@code detector} followed by this filter. */
  public Detector around(Detector detector) {
    return in -> apply(in, detector.detect(in));
  }
}
