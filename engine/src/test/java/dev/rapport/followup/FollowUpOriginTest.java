package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A follow-up's origin, its rule and occasion date,")
class FollowUpOriginTest {

    private final FollowUpFixtures fx = new FollowUpFixtures("2024-05-14T10:00:00Z"); // a Tuesday; 12:00 in Berlin

    private List<FollowUp> followUpsOf(Customer customer) {
        return fx.storage.followUps().findByCustomer(customer.id(), PageRequest.first()).items().stream()
                .sorted(Comparator.comparing(FollowUp::createdAt).thenComparing(FollowUp::dueAt)).toList();
    }

    private CustomerUpdated updated(Customer customer) {
        return new CustomerUpdated(UUID.randomUUID(), fx.clock.instant(), customer.id());
    }

    @Test
    @DisplayName("is recorded by the scheduler: a date rule's rule and date, an event rule's rule, nothing for the"
            + " host's own")
    void schedulerRecordsOrigin() {
        // given a birthday rule, a thank-you rule and a customer with a birthday in ten days
        FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.birthdayGreeting(LocalTime.of(10, 0)))
                .rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2))).build();
        Customer customer = fx.customer(b -> b.birthday(LocalDate.of(1990, 5, 24)));

        // when the birthday, a purchase and a direct request are scheduled
        scheduler.scheduleUpcoming(Duration.ofDays(31));
        scheduler.onEvent(fx.purchase(customer));
        scheduler.schedule(ScheduleFollowUp.builder().customerId(customer.id()).kind(FollowUpKind.WOW)
                .dueAt(fx.clock.instant().plus(Duration.ofHours(1))).build());

        // then each records where it came from
        assertThat(followUpsOf(customer)).extracting(FollowUp::kind, FollowUp::ruleId, FollowUp::occasionDate)
                .containsExactlyInAnyOrder(
                        tuple(FollowUpKind.BIRTHDAY, Optional.of("birthday-greeting"),
                                Optional.of(LocalDate.of(2024, 5, 24))),
                        tuple(FollowUpKind.THANK_YOU, Optional.of("thank-you-after-purchase"), Optional.empty()),
                        tuple(FollowUpKind.WOW, Optional.empty(), Optional.empty()));
    }

    @Test
    @DisplayName("is what a moved date is judged by, whatever the idempotency key says")
    void movedDateReadsTheFields() {
        // given a greeting recorded for 20 May under a key that names no date, and one whose key looks like a
        // date rule's but that records no rule; the birthday is then corrected to 2 June
        FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.birthdayGreeting(LocalTime.of(10, 0)))
                .build();
        Customer customer = fx.customer(b -> b.birthday(LocalDate.of(1990, 6, 2)));
        FollowUp recorded = fx.dueFollowUp(customer, b -> b.kind(FollowUpKind.BIRTHDAY).ruleId("birthday-greeting")
                .occasionDate(LocalDate.of(2024, 5, 20)).dueAt(fx.clock.instant().plus(Duration.ofDays(6))));
        FollowUp keyOnly = fx.dueFollowUp(customer, b -> b.kind(FollowUpKind.BIRTHDAY)
                .idempotencyKey("birthday-greeting/customer:" + customer.id() + ":2024-05-20")
                .dueAt(fx.clock.instant().plus(Duration.ofDays(6))));

        // when the customer update arrives
        EventOutcome outcome = scheduler.onEvent(updated(customer));

        // then only the one whose recorded date moved is cancelled
        assertThat(outcome.cancelled()).containsExactly(recorded.id());
        assertThat(fx.stored(recorded.id()).cancelReason()).contains("date_changed");
        assertThat(fx.stored(keyOnly.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
    }

    @Test
    @DisplayName("is what a renewal rolls forward from, and the next period's follow-up records its own date")
    void rollForwardReadsTheFields() {
        // given a monthly renewal from 10 June, and its sent reminder recorded under a key that names no date
        FollowUpRule rule = FollowUpRule.renewalReminder("renews_on", Period.ofMonths(1), Duration.ofDays(7));
        FollowUpScheduler scheduler = fx.scheduler().sendWindow(SendWindow.anyTime()).rule(rule).build();
        Customer customer = fx.customer(b -> b.attributes(Map.of("renews_on", "2024-06-10")));
        FollowUp sent = fx.dueFollowUp(customer, b -> b.kind(FollowUpKind.RENEWAL_REMINDER).ruleId(rule.id())
                .occasionDate(LocalDate.of(2024, 6, 10)).status(FollowUpStatus.SENT).attempts(1));

        // when the sent event arrives
        EventOutcome outcome = scheduler.onEvent(new FollowUpSent(UUID.randomUUID(), fx.clock.instant(), sent.id(),
                1));

        // then the July renewal's reminder is scheduled, recording its rule and date
        assertThat(outcome.schedules()).singleElement()
                .satisfies(o -> assertThat(o.result()).isEqualTo(ScheduleOutcome.Result.SCHEDULED));
        assertThat(followUpsOf(customer)).filteredOn(f -> f.status() == FollowUpStatus.SCHEDULED).singleElement()
                .satisfies(f -> {
                    assertThat(f.ruleId()).contains(rule.id());
                    assertThat(f.occasionDate()).contains(LocalDate.of(2024, 7, 10));
                    assertThat(f.idempotencyKey()).endsWith(":2024-07-10");
                });
    }
}
