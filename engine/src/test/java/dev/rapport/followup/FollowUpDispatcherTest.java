package dev.rapport.followup;

import dev.rapport.test.SettableClock;
import static dev.rapport.followup.FollowUpFixtures.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.FollowUpFailed;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The follow-up dispatcher")
class FollowUpDispatcherTest {

    private final FollowUpFixtures fx = new FollowUpFixtures("2024-05-14T10:00:00Z"); // 12:00 in Berlin
    private final IdempotentSink sink = new IdempotentSink(fx.clock);

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    /** A messenger that always fails with the given exception. */
    private static final class Failing extends IdempotentSink {
        private final RuntimeException failure;

        Failing(SettableClock clock, RuntimeException failure) {
            super(clock);
            this.failure = failure;
        }

        @Override
        void beforeDelivery(OutboundMessage message) {
            throw failure;
        }
    }

    @Nested
    @DisplayName("when the messenger takes the message")
    class Sending {

        @Test
        @DisplayName("sends a due follow-up with a stable key, address, locale and personalisation, then marks it sent")
        void sendsAndMarks() {
            // given
            Customer customer = fx.customer();
            Agent agent = fx.agent("Sam Okafor");
            Case supportCase = fx.openCase(customer, b -> b.assignee(agent.id()).language(Locale.FRENCH));
            FollowUp followUp = fx.dueFollowUp(customer, b -> b.kind(FollowUpKind.SURVEY).caseId(supportCase.id())
                    .values(Map.of("surveyLink", "https://example.com/s/1")));
            FollowUpDispatcher dispatcher = fx.dispatcher(sink).build();

            // when
            DispatchSummary summary = dispatcher.dispatchDue();

            // then
            assertThat(summary).isEqualTo(new DispatchSummary(1, 1, 0, 0, 0, 0, 0, 0, 0));
            assertThat(sink.calls).singleElement().satisfies(m -> {
                assertThat(m.idempotencyKey()).isEqualTo("followup:" + followUp.id());
                assertThat(m.customerId()).isEqualTo(customer.id());
                assertThat(m.kind()).isEqualTo("survey");
                assertThat(m.channel()).isEqualTo(Channel.EMAIL);
                assertThat(m.address()).isEqualTo(customer.addressOn(Channel.EMAIL).orElseThrow().value());
                assertThat(m.locale()).isEqualTo(Locale.FRENCH);
                assertThat(m.values()).containsEntry(MessageValues.CUSTOMER_NAME, customer.name())
                        .containsEntry(MessageValues.AGENT_NAME, "Sam Okafor")
                        .containsEntry(MessageValues.CASE_SUBJECT, "Parcel arrived damaged")
                        .containsEntry("surveyLink", "https://example.com/s/1");
            });
            FollowUp stored = fx.stored(followUp.id());
            assertThat(stored.status()).isEqualTo(FollowUpStatus.SENT);
            assertThat(stored.attempts()).isEqualTo(1);
            assertThat(stored.leaseOwner()).isEmpty();
            assertThat(stored.leaseUntil()).isEmpty();
            assertThat(fx.events.ofType(FollowUpSent.class)).singleElement().satisfies(e -> {
                assertThat(e.followUpId()).isEqualTo(followUp.id());
                assertThat(e.attempt()).isEqualTo(1);
            });
        }

        @Test
        @DisplayName("lets the follow-up's own values win over the ones it fills in, and uses the customer's locale without a case")
        void ownValuesWin() {
            // given
            Customer customer = fx.customer();
            fx.dueFollowUp(customer, b -> b.kind(FollowUpKind.CALL_BACK).channel(Channel.PHONE)
                    .values(Map.of(MessageValues.AGENT_NAME, "Mia")));

            // when
            fx.dispatcher(sink).build().dispatchDue();

            // then
            OutboundMessage message = sink.calls.get(0);
            assertThat(message.values()).containsEntry(MessageValues.AGENT_NAME, "Mia")
                    .doesNotContainKey(MessageValues.CASE_SUBJECT);
            assertThat(message.locale()).isEqualTo(Locale.GERMANY);
            assertThat(message.address()).startsWith("+4930");
        }

