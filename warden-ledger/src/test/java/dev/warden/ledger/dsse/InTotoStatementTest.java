package dev.warden.ledger.dsse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class InTotoStatementTest {
  private static final String DIGEST = "ab".repeat(32);
  private static final String PREDICATE_TYPE = "https://warden.dev/ledger-checkpoint/v1";

  private static InTotoStatement statement() {
    ObjectNode p = InTotoStatement.newPredicate();
    p.put("treeSize", 3);
    p.put("root", "cd".repeat(32));
    return new InTotoStatement(
        List.of(new InTotoStatement.Subject("ledger-000001.jsonl", DIGEST)), PREDICATE_TYPE, p);
  }

  @Test
  void serializesStatementV1Canonically() {
    assertThat(new String(statement().toJson(), UTF_8))
        .isEqualTo(
            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicate\":{\"root\":\""
                + "cd".repeat(32)
                + "\",\"treeSize\":3},\"predicateType\":\""
                + PREDICATE_TYPE
                + "\",\"subject\":[{\"digest\":{\"sha256\":\""
                + DIGEST
                + "\"},\"name\":\"ledger-000001.jsonl\"}]}");
  }

  @Test
  void parsesWhatItWrites() throws Exception {
    InTotoStatement parsed = InTotoStatement.parse(statement().toJson(), PREDICATE_TYPE);

    assertThat(parsed.subjects())
        .containsExactly(new InTotoStatement.Subject("ledger-000001.jsonl", DIGEST));
    assertThat(parsed.predicate().get("treeSize").longValue()).isEqualTo(3);
    assertThat(parsed.toJson()).isEqualTo(statement().toJson());
  }

  @Test
  void isImmutable() {
    InTotoStatement s = statement();
    s.predicate().put("treeSize", 99);
    assertThat(s.predicate().get("treeSize").longValue()).isEqualTo(3);
  }

  @Test
  void refusesTheWrongShape() {
    byte[] good = statement().toJson();
    assertThatThrownBy(() -> InTotoStatement.parse(good, "https://example.com/other"))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessageContaining("predicateType");
    String json = new String(good, UTF_8);
    for (String bad :
        new String[] {
          json.replace("Statement/v1", "Statement/v0.1"),
          json.replace(DIGEST, "AB".repeat(32)),
          json.replace("\"sha256\"", "\"sha512\""),
          json.replace("\"name\":\"ledger-000001.jsonl\"", "\"name\":\"\""),
          json.replace("\"predicate\":{", "\"predicate\":[{")
              .replace("},\"predicateType", "}],\"predicateType"),
          "[]",
          "{\"_type\":\"https://in-toto.io/Statement/v1\"}"
        }) {
      assertThatThrownBy(() -> InTotoStatement.parse(bad.getBytes(UTF_8), PREDICATE_TYPE))
          .as(bad)
          .isInstanceOf(InvalidEnvelopeException.class);
    }
    assertThatThrownBy(() -> InTotoStatement.parse(new byte[] {(byte) 0xff}, PREDICATE_TYPE))
        .isInstanceOf(InvalidEnvelopeException.class);
  }

  @Test
  void builderRefusesEmptyOrInvalidSubjects() {
    assertThatThrownBy(
            () -> new InTotoStatement(List.of(), PREDICATE_TYPE, InTotoStatement.newPredicate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one subject");
    assertThatThrownBy(() -> new InTotoStatement.Subject("x", "123"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha256");
  }
}
