package dev.warden.ledger;

import dev.warden.api.MessageAuthenticator;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test-only HMAC-SHA256 with a fixed key (production keys come from warden-vault). */
final class TestMac implements MessageAuthenticator {
  private final SecretKeySpec key;

  TestMac(String secret) {
    this.key =
        new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256");
  }

  TestMac() {
    this("test-ledger-key-0123456789abcdef");
  }

  @Override
  public byte[] tag(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
