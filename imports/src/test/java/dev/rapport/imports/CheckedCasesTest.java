package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.cases.MoveCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.internal.DefaultValidation;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.tck.TestData;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The bulk path's validator of cases")
class CheckedCasesTest {

    private static final Validator HOST = DefaultValidation.validator(Clock.systemUTC());

    /** The host's validator, counting the cases it is asked to check. */
    private static Validator counting(AtomicInteger cases) {
        return (Validator) Proxy.newProxyInstance(Validator.class.getClassLoader(), new Class<?>[] {Validator.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("validate") && args[0] instanceof Case) {
                        cases.incrementAndGet();
                    }
                    try {
                        return method.invoke(HOST, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Case resolvedCase(Instant resolvedAt) {
        Case open = TestData.supportCase(CustomerId.random()).createdAt(Instant.parse("2024-03-01T09:15:00Z"))
                .updatedAt(Instant.parse("2024-03-01T09:15:00Z")).build();
        return open.moveTo(CaseStatus.RESOLVED, resolvedAt);
    }

    @Test
    @DisplayName("passes a case an import builds without asking the host's validator, which finds it valid too")
    void skipsWhatItsPartsPassed() {
        // given a case as the import's services build it: opened, then resolved by the system at a row's time
        AtomicInteger asked = new AtomicInteger();
        Case supportCase = resolvedCase(Instant.parse("2024-03-01T16:40:00Z"));

        // when the bulk path's validator checks it
        Set<ConstraintViolation<Case>> found = new CheckedCases(counting(asked)).validate(supportCase);

        // then it passes without the host's validator, which agrees
        assertThat(found).isEmpty();
        assertThat(asked).hasValue(0);
        assertThat(HOST.validate(supportCase)).isEmpty();
    }

    @Test
    @DisplayName("reports exactly the host validator's violations for a case whose instant is not supported")
    void asksTheHostAboutInstants() {
        // given a case resolved at an instant finer than a microsecond, which the host's validator refuses
        AtomicInteger asked = new AtomicInteger();
        Case supportCase = resolvedCase(Instant.parse("2024-03-01T16:40:00.000000001Z"));

        // when the bulk path's validator checks it
        Set<ConstraintViolation<Case>> found = new CheckedCases(counting(asked)).validate(supportCase);

        // then the host's validator was asked and its violations are reported
        assertThat(asked).hasValue(1);
        assertThat(paths(found)).isEqualTo(paths(HOST.validate(supportCase))).isNotEmpty();
    }

    @Test
    @DisplayName("reports exactly the host validator's violations for a case whose language is not supported")
    @SuppressWarnings("deprecation")
    void asksTheHostAboutLanguages() {
        // given a case whose language, as a customer's stored locale could give it, is no language tag
        AtomicInteger asked = new AtomicInteger();
        Case supportCase = resolvedCase(Instant.parse("2024-03-01T16:40:00Z")).toBuilder()
                .language(new java.util.Locale("not a language")).build();

        // when the bulk path's validator checks it
        Set<ConstraintViolation<Case>> found = new CheckedCases(counting(asked)).validate(supportCase);

        // then the host's validator was asked and its violations are reported
        assertThat(asked).hasValue(1);
        assertThat(paths(found)).isEqualTo(paths(HOST.validate(supportCase))).isNotEmpty();
    }

    @Test
    @DisplayName("asks the host's validator about a case with tags, or a status change with a reason")
    void asksTheHostAboutWhatAnImportNeverFills() {
        // given a case with a tag and one whose status change gives a reason
        AtomicInteger asked = new AtomicInteger();
        CheckedCases checked = new CheckedCases(counting(asked));
        Case tagged = resolvedCase(Instant.parse("2024-03-01T16:40:00Z")).toBuilder().tags(Set.of("vip")).build();
        Case open = TestData.supportCase(CustomerId.random()).build();
        Case withReason = open.moveTo(CaseStatus.RESOLVED, open.createdAt(), dev.rapport.spi.cases.Actor.system(),
                java.util.Optional.of("done"));

        // when both are checked
        checked.validate(tagged);
        checked.validate(withReason);

        // then the host's validator checked each
        assertThat(asked).hasValue(2);
    }

    @Test
    @DisplayName("relies on constraints that OpenCase and Case share, and on Case's components as they are now")
    void pinsTheConstraintsItReliesOn() {
        // given the components a case takes from the OpenCase command the case service checks first
        List<String> shared = List.of("subject", "category", "type", "language");

        // when their declared types, constraints included, are compared
        Map<String, String> onCommand = annotated(OpenCase.class);
        Map<String, String> onCase = annotated(Case.class);

        // then they carry the same constraints, and Case has exactly the components CheckedCases was written for
        // (a new one must be looked at there before this list is changed)
        shared.forEach(name -> assertThat(onCase.get(name)).as(name).isEqualTo(onCommand.get(name)));
        assertThat(onCase.keySet()).containsExactlyInAnyOrder("id", "customerId", "subject", "category", "type",
                "priority", "originChannel", "language", "requiredSkills", "tags", "fields", "status", "assignee",
                "team", "createdAt", "createdAtQuality", "firstReplyAt", "firstResolvedAt", "resolvedAt", "closedAt",
                "snoozedUntil", "reopenCount", "history", "updatedAt", "version");
        assertThat(Case.class.getAnnotations()).isEmpty();
    }

    @Test
    @DisplayName("knows the import's own moves valid, and asks the host's validator about any other move")
    void knowsPlainMovesValid() {
        // given the import's move, the same with a reason, and one by an agent
        AtomicInteger asked = new AtomicInteger();
        CheckedCases checked = new CheckedCases(countingAll(asked));
        dev.rapport.spi.cases.CaseId id = dev.rapport.spi.cases.CaseId.random();
        MoveCase plain = new MoveCase(id, CaseStatus.RESOLVED);
        MoveCase withReason = new MoveCase(id, CaseStatus.RESOLVED, dev.rapport.spi.cases.Actor.system(),
                java.util.Optional.of(" "));
        MoveCase byAgent = new MoveCase(id, CaseStatus.RESOLVED, dev.rapport.spi.cases.Actor.agent(
                dev.rapport.spi.agent.AgentId.random()), java.util.Optional.empty());

        // when each is checked
        Set<ConstraintViolation<MoveCase>> plainFound = checked.validate(plain);
        checked.validate(withReason);
        checked.validate(byAgent);

        // then the import's move passes without the host's validator, which agrees, and the others go to it; and
        // MoveCase has exactly the components isPlainMove was written for
        assertThat(plainFound).isEmpty();
        assertThat(HOST.validate(plain)).isEmpty();
        assertThat(asked).hasValue(2);
        assertThat(annotated(MoveCase.class).keySet()).containsExactlyInAnyOrder("caseId", "to", "actor", "reason");
        assertThat(MoveCase.class.getAnnotations()).isEmpty();
    }

    /** The host's validator, counting every value it is asked to check. */
    private static Validator countingAll(AtomicInteger values) {
        return (Validator) Proxy.newProxyInstance(Validator.class.getClassLoader(), new Class<?>[] {Validator.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("validate")) {
                        values.incrementAndGet();
                    }
                    try {
                        return method.invoke(HOST, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Map<String, String> annotated(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).collect(Collectors.toMap(RecordComponent::getName,
                c -> Arrays.toString(c.getAnnotations()) + " " + c.getAnnotatedType()));
    }

    private static Set<String> paths(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> v.getPropertyPath() + ":" + v.getConstraintDescriptor().getAnnotation()
                .annotationType().getSimpleName()).collect(Collectors.toCollection(HashSet::new));
    }
}
