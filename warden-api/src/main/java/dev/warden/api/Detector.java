package dev.warden.api;

import java.util.List;

/**
 * Finds sensitive values in one string leaf.
 *
 * <p>Contract: pure and thread-safe; performs no I/O; never throws on hostile input (work is
 * bounded by length caps and linear-time matching); returns findings whose spans lie within {@code
 * in.text()}, in any order, possibly overlapping (the engine resolves overlaps).
 */
@FunctionalInterface
public interface Detector {
  List<Finding> detect(ScanInput in);
}
