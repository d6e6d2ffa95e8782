package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.TimeWindow;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Follow-ups the practice names")
class PracticeFollowUpsTest {

    /** Weekdays 09:00-17:00 in Berlin, closed on Good Friday and Easter Monday 2026. */
    private static final BusinessCalendar OFFICE = BusinessCalendar.builder(FollowUpFixtures.BERLIN)
            .weekdays(TimeWindow.of("09:00", "17:00"))
            .holiday(LocalDate.parse("2026-04-03")).holiday(LocalDate.parse("2026-04-06")).build();

    private static List<FollowUp> followUps(FollowUpFixtures fx, Customer customer) {
        return fx.storage.followUps().findByCustomer(customer.id(), PageRequest.first()).items().stream()
                .sorted(Comparator.comparing(FollowUp::dueAt)).toList();
    }

    @Nested
    @DisplayName("a check-in call after a purchase")
    class CheckInCall {

        @Test
        @DisplayName("is scheduled by phone some days after the purchase, worth it for a week")
        void scheduledByPhone() {
            // given Thursday 2 April 2026, 10:00 in Berlin
            FollowUpFixtures fx = new FollowUpFixtures("2026-04-02T08:00:00Z");
            FollowUpScheduler scheduler = fx.scheduler().sendWindow(SendWindow.anyTime())
                    .rule(FollowUpRule.checkInCallAfterPurchase(Duration.ofDays(3))).build();
            Customer ada = fx.customer();

            // when
            scheduler.onEvent(fx.purchase(ada));

            // then
            assertThat(followUps(fx, ada)).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FollowUpKind.CHECK_IN_CALL);
                assertThat(f.channel()).isEqualTo(Channel.PHONE);
                assertThat(f.dueAt()).isEqualTo(Instant.parse("2026-04-05T08:00:00Z"));
                assertThat(f.expiresAt()).contains(Instant.parse("2026-04-12T08:00:00Z"));
                assertThat(f.idempotencyKey()).startsWith("check-in-call-after-purchase/interaction:");
            });
        }

        @Test
        @DisplayName("is cancelled when the customer gets in touch first")
        void cancelledWhenCustomerWritesFirst() {
            // given
            FollowUpFixtures fx = new FollowUpFixtures("2026-04-02T08:00:00Z");
            FollowUpScheduler scheduler = fx.scheduler().sendWindow(SendWindow.anyTime())
                    .rule(FollowUpRule.checkInCallAfterPurchase(Duration.ofDays(3))).build();
            Customer ada = fx.customer();
            scheduler.onEvent(fx.purchase(ada));
            fx.clock.advance(Duration.ofHours(5));

            // when
            scheduler.onEvent(fx.interaction(ada, InteractionKind.MESSAGE, Direction.INBOUND, null, Channel.EMAIL));

            // then
            assertThat(followUps(fx, ada)).singleElement()
                    .satisfies(f -> assertThat(f.status()).isEqualTo(FollowUpStatus.CANCELLED));
        }
    }

    @Nested
    @DisplayName("a renewal that rolls forward every period")
    class Renewals {

        private final FollowUpRule rule = FollowUpRule.renewalReminder("renews_on", Period.ofMonths(1),
                Duration.ofDays(7));

        @Test
        @DisplayName("after the reminder is sent, the next period's is scheduled at once, and only once")
        void rollsForwardOnce() {
            // given a monthly renewal from 1 April, and the reminder for it scheduled
            FollowUpFixtures fx = new FollowUpFixtures("2026-03-20T08:00:00Z");
            FollowUpScheduler scheduler = fx.scheduler().sendWindow(SendWindow.anyTime()).rule(rule).build();
            Customer ada = fx.customer(b -> b.attributes(java.util.Map.of("renews_on", "2026-04-01")));
            scheduler.scheduleUpcoming(Duration.ofDays(14));
            FollowUp first = followUps(fx, ada).get(0);
            assertThat(first.dueAt()).isEqualTo(ZonedDateTime.parse("2026-03-25T00:00+01:00[Europe/Berlin]")
                    .toInstant());
            fx.storage.followUps().update(first.toBuilder().status(FollowUpStatus.SENT).attempts(1).build());
            FollowUpSent sent = new FollowUpSent(UUID.randomUUID(), fx.clock.instant(), first.id(), 1);

            // when the sent event arrives, twice
            EventOutcome once = scheduler.onEvent(sent);
            EventOutcome again = scheduler.onEvent(sent);

            // then the May renewal's reminder is scheduled beyond the look-ahead, once
            assertThat(once.schedules()).singleElement()
                    .satisfies(o -> assertThat(o.result()).isEqualTo(ScheduleOutcome.Result.SCHEDULED));
            assertThat(again.schedules()).singleElement()
                    .satisfies(o -> assertThat(o.result()).isEqualTo(ScheduleOutcome.Result.ALREADY_SCHEDULED));
            List<FollowUp> all = followUps(fx, ada);
            assertThat(all).hasSize(2);
            assertThat(all.get(1).idempotencyKey()).endsWith(":2026-05-01");
            assertThat(all.get(1).kind()).isEqualTo(FollowUpKind.RENEWAL_REMINDER);
        }

        @Test
        @DisplayName("a rule that does not roll forward schedules nothing when its follow-up is sent")
        void plainDateRuleDoesNotRoll() {
            // given
            FollowUpFixtures fx = new FollowUpFixtures("2026-03-20T08:00:00Z");
            FollowUpRule once = FollowUpRule.builder("renewal-once", FollowUpKind.RENEWAL_REMINDER,
                    Trigger.onDate(DateSource.attribute("renews_on"))).delay(Duration.ofDays(-7)).build();
            FollowUpScheduler scheduler = fx.scheduler().sendWindow(SendWindow.anyTime()).rule(once).build();
            Customer ada = fx.customer(b -> b.attributes(java.util.Map.of("renews_on", "2026-04-01")));
            scheduler.scheduleUpcoming(Duration.ofDays(14));
            FollowUp first = followUps(fx, ada).get(0);

            // when
            EventOutcome outcome = scheduler.onEvent(new FollowUpSent(UUID.randomUUID(), fx.clock.instant(),
                    first.id(), 1));

            // then
            assertThat(outcome.schedules()).isEmpty();
            assertThat(followUps(fx, ada)).hasSize(1);
        }

        @Test
        @DisplayName("each period counts from the first date, so a month-end renewal stays at month end")
        void monthEndStays() {
            // given
            FollowUpFixtures fx = new FollowUpFixtures("2026-01-01T08:00:00Z");
            Customer ada = fx.customer(b -> b.attributes(java.util.Map.of("renews_on", "2026-01-31")));
            DateSource monthly = DateSource.every("renews_on", Period.ofMonths(1));

            // when / then
            assertThat(monthly.nextOnOrAfter(ada, LocalDate.parse("2026-01-01"))).contains(LocalDate.parse("2026-01-31"));
            assertThat(monthly.nextOnOrAfter(ada, LocalDate.parse("2026-02-01"))).contains(LocalDate.parse("2026-02-28"));
            assertThat(monthly.nextOnOrAfter(ada, LocalDate.parse("2026-03-01"))).contains(LocalDate.parse("2026-03-31"));
            assertThat(monthly.nextOnOrAfter(ada, LocalDate.parse("2027-12-15"))).contains(LocalDate.parse("2027-12-31"));
            Customer bob = fx.customer(b -> b.attributes(java.util.Map.of("renews_on", "2026-01-05")));
            assertThat(DateSource.every("renews_on", Period.ofWeeks(2)).nextOnOrAfter(bob, LocalDate.parse("2026-02-01")))
                    .contains(LocalDate.parse("2026-02-02"));
            assertThat(DateSource.every("renews_on", Period.of(0, 1, 15)).nextOnOrAfter(ada,
                    LocalDate.parse("2026-03-10"))).contains(LocalDate.parse("2026-03-15"));
            assertThatThrownBy(() -> DateSource.every("renews_on", Period.ZERO))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.violations().get(0).field()).isEqualTo("every"));
        }

        @Test
        @DisplayName("rolling forward needs a date trigger, and is refused by name on another")
        void rollForwardNeedsDates() {
            assertThatThrownBy(() -> FollowUpRule.builder("thanks", FollowUpKind.THANK_YOU, Trigger.purchaseRecorded())
                    .rollForward(true).template("Not A Key").build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(ValidationException.Violation::field)
                            .containsExactlyInAnyOrder("rollForward", "template"));
        }
    }

    @Nested
    @DisplayName("delays counted in business days")
    class BusinessDays {

        @Test
        @DisplayName("skip the weekend and holidays; calendar days do not")
        void skipHolidays() {
            // given Thursday 2 April 2026, 10:00 in Berlin, before Good Friday, the weekend and Easter Monday
            FollowUpFixtures fx = new FollowUpFixtures("2026-04-02T08:00:00Z");
            FollowUpScheduler scheduler = fx.scheduler().sendWindow(SendWindow.anyTime())
                    .rule(FollowUpRule.builder("business", FollowUpKind.THANK_YOU, Trigger.purchaseRecorded())
                            .delay(Duration.ofDays(2)).businessDays(OFFICE).build())
                    .rule(FollowUpRule.builder("calendar", FollowUpKind.CHECK_IN, Trigger.purchaseRecorded())
                            .delay(Duration.ofDays(2)).build())
                    .build();
            Customer ada = fx.customer();

            // when
            scheduler.onEvent(fx.purchase(ada));

            // then the calendar-day one is due Saturday; the business-day one Wednesday, at the same local time
            List<FollowUp> all = followUps(fx, ada);
            assertThat(all).extracting(FollowUp::kind).containsExactly(FollowUpKind.CHECK_IN, FollowUpKind.THANK_YOU);
            assertThat(all.get(0).dueAt()).isEqualTo(Instant.parse("2026-04-04T08:00:00Z"));
            assertThat(all.get(1).dueAt()).isEqualTo(Instant.parse("2026-04-08T08:00:00Z"));
        }

        @Test
        @DisplayName("count backwards before a date, for a reminder some business days ahead of a renewal")
        void backwards() {
            // given a renewal on Tuesday 7 April 2026 and a reminder two business days before it
            FollowUpFixtures fx = new FollowUpFixtures("2026-03-30T08:00:00Z");
            FollowUpScheduler scheduler = fx.scheduler().sendWindow(SendWindow.anyTime())
                    .rule(FollowUpRule.builder("renewal", FollowUpKind.RENEWAL_REMINDER,
                            Trigger.onDate(DateSource.attribute("renews_on"))).delay(Duration.ofDays(-2))
                            .sendAt(java.time.LocalTime.of(10, 0)).businessDays(OFFICE).build())
                    .build();
            Customer ada = fx.customer(b -> b.attributes(java.util.Map.of("renews_on", "2026-04-07")));

            // when
            scheduler.scheduleUpcoming(Duration.ofDays(14));

            // then Monday the 6th and Friday the 3rd are holidays: Thursday the 2nd is one, Wednesday the 1st two
            assertThat(followUps(fx, ada)).singleElement().satisfies(f -> assertThat(f.dueAt())
                    .isEqualTo(Instant.parse("2026-04-01T08:00:00Z")));
        }

        @Test
        @DisplayName("keep the local time of day across the change to summer time")
        void daylightSaving() {
            // given Friday 27 March 2026, 10:00 CET; clocks go forward on the 29th
            FollowUpFixtures fx = new FollowUpFixtures("2026-03-27T09:00:00Z");
            FollowUpScheduler scheduler = fx.scheduler().sendWindow(SendWindow.anyTime())
                    .rule(FollowUpRule.builder("business", FollowUpKind.THANK_YOU, Trigger.purchaseRecorded())
                            .delay(Duration.ofDays(1)).businessDays(OFFICE).build())
                    .build();
            Customer ada = fx.customer();

            // when
            scheduler.onEvent(fx.purchase(ada));

            // then Monday 10:00 CEST
            assertThat(followUps(fx, ada)).singleElement().satisfies(f -> assertThat(f.dueAt())
                    .isEqualTo(Instant.parse("2026-03-30T08:00:00Z")));
        }
    }
}
