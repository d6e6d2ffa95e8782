package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.followup.ScheduleOutcome.Result;
import dev.rapport.spi.Channel;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpNotFoundException;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Follow-up cancellation")
class FollowUpCancellationTest {

    private final FollowUpFixtures fx = new FollowUpFixtures("2024-05-14T10:00:00Z");

    private final FollowUpScheduler scheduler = fx.scheduler()
            .rule(FollowUpRule.callBackAfterMissedCall(Duration.ofMinutes(30)))
            .rule(FollowUpRule.surveyAfterResolution(Duration.ofDays(1)))
            .rule(FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2)))
            .build();

    private FollowUp scheduled(EventOutcome outcome) {
        return fx.stored(outcome.schedules().get(0).followUpId().orElseThrow());
    }

    private CustomerUpdated updated(Customer customer) {
        return new CustomerUpdated(UUID.randomUUID(), fx.clock.instant(), customer.id());
    }

    @Nested
    @DisplayName("when the customer replied")
    class CustomerReplied {

        @Test
        @DisplayName("cancels a pending call-back once the customer writes in")
        void cancelsCallBack() {
            // given
            Customer customer = fx.customer();
            FollowUp callBack = scheduled(scheduler.onEvent(fx.missedCall(customer)));
            fx.clock.advance(Duration.ofMinutes(5));

            // when
            EventOutcome outcome = scheduler.onEvent(fx.message(customer, null));

            // then
            assertThat(outcome.cancelled()).containsExactly(callBack.id());
            FollowUp stored = fx.stored(callBack.id());
            assertThat(stored.status()).isEqualTo(FollowUpStatus.CANCELLED);
            assertThat(stored.cancelReason()).contains("customer_replied");
            assertThat(fx.events.ofType(FollowUpCancelled.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("customer_replied"));
        }

        @Test
        @DisplayName("keeps the call-back for a message written before it was scheduled")
        void earlierMessage() {
            // given a message that happened a minute before the missed call was handled
            Customer customer = fx.customer();
            var earlier = fx.message(customer, null);
            fx.clock.advance(Duration.ofMinutes(1));
            FollowUp callBack = scheduled(scheduler.onEvent(fx.missedCall(customer)));

            // when
            EventOutcome outcome = scheduler.onEvent(earlier);

            // then
            assertThat(outcome.cancelled()).isEmpty();
            assertThat(fx.stored(callBack.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
        }

        @Test
        @DisplayName("keeps a follow-up about another case, and kinds not set to cancel on a reply")
        void otherCaseAndOtherKind() {
            // given
            Customer customer = fx.customer();
            Case first = fx.openCase(customer, b -> b);
            Case second = fx.openCase(customer, b -> b);
            FollowUp callBack = fx.dueFollowUp(customer, b -> b.kind(FollowUpKind.CALL_BACK).caseId(first.id()));
            FollowUp thanks = scheduled(scheduler.onEvent(fx.purchase(customer)));
            fx.clock.advance(Duration.ofMinutes(1));

            // when
            EventOutcome outcome = scheduler.onEvent(fx.message(customer, second.id()));

            // then
            assertThat(outcome.cancelled()).isEmpty();
            assertThat(fx.stored(callBack.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
            assertThat(fx.stored(thanks.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
        }

        @Test
        @DisplayName("does not count another missed call as a reply")
        void missedCallIsNoReply() {
            // given
            Customer customer = fx.customer();
            FollowUp callBack = scheduled(scheduler.onEvent(fx.missedCall(customer)));
            fx.clock.advance(Duration.ofMinutes(5));

            // when
            EventOutcome outcome = scheduler.onEvent(fx.missedCall(customer));

            // then
            assertThat(outcome.cancelled()).isEmpty();
            assertThat(fx.stored(callBack.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
        }

        @Test
        @DisplayName("cancels nothing on a reply when the host turned the condition off")
        void conditionOff() {
            // given
            FollowUpScheduler keepAll = fx.scheduler()
                    .rule(FollowUpRule.callBackAfterMissedCall(Duration.ofMinutes(30)))
                    .cancelOn(FollowUpKind.CALL_BACK, Set.of()).build();
            Customer customer = fx.customer();
            FollowUp callBack = scheduled(keepAll.onEvent(fx.missedCall(customer)));
            fx.clock.advance(Duration.ofMinutes(5));

            // when
            keepAll.onEvent(fx.message(customer, null));

            // then
            assertThat(fx.stored(callBack.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
        }
    }

    @Nested
    @DisplayName("when the case was reopened")
    class CaseReopened {

        @Test
        @DisplayName("cancels the pending survey and lets the case have a fresh one when it is resolved again")
        void reopenThenResolveAgain() {
            // given
            Customer customer = fx.customer();
            Case supportCase = fx.openCase(customer, b -> b);
            FollowUp survey = scheduled(scheduler.onEvent(fx.move(supportCase, CaseStatus.RESOLVED)));
            fx.clock.advance(Duration.ofHours(2));

            // when
            EventOutcome reopened = scheduler.onEvent(fx.move(supportCase, CaseStatus.OPEN));
            fx.clock.advance(Duration.ofHours(2));
            EventOutcome resolvedAgain = scheduler.onEvent(fx.move(supportCase, CaseStatus.RESOLVED));

            // then
            assertThat(reopened.cancelled()).containsExactly(survey.id());
            FollowUp cancelled = fx.stored(survey.id());
            assertThat(cancelled.cancelReason()).contains("case_reopened");
            assertThat(cancelled.idempotencyKey()).startsWith("released/" + survey.id());
            assertThat(resolvedAgain.schedules().get(0).result()).isEqualTo(Result.SCHEDULED);
            assertThat(fx.stored(resolvedAgain.schedules().get(0).followUpId().orElseThrow()).idempotencyKey())
                    .isEqualTo(survey.idempotencyKey());
        }

        @Test
        @DisplayName("keeps follow-ups of other cases and kinds")
        void othersKept() {
            // given
            Customer customer = fx.customer();
            Case reopenedCase = fx.openCase(customer, b -> b);
            Case otherCase = fx.openCase(customer, b -> b);
            scheduler.onEvent(fx.move(reopenedCase, CaseStatus.RESOLVED));
            FollowUp otherSurvey = scheduled(scheduler.onEvent(fx.move(otherCase, CaseStatus.RESOLVED)));
            FollowUp thanks = fx.dueFollowUp(customer, b -> b.caseId(reopenedCase.id()));

            // when
            EventOutcome outcome = scheduler.onEvent(fx.move(reopenedCase, CaseStatus.OPEN));

            // then
            assertThat(outcome.cancelled()).hasSize(1);
            assertThat(fx.stored(otherSurvey.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
            assertThat(fx.stored(thanks.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
        }

        @Test
        @DisplayName("does not give a second survey when the first was already sent before the reopen")
        void sentSurveyStays() {
            // given
            Customer customer = fx.customer();
            Case supportCase = fx.openCase(customer, b -> b);
            FollowUp survey = scheduled(scheduler.onEvent(fx.move(supportCase, CaseStatus.RESOLVED)));
            fx.storage.followUps().update(fx.stored(survey.id()).toBuilder().status(FollowUpStatus.SENT).build());

            // when
            scheduler.onEvent(fx.move(supportCase, CaseStatus.OPEN));
            EventOutcome resolvedAgain = scheduler.onEvent(fx.move(supportCase, CaseStatus.RESOLVED));

            // then
            assertThat(resolvedAgain.schedules().get(0).result()).isEqualTo(Result.ALREADY_SCHEDULED);
            assertThat(fx.stored(survey.id()).status()).isEqualTo(FollowUpStatus.SENT);
        }
    }

    @Nested
    @DisplayName("when the customer opted out or was erased")
    class OptOutAndErasure {

        @Test
        @DisplayName("cancels follow-ups on a channel the customer opted out of and keeps the others")
        void optedOut() {
            // given
            Customer customer = fx.customer();
            FollowUp byEmail = fx.dueFollowUp(customer, b -> b.channel(Channel.EMAIL));
            FollowUp bySms = fx.dueFollowUp(customer, b -> b.channel(Channel.SMS));
            fx.update(customer, b -> b.consents(Map.of(Channel.EMAIL, ConsentStatus.OPTED_OUT)));

            // when
            EventOutcome outcome = scheduler.onEvent(updated(customer));

            // then
            assertThat(outcome.cancelled()).containsExactly(byEmail.id());
            assertThat(fx.stored(byEmail.id()).cancelReason()).contains("opted_out");
            assertThat(fx.stored(bySms.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
        }

        @Test
        @DisplayName("cancels every pending follow-up of an erased customer, claimed ones too, but not sent ones")
        void erased() {
            // given
            Customer customer = fx.customer();
            FollowUp scheduledOne = fx.dueFollowUp(customer);
            FollowUp claimed = fx.dueFollowUp(customer, b -> b.status(FollowUpStatus.CLAIMED).leaseOwner("other")
                    .leaseUntil(fx.clock.instant().plusSeconds(60)));
            FollowUp sent = fx.dueFollowUp(customer, b -> b.status(FollowUpStatus.SENT).attempts(1));
            fx.update(customer, b -> b.status(CustomerStatus.ERASED));

            // when
            EventOutcome outcome = scheduler.onEvent(updated(customer));

            // then
            assertThat(outcome.cancelled()).containsExactlyInAnyOrder(scheduledOne.id(), claimed.id());
            assertThat(fx.stored(claimed.id())).satisfies(f -> {
                assertThat(f.status()).isEqualTo(FollowUpStatus.CANCELLED);
                assertThat(f.cancelReason()).contains("customer_erased");
                assertThat(f.leaseOwner()).isEmpty();
            });
            assertThat(fx.stored(sent.id()).status()).isEqualTo(FollowUpStatus.SENT);
        }

        @Test
        @DisplayName("cancels every pending follow-up of a customer on request, as the erasure service does")
        void cancelAll() {
            // given
            Customer customer = fx.customer();
            Customer other = fx.customer();
            FollowUp first = fx.dueFollowUp(customer);
            FollowUp second = fx.dueFollowUp(customer);
            FollowUp othersOwn = fx.dueFollowUp(other);

            // when
            List<FollowUpId> cancelled = scheduler.cancelAll(customer.id(), CancellationReason.CUSTOMER_ERASED);

            // then
            assertThat(cancelled).containsExactlyInAnyOrder(first.id(), second.id());
            assertThat(fx.stored(othersOwn.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
            assertThat(fx.events.ofType(FollowUpCancelled.class)).hasSize(2)
                    .allSatisfy(e -> assertThat(e.reason()).isEqualTo("customer_erased"));
        }
    }

    @Nested
    @DisplayName("by the host")
    class ByHost {

        @Test
        @DisplayName("cancels with the host's reason, and a second cancel changes nothing")
        void hostCancel() {
            // given
            FollowUp followUp = fx.dueFollowUp(fx.customer());

            // when
            FollowUp first = scheduler.cancel(followUp.id(), "voucher campaign stopped");
            FollowUp second = scheduler.cancel(followUp.id(), "again");

            // then
            assertThat(first.status()).isEqualTo(FollowUpStatus.CANCELLED);
            assertThat(second.cancelReason()).contains("voucher campaign stopped");
            assertThat(second.version()).isEqualTo(first.version());
            assertThat(fx.events.ofType(FollowUpCancelled.class)).hasSize(1);
        }

        @Test
        @DisplayName("refuses to cancel a sent follow-up, naming both states")
        void sentCannotBeCancelled() {
            // given
            FollowUp sent = fx.dueFollowUp(fx.customer(), b -> b.status(FollowUpStatus.SENT));

            // when / then
            assertThatThrownBy(() -> scheduler.cancel(sent.id(), "too late"))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.from()).isEqualTo(FollowUpStatus.SENT);
                        assertThat(e.to()).isEqualTo(FollowUpStatus.CANCELLED);
                    });
        }

        @Test
        @DisplayName("refuses a blank reason and an unknown follow-up")
        void badInput() {
            FollowUp followUp = fx.dueFollowUp(fx.customer());
            assertThatThrownBy(() -> scheduler.cancel(followUp.id(), " "))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("reason"));
            assertThat(fx.stored(followUp.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
            assertThatThrownBy(() -> scheduler.cancel(FollowUpId.random(), "gone"))
                    .isInstanceOf(FollowUpNotFoundException.class);
        }
    }
}
