/**
 * Evasion resistance: text normalization and bounded decode-and-rescan (DESIGN §5.1, §5.4).
 *
 * <p>A {@link dev.warden.engine.normalize.MappedText} is a text derived from a leaf (normalized,
 * re-joined, decoded) together with a map from each of its characters back to the characters of the
 * leaf they came from, so a finding in the derived text addresses the original text. {@link
 * dev.warden.engine.normalize.EvasionDetector} wraps a detector, runs it on the leaf and, only when
 * an evasion could be present, on the derived texts, and maps what they yield back.
 */
@NullMarked
package dev.warden.engine.normalize;

import org.jspecify.annotations.NullMarked;
