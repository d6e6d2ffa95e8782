package dev.rapport.cases;

import static dev.rapport.testing.TestRapport.START_MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CaseService")
class CaseServiceTest {

    private final TestRapport t = new TestRapport();
    private final CaseService cases = t.rapport().cases();

    @Nested
    @DisplayName("open")
    class Open {

        @Test
        @DisplayName("stores a NEW case exactly and publishes CaseOpened")
        void storesExactly() {
            // given
            Customer ann = t.customer();

            // when
            Case opened = cases.open(OpenCase.builder()
                    .customerId(ann.id())
                    .subject("Réfund for order #42 — not received 💸")
                    .category("billing.refund")
                    .type("incident")
                    .priority(Priority.HIGH)
                    .originChannel(Channel.WHATSAPP)
                    .language(Locale.FRENCH)
                    .requiredSkill("refunds")
                    .requiredSkill("french")
                    .build());

            // then
            assertThat(cases.get(opened.id())).isEqualTo(opened);
            assertThat(opened.customerId()).isEqualTo(ann.id());
            assertThat(opened.subject()).isEqualTo("Réfund for order #42 — not received 💸");
            assertThat(opened.category()).contains("billing.refund");
            assertThat(opened.type()).contains("incident");
            assertThat(opened.priority()).isEqualTo(Priority.HIGH);
            assertThat(opened.originChannel()).isEqualTo(Channel.WHATSAPP);
            assertThat(opened.language()).contains(Locale.FRENCH);
            assertThat(opened.requiredSkills()).containsExactlyInAnyOrder("refunds", "french");
            assertThat(opened.status()).isEqualTo(CaseStatus.NEW);
            assertThat(opened.createdAt()).isEqualTo(START_MICROS);
            assertThat(opened.history()).isEmpty();
            assertThat(opened.version()).isEqualTo(1);
            assertThat(t.events().events()).singleElement().isInstanceOfSatisfying(CaseOpened.class, e -> {
                assertThat(e.caseId()).isEqualTo(opened.id());
                assertThat(e.customerId()).isEqualTo(ann.id());
                assertThat(e.priority()).isEqualTo(Priority.HIGH);
                assertThat(e.originChannel()).isEqualTo(Channel.WHATSAPP);
            });
        }

        @Test
        @DisplayName("a case for an unknown customer is refused on customerId")
        void unknownCustomer() {
            // given
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> cases.open(OpenCase.builder().customerId(CustomerId.random())
                    .subject("Hello").originChannel(Channel.EMAIL).build()))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("customerId"));
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("a rejected command names every bad field")
        void rejectsEveryBadField() {
            // given
            Customer ann = t.customer();

            // when / then
            assertThatThrownBy(() -> cases.open(OpenCase.builder().customerId(ann.id())
                    .subject("line\nbreak").category("-bad").type("x".repeat(65)).priority(null)
                    .requiredSkill(null).build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                            .containsExactly("category", "originChannel", "priority", "requiredSkills[]",
                                    "subject", "type"));
            assertThat(t.snapshot().cases()).isEmpty();
        }

        @Test
        @DisplayName("if storing fails, nothing is published")
        void rollback() {
            // given
            Customer ann = t.customer();
            t.storage().failNext("cases.insert", 1, () -> new StorageException("connection lost"));

            // when / then
            assertThatThrownBy(() -> t.openCase(ann.id())).isInstanceOf(StorageException.class);
            assertThat(t.snapshot().cases()).isEmpty();
            assertThat(t.events().events()).isEmpty();
        }
    }

    @Nested
    @DisplayName("lifecycle")
    class Lifecycle {

        private Case parcel;

        @BeforeEach
        void open() {
            parcel = t.openCase(t.customer().id());
        }

