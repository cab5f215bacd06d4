package dev.warden.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** National ID and IBAN validators against vectors computed independently (fake numbers). */
class NationalIdValidatorsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // The ISO 13616 / ECBS example IBANs, and generated ones.
    "GB82 WEST 1234 5698 7654 32, true",
    "DE89 3704 0044 0532 0130 00, true",
    "NL91ABNA0417164300, true",
    "BE68 5390 0754 7034, true",
    "FR51 6179 3754 1882 0020 8723 355, true",
    "CH23 6849 0591 2573 9746 7, true",
    "PL95896107854149246576075980, true",
    // Check digits off, wrong length for the country, unknown country, lower case.
    "GB82 WEST 1234 5698 7654 33, false",
    "DE89 3704 0044 0532 0130 0, false",
    "XX82 WEST 1234 5698 7654 32, false",
    "gb82west12345698765432, false"
  })
  void iban(String value, boolean valid) {
    assertThat(NationalIdValidators.isIban(value)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "455-84-4778, true",
    "108 99 7701, true",
    "899-01-0001, true",
    "000-12-3456, false",
    "666-12-3456, false",
    "912-70-1234, false",
    "455-00-4778, false",
    "455-84-0000, false",
    "078-05-1120, false",
    "45584477, false"
  })
  void ssn(String value, boolean valid) {
    assertThat(NationalIdValidators.isSsn(value)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "920411-2679146, true",
    "000710-4744857, true",
    "000229-3000000, true",
    "920230-1234567, false",
    "010229-3000000, false",
    "921341-2679146, false",
    "920411-9679146, false",
    "920411-0679146, false"
  })
  void rrn(String value, boolean valid) {
    assertThat(NationalIdValidators.isRrn(value)).isEqualTo(valid);
  }

  @Test
  void rrnCheckDigit() {
    assertThat(NationalIdValidators.rrnCheckDigit("920411-2679146")).isTrue();
    assertThat(NationalIdValidators.rrnCheckDigit("920411-2679147")).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "9564 2290 6009, true",
    "583842706330, true",
    "1724-4518-3828, true",
    "9564 2290 6008, false",
    "58384270633, false"
  })
  void myNumber(String value, boolean valid) {
    assertThat(NationalIdValidators.isMyNumber(value)).isEqualTo(valid);
  }

  @Test
  void verhoeffPublishedVectors() {
    assertThat(NationalIdValidators.verhoeff("2363")).isTrue();
    assertThat(NationalIdValidators.verhoeff("123451")).isTrue();
    assertThat(NationalIdValidators.verhoeff("2364")).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "8639 2332 1469, true",
    "397369935631, true",
    "4729-5181-7569, true",
    "8639 2332 1468, false",
    "1234 5678 9012, false",
    "863923321469 0, false"
  })
  void aadhaar(String value, boolean valid) {
    assertThat(NationalIdValidators.isAadhaar(value)).isEqualTo(valid);
  }
}
