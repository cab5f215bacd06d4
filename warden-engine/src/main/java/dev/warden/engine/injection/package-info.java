/**
 * Prompt-injection detection: scored heuristics over the clauses of a string leaf.
 *
 * <p>{@link dev.warden.engine.injection.InjectionDetector} reports type {@code prompt_injection}.
 * Each {@link dev.warden.engine.injection.Signal} in {@link
 * dev.warden.engine.injection.InjectionSignals} is one phrasing of one intent (overriding
 * instructions, extracting the system prompt, reassigning the model's role, hiding actions from the
 * user, exfiltration or tool calls, spoofed chat delimiters) in one language, with its own
 * examples; a clause's score combines the signals it carries, discounted when the clause reports or
 * discusses an injection rather than performing one.
 */
@NullMarked
package dev.warden.engine.injection;

import org.jspecify.annotations.NullMarked;
