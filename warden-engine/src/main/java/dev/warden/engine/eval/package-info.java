/** Measuring detectors against a labelled corpus: precision, recall, false-positive rate. */
@NullMarked
package dev.warden.engine.eval;

import org.jspecify.annotations.NullMarked;
