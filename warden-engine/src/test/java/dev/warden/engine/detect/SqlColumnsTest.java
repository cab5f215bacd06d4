package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.WardenConfig;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SqlColumnsTest {
  private static final String INSERT =
      "INSERT INTO `members` (id, kana, \"email\", tel, my_number, note) VALUES\n"
          + "  (10231, 'O''Brien, H', 'h@gmail.com', '090-2234-8871', '500971684685', 'a, (b)'),\n"
          + "  (10232, 'Suzuki', 'i@gmail.com', '080-1234-5678', '881669592414', NULL);\n"
          + "SELECT 1, '881669592414';";

  private static @Nullable String column(String text, String value) {
    return SqlColumns.columnAt(text, text.indexOf(value));
  }

  @Test
  void aValueOfATupleIsNamedByTheColumnList() {
    assertThat(column(INSERT, "500971684685")).isEqualTo("my_number");
    assertThat(column(INSERT, "090-2234")).isEqualTo("tel");
    // A quoted comma, a doubled quote and parentheses inside a string do not move the column.
    assertThat(column(INSERT, "h@gmail.com")).isEqualTo("email");
    assertThat(column(INSERT, "Suzuki")).isEqualTo("kana");
    assertThat(column(INSERT, "881669592414")).isEqualTo("my_number");
  }

  @Test
  void nothingOutsideATupleOrWithoutAColumnList() {
    assertThat(SqlColumns.columnAt(INSERT, INSERT.lastIndexOf("881669592414"))).isNull();
    assertThat(column("INSERT INTO t VALUES (1, '500971684685');", "5009")).isNull();
    assertThat(column("the values (a, b) are 500971684685 here", "5009")).isNull();
    assertThat(column("(id, n) values are fine: 500971684685", "5009")).isNull();
  }

  @Test
  void theColumnNamesBareIdsInADump() {
    List<Finding> found =
        DetectorStack.forConfig(WardenConfig.defaults()).detect(ScanInput.text(INSERT));
    assertThat(found)
        .filteredOn(f -> f.type().equals("jp_mynumber"))
        .extracting(f -> INSERT.substring(f.span().start(), f.span().end()))
        .containsExactly("500971684685", "881669592414");
  }
}
