package dev.warden.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.api.Attribution;
import dev.warden.api.Identity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class AttributionRecordTest {
  private static final Identity AGENT =
      new Identity(
          "key:ops-bot",
          Identity.Kind.AGENT,
          Set.of("owner:assert", "chat"),
          Map.of("team", "ops", "class", "batch"),
          "api-key");

  @Test
  void attributedRecordsCarryIdentityOwnerAndProfile(@TempDir Path dir) throws Exception {
    try (FileLedger ledger = FileLedger.open(dir, Ledgers.KEY, TestOptions.defaults())) {
      ledger.append(
          Ledgers.sample(1)
              .withAttribution(new Attribution(AGENT, "agent-7", "user-42", "batch-agents")));
      ledger.append(Ledgers.sample(2).withAttribution(Attribution.of(AGENT)));
      ledger.append(Ledgers.sample(3));
    }
    List<String> lines = Ledgers.lines(dir);
    ObjectNode first = Ledgers.node(lines.get(0));
    assertEquals("key:ops-bot", first.get("identity").get("id").stringValue());
    assertEquals("agent", first.get("identity").get("kind").stringValue());
    assertEquals("api-key", first.get("identity").get("method").stringValue());
    assertEquals("[\"chat\",\"owner:assert\"]", first.get("identity").get("scopes").toString());
    assertEquals("ops", first.get("identity").get("labels").get("team").stringValue());
    assertEquals("agent-7", first.get("owner").get("agentId").stringValue());
    assertEquals("user-42", first.get("owner").get("onBehalfOf").stringValue());
    assertEquals("key:ops-bot", first.get("owner").get("assertedBy").stringValue());
    assertEquals("batch-agents", first.get("profile").stringValue());

    ObjectNode second = Ledgers.node(lines.get(1));
    assertTrue(second.has("identity"));
    assertFalse(second.has("owner"), "no owner asserted, none written");
    assertFalse(second.has("profile"));
    assertFalse(
        Ledgers.node(lines.get(2)).has("identity"), "unattributed records keep their shape");

    assertTrue(LedgerVerifier.verify(dir, Ledgers.KEY).ok());
  }

  @Test
  void editingTheIdentityBreaksTheChain(@TempDir Path dir) throws Exception {
    try (FileLedger ledger = FileLedger.open(dir, Ledgers.KEY, TestOptions.defaults())) {
      ledger.append(Ledgers.sample(1).withAttribution(Attribution.of(AGENT)));
      ledger.append(Ledgers.sample(2).withAttribution(Attribution.of(AGENT)));
    }
    List<String> lines = Ledgers.lines(dir);
    lines.set(0, lines.get(0).replace("key:ops-bot", "key:someone"));
    Ledgers.store(dir, lines);
    assertFalse(LedgerVerifier.verify(dir, Ledgers.KEY).ok());
  }

  @Test
  void anIdentityJcsCannotEncodeIsRefusedByName() {
    Identity bad = new Identity("id\uD800", Identity.Kind.USER, Set.of(), Map.of(), "jwt");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LedgerFormat.checkEncodable(
                    Ledgers.sample(1).withAttribution(Attribution.of(bad))));
    assertTrue(String.valueOf(e.getMessage()).contains("identity.id"), e.getMessage());
  }
}
