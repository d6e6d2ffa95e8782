package dev.rapport.complaint;

import static dev.rapport.complaint.ComplaintFixtures.london;
import static dev.rapport.complaint.ComplaintFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.event.ComplaintDeadlineApproaching;
import dev.rapport.spi.event.ComplaintDeadlineBreached;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sweep raises each reminder and breach once, remembered on the complaint, with ids derived from what they are about. */
@DisplayName("The deadline sweep")
class DeadlineSweepTest {

    /** Received Thursday 5 March 2026, 10:00 in London. */
    private final ComplaintFixtures fx = new ComplaintFixtures(london("2026-03-05T10:00:00"));

    // summary_resolution: due Tue 10 March 17:00 GMT, reminder four business hours earlier at 13:00
    private static final Instant SUMMARY_DUE = utc("2026-03-10T17:00:00");
    private static final Instant SUMMARY_REMINDER = utc("2026-03-10T13:00:00");
    // final_response: 5 March + 56 days = 30 April, due at midnight BST, reminders 14 and 3 days before
    private static final Instant FINAL_DUE = utc("2026-04-30T23:00:00");
    private static final Instant FIRST_FINAL_REMINDER = utc("2026-04-16T23:00:00");
    private static final Instant SECOND_FINAL_REMINDER = utc("2026-04-27T23:00:00");

    private ComplaintSweepReport sweepAt(Instant at) {
        fx.clock.set(at);
        return fx.service.sweep();
    }

    @Test
    @DisplayName("raises each reminder at its time and the breach after the due time, each exactly once")
    void raisesEachCrossingOnce() {
        // given
        Complaint complaint = fx.receive(fx.customer());

        // when
        ComplaintSweepReport early = sweepAt(SUMMARY_REMINDER.minusNanos(1_000));
        ComplaintSweepReport reminder = sweepAt(SUMMARY_REMINDER);
        ComplaintSweepReport again = sweepAt(SUMMARY_REMINDER.plusSeconds(60));
        ComplaintSweepReport windowClosed = sweepAt(SUMMARY_DUE.plusNanos(1_000));
        ComplaintSweepReport firstFinal = sweepAt(FIRST_FINAL_REMINDER);
        ComplaintSweepReport secondFinal = sweepAt(SECOND_FINAL_REMINDER.plusSeconds(1));
        ComplaintSweepReport atDue = sweepAt(FINAL_DUE);
        ComplaintSweepReport breach = sweepAt(FINAL_DUE.plusNanos(1_000));
        ComplaintSweepReport afterBreach = sweepAt(FINAL_DUE.plusSeconds(3_600));

        // then
        assertThat(List.of(early, reminder, again, windowClosed, firstFinal, secondFinal, atDue, breach, afterBreach))
                .extracting(r -> r.remindersRaised() + "/" + r.breachesRaised())
                .containsExactly("0/0", "1/0", "0/0", "0/0", "1/0", "1/0", "0/0", "0/1", "0/0");
        assertThat(fx.events(ComplaintDeadlineApproaching.class)).extracting(e -> e.deadline() + "@" + e.occurredAt())
                .containsExactly("summary_resolution@" + SUMMARY_REMINDER, "final_response@" + FIRST_FINAL_REMINDER,
                        "final_response@" + SECOND_FINAL_REMINDER);
        assertThat(fx.events(ComplaintDeadlineBreached.class)).singleElement().satisfies(e -> {
            assertThat(e.deadline()).isEqualTo("final_response");
            assertThat(e.dueAt()).isEqualTo(FINAL_DUE);
            assertThat(e.complaintId()).isEqualTo(complaint.id());
        });
        assertThat(fx.service.get(complaint.id()).deadline("final_response").orElseThrow().breachRaisedAt())
                .contains(FINAL_DUE.plusNanos(1_000));
        assertThat(fx.audit(complaint.id())).extracting(AuditEntry::action).containsSubsequence(
                AuditAction.DEADLINE_APPROACHING, AuditAction.DEADLINE_APPROACHING, AuditAction.DEADLINE_APPROACHING,
                AuditAction.DEADLINE_BREACHED);
    }

