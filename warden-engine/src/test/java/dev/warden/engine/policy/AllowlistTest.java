package dev.warden.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engine.policy.Allowlist.PathGlob;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowlistTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /messages/*/name        | /messages/0/name             | true
          /messages/*/name        | /messages/12/name            | true
          /messages/*/name        | /messages/0/content          | false
          /messages/*/name        | /messages/0/name/x           | false
          /metadata/**            | /metadata                    | true
          /metadata/**            | /metadata/a/b/c              | true
          /metadata/**            | /metadata/user_id#key        | true
          /metadata/**            | /metadatax/a                 | false
          /**/name                | /a/b/name                    | true
          /**/name                | /name                        | true
          /tool_*/arguments       | /tool_calls/arguments        | true
          /tool_*/arguments       | /tools/arguments             | false
          messages[*].name        | /messages/4/name             | true
          $.metadata.*            | /metadata/owner              | true
          $.metadata.*            | /metadata/owner/x            | false
          /a.b                    | /a.b                         | true
          /a.b                    | /aXb                         | false
          """)
  void globsMatchWalkerPaths(String glob, String path, boolean matches) {
    assertThat(PathGlob.of(glob).matches(path)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({"/", "$", "'/a//b'", "'messages[*.name'"})
  void badGlobsAreRefused(String glob) {
    assertThatThrownBy(() -> PathGlob.of(glob)).isInstanceOf(IllegalArgumentException.class);
  }
}
