/** Streamed response inspection: SSE/NDJSON readers, per-channel hold-back, dialect framing. */
@NullMarked
package dev.warden.engine.stream;

import org.jspecify.annotations.NullMarked;