    @Test
    @DisplayName("another node sweeping the same store raises nothing already raised, and ids are derived from complaint, deadline and due time")
    void anotherNodeRaisesNothingTwice() {
        // given
        Complaint complaint = fx.receive(fx.customer());
        ComplaintService otherNode = fx.serviceWith(fx.service.policy());
        fx.clock.set(FINAL_DUE.plusSeconds(1));

        // when
        ComplaintSweepReport first = fx.service.sweep();
        ComplaintSweepReport second = otherNode.sweep();

        // then
        assertThat(first.breachesRaised()).isEqualTo(1);
        assertThat(first.remindersRaised()).as("only the latest reminder when the sweep comes late, none past due")
                .isZero();
        assertThat(second.breachesRaised()).isZero();
        UUID expected = UUID.nameUUIDFromBytes(("complaint.deadline_breached|" + complaint.id() + "|final_response|"
                + FINAL_DUE).getBytes(StandardCharsets.UTF_8));
        assertThat(fx.events(ComplaintDeadlineBreached.class)).extracting(ComplaintDeadlineBreached::eventId)
                .containsExactly(expected);
    }

    @Test
    @DisplayName("a sweep that comes late raises only the latest reminder that is due")
    void lateSweepRaisesTheLatestReminder() {
        // given
        fx.receive(fx.customer());

        // when
        ComplaintSweepReport late = sweepAt(SECOND_FINAL_REMINDER.plusSeconds(5));

        // then
        assertThat(late.remindersRaised()).isEqualTo(1);
        assertThat(fx.events(ComplaintDeadlineApproaching.class)).singleElement()
                .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(SECOND_FINAL_REMINDER));
    }

    @Test
    @DisplayName("a response after the due time raises the breach once, at the response, and the sweep adds nothing")
    void lateResponseRaisesTheBreachOnce() {
        // given
        Complaint complaint = fx.receive(fx.customer());
        fx.clock.set(FINAL_DUE.plusSeconds(10));

        // when
        fx.service.respond(new RespondToComplaint(complaint.id(), OutcomeDecision.UPHELD, "Sorry.", List.of(),
                "agent:kim"));
        ComplaintSweepReport sweep = fx.service.sweep();

        // then
        assertThat(fx.events(ComplaintDeadlineBreached.class)).singleElement()
                .satisfies(e -> assertThat(e.deadline()).isEqualTo("final_response"));
        assertThat(sweep.breachesRaised()).isZero();
        assertThat(fx.service.get(complaint.id()).deadline("final_response").orElseThrow().isMissed(FINAL_DUE))
                .isTrue();
        assertThat(fx.service.get(complaint.id()).deadline("summary_resolution").orElseThrow().breachRaisedAt())
                .as("a missed window is no breach").isEmpty();
    }

    @Test
    @DisplayName("a response in time ends the reminders and no breach follows")
    void responseInTimeEndsTheClock() {
        // given
        Complaint complaint = fx.receive(fx.customer());
        fx.clock.set(utc("2026-03-09T12:00:00"));
        fx.service.respond(new RespondToComplaint(complaint.id(), OutcomeDecision.REJECTED, "Not our fault.",
                List.of(), "agent:kim"));

        // when
        ComplaintSweepReport afterReminder = sweepAt(SUMMARY_REMINDER);
        ComplaintSweepReport afterDue = sweepAt(FINAL_DUE.plusSeconds(1));

        // then
        assertThat(afterReminder.remindersRaised()).isZero();
        assertThat(afterDue.breachesRaised()).isZero();
        assertThat(fx.events(ComplaintDeadlineBreached.class)).isEmpty();
    }

    @Test
    @DisplayName("after a holding response, reminders and the breach follow the promised time")
    void holdingResponseMovesTheClock() {
        // given
        Complaint complaint = fx.receive(fx.customer());
        Instant promised = utc("2026-05-20T12:00:00");
        fx.clock.set(utc("2026-04-20T09:00:00"));
        fx.service.sendHoldingResponse(new SendHoldingResponse(complaint.id(), "final_response", promised,
                "The courier's investigation takes until mid-May.", "agent:kim"));

        // when
        ComplaintSweepReport atOldDue = sweepAt(FINAL_DUE.plusSeconds(1));
        ComplaintSweepReport beforeNewDue = sweepAt(promised.minusSeconds(60));
        ComplaintSweepReport afterNewDue = sweepAt(promised.plusSeconds(1));

        // then
        assertThat(atOldDue.breachesRaised()).isZero();
        assertThat(beforeNewDue.remindersRaised()).isEqualTo(1);
        assertThat(afterNewDue.breachesRaised()).isEqualTo(1);
        assertThat(fx.events(ComplaintDeadlineBreached.class)).singleElement()
                .satisfies(e -> assertThat(e.dueAt()).isEqualTo(promised));
    }
}
