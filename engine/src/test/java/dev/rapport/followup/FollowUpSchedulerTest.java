package dev.rapport.followup;

import static dev.rapport.followup.FollowUpFixtures.BERLIN;
import static dev.rapport.followup.FollowUpFixtures.CHICAGO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.followup.ScheduleOutcome.Result;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.FollowUpScheduled;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The follow-up scheduler")
class FollowUpSchedulerTest {

    /** An event type the core does not know, as a host or a later package would publish it. */
    record ComplaintClosed(CaseId caseId, Instant closedAt) {
    }

    private final FollowUpFixtures fx = new FollowUpFixtures("2024-05-14T10:00:00Z"); // a Tuesday; 12:00 in Berlin

    private List<FollowUp> followUpsOf(Customer customer) {
        return fx.storage.followUps().findByCustomer(customer.id(), PageRequest.first()).items();
    }

    private static Instant local(String dateTime, java.time.ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    @Nested
    @DisplayName("fires rules from events")
    class FromEvents {

        @Test
        @DisplayName("schedules a thank-you two days after a purchase, on the preferred channel, and says so after commit")
        void thankYouAfterPurchase() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2)))
                    .build();
            Customer customer = fx.customer();

            // when
            EventOutcome outcome = scheduler.onEvent(fx.purchase(customer));

            // then
            assertThat(outcome.schedules()).singleElement().satisfies(s -> {
                assertThat(s.result()).isEqualTo(Result.SCHEDULED);
                assertThat(s.ruleId()).contains("thank-you-after-purchase");
            });
            FollowUp stored = followUpsOf(customer).get(0);
            assertThat(stored.kind()).isEqualTo(FollowUpKind.THANK_YOU);
            assertThat(stored.channel()).isEqualTo(Channel.EMAIL);
            assertThat(stored.status()).isEqualTo(FollowUpStatus.SCHEDULED);
            assertThat(stored.dueAt()).isEqualTo(Instant.parse("2024-05-16T10:00:00Z"));
            assertThat(stored.idempotencyKey()).startsWith("thank-you-after-purchase/interaction:");
            assertThat(stored.version()).isEqualTo(1);
            assertThat(fx.events.ofType(FollowUpScheduled.class)).singleElement().satisfies(e -> {
                assertThat(e.followUpId()).isEqualTo(stored.id());
                assertThat(e.customerId()).isEqualTo(customer.id());
                assertThat(e.dueAt()).isEqualTo(stored.dueAt());
            });
        }

        @Test
        @DisplayName("schedules once when the same event arrives twice")
        void sameEventTwice() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2)))
                    .build();
            Customer customer = fx.customer();
            InteractionRecorded purchase = fx.purchase(customer);
            ScheduleOutcome first = scheduler.onEvent(purchase).schedules().get(0);

            // when
            ScheduleOutcome second = scheduler.onEvent(purchase).schedules().get(0);

            // then
            assertThat(second.result()).isEqualTo(Result.ALREADY_SCHEDULED);
            assertThat(second.followUpId()).isEqualTo(first.followUpId());
            assertThat(followUpsOf(customer)).hasSize(1);
            assertThat(fx.events.ofType(FollowUpScheduled.class)).hasSize(1);
        }

        @Test
        @DisplayName("schedules at most one survey per case, for the case's customer")
        void oneSurveyPerCase() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.surveyAfterResolution(Duration.ofDays(1)))
                    .build();
            Customer customer = fx.customer();
            Case supportCase = fx.openCase(customer, b -> b);
            CaseStatusChanged resolved = fx.move(supportCase, CaseStatus.RESOLVED);

            // when
            EventOutcome first = scheduler.onEvent(resolved);
            EventOutcome repeated = scheduler.onEvent(new CaseStatusChanged(UUID.randomUUID(),
                    resolved.occurredAt().plusSeconds(5), supportCase.id(), CaseStatus.OPEN, CaseStatus.RESOLVED));

            // then
            assertThat(first.schedules().get(0).result()).isEqualTo(Result.SCHEDULED);
            assertThat(repeated.schedules().get(0).result()).isEqualTo(Result.ALREADY_SCHEDULED);
            assertThat(followUpsOf(customer)).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FollowUpKind.SURVEY);
                assertThat(f.caseId()).contains(supportCase.id());
                assertThat(f.expiresAt()).contains(Instant.parse("2024-05-29T10:00:00Z"));
            });
        }

        @Test
        @DisplayName("drops a late resolution event when the case was reopened since")
        void staleResolution() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.surveyAfterResolution(Duration.ofDays(1)))
                    .build();
            Customer customer = fx.customer();
            Case supportCase = fx.openCase(customer, b -> b);
            CaseStatusChanged resolved = fx.move(supportCase, CaseStatus.RESOLVED);
            fx.move(supportCase, CaseStatus.OPEN);

            // when
            EventOutcome outcome = scheduler.onEvent(resolved);

            // then
            assertThat(outcome.schedules()).singleElement().satisfies(s -> {
                assertThat(s.result()).isEqualTo(Result.SKIPPED);
                assertThat(s.reason()).contains("case is no longer RESOLVED");
            });
            assertThat(followUpsOf(customer)).isEmpty();
        }

        @Test
        @DisplayName("schedules a phone call-back after an inbound missed call, but not after an outbound one")
        void callBackAfterMissedCall() {
            // given
            FollowUpScheduler scheduler = fx.scheduler()
                    .rule(FollowUpRule.callBackAfterMissedCall(Duration.ofMinutes(30))).build();
            Customer customer = fx.customer();

            // when
            EventOutcome inbound = scheduler.onEvent(fx.missedCall(customer));
            EventOutcome outbound = scheduler.onEvent(
                    fx.interaction(customer, InteractionKind.MISSED_CALL, Direction.OUTBOUND, null, Channel.PHONE));

            // then
            assertThat(inbound.schedules().get(0).result()).isEqualTo(Result.SCHEDULED);
            assertThat(outbound.schedules()).isEmpty();
            assertThat(followUpsOf(customer)).singleElement().satisfies(f -> {
                assertThat(f.channel()).isEqualTo(Channel.PHONE);
                assertThat(f.dueAt()).isEqualTo(Instant.parse("2024-05-14T10:30:00Z"));
                assertThat(f.expiresAt()).contains(Instant.parse("2024-05-15T10:30:00Z"));
            });
        }

        @Test
        @DisplayName("fires on event types the core does not know, such as a closed complaint")
        void hostEventType() {
            // given
            FollowUpRule checkIn = FollowUpRule.builder("check-in-after-complaint", FollowUpKind.CHECK_IN,
                            Trigger.on(ComplaintClosed.class, e -> Optional.of(Occasion.forCase(e.caseId(), e.closedAt())
                                    .withValues(Map.of("complaintRef", "C-17")))))
                    .delay(Duration.ofDays(7)).build();
            FollowUpScheduler scheduler = fx.scheduler().rule(checkIn).build();
            Customer customer = fx.customer();
            Case supportCase = fx.openCase(customer, b -> b);

            // when
            EventOutcome outcome = scheduler.onEvent(new ComplaintClosed(supportCase.id(), fx.clock.instant()));

            // then
            assertThat(outcome.schedules().get(0).result()).isEqualTo(Result.SCHEDULED);
            assertThat(followUpsOf(customer)).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FollowUpKind.CHECK_IN);
                assertThat(f.caseId()).contains(supportCase.id());
                assertThat(f.values()).containsEntry("complaintRef", "C-17");
                assertThat(f.dueAt()).isEqualTo(Instant.parse("2024-05-21T10:00:00Z"));
            });
        }

        @Test
        @DisplayName("ignores events no rule is about")
        void unrelatedEvent() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2)))
                    .build();
            Customer customer = fx.customer();

            // when
            EventOutcome outcome = scheduler.onEvent(fx.message(customer, null));

            // then
            assertThat(outcome.changedNothing()).isTrue();
            assertThat(followUpsOf(customer)).isEmpty();
        }

        @Test
        @DisplayName("passes events on to the host's publisher and schedules from them when wired as a publisher")
        void publisherDecorator() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2)))
                    .build();
            List<DomainEvent> downstream = new ArrayList<>();
            Customer customer = fx.customer();
            InteractionRecorded purchase = fx.purchase(customer);

            // when
            scheduler.publishingTo(downstream::add).publish(purchase);

            // then
            assertThat(downstream).containsExactly(purchase);
            assertThat(followUpsOf(customer)).hasSize(1);
        }
    }

    @Nested
    @DisplayName("chooses the channel from preference and consent")
    class Channels {

        private final FollowUpScheduler scheduler = fx.scheduler()
                .rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(1))).build();

        private Optional<Channel> scheduledChannel(Customer customer) {
            scheduler.onEvent(fx.purchase(customer));
            return followUpsOf(customer).stream().map(FollowUp::channel).findFirst();
        }

        @Test
        @DisplayName("takes the customer's preferred channel when the rule allows it")
        void preferred() {
            assertThat(scheduledChannel(fx.customer(b -> b.preferredChannel(Channel.SMS)))).contains(Channel.SMS);
        }

        @Test
        @DisplayName("falls back to the next channel when the customer opted out of the preferred one")
        void optedOutOfPreferred() {
            Customer customer = fx.customer(b -> b.consents(Map.of(Channel.EMAIL, ConsentStatus.OPTED_OUT)));
            assertThat(scheduledChannel(customer)).contains(Channel.SMS);
        }

        @Test
        @DisplayName("skips a channel the customer has no address on")
        void noAddress() {
            Customer customer = fx.customer(b -> b.preferredChannel(Channel.WHATSAPP)
                    .identities(List.of(ContactIdentity.primary(Channel.PHONE, "+493012345678"))));
            assertThat(scheduledChannel(customer)).contains(Channel.PHONE);
        }

        @Test
        @DisplayName("keeps the rule's order when the rule does not defer to the customer's preference")
        void ruleOrder() {
            // given
            FollowUpScheduler smsFirst = fx.scheduler().rule(FollowUpRule.builder("sms-thanks", FollowUpKind.THANK_YOU,
                    Trigger.purchaseRecorded()).channels(List.of(Channel.SMS, Channel.EMAIL))
                    .preferCustomerChannel(false).build()).build();
            Customer customer = fx.customer();

            // when
            smsFirst.onEvent(fx.purchase(customer));

            // then
            assertThat(followUpsOf(customer)).extracting(FollowUp::channel).containsExactly(Channel.SMS);
        }

        @Test
        @DisplayName("schedules nothing when no allowed channel has both consent and an address")
        void noChannelAtAll() {
            // given
            Customer customer = fx.customer(b -> b.identities(List.of(ContactIdentity.primary(Channel.EMAIL,
                    "only@example.com"))).consents(Map.of(Channel.EMAIL, ConsentStatus.OPTED_OUT)));

            // when
            EventOutcome outcome = scheduler.onEvent(fx.purchase(customer));

            // then
            assertThat(outcome.schedules().get(0).result()).isEqualTo(Result.SKIPPED);
            assertThat(outcome.schedules().get(0).reason()).contains("no channel with consent and an address");
            assertThat(followUpsOf(customer)).isEmpty();
            assertThat(fx.events.published).isEmpty();
        }

        @Test
        @DisplayName("schedules nothing for an erased customer")
        void erased() {
            Customer customer = fx.customer(b -> b.status(CustomerStatus.ERASED));
            EventOutcome outcome = scheduler.onEvent(fx.purchase(customer));
            assertThat(outcome.schedules().get(0).reason()).contains("customer erased");
            assertThat(followUpsOf(customer)).isEmpty();
        }
    }

    @Nested
    @DisplayName("times follow-ups in the customer's own zone")
    class Timing {

        @Test
        @DisplayName("moves a follow-up that would fall in quiet hours to 08:00 the next morning")
        void quietHours() {
            // given 20:30 in Berlin, one hour's delay lands at 21:30
            fx.clock.set(local("2024-05-14T20:30:00", BERLIN));
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.builder("thanks", FollowUpKind.THANK_YOU,
                    Trigger.purchaseRecorded()).delay(Duration.ofHours(1)).build()).build();
            Customer customer = fx.customer();

            // when
            scheduler.onEvent(fx.purchase(customer));

            // then
            assertThat(followUpsOf(customer).get(0).dueAt()).isEqualTo(local("2024-05-15T08:00:00", BERLIN));
        }

        @Test
        @DisplayName("in Berlin sends a follow-up that lands on the missing hour of the spring-forward night at 08:00 summer time")
        void berlinSpringForward() {
            // given a purchase at 02:30 on 30 March 2024; a day later 02:30 does not exist
            fx.clock.set(local("2024-03-30T02:30:00", BERLIN));
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(1)))
                    .build();
            Customer customer = fx.customer();

            // when
            scheduler.onEvent(fx.purchase(customer));

            // then 08:00 CEST
            assertThat(followUpsOf(customer).get(0).dueAt()).isEqualTo(Instant.parse("2024-03-31T06:00:00Z"));
        }

        @Test
        @DisplayName("in Chicago keeps the local time of a one-day delay across the fall-back night")
        void chicagoFallBack() {
            // given a purchase at 15:00 CDT on 2 November 2024
            fx.clock.set(Instant.parse("2024-11-02T20:00:00Z"));
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(1)))
                    .build();
            Customer customer = fx.customer(b -> b.timeZone(CHICAGO));

            // when
            scheduler.onEvent(fx.purchase(customer));

            // then 15:00 CST, 25 hours later
            assertThat(followUpsOf(customer).get(0).dueAt()).isEqualTo(Instant.parse("2024-11-03T21:00:00Z"));
        }

        @Test
        @DisplayName("sends a follow-up whose planned time has passed as soon as allowed")
        void latePlannedTime() {
            // given a purchase five days ago, a two-day delay
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2)))
                    .build();
            Customer customer = fx.customer();
            InteractionRecorded purchase = fx.purchase(customer);
            fx.clock.advance(Duration.ofDays(5));

            // when
            scheduler.onEvent(purchase);

            // then
            assertThat(followUpsOf(customer).get(0).dueAt()).isEqualTo(fx.clock.instant());
        }

        @Test
        @DisplayName("uses the rule's local time of day in the customer's zone")
        void sendAt() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.builder("morning-thanks",
                    FollowUpKind.THANK_YOU, Trigger.purchaseRecorded()).delay(Duration.ofDays(1))
                    .sendAt(LocalTime.of(9, 15)).build()).build();
            Customer customer = fx.customer(b -> b.timeZone(CHICAGO));

            // when
            scheduler.onEvent(fx.purchase(customer));

            // then 10:00 UTC on the 14th is 05:00 CDT; a day later at 09:15 CDT
            assertThat(followUpsOf(customer).get(0).dueAt()).isEqualTo(local("2024-05-15T09:15:00", CHICAGO));
        }
    }

    @Nested
    @DisplayName("schedules date-driven follow-ups")
    class Dates {

        @Test
        @DisplayName("greets on the birthday at 10:00 local time, once a year however often it runs")
        void birthday() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.birthdayGreeting(LocalTime.of(10, 0)))
                    .build();
            Customer customer = fx.customer(b -> b.timeZone(CHICAGO).birthday(LocalDate.of(1990, 5, 20)));
            fx.customer(b -> b.birthday(LocalDate.of(1985, 9, 1)));

            // when
            int first = scheduler.scheduleUpcoming(Duration.ofDays(31));
            int again = scheduler.scheduleUpcoming(Duration.ofDays(31));

            // then
            assertThat(first).isEqualTo(1);
            assertThat(again).isZero();
            assertThat(followUpsOf(customer)).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FollowUpKind.BIRTHDAY);
                assertThat(f.dueAt()).isEqualTo(local("2024-05-20T10:00:00", CHICAGO));
                assertThat(f.expiresAt()).contains(local("2024-05-20T22:00:00", CHICAGO));
                assertThat(f.idempotencyKey()).endsWith(":2024-05-20");
            });
        }

        @Test
        @DisplayName("greets a customer born on 29 February on 28 February in a common year")
        void leapDayBirthday() {
            // given
            fx.clock.set(Instant.parse("2025-02-20T12:00:00Z"));
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.birthdayGreeting(LocalTime.of(10, 0)))
                    .build();
            Customer customer = fx.customer(b -> b.birthday(LocalDate.of(2000, 2, 29)));

            // when
            scheduler.scheduleUpcoming(Duration.ofDays(31));

            // then
            assertThat(followUpsOf(customer).get(0).dueAt()).isEqualTo(local("2025-02-28T10:00:00", BERLIN));
        }

        @Test
        @DisplayName("reminds two weeks before a renewal date kept in a customer attribute")
        void renewalReminder() {
            // given
            FollowUpRule reminder = FollowUpRule.builder("renewal-reminder", FollowUpKind.RENEWAL_REMINDER,
                    Trigger.onDate(DateSource.attribute("renewal_date"))).delay(Duration.ofDays(-14))
                    .sendAt(LocalTime.of(9, 0)).build();
            FollowUpScheduler scheduler = fx.scheduler().rule(reminder).build();
            Customer customer = fx.customer(b -> b.attributes(Map.of("renewal_date", "2024-06-10")));
            Customer later = fx.customer(b -> b.attributes(Map.of("renewal_date", "2024-09-10")));

            // when
            int scheduled = scheduler.scheduleUpcoming(Duration.ofDays(31));

            // then
            assertThat(scheduled).isEqualTo(1);
            assertThat(followUpsOf(customer).get(0).dueAt()).isEqualTo(local("2024-05-27T09:00:00", BERLIN));
            assertThat(followUpsOf(later)).isEmpty();
        }

        @Test
        @DisplayName("schedules the coming birthday as soon as the customer is registered")
        void onRegistration() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.birthdayGreeting(LocalTime.of(10, 0)))
                    .build();
            Customer customer = fx.customer(b -> b.birthday(LocalDate.of(1990, 5, 24)));

            // when
            EventOutcome outcome = scheduler.onEvent(new CustomerRegistered(UUID.randomUUID(), fx.clock.instant(),
                    customer.id()));

            // then
            assertThat(outcome.schedules()).extracting(ScheduleOutcome::result).containsExactly(Result.SCHEDULED);
            assertThat(followUpsOf(customer).get(0).dueAt()).isEqualTo(local("2024-05-24T10:00:00", BERLIN));
        }

        @Test
        @DisplayName("skips a greeting that would expire before quiet hours end")
        void expiresInQuietHours() {
            // given the birthday evening at 21:30, after quiet hours began; the greeting expires at 22:00
            fx.clock.set(local("2024-05-20T21:30:00", BERLIN));
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.birthdayGreeting(LocalTime.of(10, 0)))
                    .build();
            Customer customer = fx.customer(b -> b.birthday(LocalDate.of(1990, 5, 20)));

            // when
            List<ScheduleOutcome> outcomes = scheduler.scheduleUpcoming(customer.id(), Duration.ofDays(1));

            // then
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.result()).isEqualTo(Result.SKIPPED);
                assertThat(o.reason()).contains("expires before an allowed send time");
            });
            assertThat(followUpsOf(customer)).isEmpty();
        }

        @Test
        @DisplayName("replaces the greeting when the birthday is corrected")
        void birthdayCorrected() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.birthdayGreeting(LocalTime.of(10, 0)))
                    .build();
            Customer customer = fx.customer(b -> b.birthday(LocalDate.of(1990, 5, 20)));
            scheduler.scheduleUpcoming(Duration.ofDays(31));
            FollowUp wrong = followUpsOf(customer).get(0);
            fx.update(customer, b -> b.birthday(LocalDate.of(1990, 6, 2)));

            // when
            EventOutcome outcome = scheduler.onEvent(new CustomerUpdated(UUID.randomUUID(), fx.clock.instant(),
                    customer.id()));

            // then
            assertThat(outcome.cancelled()).containsExactly(wrong.id());
            assertThat(fx.stored(wrong.id()).cancelReason()).contains("date_changed");
            assertThat(followUpsOf(customer)).filteredOn(f -> f.status() == FollowUpStatus.SCHEDULED)
                    .singleElement().satisfies(f -> assertThat(f.dueAt())
                            .isEqualTo(local("2024-06-02T10:00:00", BERLIN)));
        }
    }

    @Nested
    @DisplayName("takes requests from the host")
    class Direct {

        @Test
        @DisplayName("rejects a missing id or occasion, and a case of another customer, naming the field")
        void rejectsBadRequests() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2)))
                    .build();
            Customer customer = fx.customer();
            Customer other = fx.customer();
            Case othersCase = fx.openCase(other, b -> b);
            ScheduleFollowUp foreignCase = ScheduleFollowUp.builder().customerId(customer.id())
                    .kind(FollowUpKind.WOW).dueAt(local("2024-05-14T14:00:00", BERLIN)).caseId(othersCase.id())
                    .build();

            // when / then
            assertThatThrownBy(() -> scheduler.cancel(null, "no longer needed"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("id"));
            assertThatThrownBy(() -> scheduler.trigger("thank-you-after-purchase", null))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("occasion"));
            assertThatThrownBy(() -> scheduler.schedule(foreignCase))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("caseId"));
            assertThat(fx.storage.followUps().findByCustomer(customer.id(), PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("schedules a follow-up the host asks for, once per idempotency key")
        void direct() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().build();
            Customer customer = fx.customer();
            ScheduleFollowUp request = ScheduleFollowUp.builder().customerId(customer.id()).kind(FollowUpKind.WOW)
                    .dueAt(local("2024-05-14T22:00:00", BERLIN)).values(Map.of("voucherCode", "THANKS10"))
                    .idempotencyKey("wow-2024-05").build();

            // when
            ScheduleOutcome first = scheduler.schedule(request);
            ScheduleOutcome second = scheduler.schedule(request);

            // then
            assertThat(first.result()).isEqualTo(Result.SCHEDULED);
            assertThat(second.result()).isEqualTo(Result.ALREADY_SCHEDULED);
            assertThat(second.followUpId()).isEqualTo(first.followUpId());
            FollowUp stored = first.followUp().orElseThrow();
            assertThat(stored.dueAt()).isEqualTo(local("2024-05-15T08:00:00", BERLIN));
            assertThat(stored.values()).containsEntry("voucherCode", "THANKS10");
            assertThat(stored.idempotencyKey()).isEqualTo("direct/wow-2024-05");
        }

        @Test
        @DisplayName("refuses a bad request naming every bad field, and stores nothing")
        void invalidRequest() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().build();
            ScheduleFollowUp request = ScheduleFollowUp.builder().dueAt(fx.clock.instant())
                    .expiresAt(fx.clock.instant().minusSeconds(1)).values(Map.of("bad key", "x")).idempotencyKey(" ")
                    .build();

            // when / then
            assertThatThrownBy(() -> scheduler.schedule(request)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.fields()).contains("customerId", "kind", "expiresAt", "idempotencyKey").anyMatch(
                            f -> f.startsWith("values")));
            assertThat(fx.storage.followUps().findByStatus(java.util.EnumSet.allOf(FollowUpStatus.class),
                    PageRequest.first()).items()).isEmpty();
            assertThat(fx.events.published).isEmpty();
        }

        @Test
        @DisplayName("skips a request for a channel the customer opted out of")
        void optedOutChannel() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().build();
            Customer customer = fx.customer(b -> b.consents(Map.of(Channel.SMS, ConsentStatus.OPTED_OUT)));

            // when
            ScheduleOutcome outcome = scheduler.schedule(ScheduleFollowUp.builder().customerId(customer.id())
                    .kind(FollowUpKind.WOW).dueAt(fx.clock.instant()).channel(Channel.SMS).build());

            // then
            assertThat(outcome.result()).isEqualTo(Result.SKIPPED);
            assertThat(followUpsOf(customer)).isEmpty();
        }

        @Test
        @DisplayName("fires a manual rule when the host names it, and refuses an unknown rule")
        void manualRule() {
            // given
            FollowUpScheduler scheduler = fx.scheduler().rule(FollowUpRule.builder("loyalty-wow", FollowUpKind.WOW,
                    Trigger.manual()).delay(Duration.ofHours(2)).build()).build();
            Customer customer = fx.customer();

            // when
            ScheduleOutcome outcome = scheduler.trigger("loyalty-wow",
                    Occasion.forCustomer(customer.id(), "year:2024", fx.clock.instant()));

            // then
            assertThat(outcome.result()).isEqualTo(Result.SCHEDULED);
            assertThat(outcome.followUp().orElseThrow().idempotencyKey()).isEqualTo("loyalty-wow/year:2024");
            assertThatThrownBy(() -> scheduler.trigger("nope", Occasion.forCustomer(customer.id(), "x",
                    fx.clock.instant()))).isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("ruleId"));
        }
    }

    @Nested
    @DisplayName("checks its configuration")
    class Configuration {

        @Test
        @DisplayName("refuses two rules with one id")
        void duplicateRuleIds() {
            assertThatThrownBy(() -> fx.scheduler().rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(1)))
                    .rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2))).build())
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("rules"));
        }

        @Test
        @DisplayName("refuses a rule naming every part at fault")
        void badRule() {
            assertThatThrownBy(() -> FollowUpRule.builder("Bad Id", null, Trigger.purchaseRecorded())
                    .delay(Duration.ofDays(-1)).expiresAfter(Duration.ZERO).channels(List.of()).build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                            .containsExactly("channels", "delay", "expiresAfter", "id", "kind"));
        }

        @Test
        @DisplayName("refuses an occasion with neither customer nor case, or a blank subject")
        void badOccasion() {
            assertThatThrownBy(() -> new Occasion(Optional.empty(), Optional.empty(), " ", Instant.EPOCH, Map.of(),
                    Optional.empty())).isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("customerId", "subject"));
        }
    }

    @Test
    @DisplayName("reports a follow-up another node stored first under the same key as already scheduled, not as an error")
    void lostInsertRace() {
        // given a store whose key lookup misses the follow-up another node is inserting at the same moment
        FollowUpRepository real = fx.storage.followUps();
        FollowUpRepository racing = (FollowUpRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FollowUpRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findByIdempotencyKey")) {
                        return Optional.empty();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RapportStorage storage = (RapportStorage) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RapportStorage.class}, (proxy, method, args) ->
                        method.getName().equals("followUps") ? racing : method.invoke(fx.storage, args));
        FollowUpScheduler scheduler = FollowUpScheduler.builder(storage).clock(fx.clock).eventPublisher(fx.events)
                .rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2))).build();
        Customer customer = fx.customer();
        InteractionRecorded purchase = fx.purchase(customer);
        ScheduleOutcome first = scheduler.onEvent(purchase).schedules().get(0);

        // when
        ScheduleOutcome second = scheduler.onEvent(purchase).schedules().get(0);

        // then
        assertThat(second.result()).isEqualTo(Result.ALREADY_SCHEDULED);
        assertThat(second.followUpId()).isEqualTo(first.followUpId());
        assertThat(followUpsOf(customer)).hasSize(1);
        assertThat(fx.events.ofType(FollowUpScheduled.class)).hasSize(1);
    }

    @Test
    @DisplayName("publishes a cancellation only after it is stored")
    void cancellationEvent() {
        // given
        FollowUpScheduler scheduler = fx.scheduler().build();
        Customer customer = fx.customer();
        FollowUp followUp = fx.dueFollowUp(customer);

        // when
        scheduler.cancel(followUp.id(), "host changed its mind");

        // then
        assertThat(fx.events.ofType(FollowUpCancelled.class)).singleElement().satisfies(e -> {
            assertThat(e.followUpId()).isEqualTo(followUp.id());
            assertThat(e.reason()).isEqualTo("host changed its mind");
        });
    }
}
