package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.engine.DetectorStack;
import dev.warden.engine.config.WardenConfig;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TableHeaderTest {

  private static @Nullable String cellAbove(String text, String value) {
    return TableHeader.cellAbove(text, text.indexOf(value));
  }

  @Test
  void findsTheHeaderOfTheValuesColumn() {
    String csv =
        "employee_id,name,ssn,phone\n"
            + "E1040,\"Lopez, Ana\",598-66-9197,206-555-0187\n"
            + "E1041,\"Kim, Jae\",392-93-7606,415-555-0105\n";
    assertThat(cellAbove(csv, "598-66-9197")).isEqualTo("ssn");
    assertThat(cellAbove(csv, "415-555-0105")).isEqualTo("phone");
    String tsv = "Name\tLand\tSteuer-ID\nR. Iyer\tIndien\t60146257698\n";
    assertThat(cellAbove(tsv, "60146257698")).isEqualTo("Steuer-ID");
    String markdown =
        "| Name | Country | National ID |\n|---|---|---|\n| Park | KR | 680114-1828777 |\n";
    assertThat(cellAbove(markdown, "680114-1828777")).isEqualTo("National ID");
    String quotedHeader = "\"id\";\"IBAN\"\n7;DE60780666261032529135\n";
    assertThat(cellAbove(quotedHeader, "DE60")).isEqualTo("IBAN");
  }

  @Test
  void aQuotedHeaderCellWithACommaDoesNotShiftTheColumnBelow() {
    String csv = "\"Last, First\",password\n\"Roe, Jan\",Kq2!vLp9xRt\n";
    TableHeader.Column column = TableHeader.columnBelow(csv, csv.indexOf("password"));
    assertThat(column).extracting(TableHeader.Column::name).isEqualTo("password");
  }

  @Test
  void findsTheHeaderOfAColumnAlignedWithSpaces() {
    String report =
        "Pers.-Nr.  Name              Steuer-ID      IBAN neu\n"
            + "---------  ----------------  -------------  ----------------------\n"
            + "00118      Yilmaz, Emre      34822679129    DE50104291430607935126\n"
            + "00124      Brandt, Nele      81336395742    DE92 5645 5461 9337 7832 38\n";
    assertThat(cellAbove(report, "34822679129")).isEqualTo("Steuer-ID");
    assertThat(cellAbove(report, "81336395742")).isEqualTo("Steuer-ID");
    assertThat(cellAbove(report, "DE92")).isEqualTo("IBAN neu");
    // a column of CJK text: cells are counted, not character offsets
    String japanese = "区分        氏名            個人番号\n源泉控除    中村 由美        965841677329\n";
    assertThat(cellAbove(japanese, "965841677329")).isEqualTo("個人番号");
    // prose with one double space, and a row of data on top, are no table
    assertThat(cellAbove("Call me.  Or not.\nMy id  is  34822679129", "3482")).isNull();
    assertThat(cellAbove("00117  Meyer  11111111111\n00118  Yilmaz  34822679129", "3482")).isNull();
  }

  @Test
  void noHeaderOutsideATable() {
    assertThat(cellAbove("call me at 415-555-0172, or text", "415")).isNull();
    // The first line has no line above it.
    assertThat(cellAbove("ssn,phone\n", "phone")).isNull();
    // Lines with another number of delimiters end the block.
    assertThat(cellAbove("Dear Tom, thanks, see below\nid,ssn\n1,598-66-9197", "598"))
        .isEqualTo("ssn");
    assertThat(cellAbove("a,b\nx,y,z\n1,2,3", "3")).isEqualTo("z");
    assertThat(cellAbove("Dear Tom\n1, 598-66-9197", "598")).isNull();
    // A first line of numbers is data, not a header.
    assertThat(cellAbove("4111,2024-11-05,99\n4112,2024-11-06,98", "98")).isNull();
    // A long prose cell is not a column name.
    assertThat(
            cellAbove(
                "Thanks, we spoke about the order you placed last week and the refund\n"
                    + "Mine is below, 598-66-9197",
                "598"))
        .isNull();
  }

  @Test
  void aHeaderThatSaysOtherwiseDoesNotSilenceTheWordsBesideTheValue() {
    // "ticket" suppresses an SSN, but the cell itself says what the number is.
    assertThat(types("id,ticket_text\n42,\"My SSN is 455-84-4778, thanks\"\n")).contains("us_ssn");
    // With nothing beside the value, the header that says otherwise decides.
    assertThat(types("order_no\tcustomer\n4539148803436467\tAna\n")).doesNotContain("card");
  }

  @Test
  void linesAreReadOnceAndEachLookupAnswersForItsOwnLine() {
    String csv = "name,ssn,phone\nAna,598-66-9197,206-555-0187\nBo,392-93-7606,415-555-0105\n";
    for (int round = 0; round < 2; round++) {
      assertThat(cellAbove(csv, "392-93-7606")).isEqualTo("ssn");
      assertThat(cellAbove(csv, "206-555-0187")).isEqualTo("phone");
      assertThat(cellAbove(csv, "Bo")).isEqualTo("name");
      assertThat(cellAbove("other,text\nx,392-93-7606", "392")).isEqualTo("text");
    }
  }

  @Test
  void boundedOnHugeLines() {
    String line = "x,".repeat(10_000);
    assertThat(cellAbove("a,b\n" + line + "598-66-9197", "598")).isNull();
    String rows = "1,2\n".repeat(5_000);
    assertThat(TableHeader.cellAbove("a,b\n" + rows, 4 + rows.length() - 2)).isNull();
  }

  private static List<String> types(String text) {
    return DetectorStack.forConfig(WardenConfig.defaults()).detect(ScanInput.text(text)).stream()
        .map(Finding::type)
        .toList();
  }

  @Test
  void theColumnDecidesWhatItsCellsAre() {
    // "phone" right before the first SSN belongs to the next column, not to the value.
    assertThat(
            types(
                "employee_id,name,ssn,phone\n" + "E1040,\"Lopez, Ana\",598-66-9197,206-555-0187\n"))
        .containsExactlyInAnyOrder("us_ssn", "phone");
    // A Steuer-ID needs its name; in a table the column gives it.
    assertThat(types("Name;Steuer-ID;Eintritt\nMeier, Lukas;60146257698;01.04.2024\n"))
        .contains("de_steuer_id");
    // And a column that names an order number keeps a Luhn-valid number from being a card.
    assertThat(types("order_no\tcustomer\n4539148803436467\tAna\n")).doesNotContain("card");
  }

  private static List<String> cells(String text, String headerWord) {
    TableHeader.Column column = TableHeader.columnBelow(text, text.indexOf(headerWord));
    return column == null
        ? List.of()
        : column.cells().stream().map(c -> text.substring(c[0], c[1])).toList();
  }

  @Test
  void cellsBelowAHeaderAreItsColumnsCellsUntilTheTableEnds() {
    String tsv =
        "서비스\t아이디\t비밀번호\t비고\n카페24\thanbit\ttiger52$som\t\nNAS\tadmin\t \"Kx9#q\" \tx\n\nprose, after";
    assertThat(cells(tsv, "비밀번호")).containsExactly("tiger52$som", "Kx9#q");
    String psql =
        " id | name | password\n----+------+----------\n  1 | bob  | Xk9#mQ2!vL\n  2 | amy  | Pq8@kL3$wR\n(2 rows)";
    assertThat(cells(psql, "password")).containsExactly("Xk9#mQ2!vL", "Pq8@kL3$wR");
    assertThat(cellAbove(psql, "Pq8@")).isEqualTo("password");
    String markdown = "| host | Passwort |\n|---|:---|\n| nas01 | `Zr4!kLm9q` |";
    assertThat(cells(markdown, "Passwort")).containsExactly("Zr4!kLm9q");
    // Rows far below the header still belong to it; a row holding the word is not a header.
    String rows = "host,pw\n" + "web,Kx9#q1\n".repeat(2_000) + "db,Zr4!kLm9q\n";
    assertThat(cells(rows, "pw")).hasSize(2_001).endsWith("Zr4!kLm9q");
    assertThat(cells("a,b\nx,pw\ny,Kx9#q1\n", "pw")).isEmpty();
  }

  @Test
  void noCellsWhereTheWordHeadsNoTable() {
    // A row of a table, not its header.
    assertThat(cells("user,note\nbob,password reset\namy,done", "password")).isEmpty();
    // Code: a key and its value, one name only.
    assertThat(cells("\tPassword: \"xyz\",\n\tTimeout:    30 * time.Second,\n", "Password"))
        .isEmpty();
    // The last line: no row below.
    assertThat(cells("service,password", "password")).isEmpty();
    // Prose with commas and no line break.
    assertThat(cells("The password policy, as agreed, requires twelve characters.", "password"))
        .isEmpty();
  }

  @Test
  void passwordsOfAnAccountSheetAreFoundByTheirColumnOnly() {
    String sheet =
        "service,login,password,note\n"
            + "M365,admin@contoso.onmicrosoft.com,Winter338.fal,global admin\n"
            + "NAS,Orbit08_rock,,login only\n";
    List<Finding> found =
        DetectorStack.forConfig(WardenConfig.defaults()).detect(ScanInput.text(sheet));
    assertThat(found)
        .filteredOn(f -> f.type().equals("password"))
        .extracting(f -> sheet.substring(f.span().start(), f.span().end()))
        .containsExactly("Winter338.fal");
    assertThat(found).extracting(Finding::type).contains("email");
    assertThat(types("user,password_changed_at\nbob,2024-01-05T10:00\n"))
        .doesNotContain("password");
  }

  @Test
  void aMegabyteOfRowsHoldingTheWordIsReadOnce() {
    // Every line holds the header word; only the first is a header, and its column is read once.
    String rows = "a,b,password x\n".repeat(70_000);
    assertThat(types(rows)).doesNotContain("password");
    String sheet = "host,user,password\n" + "web,admin,Kx9#q1zz\n".repeat(20_000);
    assertThat(
            DetectorStack.forConfig(WardenConfig.defaults()).detect(ScanInput.text(sheet)).stream()
                .filter(f -> f.type().equals("password"))
                .count())
        .isBetween(1_000L, 20_000L);
  }
}
