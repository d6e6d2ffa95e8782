package dev.rapport.interaction;

import static dev.rapport.testing.TestRapport.START_MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.InteractionNotFoundException;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("InteractionService")
class InteractionServiceTest {

    private final TestRapport t = new TestRapport();
    private final InteractionService interactions = t.rapport().interactions();

    private RecordInteraction.Builder message(Customer customer) {
        return RecordInteraction.builder().customerId(customer.id()).channel(Channel.EMAIL);
    }

    @Nested
    @DisplayName("record")
    class Record {

        @Test
        @DisplayName("stores every field exactly and publishes InteractionRecorded")
        void storesExactly() {
            // given
            Customer ann = t.customer();
            Agent agent = t.agent(null);
            Case parcel = t.openCase(ann.id());
            Instant occurred = Instant.parse("2025-03-10T08:00:00.987654321Z");

            // when
            Interaction recorded = interactions.record(RecordInteraction.builder()
                    .customerId(ann.id())
                    .channel(Channel.PHONE)
                    .outbound()
                    .occurredAt(occurred)
                    .agentId(agent.id())
                    .caseId(parcel.id())
                    .kind(InteractionKind.CALL)
                    .handledBy(Handler.HUMAN)
                    .visibility(Visibility.PUBLIC)
                    .handleTime(new HandleTime(Duration.ofMinutes(4), Duration.ofSeconds(30), Duration.ofMinutes(1)))
                    .summary("Called back about the parcel.\nLine two\twith a tab 📦")
                    .externalId("call-2025-0001")
                    .orderRef("ORD-77")
                    .amount(Money.of("0.0", "GBP"))
                    .reason("delivery.late")
                    .build());

            // then
            assertThat(interactions.get(recorded.id())).isEqualTo(recorded);
            assertThat(recorded.customerId()).isEqualTo(ann.id());
            assertThat(recorded.channel()).isEqualTo(Channel.PHONE);
            assertThat(recorded.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(recorded.occurredAt()).isEqualTo(Instant.parse("2025-03-10T08:00:00.987654Z"));
            assertThat(recorded.agentId()).contains(agent.id());
            assertThat(recorded.caseId()).contains(parcel.id());
            assertThat(recorded.kind()).isEqualTo(InteractionKind.CALL);
            assertThat(recorded.handleTime().map(HandleTime::total)).contains(Duration.ofSeconds(330));
            assertThat(recorded.summary()).contains("Called back about the parcel.\nLine two\twith a tab 📦");
            assertThat(recorded.externalId()).contains("call-2025-0001");
            assertThat(recorded.orderRef()).contains("ORD-77");
            assertThat(recorded.amount()).contains(Money.of("0", "GBP"));
            assertThat(recorded.reason()).contains("delivery.late");
            assertThat(recorded.recordedAt()).isEqualTo(START_MICROS);
            assertThat(t.events().events()).singleElement().isInstanceOfSatisfying(InteractionRecorded.class, e -> {
                assertThat(e.interactionId()).isEqualTo(recorded.id());
                assertThat(e.customerId()).isEqualTo(ann.id());
                assertThat(e.caseId()).contains(parcel.id());
                assertThat(e.channel()).isEqualTo(Channel.PHONE);
                assertThat(e.kind()).isEqualTo(InteractionKind.CALL);
                assertThat(e.direction()).isEqualTo(Direction.OUTBOUND);
            });
        }

        @Test
        @DisplayName("uses the defaults: inbound public human message, occurring now")
        void defaults() {
            // given
            Customer ann = t.customer();

            // when
            Interaction recorded = interactions.record(message(ann).build());

            // then
            assertThat(recorded.direction()).isEqualTo(Direction.INBOUND);
            assertThat(recorded.kind()).isEqualTo(InteractionKind.MESSAGE);
            assertThat(recorded.handledBy()).isEqualTo(Handler.HUMAN);
            assertThat(recorded.visibility()).isEqualTo(Visibility.PUBLIC);
            assertThat(recorded.occurredAt()).isEqualTo(START_MICROS);
            assertThat(recorded.caseId()).isEmpty();
        }

        @Test
        @DisplayName("a retried webhook returns the first interaction, stores nothing more and publishes no second event")
        void idempotentByExternalId() {
            // given
            Customer ann = t.customer();
            Interaction first = interactions.record(message(ann).externalId("wamid.HBgM").summary("Hi").build());
            t.clock().advance(Duration.ofSeconds(30));
            StoreSnapshot before = t.snapshot();

            // when
            Interaction again = interactions.record(message(ann).externalId("wamid.HBgM").summary("Hi").build());

            // then
            assertThat(again).isEqualTo(first);
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events(InteractionRecorded.class)).hasSize(1);
        }

