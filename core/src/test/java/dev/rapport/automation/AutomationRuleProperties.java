package dev.rapport.automation;

import static dev.rapport.automation.AgeTest.CALENDARS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.Rapport;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.RapportStorage;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.TestStores;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Automation rules defined with random and hostile names and ages: a rule is either refused when it is defined, with
 * a {@link ValidationException} naming exactly the bad field and nothing stored, or accepted, and then it fires and
 * its name comes back exactly in the firing and in the case's history.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Automation rules under random and hostile definitions")
class AutomationRuleProperties {

    static final Instant START = Instant.parse("2025-03-03T08:00:00Z");

    @Property(tries = 300)
    @Label("a hostile name or age is refused by its field with nothing stored; an accepted rule fires under its exact name")
    void hostileRules(@ForAll("names") In<String> name, @ForAll("ages") In<Supplier<Age>> age) {
        // given a store with one resolved case
        SettableClock clock = new SettableClock(START);
        RapportStorage storage = TestStores.fresh(clock);
        Case resolved = storage.cases().insert(Case.builder().id(CaseId.random()).customerId(CustomerId.random())
                .subject("Refund").originChannel(Channel.EMAIL).createdAt(START).updatedAt(START).build()
                .moveTo(CaseStatus.RESOLVED, START));

        // when the rule is defined and, if accepted, run once it is due
        Age[] built = new Age[1];
        Throwable refused = catchThrowable(() -> {
            built[0] = age.value().get();
            AutomationRule rule = AutomationRule.builder(name.value()).statuses(CaseStatus.RESOLVED)
                    .when(new Condition.InStatusFor(built[0])).then(new Action.ChangeStatus(CaseStatus.CLOSED))
                    .build();
            Rapport rapport = Rapport.builder().storage(storage).clock(clock).calendars(CALENDARS)
                    .automations(rule).build();
            clock.set(built[0].reachedAt(START, CALENDARS));
            assertThat(rapport.automations().runRound()).isEqualTo(1);
        });

        // then the age's fault is named first (it is built first), then the name's; nothing is stored then
        if (!age.valid() || !name.valid()) {
            assertThat(refused).isInstanceOf(ValidationException.class);
            assertThat(((ValidationException) refused).violations()).extracting(v -> v.field())
                    .containsExactly(!age.valid() ? "age" : "name");
            assertThat(storage.cases().get(resolved.id())).isEqualTo(resolved);
            assertThat(storage.automationFirings().findByCase(resolved.id())).isEmpty();
        } else {
            assertThat(refused).isNull();
            Case closed = storage.cases().get(resolved.id());
            assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
            assertThat(closed.history().get(1).actor()).isEqualTo(Actor.rule(name.value()));
            assertThat(storage.automationFirings().findByCase(resolved.id())).singleElement()
                    .satisfies(f -> assertThat(f.ruleName()).isEqualTo(name.value()));
        }
    }

    @Provide
    Arbitrary<In<String>> names() {
        return Hostile.requiredText(AutomationRule.MAX_NAME, false);
    }

    @Provide
    Arbitrary<In<Supplier<Age>>> ages() {
        Arbitrary<In<Supplier<Age>>> calendar = Arbitraries.longs().between(1, Age.MAX.toSeconds())
                .map(s -> In.ok((Supplier<Age>) () -> Age.calendar(Duration.ofSeconds(s))));
        Arbitrary<In<Supplier<Age>>> businessTime = Arbitraries.longs().between(1, 200_000)
                .map(m -> In.ok((Supplier<Age>) () -> Age.businessTime(Duration.ofMinutes(m), "shop")));
        Arbitrary<In<Supplier<Age>>> businessDays = Arbitraries.integers().between(1, Age.MAX_DAYS)
                .map(d -> In.ok((Supplier<Age>) () -> Age.businessDays(d, "shop")));
        Arbitrary<In<Supplier<Age>>> badDuration = Arbitraries.of(Duration.ZERO, Duration.ofNanos(-1),
                        Duration.ofDays(-3), Age.MAX.plusNanos(1), Duration.ofSeconds(Long.MAX_VALUE), null)
                .map(d -> In.bad((Supplier<Age>) () -> Age.calendar(d)));
        Arbitrary<In<Supplier<Age>>> badDays = Arbitraries.of(0, -1, Integer.MIN_VALUE, Age.MAX_DAYS + 1,
                        Integer.MAX_VALUE)
                .map(d -> In.bad((Supplier<Age>) () -> Age.businessDays(d, "shop")));
        Arbitrary<In<Supplier<Age>>> badCalendar = Arbitraries.of("", " ", "x".repeat(65), null)
                .map(id -> In.bad((Supplier<Age>) () -> Age.businessTime(Duration.ofHours(1), id)));
        return Arbitraries.frequencyOf(
                Tuple.of(10, calendar), Tuple.of(10, businessTime), Tuple.of(10, businessDays),
                Tuple.of(3, badDuration), Tuple.of(2, badDays), Tuple.of(2, badCalendar));
    }
}
