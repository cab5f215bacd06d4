package dev.warden.engine.stream;

import org.jspecify.annotations.Nullable;

/**
 * One dispatched server-sent event, or one NDJSON line (then {@code type} and {@code id} are null).
 *
 * @param type the {@code event:} field; null when absent (the client treats it as {@code message})
 * @param data the {@code data:} lines joined with {@code \n}
 * @param id the {@code id:} field when the event set one
 * @param retry the {@code retry:} field as sent (digits only), when the event set one
 */
record SseEvent(@Nullable String type, String data, @Nullable String id, @Nullable String retry) {
  static SseEvent line(String data) {
    return new SseEvent(null, data, null, null);
  }

  SseEvent withData(String newData) {
    return new SseEvent(type, newData, id, retry);
  }
}