        @Test
        @DisplayName("a case goes through work, waiting, hold, resolution, reopen and closure, recording each move")
        void fullLifecycle() {
            // when
            cases.startWork(parcel.id());
            t.clock().advance(Duration.ofMinutes(1));
            cases.waitOnCustomer(parcel.id());
            t.clock().advance(Duration.ofMinutes(1));
            cases.hold(parcel.id());
            t.clock().advance(Duration.ofMinutes(1));
            Case resolved = cases.resolve(parcel.id());
            t.clock().advance(Duration.ofMinutes(1));
            Case reopened = cases.reopen(parcel.id());
            t.clock().advance(Duration.ofMinutes(1));
            Case resolvedAgain = cases.resolve(parcel.id());
            t.clock().advance(Duration.ofMinutes(1));
            Case closed = cases.close(parcel.id());

            // then
            Instant at = START_MICROS;
            assertThat(resolved.resolvedAt()).contains(at.plus(Duration.ofMinutes(3)));
            assertThat(resolved.firstResolvedAt()).contains(at.plus(Duration.ofMinutes(3)));
            assertThat(reopened.status()).isEqualTo(CaseStatus.OPEN);
            assertThat(reopened.reopenCount()).isEqualTo(1);
            assertThat(reopened.resolvedAt()).isEmpty();
            assertThat(resolvedAgain.firstResolvedAt()).contains(at.plus(Duration.ofMinutes(3)));
            assertThat(resolvedAgain.resolvedAt()).contains(at.plus(Duration.ofMinutes(5)));
            assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
            assertThat(closed.closedAt()).contains(at.plus(Duration.ofMinutes(6)));
            assertThat(closed.history()).extracting(StatusChange::to).containsExactly(CaseStatus.OPEN,
                    CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD, CaseStatus.RESOLVED, CaseStatus.OPEN,
                    CaseStatus.RESOLVED, CaseStatus.CLOSED);
            assertThat(cases.get(parcel.id())).isEqualTo(closed);
            assertThat(t.events().events(CaseStatusChanged.class)).extracting(CaseStatusChanged::from)
                    .containsExactly(CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.PENDING_CUSTOMER,
                            CaseStatus.ON_HOLD, CaseStatus.RESOLVED, CaseStatus.OPEN, CaseStatus.RESOLVED);
        }