        @Test
        @DisplayName("a duplicate that slips past the first look-up, as in a race, still returns the first interaction")
        void idempotentUnderRace() {
            // given an interaction stored under the external id, and look-ups that miss it as a racing node would
            Customer ann = t.customer();
            Interaction first = interactions.record(message(ann).externalId("msg-1").build());
            t.events().clear();
            t.storage().answerNext("interactions.findByExternalId", 2, args -> Optional.empty());

            // when
            Interaction again = interactions.record(message(ann).externalId("msg-1").build());

            // then
            assertThat(again).isEqualTo(first);
            assertThat(t.snapshot().interactions()).containsExactly(first);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("external ids are compared exactly")
        void externalIdsAreExact() {
            // given
            Customer ann = t.customer();
            interactions.record(message(ann).externalId("ABC").build());

            // when
            interactions.record(message(ann).externalId("abc").build());

            // then
            assertThat(t.snapshot().interactions()).hasSize(2);
            assertThat(interactions.findByExternalId("abc")).isPresent();
        }

        @Test
        @DisplayName("refuses instants outside the supported years naming occurredAt, for Instant.MAX, MIN and the years -5000 and 300000, storing nothing")
        void refusesInstantsOutsideTheDomain() {
            // given
            Customer ann = t.customer();
            StoreSnapshot before = t.snapshot();

            for (Instant at : java.util.List.of(Instant.MAX, Instant.MIN, Instant.parse("-5000-01-01T00:00:00Z"),
                    Instant.parse("+300000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z")
                            .plusNanos(1_000), Instant.parse("0000-12-31T23:59:59.999999Z"))) {
                // when / then
                assertThatThrownBy(() -> interactions.record(message(ann).occurredAt(at).build()))
                        .as("at %s", at)
                        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                                .containsExactly("occurredAt"));
            }
            assertThat(t.snapshot()).isEqualTo(before);
        }

        @Test
        @DisplayName("a rejected command names every bad field and stores nothing")
        void rejectsEveryBadField() {
            // given
            Customer ann = t.customer();
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> interactions.record(RecordInteraction.builder()
                    .customerId(ann.id())
                    .channel(null)
                    .direction(null)
                    .summary("bad \u0000 text")
                    .externalId("  ")
                    .orderRef("x".repeat(201))
                    .reason("no spaces allowed")
                    .handleTime(new HandleTime(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO))
                    .amount(Money.of("1234567890123456", "EUR"))
                    .build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                            .containsExactly("amount.amount", "channel", "direction", "externalId",
                                    "handleTime.talk", "orderRef", "reason", "summary"));
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }
    }

    @Nested
    @DisplayName("references")
    class References {

