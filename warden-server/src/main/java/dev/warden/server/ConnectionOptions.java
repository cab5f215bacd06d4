package dev.warden.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import java.util.List;
import java.util.Locale;

/** The {@code Connection} header's options (RFC 9110 §7.6.1): a comma-separated token list. */
final class ConnectionOptions {
  private ConnectionOptions() {}

  /** Whether any {@code Connection} header of {@code headers} lists the {@code close} option. */
  static boolean close(Headers headers) {
    for (String value : headers.all(HeaderNames.CONNECTION, List::of)) {
      for (String option : value.split(",", -1)) {
        if (option.trim().toLowerCase(Locale.ROOT).equals("close")) {
          return true;
        }
      }
    }
    return false;
  }
}
