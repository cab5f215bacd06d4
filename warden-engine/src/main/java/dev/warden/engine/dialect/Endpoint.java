package dev.warden.engine.dialect;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request path resolved to its dialect: the template it matched and the path to call upstream.
 * The upstream path is rebuilt from the template and checked parts, never copied from the client's
 * request line, so no encoding trick in it reaches the upstream.
 *
 * @param template the dialect path that matched, e.g. {@code
 *     /v1beta/models/{model}:generateContent}
 * @param path the path to forward, e.g. {@code /v1beta/models/gemini-2.0-flash:generateContent}
 * @param pathModel the model named in the path, or null when the path names none
 */
public record Endpoint(Dialect dialect, String template, String path, @Nullable String pathModel) {
  /** A fixed path of {@code dialect}. */
  public static Endpoint fixed(Dialect dialect, String path) {
    return new Endpoint(dialect, path, path, null);
  }

  /** The request's model (see {@link Dialect#model}). */
  public @Nullable String model(JsonNode body) {
    return dialect.model(body, this);
  }

  /** The request asks for a stream (see {@link Dialect#streamRequested}). */
  public boolean streamRequested(JsonNode body) {
    return dialect.streamRequested(body, this);
  }
}
