package dev.rapport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.rapport.spi.archfixture.GuavaInSignature;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The layering and coding rules of the whole of {@code dev.rapport} on the classpath (the contract, the test kit's
 * reference adapter, the KPI module and core), test classes excluded. The contract rules are also run against a deliberate offender
 * to prove that they bite.
 */
@DisplayName("Architecture")
class ArchitectureTest {

    private static JavaClasses production;

    /** The contract's dependencies: the JDK, Jakarta Validation and itself, nothing else. */
    static final ArchRule SPI_DEPENDS_ONLY_ON_JDK_AND_VALIDATION = classes()
            .that().resideInAPackage("dev.rapport.spi..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta.validation..",
                    "dev.rapport.spi..")
            .because("the contract is what adapters implement; it must not drag in any library");

    /** No Guava type in a public or protected signature of the contract. */
    static final ArchRule NO_GUAVA_IN_SPI_SIGNATURES = members()
            .that().areDeclaredInClassesThat().resideInAPackage("dev.rapport.spi..")
            .should(notExposeTypesFrom("com.google.common.."))
            .because("adapters must not need Guava to implement the contract");

    /** The packages of rapport-engine, the module under core. */
    private static final String[] ENGINE_PACKAGES = {"dev.rapport.internal..", "dev.rapport.observe..",
        "dev.rapport.calendar..", "dev.rapport.sla..", "dev.rapport.feedback..", "dev.rapport.followup..",
        "dev.rapport.outbox..", "dev.rapport.routing.."};

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.rapport");
    }

    @Test
    @DisplayName("the import sees the contract, the reference adapter and core")
    void importSeesEverything() {
        assertThat(production.containPackage("dev.rapport.spi")).isTrue();
        assertThat(production.containPackage("dev.rapport.tck.memory")).isTrue();
        assertThat(production.containPackage("dev.rapport.customer")).isTrue();
        assertThat(production.containPackage("dev.rapport.kpi")).isTrue();
        assertThat(production.contain(GuavaInSignature.class)).isFalse();
    }

    @Nested
    @DisplayName("the contract (spi)")
    class Contract {

        @Test
        @DisplayName("depends only on java, jakarta.validation and itself")
        void dependsOnlyOnJdkAndValidation() {
            SPI_DEPENDS_ONLY_ON_JDK_AND_VALIDATION.check(production);
        }

        @Test
        @DisplayName("exposes no Guava type in any public or protected signature")
        void noGuavaInSignatures() {
            NO_GUAVA_IN_SPI_SIGNATURES.check(production);
        }

        @Test
        @DisplayName("the rules report a contract class that exposes Guava in a public signature")
        void rulesBite() {
            // given a contract class, in test sources, whose public method returns a Guava list
            JavaClasses offender = new ClassFileImporter().importClasses(GuavaInSignature.class);

            // when
            EvaluationResult dependencies = SPI_DEPENDS_ONLY_ON_JDK_AND_VALIDATION.evaluate(offender);
            EvaluationResult signatures = NO_GUAVA_IN_SPI_SIGNATURES.evaluate(offender);

            // then
            assertThat(dependencies.hasViolation()).isTrue();
            assertThat(dependencies.getFailureReport().getDetails())
                    .anyMatch(line -> line.contains("com.google.common.collect.ImmutableList"));
            assertThat(signatures.hasViolation()).isTrue();
            assertThat(signatures.getFailureReport().getDetails()).singleElement().asString()
                    .contains("GuavaInSignature.names()", "com.google.common.collect.ImmutableList");
        }
    }

    @Nested
    @DisplayName("layering")
    class Layering {

        @Test
        @DisplayName("core never touches java.sql: storage is the adapters' business")
        void coreHasNoJdbc() {
            noClasses().that().resideInAPackage("dev.rapport..")
                    .and().resideOutsideOfPackages("dev.rapport.spi..", "dev.rapport.tck..", "dev.rapport.jdbc..")
                    .should().dependOnClassesThat().resideInAPackage("java.sql..")
                    .check(production);
        }

        @Test
        @DisplayName("core never depends on the test kit")
        void coreDoesNotUseTheTestKit() {
            noClasses().that().resideInAPackage("dev.rapport..").and().resideOutsideOfPackage("dev.rapport.tck..")
                    .should().dependOnClassesThat().resideInAPackage("dev.rapport.tck..")
                    .check(production);
        }

        @Test
        @DisplayName("only the facade knows Hibernate Validator; everything else speaks Jakarta Validation")
        void hibernateValidatorOnlyInFacade() {
            noClasses().that().resideInAPackage("dev.rapport..").and().resideOutsideOfPackage("dev.rapport")
                    .should().dependOnClassesThat().resideInAPackage("org.hibernate..")
                    .check(production);
        }

        @Test
        @DisplayName("core knows nothing of the import, which lives in rapport-imports on top of it")
        void coreDoesNotKnowTheImport() {
            assertThat(production.containPackage("dev.rapport.imports")).isFalse();
            noClasses().that().resideInAPackage("dev.rapport..").and().resideOutsideOfPackage("dev.rapport.imports..")
                    .should().dependOnClassesThat().resideInAPackage("dev.rapport.imports..")
                    .check(production);
        }

        @Test
        @DisplayName("the KPI engine, custom fields and progress (rapport-kpi) depend on the contract only, never on core")
        void kpiModuleSeesOnlyTheContract() {
            classes().that().resideInAnyPackage("dev.rapport.kpi..", "dev.rapport.field..", "dev.rapport.progress..")
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..",
                            "dev.rapport.spi..", "dev.rapport.kpi..", "dev.rapport.field..", "dev.rapport.progress..")
                    .because("rapport-kpi sits between spi and core: no arrow may point back up to the services")
                    .check(production);
        }

        @Test
        @DisplayName("rapport-engine knows nothing of core: no arrow from the engine's packages up to the services")
        void engineSeesNothingOfCore() {
            classes().that().resideInAnyPackage(ENGINE_PACKAGES)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.slf4j..",
                            "jakarta.validation..", "com.google.common..", "dev.rapport.spi..", "dev.rapport.kpi..",
                            "dev.rapport.field..", "dev.rapport.progress..", "dev.rapport.internal..",
                            "dev.rapport.observe..", "dev.rapport.calendar..", "dev.rapport.sla..",
                            "dev.rapport.feedback..", "dev.rapport.followup..", "dev.rapport.outbox..",
                            "dev.rapport.routing..")
                    .because("rapport-engine sits under core; the facade wires the engine, never the reverse")
                    .check(production);
        }

        @Test
        @DisplayName("the concept packages have no cycles between them (the observer, like the facade, names what it watches)")
        void noCycles() {
            // The observer's methods name the routing decision, the dispatch round and the relay's round, and the
            // runtime those parts share carries the observer; like the facade, it is a hub, not a concept.
            slices().matching("dev.rapport.(*)..").should().beFreeOfCycles()
                    .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.rapport.observe"))
                    .check(production);
        }
    }

    @Nested
    @DisplayName("coding rules")
    class CodingRules {

        @Test
        @DisplayName("nothing outside the examples writes to System.out or System.err")
        void noStandardStreams() {
            noClasses().that().resideOutsideOfPackage("dev.rapport.examples..")
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
                    .check(production);
        }

        @Test
        @DisplayName("no generic Exception, RuntimeException or Throwable is thrown: failures are typed")
        void noGenericExceptions() {
            GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(production);
        }

        @Test
        @DisplayName("exceptions thrown on purpose extend RapportException")
        void exceptionsExtendTheRoot() {
            // the test kit throws foreign exceptions on purpose, to prove adapters roll back on any of them
            classes().that().resideInAPackage("dev.rapport..").and().resideOutsideOfPackage("dev.rapport.tck..")
                    .and().areAssignableTo(RuntimeException.class)
                    .should().beAssignableTo(dev.rapport.spi.RapportException.class)
                    .check(production);
        }

        @Test
        @DisplayName("services are final classes, shared as they are")
        void servicesAreFinal() {
            classes().that().resideInAPackage("dev.rapport..").and().haveSimpleNameEndingWith("Service")
                    .should().haveModifier(JavaModifier.FINAL)
                    .check(production);
        }
    }

    /** Reports a public or protected member whose signature mentions a type from the given packages. */
    private static ArchCondition<JavaMember> notExposeTypesFrom(String packageIdentifier) {
        DescribedPredicate<JavaClass> forbidden = JavaClass.Predicates.resideInAPackage(packageIdentifier);
        return new ArchCondition<>("not expose types from " + packageIdentifier + " in a public or protected signature") {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                        && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                    return;
                }
                Set<JavaClass> involved = new LinkedHashSet<>();
                if (member instanceof JavaField field) {
                    involved.addAll(field.getType().getAllInvolvedRawTypes());
                } else if (member instanceof JavaCodeUnit codeUnit) {
                    involved.addAll(codeUnit.getReturnType().getAllInvolvedRawTypes());
                    codeUnit.getParameterTypes().forEach(type -> involved.addAll(type.getAllInvolvedRawTypes()));
                    codeUnit.getThrowsClause().getTypes().forEach(involved::add);
                }
                involved.stream().filter(forbidden).forEach(type -> events.add(SimpleConditionEvent.violated(member,
                        member.getFullName() + " exposes " + type.getName())));
            }
        };
    }
}
