package dev.warden.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthConfigTest {
  @Test
  void defaultsAreNoneOnLoopbackWithTheSafeJwtAlgorithms() {
    AuthSettings a = WardenConfig.defaults().access().auth();

    assertThat(a.mode()).isEqualTo("none");
    assertThat(a.enabled()).isFalse();
    assertThat(a.ownerScope()).isEqualTo("owner:assert");
    assertThat(a.jwt().algorithms()).containsExactly("RS256", "ES256", "EdDSA");
    assertThat(ConfigLoader.toYaml(ConfigLoader.fromTree(ConfigLoader.parseYaml("")).effective()))
        .contains("auth:", "mode: \"none\"", "- \"EdDSA\"");
  }

  @Test
  void aFullJwtSectionIsRead() {
    AuthSettings a =
        ConfigLoader.fromYaml(
                """
                server: {host: 0.0.0.0}
                auth:
                  mode: jwt
                  ownerScope: agents:own
                  jwt:
                    jwksUrl: https://login.example/.well-known/jwks.json
                    issuer: https://login.example/
                    audience: [warden, gateway]
                    algorithms: [ES256]
                    clockSkewSeconds: 5
                    claims: {id: email, scopes: roles, defaultKind: service}
                  upstreamKey: {env: OPENAI_API_KEY}
                """)
            .access()
            .auth();

    assertThat(a.mode()).isEqualTo("jwt");
    assertThat(a.ownerScope()).isEqualTo("agents:own");
    assertThat(a.jwt().audience()).containsExactly("warden", "gateway");
    assertThat(a.jwt().algorithms()).isEqualTo(List.of("ES256"));
    assertThat(a.jwt().clockSkewSeconds()).isEqualTo(5);
    assertThat(a.jwt().claims().id()).isEqualTo("email");
    assertThat(a.jwt().claims().defaultKind()).isEqualTo("service");
    assertThat(a.upstreamKey().env()).isEqualTo("OPENAI_API_KEY");
  }

  @Test
  void mtlsClientsAreReadBySubject() {
    AuthSettings.Mtls m =
        ConfigLoader.fromYaml(
                """
                auth:
                  mode: mtls
                  mtls:
                    certFile: s.crt
                    keyFile: s.key
                    clientCaFile: ca.crt
                    identityFrom: san
                    clients:
                      agent-runner: {kind: agent, scopes: [owner:assert]}
                """)
            .access()
            .auth()
            .mtls();

    assertThat(m.identityFrom()).isEqualTo("san");
    assertThat(m.clients())
        .containsEntry("agent-runner", new AuthSettings.Client("agent", List.of("owner:assert")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          server: {host: 0.0.0.0}                                   | auth.mode: 'none' admits every caller
          auth: {mode: basic}                                       | auth.mode: unknown value 'basic'; allowed: none, api-key, jwt, mtls
          auth: {mode: jwt, jwt: {issuer: i, audience: [a]}}        | auth.jwt.jwksUrl: auth.mode jwt needs exactly one key source
          auth: {mode: jwt, jwt: {jwksUrl: 'https://x/j', publicKeyFile: k.pem, issuer: i, audience: [a]}} | auth.jwt.publicKeyFile: auth.mode jwt needs exactly one
          auth: {mode: jwt, jwt: {jwksUrl: 'https://x/j', audience: [a]}} | auth.jwt.issuer: is required
          auth: {mode: jwt, jwt: {jwksUrl: 'https://x/j', issuer: i}} | auth.jwt.audience: is required
          auth: {jwt: {algorithms: [none]}}                         | auth.jwt.algorithms[0]: 'none' means unsigned tokens
          auth: {jwt: {algorithms: [ES256, HS256]}}                 | auth.jwt.algorithms[1]: HMAC algorithms (HS256) are refused
          auth: {jwt: {algorithms: [XS1]}}                          | auth.jwt.algorithms[0]: unknown algorithm 'XS1'
          auth: {jwt: {jwksUrl: 'http://idp.example/jwks'}}         | auth.jwt.jwksUrl: must use https
          auth: {mode: mtls, mtls: {certFile: a, keyFile: b}}       | auth.mtls.clientCaFile: is required with auth.mode mtls
          auth: {ownerScope: 'has space'}                           | auth.ownerScope: a scope is 1-64
          auth: {upstreamKey: {env: A, file: b}}                    | auth.upstreamKey.file: set either
          auth: {upstreamKey: {env: 'not-a-name'}}                  | auth.upstreamKey.env: must be an environment variable name
          auth: {tokens: x}                                         | auth.tokens: unknown key; allowed here: mode, ownerScope, jwt, mtls, upstreamKey
          """)
  void errorsNameTheKeyPath(String yaml, String message) {
    assertThatThrownBy(() -> ConfigLoader.fromYaml(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1,true",
    "127.1.2.3,true",
    "localhost,true",
    "::1,true",
    "[::1],true",
    "0.0.0.0,false",
    "10.0.0.1,false",
    "example.com,false",
    "localhost.evil.com,false"
  })
  void loopbackIsDecidedWithoutDns(String host, boolean loopback) {
    assertThat(AuthSettings.isLoopback(host)).isEqualTo(loopback);
  }
}
