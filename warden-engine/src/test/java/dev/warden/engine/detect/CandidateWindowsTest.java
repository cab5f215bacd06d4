package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.ScanInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The detector scans only windows around keyword hits and digit clusters. That must never change
 * what it finds: every input here is scanned both ways and the findings must be identical.
 */
class CandidateWindowsTest {
  static final RuleDetector WINDOWED = RuleDetector.builtin();
  static final RuleDetector WHOLE_LEAF =
      new RuleDetector(
          RuleCatalog.builtin(), RuleDetector.WINDOW_SIZE, RuleDetector.WINDOW_OVERLAP, false);

  static void assertSame(String text) {
    assertSame(ScanInput.text(text));
  }

  static void assertSame(ScanInput in) {
    assertThat(WINDOWED.detect(in))
        .as("findings for input of length %d", in.text().length())
        .isEqualTo(WHOLE_LEAF.detect(in));
  }

  static List<String> examples() {
    List<String> out = new ArrayList<>();
    for (Rule rule : RuleCatalog.builtin()) {
      rule.truePositives().forEach(e -> out.add(e.text()));
      rule.falsePositives().forEach(t -> out.add(RuleExample.input(t).text()));
    }
    return out;
  }

  @Test
  void ruleExamplesFindTheSameEitherWay() {
    examples().forEach(CandidateWindowsTest::assertSame);
  }

  @Test
  void ruleExamplesUnderTheirJsonKeysFindTheSameEitherWay() {
    int keyed = 0;
    for (Rule rule : RuleCatalog.builtin()) {
      for (RuleExample e : rule.truePositives()) {
        assertSame(e.input());
        keyed += e.jsonKey() == null ? 0 : 1;
      }
      rule.falsePositives().forEach(t -> assertSame(RuleExample.input(t)));
    }
    assertThat(keyed).isPositive();
  }

  @Test
  void corpusFindsTheSameEitherWay() throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    try (InputStream in = CandidateWindowsTest.class.getResourceAsStream("/corpus/corpus.jsonl")) {
      assertThat(in).isNotNull();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      int n = 0;
      for (String line : lines) {
        if (!line.isBlank()) {
          assertSame(json.readTree(line).path("text").asString());
          n++;
        }
      }
      assertThat(n).isGreaterThan(100);
    }
  }

  @Test
  void shuffledFragmentsFindTheSameEitherWay() {
    List<String> pieces = examples();
    pieces.addAll(
        List.of(
            " ",
            "\n",
            "@",
            "+",
            "(",
            ")",
            "-",
            ".",
            "0",
            "1234",
            " 555 ",
            "eyJ",
            "sk-",
            "AKIA",
            "ghp_",
            "-----BEGIN PRIVATE KEY-----",
            "-----END PRIVATE KEY-----",
            "//",
            ":",
            "\\n",
            "전화 ",
            "Tel. ",
            "password=",
            "Password: ",
            "--password ",
            "비밀번호는 ",
            "secret_key=",
            "\\\"api_key\\\":\\\"",
            "refresh_token: ",
            "Authorization: Bearer ",
            "aws_secret_access_key = ",
            "https://",
            "redis://:",
            "user:",
            "@db.internal"));
    SplittableRandom random = new SplittableRandom(20261123);
    for (int i = 0; i < 1500; i++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(8);
      for (int p = 0; p < parts; p++) {
        String piece = pieces.get(random.nextInt(pieces.size()));
        if (random.nextInt(4) == 0 && piece.length() > 4) {
          int a = random.nextInt(piece.length());
          piece = piece.substring(a, a + random.nextInt(piece.length() - a) + 1);
        }
        text.append(piece);
      }
      assertSame(text.toString());
    }
  }
}