        @Test
        @DisplayName("leaves follow-ups that are not yet due")
        void notDue() {
            // given
            FollowUp later = fx.dueFollowUp(fx.customer(), b -> b.dueAt(fx.clock.instant().plusSeconds(1)));

            // when
            DispatchSummary summary = fx.dispatcher(sink).build().dispatchDue();

            // then
            assertThat(summary.claimed()).isZero();
            assertThat(sink.calls).isEmpty();
            assertThat(fx.stored(later.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
        }

        @Test
        @DisplayName("works through several batches in one call")
        void severalBatches() {
            // given
            Customer customer = fx.customer();
            for (int i = 0; i < 25; i++) {
                fx.dueFollowUp(customer);
            }

            // when
            DispatchSummary summary = fx.dispatcher(sink).batchSize(10).build().dispatchDue();

            // then
            assertThat(summary.claimed()).isEqualTo(25);
            assertThat(summary.sent()).isEqualTo(25);
            assertThat(fx.events.ofType(FollowUpSent.class)).hasSize(25);
        }
    }

    @Nested
    @DisplayName("when sending fails")
    class Failures {

        @Test
        @DisplayName("retries with doubling delays, keeping the error, then parks the follow-up as failed")
        void retriesThenFails() {
            // given
            Failing messenger = new Failing(fx.clock, new MessageDeliveryException("gateway timeout"));
            FollowUp followUp = fx.dueFollowUp(fx.customer());
            FollowUpDispatcher dispatcher = fx.dispatcher(messenger).maxAttempts(3)
                    .backoffBase(Duration.ofMinutes(1)).backoffMax(Duration.ofHours(1)).build();

            // when the first attempt fails
            DispatchSummary first = dispatcher.dispatchDue();

            // then it is scheduled a minute later with the error kept
            assertThat(first.retried()).isEqualTo(1);
            FollowUp afterFirst = fx.stored(followUp.id());
            assertThat(afterFirst.status()).isEqualTo(FollowUpStatus.SCHEDULED);
            assertThat(afterFirst.attempts()).isEqualTo(1);
            assertThat(afterFirst.dueAt()).isEqualTo(fx.clock.instant().plus(Duration.ofMinutes(1)));
            assertThat(afterFirst.lastError()).contains("gateway timeout");
            assertThat(afterFirst.leaseOwner()).isEmpty();

            // when the second attempt fails
            fx.clock.advance(Duration.ofMinutes(1));
            dispatcher.dispatchDue();

            // then the delay doubles
            assertThat(fx.stored(followUp.id()).dueAt()).isEqualTo(fx.clock.instant().plus(Duration.ofMinutes(2)));

            // when the third and last attempt fails
            fx.clock.advance(Duration.ofMinutes(2));
            DispatchSummary last = dispatcher.dispatchDue();

            // then it is parked as failed with every attempt counted
            assertThat(last.failed()).isEqualTo(1);
            FollowUp parked = fx.stored(followUp.id());
            assertThat(parked.status()).isEqualTo(FollowUpStatus.FAILED);
            assertThat(parked.attempts()).isEqualTo(3);
            assertThat(parked.lastError()).contains("gateway timeout");
            assertThat(messenger.calls).extracting(OutboundMessage::idempotencyKey)
                    .containsExactly(FollowUpDispatcher.messageKey(followUp.id()), FollowUpDispatcher.messageKey(followUp.id()),
                            FollowUpDispatcher.messageKey(followUp.id()));
            assertThat(fx.events.ofType(FollowUpFailed.class)).singleElement().satisfies(e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.error()).isEqualTo("gateway timeout");
            });
        }

        @Test
        @DisplayName("fails at once on a non-retryable error")
        void nonRetryable() {
            // given
            Failing messenger = new Failing(fx.clock,
                    new MessageDeliveryException("address does not exist", false, null));
            FollowUp followUp = fx.dueFollowUp(fx.customer());

            // when
            DispatchSummary summary = fx.dispatcher(messenger).build().dispatchDue();

            // then
            assertThat(summary.failed()).isEqualTo(1);
            FollowUp stored = fx.stored(followUp.id());
            assertThat(stored.status()).isEqualTo(FollowUpStatus.FAILED);
            assertThat(stored.attempts()).isEqualTo(1);
            assertThat(stored.lastError()).contains("address does not exist");
        }

