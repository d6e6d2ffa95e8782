package dev.rapport.complaint;

import static dev.rapport.complaint.ComplaintFixtures.BERLIN_OFFICE;
import static dev.rapport.complaint.ComplaintFixtures.LONDON_OFFICE;
import static dev.rapport.complaint.ComplaintFixtures.berlin;
import static dev.rapport.complaint.ComplaintFixtures.london;
import static dev.rapport.complaint.ComplaintFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.customer.Customer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deadlines from the regimes on business calendars: weekends, holidays, after-hours receipt and daylight saving. */
@DisplayName("Complaint deadlines")
class DeadlineTest {

    private static final ComplaintRegime UK = ComplaintRegimes.ukStyle(LONDON_OFFICE);
    private static final ComplaintRegime EU = ComplaintRegimes.euPaymentServices(BERLIN_OFFICE);

    private static Instant due(ComplaintRegime regime, String code, Instant received) {
        return regime.deadline(code).orElseThrow().dueAt(received, regime.calendar());
    }

    @Nested
    @DisplayName("UK-style summary resolution: close of the third business day after receipt")
    class UkSummary {

        @ParameterizedTest(name = "received {0} (London) -> due {1} UTC")
        @CsvSource({
                // Thursday morning: Fri, Mon, Tue -> Tuesday 17:00 GMT
                "2026-03-05T10:00:00, 2026-03-10T17:00:00",
                // Friday after the close of business counts as Monday: Tue, Wed, Thu
                "2026-03-06T17:30:00, 2026-03-12T17:00:00",
                // Friday exactly at the close counts as Monday too (the window is [09:00, 17:00))
                "2026-03-06T17:00:00, 2026-03-12T17:00:00",
                // Friday a microsecond before the close still counts as Friday: Mon, Tue, Wed
                "2026-03-06T16:59:59.999999, 2026-03-11T17:00:00",
                // Saturday counts as Monday
                "2026-03-07T11:00:00, 2026-03-12T17:00:00",
                // Thursday before the clocks go forward: Fri, Mon, Tue -> 17:00 BST is 16:00 UTC
                "2026-03-26T10:00:00, 2026-03-31T16:00:00",
                // Wednesday before Easter: Thu, (Good Friday, weekend, Easter Monday), Tue, Wed
                "2026-04-01T12:00:00, 2026-04-08T16:00:00",
                // received on Good Friday counts as Tuesday after Easter: Wed, Thu, Fri
                "2026-04-03T10:00:00, 2026-04-10T16:00:00",
                // autumn: Thursday before the clocks go back, Fri, Mon, Tue -> 17:00 GMT
                "2026-10-22T10:00:00, 2026-10-27T17:00:00"})
        @DisplayName("counts business days on the calendar")
        void summaryResolution(String receivedLocal, String dueUtc) {
            // when
            Instant due = due(UK, ComplaintRegimes.SUMMARY_RESOLUTION, london(receivedLocal));

            // then
            assertThat(due).isEqualTo(utc(dueUtc));
        }
    }

    @Nested
    @DisplayName("UK-style final response: end of the day eight weeks after the day of receipt")
    class UkFinal {

        @ParameterizedTest(name = "received {0} (London) -> due {1} UTC")
        @CsvSource({
                // 2 March + 56 days = 27 April, in summer time: midnight BST is 23:00 UTC
                "2026-03-02T10:15:00, 2026-04-27T23:00:00",
                // a Saturday late evening counts from its own date; business hours do not matter
                "2026-03-07T23:30:00, 2026-05-02T23:00:00",
                // across the autumn change: 1 October + 56 days = 26 November, midnight GMT
                "2026-10-01T09:00:00, 2026-11-27T00:00:00",
                // just after midnight in summer time the local date is the next day's
                "2026-06-30T00:30:00, 2026-08-25T23:00:00"})
        @DisplayName("counts calendar days in the calendar's zone")
        void finalResponse(String receivedLocal, String dueUtc) {
            // when
            Instant due = due(UK, ComplaintRegimes.FINAL_RESPONSE, london(receivedLocal));

            // then
            assertThat(due).isEqualTo(utc(dueUtc));
        }
    }

    @Nested
    @DisplayName("EU payment-services style: 15 business days, at most 35 with a holding reply")
    class EuReply {

        @Test
        @DisplayName("the reply is due at the close of the 15th business day, skipping weekends and Easter, across the clock change")
        void replyAfterFifteenBusinessDays() {
            // given
            Instant received = berlin("2026-03-16T09:00:00");

            // when
            Instant reply = due(EU, ComplaintRegimes.REPLY, received);
            Instant limit = EU.deadline(ComplaintRegimes.REPLY).orElseThrow()
                    .holdingLimitAt(received, EU.calendar()).orElseThrow();

            // then
            assertThat(reply).isEqualTo(berlin("2026-04-08T17:00:00")).isEqualTo(utc("2026-04-08T15:00:00"));
            assertThat(limit).isEqualTo(berlin("2026-05-06T17:00:00"));
        }
    }

    @Test
    @DisplayName("a custom regime in business hours skips the lunch break, the weekend and the lost hour of the clock change")
    void customRegimeInBusinessHours() {
        // given
        ComplaintRegime regime = ComplaintRegime.of("premium", BERLIN_OFFICE,
                DeadlineRule.of("first_answer", DeadlineTerm.businessTime(Duration.ofHours(10))));

        // when
        Instant dueAt = due(regime, "first_answer", berlin("2026-03-27T16:00:00"));

        // then: Fri 16-17 (1 h), Mon 08-12 and 13-17 (8 h), Tue 08-09 (1 h), Tuesday in summer time
        assertThat(dueAt).isEqualTo(berlin("2026-03-31T09:00:00")).isEqualTo(utc("2026-03-31T07:00:00"));
    }

