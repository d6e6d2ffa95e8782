package dev.rapport.dashboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
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
 * The coding rules core keeps, kept by the dashboard too now that it is a module of its own (no standard streams, no
 * java.util.logging, loggers private static final, typed failures), and the one that makes it a module on top of the
 * KPIs: it reads the KPI engine's results and the contract's types, and nothing else of core.
 */
@DisplayName("The dashboard's architecture")
class DashboardArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.rapport.dashboard");
    }

    @Test
    @DisplayName("the rules see the dashboard's own classes")
    void seesTheDashboard() {
        // given the dashboard's production classes
        // when they are looked for by package
        boolean found = production.containPackage("dev.rapport.dashboard");

        // then they are there
        assertThat(found).isTrue();
    }

    @Test
    @DisplayName("depends only on the JDK, the KPI engine's types and the contract")
    void dependsOnlyOnKpisAndContract() {
        classes().that().resideInAPackage("dev.rapport.dashboard..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.rapport.dashboard..",
                        "dev.rapport.kpi..", "dev.rapport.spi..")
                .check(production);
    }

    @Test
    @DisplayName("nothing writes to System.out or System.err")
    void noStandardStreams() {
        noClasses().should(GeneralCodingRules.ACCESS_STANDARD_STREAMS).check(production);
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

    @Test
    @DisplayName("no generic Exception, RuntimeException or Throwable is thrown: failures are typed")
    void noGenericExceptions() {
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(production);
    }
}