        @Test
        @DisplayName("keeps only the class name of an unexpected exception, whose message may hold personal data")
        void unexpectedException() {
            // given
            Failing messenger = new Failing(fx.clock, new IllegalStateException("mailbox ada@example.com is full"));
            FollowUp followUp = fx.dueFollowUp(fx.customer());

            // when
            fx.dispatcher(messenger).build().dispatchDue();

            // then
            FollowUp stored = fx.stored(followUp.id());
            assertThat(stored.status()).isEqualTo(FollowUpStatus.SCHEDULED);
            assertThat(stored.lastError()).contains("java.lang.IllegalStateException");
        }

        @Test
        @DisplayName("moves a retry that would fall in quiet hours to the next allowed time")
        void retryInQuietHours() {
            // given 20:59:30 in Berlin; a one-minute backoff lands after 21:00
            fx.clock.set(local("2024-05-14T20:59:30"));
            Failing messenger = new Failing(fx.clock, new MessageDeliveryException("rate limited"));
            FollowUp followUp = fx.dueFollowUp(fx.customer());

            // when
            fx.dispatcher(messenger).sendWindow(SendWindow.defaults()).backoffBase(Duration.ofMinutes(1)).build()
                    .dispatchDue();

            // then
            assertThat(fx.stored(followUp.id()).dueAt()).isEqualTo(local("2024-05-15T08:00:00"));
        }

        @Test
        @DisplayName("expires a follow-up whose next retry would come after its expiry")
        void retryAfterExpiry() {
            // given
            Failing messenger = new Failing(fx.clock, new MessageDeliveryException("busy"));
            FollowUp followUp = fx.dueFollowUp(fx.customer(),
                    b -> b.expiresAt(fx.clock.instant().plus(Duration.ofSeconds(30))));

            // when
            DispatchSummary summary = fx.dispatcher(messenger).build().dispatchDue();

            // then
            assertThat(summary.expired()).isEqualTo(1);
            FollowUp stored = fx.stored(followUp.id());
            assertThat(stored.status()).isEqualTo(FollowUpStatus.EXPIRED);
            assertThat(stored.attempts()).isEqualTo(1);
            assertThat(stored.lastError()).contains("busy");
        }

