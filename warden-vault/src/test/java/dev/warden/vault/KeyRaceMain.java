package dev.warden.vault;

import java.nio.file.Path;

/** Child process for the cross-process race test: prints the key id it ended up with. */
public final class KeyRaceMain {
  private KeyRaceMain() {}

  public static void main(String[] args) throws Exception {
    long startAt = Long.parseLong(args[1]);
    while (System.currentTimeMillis() < startAt) {
      Thread.onSpinWait();
    }
    System.out.println(LocalKeyring.open(Path.of(args[0])).signingKeys().active().keyId());
  }
}
