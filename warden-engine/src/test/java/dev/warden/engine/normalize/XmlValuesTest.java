package dev.warden.engine.normalize;

import static dev.warden.engine.normalize.EvasionDetectorTest.assertFoundExactly;
import static dev.warden.engine.normalize.EvasionDetectorTest.detect;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A value held by an XML element named for it, found by the rules keyed on that name. */
class XmlValuesTest {
  static final String PASSWORD = "y0xEilH8cIfzyid9";
  static final String TOKEN = Fakes.chars(4311, Fakes.BASE62, 36);

  @Test
  void aMavenServerPasswordElement() {
    String settings =
        "<servers>\n  <server>\n    <id>nexus-releases</id>\n"
            + "    <username>ci-deployer</username>\n"
            + "    <password>"
            + PASSWORD
            + "</password>\n  </server>\n</servers>\n";
    assertFoundExactly(settings, PASSWORD, "password", "xml-element");
  }

  @Test
  void javaPropertiesEntriesAndPropertyListKeys() {
    assertFoundExactly(
        "<properties>\n  <entry key=\"db.user\">app</entry>\n  <entry key=\"db.password\">"
            + PASSWORD
            + "</entry>\n</properties>",
        PASSWORD,
        "password",
        "xml-element");
    assertFoundExactly(
        "<dict>\n\t<key>StagingBasicAuthPassword</key>\n\t<string>"
            + PASSWORD
            + "</string>\n</dict>",
        PASSWORD,
        "password",
        "xml-element");
    assertFoundExactly(
        "<config><apiKey>" + TOKEN + "</apiKey></config>", TOKEN, "generic_secret", "xml-element");
  }

  @Test
  void elementsWithoutACredentialNameOrWithMarkupAreLeftAlone() {
    assertThat(XmlValues.joinOrNull("<td>password</td><td>" + PASSWORD + "</td>", null)).isNull();
    assertThat(XmlValues.joinOrNull("<p>Reset your <b>password</b> here.</p>", null)).isNull();
    assertThat(detect("<password>${env.DEPLOY_PASSWORD}</password>")).isEmpty();
    assertThat(detect("<password>\n  multi\n  line\n</password>")).isEmpty();
    assertThat(XmlValues.joinOrNull("<passwordPolicy/>", null)).isNull();
  }
}
