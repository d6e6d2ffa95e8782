package dev.rapport.sla;

import dev.rapport.test.SettableClock;
import static dev.rapport.sla.SlaFixtures.customerMessage;
import static dev.rapport.sla.SlaFixtures.humanReply;
import static dev.rapport.sla.SlaFixtures.london;
import static dev.rapport.sla.SlaFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The SLA service")
class SlaServiceTest {

    final SettableClock clock = new SettableClock(london("2025-03-03T10:00"));
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final SlaService sla = new SlaService(storage, SlaPolicy.builder()
            .rule(SlaRule.builder().segments("gold")
                    .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofMinutes(15))).build())
            .rule(SlaRule.builder()
                    .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofHours(4))).build())
            .build(), new BusinessCalendars(), clock);

    @Test
    @DisplayName("reads the case, its interactions and its customer's segment from storage")
    void readsFromStorage() {
        // given a gold customer whose case got a bot reply, then a human reply after 20 minutes
        Customer customer = storage.customers().insert(Customer.builder().id(CustomerId.random()).name("Ada")
                .segment("gold").createdAt(clock.instant()).updatedAt(clock.instant()).build());
        Case supportCase = storage.cases().insert(Case.builder().id(CaseId.random()).customerId(customer.id())
                .subject("Refund").priority(Priority.NORMAL).originChannel(Channel.CHAT)
                .createdAt(clock.instant()).updatedAt(clock.instant()).build());
        storage.interactions().insert(customerMessage(supportCase, london("2025-03-03T10:00")));
        storage.interactions().insert(reply(supportCase, london("2025-03-03T10:01"), Handler.BOT));
        storage.interactions().insert(humanReply(supportCase, london("2025-03-03T10:20")));
        clock.set(london("2025-03-03T11:00"));

        // when
        SlaStatus status = sla.status(supportCase.id());

        // then
        SlaClock firstReply = status.clock(SlaTarget.FIRST_REPLY).orElseThrow();
        assertThat(status.computedAt()).isEqualTo(london("2025-03-03T11:00"));
        assertThat(firstReply.goal()).isEqualTo(Duration.ofMinutes(15));
        assertThat(firstReply.outcome()).isEqualTo(SlaOutcome.BREACHED);
        assertThat(firstReply.stoppedAt()).contains(london("2025-03-03T10:20"));
        assertThat(status.anyBreached()).isTrue();
    }

    @Test
    @DisplayName("fails with the case id when the case does not exist")
    void unknownCase() {
        CaseId missing = CaseId.random();
        assertThatThrownBy(() -> sla.status(missing)).isInstanceOfSatisfying(CaseNotFoundException.class,
                e -> assertThat(e.caseId()).isEqualTo(missing));
    }
}
