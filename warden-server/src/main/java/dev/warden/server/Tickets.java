package dev.warden.server;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Review tickets of escalated requests. A ticket id is random (128 bits), so it can be quoted to
 * reviewers without revealing or letting anyone guess another caller's ticket; the ledger record of
 * the held request carries it in {@code details.ticket}.
 */
final class Tickets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tickets() {}

  /** A new ticket id: {@code tk-} and 32 hex digits. */
  static String next() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return "tk-" + HexFormat.of().formatHex(b);
  }

  /**
   * The 202 body: the ticket, what happened and why, in words Warden chose (the type id is a plain
   * identifier, never a value).
   */
  static byte[] body(String ticket, String type, String correlationId) {
    tools.jackson.databind.node.ObjectNode o =
        tools.jackson.databind.json.JsonMapper.shared().createObjectNode();
    o.put("ticket", ticket);
    o.put("status", "escalated");
    o.put("type", "warden_escalated");
    o.put(
        "message",
        "the request contains a value of type '"
            + type
            + "' that policy escalates for review; it was not forwarded. Quote the ticket when you"
            + " follow up");
    o.put("correlationId", correlationId);
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }
}
