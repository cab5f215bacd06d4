package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.engine.policy.Policy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every valid address is reported; its confidence says how much it identifies, and the default
 * policy acts on public and private-network addresses only.
 */
class IpAddressConfidenceTest {
  private static final RuleDetector DETECTOR = RuleDetector.builtin();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "seen 81.2.69.142 today       | 0.8 | true",
        "ip 81.2.69.142               | 0.9 | true",
        "seen 10.0.0.7 today          | 0.6 | true",
        "host 192.168.1.20            | 0.7 | true",
        "seen 2606:4700:4700::1111    | 0.8 | true",
        "seen fd12:3456:789a::1       | 0.6 | true",
        "seen 127.0.0.1 today         | 0.3 | false",
        "seen 203.0.113.24 today      | 0.3 | false",
        "seen ::1 today               | 0.3 | false",
        "seen 2001:db8::1 today       | 0.3 | false",
        "ping 8.8.8.8                 | 0.8 | true"
      })
  void confidenceFollowsTheAddressClass(String text, double confidence, boolean acted) {
    List<Finding> found =
        DETECTOR.detect(ScanInput.text(text.strip())).stream()
            .filter(f -> f.type().equals("ip_address"))
            .toList();

    assertThat(found).hasSize(1);
    assertThat(found.getFirst().confidence())
        .isCloseTo(confidence, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Policy.defaults().decide(found.getFirst()))
        .as("acted on")
        .matches(d -> d.isPresent() == acted);
  }
}
