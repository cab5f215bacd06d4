package dev.warden.engine.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Confirms that a PEM private-key block holds a key, not a header with {@code ...} or prose under
 * it: the body, once line breaks (real or JSON-escaped {@code \n}) are removed, is base64 of at
 * least {@value #MIN_KEY_BYTES} bytes (the size of the smallest real key, PKCS#8 Ed25519), and the
 * bytes have the outer structure of the labelled format: a DER SEQUENCE whose length covers exactly
 * the decoded bytes, or the {@code openssh-key-v1} layout for OpenSSH keys ({@link #isOpenSshKey}).
 * Legacy encrypted PEM ({@code Proc-Type: 4,ENCRYPTED}) is ciphertext, so only base64 and length
 * are checked for it.
 */
final class PemValidator {
  static final Validator INSTANCE = Validator.of("pem-der", PemValidator::isKeyBlock);

  static final int MIN_KEY_BYTES = 48;
  private static final byte[] OPENSSH_MAGIC =
      "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final String MARK = "-----";

  private PemValidator() {}

  static boolean isKeyBlock(CharSequence value) {
    String block = value.toString();
    int headerEnd = block.indexOf(MARK, MARK.length());
    int footer = block.lastIndexOf(MARK + "END ");
    if (headerEnd < 0 || footer <= headerEnd) {
      return false;
    }
    String label = block.substring(MARK.length(), headerEnd);
    String body = block.substring(headerEnd + MARK.length(), footer);
    boolean legacyEncrypted = body.contains("Proc-Type:");
    if (legacyEncrypted) {
      int lastHeader = body.indexOf("DEK-Info:");
      if (lastHeader < 0) {
        return false;
      }
      // Skip the DEK-Info value: it ends at the first line break, real or escaped.
      int lineEnd = firstLineBreak(body, lastHeader);
      if (lineEnd < 0) {
        return false;
      }
      body = body.substring(lineEnd);
    }
    byte[] der = decode(body);
    if (der == null || der.length < MIN_KEY_BYTES) {
      return false;
    }
    if (legacyEncrypted) {
      return true;
    }
    if (label.contains("OPENSSH")) {
      return isOpenSshKey(der);
    }
    return isDerSequence(der);
  }

  private static int firstLineBreak(String body, int from) {
    int real = body.indexOf('\n', from);
    int escaped = body.indexOf("\\n", from);
    if (real < 0) {
      return escaped;
    }
    return escaped < 0 ? real : Math.min(real, escaped);
  }

  /** Base64 with whitespace and JSON escapes removed, or null when it is not base64. */
  private static byte @Nullable [] decode(String body) {
    StringBuilder b64 = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        // One escape level per backslash: a key pasted as JSON inside a JSON string ("\\n").
        int run = i;
        while (run < body.length() && body.charAt(run) == '\\') {
          run++;
        }
        char next = run < body.length() ? body.charAt(run) : ' ';
        if (next == 'n' || next == 'r' || next == 't') {
          i = run;
          continue;
        }
        if (next == '/') {
          i = run - 1; // JSON may escape "/" as "\/"; keep the slash that follows.
          continue;
        }
        return null;
      }
      if (!Character.isWhitespace(c)) {
        b64.append(c);
      }
    }
    if (b64.isEmpty() || b64.length() % 4 != 0) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(b64.toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A DER SEQUENCE (0x30) whose definite length covers exactly the rest of the bytes. */
  private static boolean isDerSequence(byte[] der) {
    if ((der[0] & 0xff) != 0x30) {
      return false;
    }
    int first = der[1] & 0xff;
    int header;
    long length;
    if (first < 0x80) {
      header = 2;
      length = first;
    } else {
      int count = first & 0x7f;
      if (count < 1 || count > 3 || der.length < 2 + count) {
        return false;
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        length = (length << 8) | (der[2 + i] & 0xff);
      }
      header = 2 + count;
    }
    return header + length == der.length;
  }

  /** At most this many keys in one OpenSSH file ({@code ssh-keygen} writes one). */
  private static final int MAX_OPENSSH_KEYS = 16;

  /**
   * The {@code openssh-key-v1} layout (PROTOCOL.key): the magic, then SSH strings (a 4-byte
   * big-endian length and that many bytes) for the cipher name, KDF name and KDF options, a 4-byte
   * key count (1 to {@value #MAX_OPENSSH_KEYS}), one non-empty public key string per key, and the
   * private section string, which must end the data and be a whole number of 8-byte blocks. An
   * unencrypted section ({@code none} cipher) opens with two equal check integers. Random bytes
   * after the magic fail within the first length fields.
   */
  static boolean isOpenSshKey(byte[] b) {
    if (!startsWith(b, OPENSSH_MAGIC)) {
      return false;
    }
    int[] at = {OPENSSH_MAGIC.length};
    int cipherStart = at[0] + 4;
    int cipherLength = sshString(b, at);
    int kdfLength = sshString(b, at);
    int kdfOptionsLength = sshString(b, at);
    if (cipherLength < 1 || kdfLength < 1 || kdfOptionsLength < 0) {
      return false;
    }
    long keys = uint32(b, at);
    if (keys < 1 || keys > MAX_OPENSSH_KEYS) {
      return false;
    }
    for (int i = 0; i < keys; i++) {
      if (sshString(b, at) < 1) {
        return false;
      }
    }
    int privateStart = at[0] + 4;
    int privateLength = sshString(b, at);
    if (privateLength < 8 || privateLength % 8 != 0 || at[0] != b.length) {
      return false;
    }
    boolean unencrypted =
        cipherLength == 4
            && new String(b, cipherStart, 4, StandardCharsets.US_ASCII).equals("none");
    if (!unencrypted) {
      return true;
    }
    for (int i = 0; i < 4; i++) {
      if (b[privateStart + i] != b[privateStart + 4 + i]) {
        return false;
      }
    }
    return true;
  }

  /** Skips an SSH string at {@code at[0]}; its length, or -1 when it does not fit. */
  private static int sshString(byte[] b, int[] at) {
    long length = uint32(b, at);
    if (length < 0 || length > b.length - at[0]) {
      return -1;
    }
    at[0] += (int) length;
    return (int) length;
  }

  private static long uint32(byte[] b, int[] at) {
    if (at[0] + 4 > b.length) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (b[at[0]++] & 0xff);
    }
    return v;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
