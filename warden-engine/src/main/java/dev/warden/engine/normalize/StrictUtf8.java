package dev.warden.engine.normalize;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Strict UTF-8 decoding for decoded runs (base64, hex, percent) that may or may not be text. */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * {@code bytes} as text if they are well-formed UTF-8, else null. Never throws: most decoded runs
   * are binary, and an exception per run cost more than the decoding (seen in the proxy's profile).
   */
  public static @Nullable String decode(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never yields more chars than bytes
    if (decoder.decode(ByteBuffer.wrap(bytes), out, true).isError()
        || decoder.flush(out).isError()) {
      return null;
    }
    return out.flip().toString();
  }
}
