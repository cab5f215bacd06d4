/**
 * Curated detection rules and the keyword-gated detector that runs them.
 *
 * <p>A {@link dev.warden.engine.detect.Rule} describes how one kind of value is found (keywords or
 * a digit shape that gate it, a regex, a validator, context words, placeholder allowlisting) and
 * carries its own true- and false-positive examples. {@link
 * dev.warden.engine.detect.RuleCatalog#builtin()} lists the shipped rules and {@link
 * dev.warden.engine.detect.RuleDetector} runs a list of rules over one string leaf.
 */
@NullMarked
package dev.warden.engine.detect;

import org.jspecify.annotations.NullMarked;
