package dev.warden.engine.dialect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Generated binary payloads: a real signature followed by random bytes. */
final class Media {
  private Media() {}

  static byte[] png() {
    return withHead(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
  }

  static byte[] jpeg() {
    return withHead(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0});
  }

  static byte[] wav() {
    byte[] h = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
    return withHead(h);
  }

  static byte[] mp3() {
    return withHead("ID3\u0004\0\0".getBytes(StandardCharsets.ISO_8859_1));
  }

  static byte[] pdf() {
    return withHead("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Base64 of text: valid base64 without any media signature. */
  static String b64Text(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] withHead(byte[] head) {
    byte[] out = new byte[head.length + 300];
    new Random(head.length).nextBytes(out);
    System.arraycopy(head, 0, out, 0, head.length);
    return out;
  }
}
