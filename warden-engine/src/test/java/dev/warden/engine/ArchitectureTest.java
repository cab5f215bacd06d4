package dev.warden.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN §3: the engine never imports an HTTP, Redis or SQL class. */
class ArchitectureTest {
  static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.warden.engine");

  @Test
  void engineHasNoHttpRedisOrSql() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.helidon..",
            "java.net.http..",
            "com.sun.net.httpserver..",
            "io.lettuce..",
            "redis..",
            "java.sql..",
            "javax.sql..",
            "org.postgresql..",
            "io.netty..",
            "dev.warden.server..",
            "dev.warden.ledger..",
            "dev.warden.vault..")
        .check(ENGINE);
  }
}
