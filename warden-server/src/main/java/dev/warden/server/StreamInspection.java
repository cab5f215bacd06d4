package dev.warden.server;

import dev.warden.api.Restorer;
import dev.warden.api.VaultSession;
import dev.warden.engine.stream.StreamInspector;

/**
 * Where the proxy gets the inspector for one streamed answer. The gateway passes {@code
 * StreamInspectors.forDialect} bound to its response engine; without one, the proxy refuses {@code
 * stream: true} (400 {@code warden_streaming_unsupported}) rather than pass a stream unscanned.
 */
@FunctionalInterface
public interface StreamInspection {
  /**
   * A new inspector for one stream of dialect {@code dialectId} (e.g. {@code openai-chat}).
   *
   * @param answers the exchange's vault session for answers: serves {@code tokenize} and {@code
   *     encrypt} in the stream ({@link VaultSession#NONE} without a vault: they redact)
   * @param restorer turns this exchange's vault tokens back into values
   * @throws IllegalArgumentException if the dialect has no stream codec
   */
  StreamInspector open(String dialectId, VaultSession answers, Restorer restorer);
}