        @Test
        @DisplayName("an unknown customer, case and agent are each named, and nothing is stored")
        void unknownReferences() {
            // given
            t.customer();
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> interactions.record(RecordInteraction.builder()
                    .customerId(CustomerId.random()).channel(Channel.CHAT)
                    .caseId(CaseId.random()).agentId(AgentId.random()).build()))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("agentId", "caseId", "customerId"));
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("a case of another customer is refused on caseId")
        void caseOfAnotherCustomer() {
            // given
            Customer ann = t.customer();
            Customer bob = t.customer();
            Case bobsCase = t.openCase(bob.id());

            // when / then
            assertThatThrownBy(() -> interactions.record(message(ann).caseId(bobsCase.id()).build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.fields()).containsExactly("caseId");
                        assertThat(e.violations()).singleElement()
                                .satisfies(v -> assertThat(v.rule()).isEqualTo("SameCustomer"));
                    });
            assertThat(interactions.findByCase(bobsCase.id())).isEmpty();
        }
    }

    @Nested
    @DisplayName("effects on the case")
    class CaseEffects {

        private Customer ann;
        private Case parcel;

        @org.junit.jupiter.api.BeforeEach
        void openCase() {
            ann = t.customer();
            parcel = t.openCase(ann.id());
        }

        private Case current() {
            return t.rapport().cases().get(parcel.id());
        }

        private Case moveTo(CaseStatus... path) {
            for (CaseStatus status : path) {
                t.rapport().cases().move(new dev.rapport.cases.MoveCase(parcel.id(), status));
            }
            t.events().clear();
            return current();
        }

        @Test
        @DisplayName("a public outbound human reply sets the first reply time to when it occurred")
        void firstReply() {
            // given
            t.clock().advance(Duration.ofMinutes(20));
            Instant replied = t.clock().instant().minusSeconds(60);

            // when
            interactions.record(message(ann).caseId(parcel.id()).outbound().occurredAt(replied).build());

            // then
            assertThat(current().firstReplyAt()).contains(replied.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            assertThat(current().status()).isEqualTo(CaseStatus.NEW);
            assertThat(t.events().events(CaseStatusChanged.class)).isEmpty();
        }

        @Test
        @DisplayName("a later reply keeps the first reply time; an earlier one recorded late moves it back")
        void laterAndEarlierReplies() {
            // given
            Instant first = START_MICROS.plusSeconds(600);
            interactions.record(message(ann).caseId(parcel.id()).outbound().occurredAt(first).build());

            // when a later reply arrives
            interactions.record(message(ann).caseId(parcel.id()).outbound().occurredAt(first.plusSeconds(60)).build());

            // then
            assertThat(current().firstReplyAt()).contains(first);

            // when a reply that happened earlier is recorded late
            interactions.record(message(ann).caseId(parcel.id()).outbound().occurredAt(first.minusSeconds(60)).build());

            // then
            assertThat(current().firstReplyAt()).contains(first.minusSeconds(60));
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Handler.class, names = {"BOT", "AUTOMATIC"})
        @DisplayName("a bot or automatic reply never counts as a reply")
        void machineRepliesDoNotCount(Handler handler) {
            // when
            interactions.record(message(ann).caseId(parcel.id()).outbound().handledBy(handler).build());

            // then
            assertThat(current().firstReplyAt()).isEmpty();
            assertThat(current().version()).isEqualTo(parcel.version());
        }

        @Test
        @DisplayName("an internal note never counts as a reply, whether by visibility or by kind")
        void notesDoNotCount() {
            // when
            interactions.record(message(ann).caseId(parcel.id()).outbound().visibility(Visibility.INTERNAL).build());
            interactions.record(message(ann).caseId(parcel.id()).outbound().kind(InteractionKind.NOTE).build());

            // then
            assertThat(current().firstReplyAt()).isEmpty();
        }

        @Test
        @DisplayName("an inbound reply does not count as a reply")
        void inboundIsNoReply() {
            // when
            interactions.record(message(ann).caseId(parcel.id()).build());

            // then
            assertThat(current().firstReplyAt()).isEmpty();
        }

        @Test
        @DisplayName("a customer message on a case waiting on the customer moves it to OPEN, after InteractionRecorded")
        void pendingCustomerToOpen() {
            // given
            moveTo(CaseStatus.OPEN, CaseStatus.PENDING_CUSTOMER);
            t.clock().advance(Duration.ofHours(2));

            // when
            Interaction answer = interactions.record(message(ann).caseId(parcel.id()).build());

            // then
            Case now = current();
            assertThat(now.status()).isEqualTo(CaseStatus.OPEN);
            assertThat(now.reopenCount()).isZero();
            assertThat(now.history()).last().satisfies(move -> {
                assertThat(move.from()).isEqualTo(CaseStatus.PENDING_CUSTOMER);
                assertThat(move.to()).isEqualTo(CaseStatus.OPEN);
                assertThat(move.at()).isEqualTo(START_MICROS.plus(Duration.ofHours(2)));
            });
            assertThat(t.events().events()).hasSize(2);
            assertThat(t.events().events().get(0)).isInstanceOfSatisfying(InteractionRecorded.class,
                    e -> assertThat(e.interactionId()).isEqualTo(answer.id()));
            assertThat(t.events().events().get(1)).isInstanceOfSatisfying(CaseStatusChanged.class, e -> {
                assertThat(e.caseId()).isEqualTo(parcel.id());
                assertThat(e.from()).isEqualTo(CaseStatus.PENDING_CUSTOMER);
                assertThat(e.to()).isEqualTo(CaseStatus.OPEN);
            });
        }

        @Test
        @DisplayName("a customer message on a resolved case reopens it and counts the reopen")
        void resolvedIsReopened() {
            // given
            Case resolved = moveTo(CaseStatus.OPEN, CaseStatus.RESOLVED);

            // when
            interactions.record(message(ann).caseId(parcel.id()).channel(Channel.WHATSAPP).build());

            // then
            Case now = current();
            assertThat(now.status()).isEqualTo(CaseStatus.OPEN);
            assertThat(now.reopenCount()).isEqualTo(1);
            assertThat(now.resolvedAt()).isEmpty();
            assertThat(now.firstResolvedAt()).isEqualTo(resolved.firstResolvedAt());
            assertThat(t.events().events(CaseStatusChanged.class)).singleElement().satisfies(e -> {
                assertThat(e.from()).isEqualTo(CaseStatus.RESOLVED);
                assertThat(e.to()).isEqualTo(CaseStatus.OPEN);
            });
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = InteractionKind.class, names = {"COMPLIMENT", "FEEDBACK", "PURCHASE", "NOTE"})
        @DisplayName("a compliment, feedback, purchase or note from the customer does not reopen a resolved case")
        void nonQuestionsDoNotReopen(InteractionKind kind) {
            // given
            moveTo(CaseStatus.RESOLVED);

            // when
            interactions.record(message(ann).caseId(parcel.id()).kind(kind).build());

            // then
            assertThat(current().status()).isEqualTo(CaseStatus.RESOLVED);
            assertThat(t.events().events(CaseStatusChanged.class)).isEmpty();
        }

        @Test
        @DisplayName("a customer talking to a bot does not reopen a resolved case")
        void botConversationDoesNotReopen() {
            // given
            moveTo(CaseStatus.RESOLVED);

            // when
            interactions.record(message(ann).caseId(parcel.id()).channel(Channel.CHATBOT).handledBy(Handler.BOT)
                    .build());

            // then
            assertThat(current().status()).isEqualTo(CaseStatus.RESOLVED);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = CaseStatus.class, names = {"NEW", "OPEN", "ON_HOLD", "CLOSED"})
        @DisplayName("a customer message leaves a new, open, on-hold or closed case where it is")
        void otherStatesStay(CaseStatus status) {
            // given
            switch (status) {
                case OPEN -> moveTo(CaseStatus.OPEN);
                case ON_HOLD -> moveTo(CaseStatus.ON_HOLD);
                case CLOSED -> moveTo(CaseStatus.RESOLVED, CaseStatus.CLOSED);
                default -> { }
            }
            Case before = current();

            // when
            interactions.record(message(ann).caseId(parcel.id()).build());

            // then
            assertThat(current()).isEqualTo(before);
            assertThat(t.events().events()).singleElement().isInstanceOf(InteractionRecorded.class);
        }

        @Test
        @DisplayName("if the case cannot be written, the interaction is rolled back and nothing is published")
        void rollback() {
            // given
            moveTo(CaseStatus.RESOLVED);
            StoreSnapshot before = t.snapshot();
            t.storage().failNext("cases.update", 1, () -> new StorageException("disk full"));

            // when / then
            assertThatThrownBy(() -> interactions.record(message(ann).caseId(parcel.id()).build()))
                    .isInstanceOf(StorageException.class);
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("a case changed concurrently is read again and the interaction recorded once")
        void staleCaseIsRetried() {
            // given
            moveTo(CaseStatus.RESOLVED);
            t.storage().failNext("cases.update", 2, () -> new StaleVersionException("case", parcel.id(), 3));

            // when
            interactions.record(message(ann).caseId(parcel.id()).build());

            // then
            assertThat(current().status()).isEqualTo(CaseStatus.OPEN);
            assertThat(interactions.findByCase(parcel.id())).hasSize(1);
            assertThat(t.events().events(InteractionRecorded.class)).hasSize(1);
            assertThat(t.events().events(CaseStatusChanged.class)).hasSize(1);
        }
    }

    @Nested
    @DisplayName("queries")
    class Queries {

        @Test
        @DisplayName("find, get, by case and by customer return what was recorded, in occurrence order")
        void queries() {
            // given
            Customer ann = t.customer();
            Case parcel = t.openCase(ann.id());
            Interaction later = interactions.record(message(ann).caseId(parcel.id())
                    .occurredAt(START_MICROS.plusSeconds(10)).build());
            Interaction earlier = interactions.record(message(ann).occurredAt(START_MICROS).build());

            // then
            assertThat(interactions.find(later.id())).contains(later);
            assertThatThrownBy(() -> interactions.get(dev.rapport.spi.interaction.InteractionId.random()))
                    .isInstanceOf(InteractionNotFoundException.class);
            assertThat(interactions.findByCase(parcel.id())).containsExactly(later);
            assertThat(interactions.findByCustomer(ann.id(), TimeRange.ALL, PageRequest.first()).items())
                    .containsExactly(earlier, later);
            assertThatThrownBy(() -> interactions.findByCustomer(ann.id(), null, PageRequest.first()))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("occurred"));
        }
    }
}
