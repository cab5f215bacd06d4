package dev.warden.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a whole body with an upper bound, allocating once when the length is declared. ({@code
 * InputStream.readNBytes(max)} sizes its buffers by the limit, not the body: with a 4 MiB limit it
 * was the largest allocation site of the proxy, ahead of everything else combined.)
 */
final class BoundedRead {
  private static final int CHUNK = 8192;

  private BoundedRead() {}

  /**
   * @param declared the {@code Content-Length}, or a negative number when unknown
   * @return the body, or {@code null} when it is longer than {@code max}
   */
  static byte @Nullable [] read(InputStream in, long declared, int max) throws IOException {
    if (declared > max) {
      return null;
    }
    if (declared >= 0) {
      byte[] body = new byte[(int) declared];
      int n = in.readNBytes(body, 0, body.length);
      if (n < body.length) {
        throw new IOException("body ended after " + n + " of " + declared + " declared bytes");
      }
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
    byte[] chunk = new byte[CHUNK];
    int n;
    while ((n = in.read(chunk)) > 0) {
      if (out.size() + n > max) {
        return null;
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }
}