    @Test
    @DisplayName("reminders counted back in business time skip lunch, weekends and holidays")
    void remindersInBusinessTime() {
        // given
        BusinessCalendar calendar = BERLIN_OFFICE;

        // when / then
        assertThat(BusinessTimeMath.minus(calendar, berlin("2026-03-11T14:00:00"), Duration.ofHours(2)))
                .isEqualTo(berlin("2026-03-11T11:00:00"));
        assertThat(BusinessTimeMath.minus(calendar, berlin("2026-03-16T10:00:00"), Duration.ofHours(4)))
                .isEqualTo(berlin("2026-03-13T15:00:00"));
        assertThat(BusinessTimeMath.minus(calendar, berlin("2026-04-07T09:00:00"), Duration.ofHours(2)))
                .as("Easter Monday and Good Friday are skipped").isEqualTo(berlin("2026-04-02T16:00:00"));
        assertThat(BusinessTimeMath.minus(calendar, berlin("2026-03-14T12:00:00"), Duration.ofMinutes(30)))
                .as("from a Saturday, the last open time is Friday's").isEqualTo(berlin("2026-03-13T16:30:00"));
        assertThat(BusinessTimeMath.minus(calendar, berlin("2026-03-30T09:00:00"), Duration.ofHours(2)))
                .as("Monday in summer time back to Friday in winter time").isEqualTo(berlin("2026-03-27T16:00:00"));
        assertThat(BusinessTimeMath.minus(calendar, berlin("2026-03-11T14:00:00"), Duration.ZERO))
                .isEqualTo(berlin("2026-03-11T14:00:00"));
    }

    @Nested
    @DisplayName("Holding responses")
    class Holding {

        private final ComplaintFixtures fx = new ComplaintFixtures(berlin("2026-03-16T09:00:00"));

        private Complaint received() {
            Customer customer = fx.customer();
            return fx.service.receive(fx.complaintBy(customer).regime(ComplaintRegimes.EU_PAYMENT_SERVICES).build());
        }

        private SendHoldingResponse holding(Complaint complaint, String deadline, Instant promisedBy) {
            return new SendHoldingResponse(complaint.id(), deadline, promisedBy,
                    "We are waiting for the card scheme's records.", "agent:anna");
        }

        @Test
        @DisplayName("moves the reply deadline to the promised time up to the 35th business day and tells the customer why")
        void extendsUpToTheLimit() {
            // given
            Complaint complaint = received();
            fx.clock.set(berlin("2026-04-08T16:59:59"));

            // when
            Complaint extended = fx.service.sendHoldingResponse(holding(complaint, ComplaintRegimes.REPLY,
                    berlin("2026-05-06T17:00:00")));

            // then
            ComplaintDeadline reply = extended.deadline(ComplaintRegimes.REPLY).orElseThrow();
            assertThat(reply.dueAt()).isEqualTo(berlin("2026-04-08T17:00:00"));
            assertThat(reply.effectiveDueAt()).isEqualTo(berlin("2026-05-06T17:00:00"));
            assertThat(reply.holdingReason()).contains("We are waiting for the card scheme's records.");
            assertThat(fx.messenger.ofKind("complaint_holding_response")).singleElement().satisfies(m ->
                    assertThat(m.values()).containsEntry("holdingReason",
                            "We are waiting for the card scheme's records.")
                            .containsEntry("promisedBy", "2026-05-06T15:00:00Z")
                            .containsEntry("deadline.reply.date", "2026-05-06"));
        }

        @Test
        @DisplayName("refuses a promise beyond the 35th business day, one not after the due time, one sent too late, and one for a deadline without holding")
        void refusesWhatTheRegimeForbids() {
            // given
            Complaint eu = received();
            Complaint uk = fx.receive(fx.customer());
            Instant justPastLimit = berlin("2026-05-06T17:00:00").plusNanos(1_000);

            // when
            ValidationException beyond = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.sendHoldingResponse(holding(eu, ComplaintRegimes.REPLY, justPastLimit)));
            ValidationException notLater = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.sendHoldingResponse(holding(eu, ComplaintRegimes.REPLY,
                            berlin("2026-04-08T17:00:00"))));
            ValidationException noHolding = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.sendHoldingResponse(holding(uk, ComplaintRegimes.SUMMARY_RESOLUTION,
                            uk.receivedAt().plus(Duration.ofDays(10)))));
            ValidationException unknown = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.sendHoldingResponse(holding(eu, "nonsense", justPastLimit)));
            fx.clock.set(berlin("2026-04-08T17:00:00").plusNanos(1_000));
            ValidationException tooLate = catchThrowableOfType(ValidationException.class,
                    () -> fx.service.sendHoldingResponse(holding(eu, ComplaintRegimes.REPLY,
                            berlin("2026-04-20T17:00:00"))));

            // then
            assertThat(beyond.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("promisedBy");
                assertThat(v.rule()).isEqualTo("WithinLimit");
            });
            assertThat(notLater.violations()).extracting(ValidationException.Violation::rule).containsExactly("AfterDue");
            assertThat(noHolding.violations()).extracting(ValidationException.Violation::rule)
                    .containsExactly("HoldingAllowed");
            assertThat(unknown.violations()).extracting(ValidationException.Violation::rule).containsExactly("Exists");
            assertThat(tooLate.violations()).extracting(ValidationException.Violation::rule).containsExactly("BeforeDue");
            assertThat(fx.service.get(eu.id()).deadline(ComplaintRegimes.REPLY).orElseThrow().extendedTo()).isEmpty();
            assertThat(fx.messenger.ofKind("complaint_holding_response")).isEmpty();
        }
    }
}
