package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engine.policy.Policy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * National ids and addresses in real request bodies, through the JSON walker: a bare number counts
 * when the key above it names it (also as a JSON number), and nothing of a value survives.
 */
class NationalIdBodiesTest {
  private static final Protector PROTECTOR = ProtectorTest.protector(Policy.defaults());

  private static String protect(String json) {
    Protector.Result r = PROTECTOR.protectJson(json.getBytes(StandardCharsets.UTF_8));
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void keyedNumbersAreRedactedEvenAsJsonNumbers() {
    String out =
        protect(
            "{\"patient\":{\"bsn\":552034095,\"steuerId\":\"39170342364\"},"
                + "\"note\":\"order 552034095\"}");

    assertThat(out)
        .contains("\"bsn\":\"[REDACTED:nl_bsn]\"")
        .contains("[REDACTED:de_steuer_id]")
        .doesNotContain("39170342364")
        // The same digits named as an order number are not a BSN.
        .contains("order 552034095");
  }

  @Test
  void idsInChatContentAreRedacted() {
    String out =
        protect(
            "{\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"NINO NG601815A, NIR 1 31 07 09 666 035 13, DNI 71864140L, "
                + "CF FPGMGS33D15C252G, NRIC S4644604F, mail jane [at] example [dot] com, "
                + "db 10.42.7.19, local 127.0.0.1\"}]}");

    assertThat(out)
        .contains("[REDACTED:uk_nino]")
        .contains("[REDACTED:fr_nir]")
        .contains("[REDACTED:es_dni]")
        .contains("[REDACTED:it_codice_fiscale]")
        .contains("[REDACTED:sg_nric]")
        .contains("[REDACTED:email]")
        .contains("db [REDACTED:ip_address]")
        // Loopback identifies no one: below the default confidence, left as it is.
        .contains("local 127.0.0.1")
        .doesNotContain("NG601815A")
        .doesNotContain("FPGMGS33D15C252G")
        .doesNotContain("10.42.7.19");
  }
}