        @Test
        @DisplayName("shortens each backoff by at most the jitter and never exceeds the maximum")
        void backoffBounds() {
            // given
            FollowUpDispatcher dispatcher = fx.dispatcher(sink).backoffBase(Duration.ofMinutes(1))
                    .backoffMax(Duration.ofMinutes(5)).jitter(0.5).build();
            List<Duration> first = new ArrayList<>();
            List<Duration> tenth = new ArrayList<>();

            // when
            for (int i = 0; i < 200; i++) {
                first.add(dispatcher.backoff(1));
                tenth.add(dispatcher.backoff(10));
            }

            // then
            assertThat(first).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1)));
            assertThat(tenth).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5)));
            assertThat(first).doesNotHaveDuplicates().hasSizeGreaterThan(1);
        }
    }

    @Nested
    @DisplayName("before sending")
    class BeforeSending {

        @Test
        @DisplayName("expires a follow-up past its expiry without sending it")
        void expired() {
            // given
            FollowUp followUp = fx.dueFollowUp(fx.customer(), b -> b.expiresAt(fx.clock.instant()));

            // when
            DispatchSummary summary = fx.dispatcher(sink).build().dispatchDue();

            // then
            assertThat(summary.expired()).isEqualTo(1);
            assertThat(fx.stored(followUp.id()).status()).isEqualTo(FollowUpStatus.EXPIRED);
            assertThat(fx.stored(followUp.id()).attempts()).isZero();
            assertThat(sink.calls).isEmpty();
        }

        @Test
        @DisplayName("defers a follow-up found due in quiet hours to the next allowed time, without an attempt")
        void quietHoursAtDispatch() {
            // given a follow-up due at 19:00 in Berlin, found by a dispatcher that was down until 22:00
            fx.clock.set(local("2024-05-14T19:00:00"));
            FollowUp followUp = fx.dueFollowUp(fx.customer());
            fx.clock.set(local("2024-05-14T22:00:00"));

            // when
            DispatchSummary summary = fx.dispatcher(sink).sendWindow(SendWindow.defaults()).build().dispatchDue();

            // then
            assertThat(summary.deferred()).isEqualTo(1);
            FollowUp stored = fx.stored(followUp.id());
            assertThat(stored.status()).isEqualTo(FollowUpStatus.SCHEDULED);
            assertThat(stored.dueAt()).isEqualTo(local("2024-05-15T08:00:00"));
            assertThat(stored.attempts()).isZero();
            assertThat(sink.calls).isEmpty();
        }

        @Test
        @DisplayName("cancels instead of sending when the customer opted out of the channel since")
        void optedOutSince() {
            // given
            Customer customer = fx.customer();
            FollowUp followUp = fx.dueFollowUp(customer);
            fx.update(customer, b -> b.consents(Map.of(Channel.EMAIL, ConsentStatus.OPTED_OUT)));

            // when
            DispatchSummary summary = fx.dispatcher(sink).build().dispatchDue();

            // then
            assertThat(summary.cancelled()).isEqualTo(1);
            assertThat(fx.stored(followUp.id()).cancelReason()).contains("opted_out");
            assertThat(sink.calls).isEmpty();
            assertThat(fx.events.ofType(FollowUpCancelled.class)).hasSize(1);
        }

        @Test
        @DisplayName("cancels instead of sending when the customer was erased or is gone")
        void erasedOrGone() {
            // given
            Customer erased = fx.customer();
            FollowUp forErased = fx.dueFollowUp(erased);
            fx.update(erased, b -> b.status(CustomerStatus.ERASED));
            FollowUp forNobody = fx.dueFollowUp(fx.customer(), b -> b.customerId(CustomerId.random()));

            // when
            fx.dispatcher(sink).build().dispatchDue();

            // then
            assertThat(fx.stored(forErased.id()).cancelReason()).contains("customer_erased");
            assertThat(fx.stored(forNobody.id()).cancelReason()).contains("customer_not_found");
            assertThat(sink.calls).isEmpty();
        }

        @Test
        @DisplayName("fails a follow-up at once when the customer has no address on its channel")
        void noAddress() {
            // given
            FollowUp followUp = fx.dueFollowUp(fx.customer(), b -> b.channel(Channel.WHATSAPP));

            // when
            fx.dispatcher(sink).build().dispatchDue();

            // then
            FollowUp stored = fx.stored(followUp.id());
            assertThat(stored.status()).isEqualTo(FollowUpStatus.FAILED);
            assertThat(stored.lastError()).contains("no address on channel whatsapp");
            assertThat(sink.calls).isEmpty();
        }
    }

    @Nested
    @DisplayName("when another party changed a claimed follow-up")
    class Conflicts {

        @Test
        @DisplayName("stops without resending when another dispatcher took over after the lease lapsed")
        void takenOver() {
            // given three due follow-ups; while A sends the first, its lease lapses and B takes everything over
            Customer customer = fx.customer();
            List<FollowUp> due = List.of(fx.dueFollowUp(customer), fx.dueFollowUp(customer), fx.dueFollowUp(customer));
            AtomicReference<FollowUpDispatcher> b = new AtomicReference<>();
            AtomicReference<DispatchSummary> bSummary = new AtomicReference<>();
            AtomicBoolean once = new AtomicBoolean();
            IdempotentSink slow = new IdempotentSink(fx.clock) {
                @Override
                void beforeDelivery(OutboundMessage message) {
                    if (once.compareAndSet(false, true)) {
                        fx.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
                        bSummary.set(b.get().dispatchDue());
                    }
                }
            };
            FollowUpDispatcher a = fx.dispatcher(slow).owner("a").lease(Duration.ofMinutes(5)).build();
            b.set(fx.dispatcher(slow).owner("b").lease(Duration.ofMinutes(5)).build());

            // when
            DispatchSummary aSummary = a.dispatchDue();

            // then
            assertThat(aSummary.sent()).isZero();
            assertThat(aSummary.abandoned()).isEqualTo(3);
            assertThat(bSummary.get().sent()).isEqualTo(3);
            assertThat(due).allSatisfy(f -> {
                assertThat(fx.stored(f.id()).status()).isEqualTo(FollowUpStatus.SENT);
                assertThat(slow.deliveries(f.id().toString())).isEqualTo(1);
            });
            assertThat(slow.calls).hasSize(4);
            String inFlight = slow.calls.get(0).idempotencyKey(); // A's send, resent by B under the same key
            assertThat(inFlight).startsWith("followup:");
            assertThat(slow.calls(inFlight)).isEqualTo(2);
            assertThat(fx.events.ofType(FollowUpSent.class)).hasSize(3);
        }

        @Test
        @DisplayName("leaves a follow-up cancelled while it was being sent and carries on with the batch")
        void cancelledWhileClaimed() {
            // given
            Customer customer = fx.customer();
            FollowUp first = fx.dueFollowUp(customer);
            FollowUp second = fx.dueFollowUp(customer, b -> b.dueAt(fx.clock.instant().plusNanos(1000)));
            fx.clock.advance(Duration.ofSeconds(1));
            FollowUpScheduler scheduler = fx.scheduler().build();
            IdempotentSink cancelling = new IdempotentSink(fx.clock) {
                @Override
                void beforeDelivery(OutboundMessage message) {
                    if (message.idempotencyKey().equals(FollowUpDispatcher.messageKey(first.id()))) {
                        scheduler.cancel(first.id(), "host stopped it");
                    }
                }
            };

            // when
            DispatchSummary summary = fx.dispatcher(cancelling).build().dispatchDue();

            // then
            assertThat(summary.abandoned()).isEqualTo(1);
            assertThat(summary.sent()).isEqualTo(1);
            assertThat(fx.stored(first.id()).status()).isEqualTo(FollowUpStatus.CANCELLED);
            assertThat(fx.stored(second.id()).status()).isEqualTo(FollowUpStatus.SENT);
        }
    }

    @Nested
    @DisplayName("is configured")
    class Configuration {

        @Test
        @DisplayName("with documented defaults")
        void defaults() {
            assertThat(FollowUpDispatcher.DEFAULT_BATCH_SIZE).isEqualTo(100);
            assertThat(FollowUpDispatcher.DEFAULT_LEASE).isEqualTo(Duration.ofMinutes(5));
            assertThat(FollowUpDispatcher.DEFAULT_MAX_ATTEMPTS).isEqualTo(5);
            FollowUpDispatcher dispatcher = FollowUpDispatcher.builder(fx.storage, sink).build();
            assertThat(dispatcher.owner()).startsWith("dispatcher-");
            assertThat(dispatcher.isRunning()).isFalse();
        }

        @Test
        @DisplayName("and refuses bad options, naming each one")
        void badOptions() {
            assertThatThrownBy(() -> FollowUpDispatcher.builder(fx.storage, null).owner(" ").batchSize(0)
                    .lease(Duration.ZERO).maxAttempts(0).backoffBase(Duration.ofMinutes(2))
                    .backoffMax(Duration.ofMinutes(1)).jitter(1.5).pollInterval(null).threads(0).build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly(
                            "backoffMax", "batchSize", "jitter", "lease", "maxAttempts", "messenger", "owner",
                            "pollInterval", "threads"));
        }

        @Test
        @DisplayName("and refuses to dispatch once closed")
        void closed() {
            FollowUpDispatcher dispatcher = fx.dispatcher(sink).build();
            dispatcher.close();
            assertThatThrownBy(dispatcher::dispatchDue).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(dispatcher::start).isInstanceOf(IllegalStateException.class);
        }
    }
}
