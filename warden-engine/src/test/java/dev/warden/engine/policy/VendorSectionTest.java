package dev.warden.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Explanation;
import dev.warden.api.Finding;
import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A generic secret takes the vendor kind its key, comment, parent, section, block or path names.
 */
class VendorSectionTest {
  private static final String VALUE = "Zt6wezio3cioxKOVuKOONl44sdIP0uE";

  private static String typeIn(String text) {
    return typeIn(text, null);
  }

  private static String typeIn(String text, @Nullable String path) {
    int start = text.indexOf(VALUE);
    Finding generic =
        new Finding(
            VendorSection.GENERIC,
            "generic-credential-assignment",
            new Span(start, start + VALUE.length()),
            0.7,
            new Explanation("high-entropy", List.of(), List.of()));
    ScanInput in = new ScanInput(text, null, path == null ? "" : path);
    return VendorSection.retyped(in, List.of(generic), Policy.defaults()).getFirst().type();
  }

  @Test
  void theKeyOnTheValuesLineNamesIt() {
    assertThat(typeIn("TOSS_SECRET_KEY=" + VALUE)).isEqualTo("payment_token");
    assertThat(typeIn("MISTRAL_API_KEY=" + VALUE)).isEqualTo("ai_api_key");
  }

  @Test
  void aYamlParentAnIniSectionAnHclBlockOrACommentRightAboveNamesIt() {
    assertThat(typeIn("datadog:\n  site: datadoghq.eu\n  api_key: " + VALUE))
        .isEqualTo("saas_token");
    assertThat(typeIn("[mistral]\napi_key = " + VALUE)).isEqualTo("ai_api_key");
    assertThat(typeIn("provider \"hcloud\" {\n  token = \"" + VALUE + "\"\n}"))
        .isEqualTo("cloud_token");
    assertThat(typeIn("# 결제 (토스페이먼츠)\n# 운영 키\nSECRET_KEY=" + VALUE)).isEqualTo("payment_token");
  }

  @Test
  void lineOnlyBeforeItsProductsAndAzureByItsBackend() {
    assertThat(typeIn("LINE_CHANNEL_SECRET=" + VALUE)).isEqualTo("saas_token");
    assertThat(typeIn("# LINE Notify\nTOKEN=" + VALUE)).isEqualTo("saas_token");
    assertThat(typeIn("# one key per line\nAPI_KEY=" + VALUE)).isEqualTo(VendorSection.GENERIC);
    assertThat(typeIn("KAKAO_REST_API_KEY=" + VALUE)).isEqualTo("saas_token");
    assertThat(typeIn("backend \"azurerm\" {\n  access_key = \"" + VALUE + "\"\n}"))
        .isEqualTo("azure_key");
  }

  @Test
  void aCamelCaseKeyOrParentNamesIt() {
    assertThat(typeIn("\"AzureOpenAI\": {\n  \"ApiKey\": \"" + VALUE + "\"\n}"))
        .isEqualTo("azure_key");
    assertThat(typeIn("twilioAuthToken: \"" + VALUE + "\"")).isEqualTo("saas_token");
    assertThat(typeIn("mistralApiKey = \"" + VALUE + "\"")).isEqualTo("ai_api_key");
    // Not a word boundary inside a word, nor a product after "line" that is not LINE's.
    assertThat(typeIn("lineItemsKey = \"" + VALUE + "\"")).isEqualTo(VendorSection.GENERIC);
    assertThat(typeIn("okTaxApiKey = \"" + VALUE + "\"")).isEqualTo(VendorSection.GENERIC);
  }

  @Test
  void aFileInsideAJsonStringHasItsLinesToo() {
    assertThat(typeIn("{\"text\": \"providers:\\n  cohere:\\n    api_key: " + VALUE + "\"}"))
        .isEqualTo("ai_api_key");
    assertThat(
            typeIn(
                "{\"text\": \"TOSS_CLIENT_KEY=live_ck_x\\nWEBHOOK_SIGNING_SECRET=" + VALUE + "\"}"))
        .isEqualTo(VendorSection.GENERIC);
  }

  @Test
  void aWalkedLeafsPathNamesIt() {
    assertThat(typeIn(VALUE, "/payments/mollie/api_key")).isEqualTo("payment_token");
  }

  @Test
  void nothingElseRetypes() {
    // A sibling key, a comment that is not right above, a deeper line, an unknown vendor.
    assertThat(typeIn("app:\n  datadog_enabled: true\n  api_key: " + VALUE))
        .isEqualTo("generic_secret");
    assertThat(typeIn("# datadog\nfoo=1\napi_key=" + VALUE)).isEqualTo("generic_secret");
    assertThat(typeIn("api_key: " + VALUE + "\ndatadog:\n  x: 1")).isEqualTo("generic_secret");
    assertThat(typeIn("[acme]\napi_key = " + VALUE)).isEqualTo("generic_secret");
    assertThat(typeIn("[mistral]\n[acme]\napi_key = " + VALUE)).isEqualTo("generic_secret");
    assertThat(typeIn(VALUE, "/api_key")).isEqualTo("generic_secret");
  }
}
