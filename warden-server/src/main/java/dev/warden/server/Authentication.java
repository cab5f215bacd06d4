package dev.warden.server;

import dev.warden.engine.config.AuthSettings;
import dev.warden.engine.config.WardenConfig;
import dev.warden.vault.ApiKeyStore;
import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the admission stage from {@code auth:}: the mode's authenticator, wrapped by {@link
 * OwnerHeaders}. Refuses to start (never to run open) when the mode cannot work: {@code none} off
 * loopback, a JWT key file that does not parse, mTLS files that do not load, an upstream key that
 * is not there.
 */
final class Authentication {
  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

  private Authentication() {}

  /**
   * The admission of {@code config}; API keys are read from {@code dataDir}.
   *
   * @throws IllegalArgumentException naming the {@code auth.*} or {@code server.host} key to fix
   */
  static Admission admission(WardenConfig config, Path dataDir) {
    AuthSettings auth = config.access().auth();
    Admission authenticated =
        switch (auth.mode()) {
          case AuthSettings.API_KEY -> new ApiKeyAdmission(ApiKeyStore.open(dataDir));
          case AuthSettings.JWT -> new JwtAdmission(auth.jwt(), JwtKeys.of(auth.jwt()));
          case AuthSettings.MTLS -> new MtlsAdmission(auth.mtls());
          default -> {
            requireLoopback(config);
            LOG.warn(
                "auth.mode is none: every caller is admitted anonymously; use it only for local"
                    + " development (set auth.mode to api-key, jwt or mtls)");
            yield Admission.ANONYMOUS;
          }
        };
    return new OwnerHeaders(authenticated, auth.ownerScope());
  }

  private static void requireLoopback(WardenConfig config) {
    String host = config.server().host();
    if (!AuthSettings.isLoopback(host)) {
      throw new IllegalArgumentException(
          "auth.mode: 'none' admits every caller and is allowed only on a loopback bind, but"
              + " server.host is '"
              + host
              + "'; set auth.mode to api-key, jwt or mtls (warden serve --auth api-key), or bind"
              + " server.host to 127.0.0.1");
    }
  }

  /** The listener's TLS when {@code auth.mode} is {@code mtls}. */
  static Optional<Tls> listenerTls(AuthSettings auth) {
    return auth.mode().equals(AuthSettings.MTLS)
        ? Optional.of(MtlsAdmission.listenerTls(auth.mtls()))
        : Optional.empty();
  }

  /**
   * The upstream's own key ({@code auth.upstreamKey}), or null when none is configured.
   *
   * @throws IllegalArgumentException naming {@code auth.upstreamKey.env} or {@code .file} when the
   *     key is configured but missing, empty or its file readable by others
   */
  static @Nullable String upstreamKey(AuthSettings auth) {
    AuthSettings.UpstreamKey k = auth.upstreamKey();
    if (!k.env().isEmpty()) {
      String v = System.getenv(k.env());
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(
            "auth.upstreamKey.env: the environment variable " + k.env() + " is not set or empty");
      }
      return v.strip();
    }
    if (!k.file().isEmpty()) {
      Path file = Path.of(k.file());
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream()
            .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
          throw new IllegalArgumentException(
              "auth.upstreamKey.file: " + file + " is readable by others; run: chmod 600 " + file);
        }
        String v = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (v.isEmpty()) {
          throw new IllegalArgumentException("auth.upstreamKey.file: " + file + " is empty");
        }
        return v;
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "auth.upstreamKey.file: cannot read "
                + file
                + " ("
                + e.getClass().getSimpleName()
                + ")",
            e);
      }
    }
    return null;
  }

  /**
   * Puts {@code key} in the first of the dialect's {@code credentialHeaders} ({@code Authorization:
   * Bearer …}, or the dialect's own such as {@code x-api-key}); nothing when either is absent.
   */
  static void putUpstreamKey(
      java.util.Map<io.helidon.http.HeaderName, String> headers,
      java.util.List<String> credentialHeaders,
      @Nullable String key) {
    if (key == null || credentialHeaders.isEmpty()) {
      return;
    }
    String header = credentialHeaders.getFirst();
    headers.put(
        io.helidon.http.HeaderNames.create(header),
        header.equalsIgnoreCase("authorization") ? "Bearer " + key : key);
  }
}