        @Test
        @DisplayName("an illegal move names from and to, changes nothing and publishes nothing")
        void illegalMove() {
            // given
            cases.startWork(parcel.id());
            t.events().clear();
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> cases.close(parcel.id()))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.from()).isEqualTo(CaseStatus.OPEN);
                        assertThat(e.to()).isEqualTo(CaseStatus.CLOSED);
                        assertThat(e.id()).isEqualTo(parcel.id().toString());
                    })
                    .hasMessageContaining("from OPEN to CLOSED");
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("reopening a case that is not resolved is illegal")
        void reopenNeedsResolved() {
            // given
            cases.startWork(parcel.id());

            // when / then
            assertThatThrownBy(() -> cases.reopen(parcel.id()))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.from()).isEqualTo(CaseStatus.OPEN);
                        assertThat(e.to()).isEqualTo(CaseStatus.OPEN);
                    });
        }

        @Test
        @DisplayName("starting work on a resolved case is illegal: it is reopened instead")
        void startWorkIsNoReopen() {
            // given
            cases.resolve(parcel.id());

            // when / then
            assertThatThrownBy(() -> cases.startWork(parcel.id()))
                    .isInstanceOfSatisfying(IllegalTransitionException.class,
                            e -> assertThat(e.from()).isEqualTo(CaseStatus.RESOLVED));
            assertThat(cases.get(parcel.id()).reopenCount()).isZero();
        }

        @Test
        @DisplayName("a closed case moves nowhere")
        void closedIsFinal() {
            // given
            cases.resolve(parcel.id());
            cases.close(parcel.id());

            // then
            for (CaseStatus to : CaseStatus.values()) {
                assertThatThrownBy(() -> cases.move(new MoveCase(parcel.id(), to)))
                        .isInstanceOf(IllegalTransitionException.class);
            }
        }

        @Test
        @DisplayName("the general move follows the lifecycle table, a move from RESOLVED to OPEN counting as reopen")
        void generalMove() {
            // when
            cases.move(new MoveCase(parcel.id(), CaseStatus.RESOLVED));
            Case reopened = cases.move(new MoveCase(parcel.id(), CaseStatus.OPEN));

            // then
            assertThat(reopened.reopenCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("moving an unknown case is CaseNotFoundException; a command with nulls names each field")
        void unknownAndNull() {
            assertThatThrownBy(() -> cases.resolve(CaseId.random())).isInstanceOf(CaseNotFoundException.class);
            assertThatThrownBy(() -> cases.move(new MoveCase(null, null)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("caseId", "to"));
            assertThatThrownBy(() -> cases.resolve(null))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("caseId"));
        }

        @Test
        @DisplayName("a stale version is retried and the move applied once")
        void staleRetried() {
            // given
            t.storage().failNext("cases.update", 3, () -> new StaleVersionException("case", parcel.id(), 1));

            // when
            Case resolved = cases.resolve(parcel.id());

            // then
            assertThat(resolved.history()).hasSize(1);
            assertThat(resolved.version()).isEqualTo(2);
            assertThat(t.events().events(CaseStatusChanged.class)).hasSize(1);
        }

        @Test
        @DisplayName("a version that stays stale gives up after MAX_ATTEMPTS and publishes nothing")
        void staleGivesUp() {
            // given
            t.storage().failNext("cases.update", CaseService.MAX_ATTEMPTS,
                    () -> new StaleVersionException("case", parcel.id(), 1));

            // when / then
            assertThatThrownBy(() -> cases.resolve(parcel.id())).isInstanceOf(StaleVersionException.class);
            assertThat(cases.get(parcel.id()).status()).isEqualTo(CaseStatus.NEW);
            assertThat(t.events().events()).isEmpty();
        }
    }

    @Nested
    @DisplayName("assign")
    class Assign {

        private Case parcel;

        @BeforeEach
        void open() {
            parcel = t.openCase(t.customer().id());
        }

        @Test
        @DisplayName("gives the case to the agent and the agent's team, and publishes CaseAssigned")
        void assigns() {
            // given
            Agent agent = t.agent(TeamId.of("billing"));

            // when
            Case assigned = cases.assign(new AssignCase(parcel.id(), agent.id()));

            // then
            assertThat(assigned.assignee()).contains(agent.id());
            assertThat(assigned.team()).contains(TeamId.of("billing"));
            assertThat(cases.get(parcel.id())).isEqualTo(assigned);
            assertThat(t.events().events()).singleElement().isInstanceOfSatisfying(CaseAssigned.class, e -> {
                assertThat(e.caseId()).isEqualTo(parcel.id());
                assertThat(e.previous()).isEmpty();
                assertThat(e.assignee()).isEqualTo(agent.id());
                assertThat(e.team()).contains(TeamId.of("billing"));
            });
        }

        @Test
        @DisplayName("reassigning names the previous agent; an agent without a team leaves the case's team")
        void reassign() {
            // given
            Agent first = t.agent(TeamId.of("billing"));
            Agent second = t.agent(null);
            cases.assign(new AssignCase(parcel.id(), first.id()));
            t.events().clear();

            // when
            Case reassigned = cases.assign(new AssignCase(parcel.id(), second.id()));

            // then
            assertThat(reassigned.assignee()).contains(second.id());
            assertThat(reassigned.team()).contains(TeamId.of("billing"));
            assertThat(t.events().events(CaseAssigned.class)).singleElement()
                    .satisfies(e -> assertThat(e.previous()).contains(first.id()));
        }

        @Test
        @DisplayName("assigning to the agent who has the case changes nothing")
        void sameAgent() {
            // given
            Agent agent = t.agent(null);
            Case assigned = cases.assign(new AssignCase(parcel.id(), agent.id()));
            t.events().clear();

            // when
            Case again = cases.assign(new AssignCase(parcel.id(), agent.id()));

            // then
            assertThat(again).isEqualTo(assigned);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("an unknown agent is refused on agentId and the case is untouched")
        void unknownAgent() {
            // given
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> cases.assign(new AssignCase(parcel.id(), AgentId.random())))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("agentId"));
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("assigning an unknown case is CaseNotFoundException")
        void unknownCase() {
            // given
            Agent agent = t.agent(null);

            // when / then
            assertThatThrownBy(() -> cases.assign(new AssignCase(CaseId.random(), agent.id())))
                    .isInstanceOf(CaseNotFoundException.class);
        }
    }

    @Nested
    @DisplayName("queries")
    class Queries {

        @Test
        @DisplayName("find, get, by customer and by status return cases in creation order")
        void queries() {
            // given
            Customer ann = t.customer();
            Customer bob = t.customer();
            Case first = t.openCase(ann.id());
            t.clock().advance(Duration.ofSeconds(1));
            Case second = t.openCase(ann.id());
            Case bobs = t.openCase(bob.id());
            Case resolved = cases.resolve(second.id());

            // then
            assertThat(cases.find(first.id())).contains(first);
            assertThat(cases.find(CaseId.random())).isEqualTo(Optional.empty());
            assertThat(cases.findByCustomer(ann.id(), PageRequest.first()).items()).containsExactly(first, resolved);
            assertThat(cases.findByStatus(CaseStatus.NEW, PageRequest.first()).items()).containsExactly(first, bobs);
            assertThat(cases.findByStatus(EnumSet.of(CaseStatus.RESOLVED, CaseStatus.CLOSED), PageRequest.first())
                    .items()).containsExactly(resolved);
            assertThatThrownBy(() -> cases.findByStatus((Set<CaseStatus>) null, PageRequest.first()))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("statuses"));
        }
    }
}
