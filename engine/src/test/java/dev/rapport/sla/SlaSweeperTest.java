package dev.rapport.sla;

import dev.rapport.test.SettableClock;
import static dev.rapport.sla.SlaFixtures.london;
import static dev.rapport.sla.SlaFixtures.newCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.SlaBreached;
import dev.rapport.spi.event.SlaWarningReached;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The SLA sweeper")
class SlaSweeperTest {

    final SettableClock clock = new SettableClock(london("2025-03-03T10:00"));
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final List<DomainEvent> published = new CopyOnWriteArrayList<>();
    final SlaService sla = new SlaService(storage, SlaPolicy.builder()
            .rule(SlaRule.builder().target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofHours(1)))
                    .build())
            .build(), new BusinessCalendars(), clock);

    @Test
    @DisplayName("raises the warning and then the breach once each, with ids derived from case, target and due time")
    void raisesEachCrossingOnce() {
        // given a case opened at 10:00 with a one-hour first-reply target
        Case supportCase = storage.cases().insert(newCase(london("2025-03-03T10:00")));
        SlaSweeper sweeper = new SlaSweeper(storage, sla, published::add);

        // when
        clock.set(london("2025-03-03T10:30"));
        SweepReport early = sweeper.sweep();
        clock.set(london("2025-03-03T10:50"));
        SweepReport warned = sweeper.sweep();
        SweepReport again = sweeper.sweep();
        clock.set(london("2025-03-03T11:10"));
        SweepReport breached = sweeper.sweep();
        SweepReport later = sweeper.sweep();

        // then
        assertThat(early).isEqualTo(new SweepReport(1, 0, 0));
        assertThat(warned).isEqualTo(new SweepReport(1, 1, 0));
        assertThat(again).isEqualTo(new SweepReport(1, 0, 0));
        assertThat(breached).isEqualTo(new SweepReport(1, 0, 1));
        assertThat(later).isEqualTo(new SweepReport(1, 0, 0));
        var due = london("2025-03-03T11:00");
        assertThat(published).containsExactly(
                new SlaWarningReached(SlaSweeper.warningEventId(supportCase.id(), SlaTarget.FIRST_REPLY, due),
                        london("2025-03-03T10:45"), supportCase.id(), SlaTarget.FIRST_REPLY, due),
                new SlaBreached(SlaSweeper.breachEventId(supportCase.id(), SlaTarget.FIRST_REPLY, due),
                        due, supportCase.id(), SlaTarget.FIRST_REPLY, due));
    }

    @Test
    @DisplayName("gives a restarted sweeper's repeats the same event ids, so publishers can drop them")
    void restartRepeatsSameIds() {
        // given a breached case seen by one sweeper
        storage.cases().insert(newCase(london("2025-03-03T10:00")));
        clock.set(london("2025-03-03T12:00"));
        new SlaSweeper(storage, sla, published::add).sweep();
        List<DomainEvent> first = List.copyOf(published);
        published.clear();

        // when a new sweeper runs
        new SlaSweeper(storage, sla, published::add).sweep();

        // then
        assertThat(first).hasSize(2);
        assertThat(published).extracting(DomainEvent::eventId)
                .containsExactlyElementsOf(first.stream().map(DomainEvent::eventId).toList());
    }

    @Test
    @DisplayName("raises nothing for a case that waits on the customer or is resolved")
    void skipsPausedAndResolved() {
        // given
        storage.cases().insert(newCase(london("2025-03-03T10:00"))
                .moveTo(CaseStatus.PENDING_CUSTOMER, london("2025-03-03T10:10")));
        storage.cases().insert(newCase(london("2025-03-03T10:00"))
                .moveTo(CaseStatus.RESOLVED, london("2025-03-03T10:10")));
        clock.set(london("2025-03-03T15:00"));

        // when
        SweepReport report = new SlaSweeper(storage, sla, published::add).sweep();

        // then
        assertThat(report).isEqualTo(new SweepReport(1, 0, 0));
        assertThat(published).isEmpty();
    }

    @Test
    @DisplayName("sweeps in the background once started, and stops when closed")
    void backgroundRunner() throws InterruptedException {
        // given
        storage.cases().insert(newCase(london("2025-03-03T10:00")));
        clock.set(london("2025-03-03T12:00"));
        CountDownLatch breached = new CountDownLatch(1);
        SlaSweeper sweeper = new SlaSweeper(storage, sla, event -> {
            if (event instanceof SlaBreached) {
                breached.countDown();
            }
        });

        // when
        sweeper.start(Duration.ofMillis(20));
        boolean raised = breached.await(10, TimeUnit.SECONDS);

        // then
        assertThat(raised).isTrue();
        assertThatThrownBy(() -> sweeper.start(Duration.ofMillis(20))).isInstanceOf(IllegalStateException.class);
        sweeper.close();
        sweeper.start(Duration.ofSeconds(60)); // can start again after closing
        sweeper.close();
    }
}
