package dev.warden.engine.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Base64MediaTest {
  @Test
  void strictBase64() {
    assertThat(Base64Media.isBase64(Media.b64(Media.png()))).isTrue();
    assertThat(Base64Media.isBase64("QUJDREVGR0hJSktMTU5PUA")).isTrue(); // unpadded
    assertThat(Base64Media.isBase64("QUJDREVGR0hJSktMTU5PUA=")).isFalse(); // bad padding
    assertThat(Base64Media.isBase64("QUJDREVG R0hJSktMTU5PUA==")).isFalse();
    assertThat(Base64Media.isBase64("QUJDREVG_0hJSktMTU5PUA==")).isFalse(); // base64url
    assertThat(Base64Media.isBase64("QUJD")).isFalse(); // too short to carry a signature
    assertThat(Base64Media.isBase64("QUJDREVGR0hJSktMTU5PU")).isFalse(); // 4n+1 chars
  }

  @Test
  void declaredTypeMustMatchTheSignature() {
    String png = Media.b64(Media.png());
    assertThat(Base64Media.isBase64Of("image/png", png)).isTrue();
    assertThat(Base64Media.isBase64Of("IMAGE/PNG; charset=binary", png)).isTrue();
    assertThat(Base64Media.isBase64Of("image/jpeg", png)).isFalse();
    assertThat(Base64Media.isBase64Of("image/jpg", Media.b64(Media.jpeg()))).isTrue();
    assertThat(Base64Media.isBase64Of("audio/mp3", Media.b64(Media.mp3()))).isTrue();
    assertThat(Base64Media.isBase64Of("text/plain", Media.b64Text("hello there, world!")))
        .isFalse();
    assertThat(Base64Media.isBase64Of("application/octet-stream", png)).isFalse();
  }

  @Test
  void dataUrls() {
    String png = Media.b64(Media.png());
    assertThat(Base64Media.isDataUrlOf("data:image/png;base64," + png, "image/")).isTrue();
    assertThat(Base64Media.isDataUrlOf("DATA:image/png;name=a.png;base64," + png, "image/"))
        .isTrue();
    assertThat(Base64Media.isDataUrlOf("data:image/png," + png, "image/")).isFalse();
    assertThat(Base64Media.isDataUrlOf("data:image/png;base64," + png, "audio/")).isFalse();
    assertThat(Base64Media.isDataUrlOf("data:image/png;base64," + png + "!", "image/")).isFalse();
  }
}
