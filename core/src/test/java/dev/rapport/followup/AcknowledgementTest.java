package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.calendar.TimeWindow;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaRule;
import dev.rapport.sla.SlaTargetSpec;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Acknowledging a new case with a promised answer time")
class AcknowledgementTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Locale EN_GB = Locale.forLanguageTag("en-GB");

    /** Weekdays 09:00-12:00 and 13:00-17:00 in Berlin (a split shift), closed on Good Friday 2026. */
    private static final BusinessCalendar OFFICE = BusinessCalendar.builder(BERLIN)
            .weekdays(TimeWindow.of("09:00", "12:00"), TimeWindow.of("13:00", "17:00"))
            .holiday(LocalDate.parse("2026-04-03")).build();

    private final SettableClock clock = SettableClock.at("2026-03-03T09:30:00Z");
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final List<OutboundMessage> sent = Collections.synchronizedList(new ArrayList<>());
    private Rapport rapport;

    @AfterEach
    void close() {
        if (rapport != null) {
            rapport.close();
        }
    }

    private Rapport rapport(AcknowledgementPolicy policy) {
        SlaPolicy sla = SlaPolicy.builder().rule(SlaRule.builder().priorities(Priority.NORMAL)
                .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.businessTime(Duration.ofHours(4), "office")).build())
                .build();
        rapport = Rapport.builder().storage(storage).clock(clock).sendWindow(SendWindow.anyTime())
                .slaPolicy(sla).calendars(BusinessCalendars.of("office", OFFICE)).acknowledge(policy)
                .messenger(message -> {
                    sent.add(message);
                    return DeliveryReceipt.accepted(clock.instant());
                }).build();
        return rapport;
    }

    private Rapport rapport() {
        return rapport(AcknowledgementPolicy.builder().build());
    }

    private Customer customer(ZoneId zone, Locale locale) {
        return rapport.customers().register(RegisterCustomer.builder().name("Ada")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ada@example.com")).timeZone(zone).locale(locale)
                .build());
    }

    private Case open(Customer customer, Channel channel, Priority priority) {
        return rapport.cases().open(OpenCase.builder().customerId(customer.id()).subject("Where is my parcel?")
                .originChannel(channel).priority(priority).build());
    }

    private Case open(Customer customer) {
        return open(customer, Channel.EMAIL, Priority.NORMAL);
    }

    private List<FollowUp> followUps(Customer customer) {
        return storage.followUps().findByCustomer(customer.id(), PageRequest.first()).items();
    }

    private FollowUp acknowledgement(Customer customer) {
        List<FollowUp> all = followUps(customer);
        assertThat(all).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(FollowUpKind.ACKNOWLEDGEMENT));
        return all.get(0);
    }

    private String sentText() {
        rapport.followUpDispatcher().dispatchDue();
        assertThat(sent).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo("acknowledgement"));
        return sent.get(0).values().get(MessageValues.TEXT);
    }

    @Test
    @DisplayName("a case opened in the morning is promised an answer after the lunch break of the split shift")
    void splitShift() {
        // given Tuesday 10:30 in Berlin and four business hours: 1.5 before lunch, 2.5 after
        rapport();
        Customer ada = customer(BERLIN, EN_GB);

        // when
        Case opened = open(ada);

        // then the acknowledgement is stored with the case, due now, worth sending until the promise
        FollowUp ack = acknowledgement(ada);
        assertThat(ack.idempotencyKey()).isEqualTo("acknowledgement/case:" + opened.id());
        assertThat(ack.caseId()).contains(opened.id());
        assertThat(ack.dueAt()).isEqualTo(clock.instant());
        assertThat(ack.expiresAt()).contains(Instant.parse("2026-03-03T14:30:00Z"));
        assertThat(ack.values()).containsEntry(PromisedAnswer.PROMISED_BY, "2026-03-03T15:30:00+01:00")
                .containsEntry(PromisedAnswer.PROMISED_AT, "Tuesday 15:30")
                .containsEntry(PromisedAnswer.OUT_OF_HOURS, "false")
                .containsEntry(MessageValues.TEMPLATE, "case_acknowledgement");
        assertThat(sentText()).isEqualTo(
                "Thank you, Ada. We have received your message and will answer by Tuesday 15:30.");
    }

    @Test
    @DisplayName("a case opened on a Saturday gets the out-of-hours wording with the next opening")
    void closedHours() {
        // given Saturday 11:00 in Berlin
        clock.set(Instant.parse("2026-03-07T10:00:00Z"));
        rapport();
        Customer ada = customer(BERLIN, EN_GB);

        // when
        open(ada);

        // then Monday 09:00-12:00 and 13:00-14:00 make the four hours
        FollowUp ack = acknowledgement(ada);
        assertThat(ack.values()).containsEntry(PromisedAnswer.OUT_OF_HOURS, "true")
                .containsEntry(PromisedAnswer.OPENS_AT, "Monday 09:00")
                .containsEntry(MessageValues.TEMPLATE, "case_acknowledgement_out_of_hours");
        assertThat(sentText()).isEqualTo("Thank you, Ada. We have received your message. We are closed right now "
                + "and open again Monday 09:00; we will answer by Monday 14:00.");
    }

    @Test
    @DisplayName("a case opened before a holiday is promised for the next business day after it")
    void holiday() {
        // given Thursday 2 April 2026, 16:00 in Berlin, with Good Friday closed
        clock.set(Instant.parse("2026-04-02T14:00:00Z"));
        rapport();
        Customer ada = customer(BERLIN, EN_GB);

        // when
        open(ada);

        // then one hour on Thursday, three on Monday morning
        assertThat(acknowledgement(ada).values()).containsEntry(PromisedAnswer.PROMISED_BY, "2026-04-06T12:00:00+02:00")
                .containsEntry(PromisedAnswer.PROMISED_AT, "Monday 12:00");
    }

    @Test
    @DisplayName("a promise across the change to summer time keeps the local opening hours")
    void daylightSavingChange() {
        // given Friday 27 March 2026, 16:00 CET; clocks go forward on Sunday 29 March
        clock.set(Instant.parse("2026-03-27T15:00:00Z"));
        rapport();
        Customer ada = customer(BERLIN, EN_GB);

        // when
        open(ada);

        // then Monday 12:00 CEST, which is 10:00 UTC, not 11:00
        FollowUp ack = acknowledgement(ada);
        assertThat(ack.values()).containsEntry(PromisedAnswer.PROMISED_BY, "2026-03-30T12:00:00+02:00");
        assertThat(ack.expiresAt()).contains(Instant.parse("2026-03-30T10:00:00Z"));
    }

    @Test
    @DisplayName("the promise is told in the customer's own time zone when it differs from the calendar's")
    void customerZoneDiffers() {
        // given a customer in New York and one in Tokyo, Tuesday 10:30 in Berlin
        rapport();
        Customer newYork = customer(ZoneId.of("America/New_York"), EN_GB);

        // when
        open(newYork);

        // then 15:30 in Berlin is 09:30 in New York
        assertThat(acknowledgement(newYork).values())
                .containsEntry(PromisedAnswer.PROMISED_BY, "2026-03-03T09:30:00-05:00")
                .containsEntry(PromisedAnswer.PROMISED_AT, "Tuesday 09:30");
    }

    @Test
    @DisplayName("a Swiss customer gets the German template, and the weekday in German")
    void localeFallback() {
        // given a German template only
        rapport();
        rapport.templates().put("case_acknowledgement", Locale.GERMAN,
                "Danke, {customerName}. Wir antworten bis {promisedAt}.");
        Customer ada = customer(BERLIN, Locale.forLanguageTag("de-CH"));

        // when
        open(ada);

        // then
        assertThat(sentText()).isEqualTo("Danke, Ada. Wir antworten bis Dienstag 15:30.");
        assertThat(sent.get(0).locale()).isEqualTo(Locale.forLanguageTag("de-CH"));
    }

    @Test
    @DisplayName("a case is acknowledged once: a repeated hook schedules nothing more and one message goes out")
    void once() {
        // given
        rapport();
        Customer ada = customer(BERLIN, EN_GB);
        Case opened = open(ada);
        Acknowledgements again = new Acknowledgements(storageRuntime(), AcknowledgementPolicy.builder().build(),
                SlaPolicy.builder().rule(SlaRule.builder().target(SlaTarget.FIRST_REPLY,
                        SlaTargetSpec.calendarTime(Duration.ofHours(1))).build()).build(), new BusinessCalendars());

        // when
        List<dev.rapport.spi.event.DomainEvent> events = new ArrayList<>();
        storage.transactions().inTransaction(() -> {
            again.opened(opened, events);
            return null;
        });
        rapport.followUpDispatcher().dispatchDue();
        rapport.followUpDispatcher().dispatchDue();

        // then
        assertThat(events).isEmpty();
        assertThat(followUps(ada)).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(FollowUpStatus.SENT));
        assertThat(sent).hasSize(1);
    }

    @Test
    @DisplayName("only the configured channels are acknowledged, and a case without a first-reply target is not")
    void channelsAndTargets() {
        // given acknowledgements for email only
        rapport(AcknowledgementPolicy.builder().channels(Channel.EMAIL).build());
        Customer ada = customer(BERLIN, EN_GB);

        // when a phone case and an urgent email case (no target for URGENT) open
        open(ada, Channel.PHONE, Priority.NORMAL);
        open(ada, Channel.EMAIL, Priority.URGENT);

        // then
        assertThat(followUps(ada)).isEmpty();
    }

    @Test
    @DisplayName("a case whose SLA names a calendar nobody registered still opens, unacknowledged")
    void missingCalendarDoesNotBlockTheCase() {
        // given
        rapport = Rapport.builder().storage(storage).clock(clock).acknowledge(AcknowledgementPolicy.builder().build())
                .slaPolicy(SlaPolicy.builder().rule(SlaRule.builder().target(SlaTarget.FIRST_REPLY,
                        SlaTargetSpec.businessTime(Duration.ofHours(4), "nowhere")).build()).build()).build();
        Customer ada = customer(BERLIN, EN_GB);

        // when
        Case opened = open(ada);

        // then
        assertThat(storage.cases().findById(opened.id())).isPresent();
        assertThat(followUps(ada)).isEmpty();
    }

    @Test
    @DisplayName("by default nothing is acknowledged")
    void offByDefault() {
        // given
        rapport(AcknowledgementPolicy.off());
        Customer ada = customer(BERLIN, EN_GB);

        // when
        open(ada);

        // then
        assertThat(followUps(ada)).isEmpty();
        assertThat(AcknowledgementPolicy.off().enabled()).isFalse();
    }

    private dev.rapport.internal.EngineRuntime storageRuntime() {
        return new dev.rapport.internal.EngineRuntime(storage, clock, rapport.validator(),
                dev.rapport.internal.UnitOfWork.over(storage, e -> { }, () -> { }));
    }
}
