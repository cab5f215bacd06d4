package dev.warden.server;

import dev.warden.engine.Protector;
import dev.warden.engine.json.BodyException;
import dev.warden.engine.stream.StreamBlockedException;
import dev.warden.engine.stream.StreamFormatException;
import dev.warden.engine.stream.StreamInspector;
import dev.warden.engine.transform.Replacement;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * TEST ONLY: a minimal SSE inspector for exercising the proxy's streaming plumbing. It scans each
 * whole event's JSON with the response engine and releases it — no per-channel hold-back across
 * events (that is the stream engine's job), so it does not meet the {@link StreamInspector}
 * guarantee for values split across events.
 */
final class EventJsonInspector implements StreamInspector {
  private final Protector responses;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final List<Replacement> found = new ArrayList<>();

  EventJsonInspector(Protector responses) {
    this.responses = responses;
  }

  static StreamInspection over(Protector responses) {
    return (dialect, restorer) -> new EventJsonInspector(responses);
  }

  @Override
  public void accept(byte[] chunk, int offset, int length, Output out) {
    pending.write(chunk, offset, length);
    byte[] all = pending.toByteArray();
    int start = 0;
    for (int i = 0; i + 1 < all.length; i++) {
      if (all[i] == '\n' && all[i + 1] == '\n') {
        event(new String(all, start, i - start, StandardCharsets.UTF_8), out);
        start = i + 2;
        i++;
      }
    }
    pending.reset();
    pending.write(all, start, all.length - start);
  }

  private void event(String event, Output out) {
    StringBuilder released = new StringBuilder();
    for (String line : event.split("\n", -1)) {
      if (!line.startsWith("data: ")) {
        throw new StreamFormatException("test inspector: expected 'data: ' lines only");
      }
      String data = line.substring(6);
      if (data.equals("[DONE]")) {
        released.append("data: [DONE]\n");
        continue;
      }
      Protector.Result r;
      try {
        r = responses.protectJson(data.getBytes(StandardCharsets.UTF_8));
      } catch (BodyException e) {
        throw new StreamFormatException("test inspector: event data is not JSON");
      }
      found.addAll(r.replacements());
      if (r.outcome() == Protector.Outcome.BLOCKED) {
        throw new StreamBlockedException(
            r.blockedBy().orElseThrow(),
            ("data: {\"error\":{\"type\":\"warden_response_blocked\",\"message\":\"blocked\"}}\n\n"
                    + "event: warden-abort\ndata: {\"reason\":\"blocked\"}\n\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      released.append("data: ").append(new String(r.body(), StandardCharsets.UTF_8)).append('\n');
    }
    out.write(released.append('\n').toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void finish(Output out) {
    if (pending.size() > 0) {
      throw new StreamFormatException("test inspector: stream ended inside an event");
    }
  }

  @Override
  public List<Replacement> replacements() {
    return List.copyOf(found);
  }
}
