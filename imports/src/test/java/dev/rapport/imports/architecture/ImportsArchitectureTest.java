package dev.rapport.imports.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The coding rules core keeps, kept by the import too, now that it is a module of its own: no standard streams
 * (except the command line's entry point, whose job is to talk to an operator), no java.util.logging, loggers private
 * static final, and nothing that reaches into JDBC.
 */
@DisplayName("The import's architecture")
class ImportsArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.rapport.imports");
    }

    @Test
    @DisplayName("the rules see the import's own classes")
    void seesTheImport() {
        assertThat(production.containPackage("dev.rapport.imports")).isTrue();
    }

    @Test
    @DisplayName("nothing but the command line's entry point writes to System.out or System.err")
    void noStandardStreams() {
        noClasses().that().resideInAPackage("dev.rapport.imports..")
                .and().resideOutsideOfPackage("dev.rapport.imports.cli..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .check(production);
    }

    @Test
    @DisplayName("nothing uses java.util.logging")
    void noJavaUtilLogging() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(production);
    }

    @Test
    @DisplayName("SLF4J loggers are private static final")
    void loggersArePrivateStaticFinal() {
        fields().that().haveRawType(Logger.class)
                .should().bePrivate().andShould().beStatic().andShould().beFinal()
                .allowEmptyShould(true)
                .check(production);
    }
}
