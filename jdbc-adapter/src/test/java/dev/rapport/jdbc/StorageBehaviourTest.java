package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.Escalation;
import dev.rapport.spi.complaint.EscalationLevel;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.DuplicateIdempotencyKeyException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.tck.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The adapter's own behaviour on one database: exact round-trips, the typed exceptions, transactions and claims.
 * Subclassed per database.
 */
abstract class StorageBehaviourTest {

    /** The database under test; each call may return the same one, prefixes keep tests apart. */
    abstract DataSource dataSource();

    JdbcStorage storage;

    @BeforeEach
    void freshStore() {
        storage = JdbcStorage.builder().dataSource(dataSource()).tablePrefix(TestDatabases.freshPrefix()).build();
    }

    @Nested
    @DisplayName("Values come back exactly as stored")
    class RoundTrips {

        @Test
        @DisplayName("a customer with every field set, found by id and by an identity written differently")
        void customer() {
            Customer given = Samples.customer("Ann O'Neil");

            Customer stored = storage.customers().insert(given);

            assertThat(stored).isEqualTo(given.withVersion(1));
            assertThat(storage.customers().findById(given.id())).contains(stored);
            String email = given.identities().get(0).value();
            assertThat(storage.customers().findByIdentity(Channel.EMAIL, "  " + email.toUpperCase() + " "))
                    .contains(stored);
            assertThat(storage.customers().count()).isEqualTo(1);
        }

        @Test
        @DisplayName("an interaction with handle time to the nanosecond and money to four decimals")
        void interaction() {
            CustomerId customer = CustomerId.random();
            Interaction given = Samples.interaction(customer, dev.rapport.spi.cases.CaseId.random(), Samples.at(10), "ext-1");

            storage.interactions().insert(given);

            assertThat(storage.interactions().findById(given.id())).contains(given);
            assertThat(storage.interactions().findByExternalId("ext-1")).contains(given);
            assertThat(storage.interactions().findByCase(given.caseId().orElseThrow())).containsExactly(given);
            assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first()).items())
                    .containsExactly(given);
            assertThat(storage.interactions().findOccurredBetween(TimeRange.of(Samples.at(10), Samples.at(11)),
                    PageRequest.first()).items()).containsExactly(given);
            assertThat(storage.interactions().findOccurredBetween(TimeRange.of(Samples.at(11), Samples.at(12)),
                    PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("a case with its history, updated and found by status and creation time")
        void supportCase() {
            Case given = Samples.supportCase(CustomerId.random(), Samples.at(0));

            Case stored = storage.cases().insert(given);
            Case resolved = storage.cases().update(stored.moveTo(CaseStatus.RESOLVED, Samples.at(500)));

            assertThat(resolved.version()).isEqualTo(2);
            assertThat(storage.cases().get(given.id())).isEqualTo(resolved);
            assertThat(resolved.history()).hasSize(2);
            assertThat(storage.cases().findByStatus(EnumSet.of(CaseStatus.RESOLVED), PageRequest.first()).items())
                    .containsExactly(resolved);
            assertThat(storage.cases().findByStatus(EnumSet.of(CaseStatus.OPEN), PageRequest.first()).items()).isEmpty();
            assertThat(storage.cases().findCreatedBetween(TimeRange.ALL, PageRequest.first()).items())
                    .containsExactly(resolved);
            assertThat(storage.cases().findByCustomer(given.customerId(), PageRequest.first()).items())
                    .containsExactly(resolved);
        }

        @Test
        @DisplayName("feedback, a follow-up and an agent with every field set")
        void others() {
            CustomerId customer = CustomerId.random();
            Feedback feedback = Samples.feedback(customer, dev.rapport.spi.cases.CaseId.random(), Samples.at(3));
            FollowUp followUp = Samples.followUp(customer, Samples.at(100));
            Agent agent = Samples.agent("Zoë");

            storage.feedback().insert(feedback);
            FollowUp storedFollowUp = storage.followUps().insert(followUp);
            Agent storedAgent = storage.agents().insert(agent);

            assertThat(storage.feedback().get(feedback.id())).isEqualTo(feedback);
            assertThat(storage.feedback().findByCase(feedback.caseId().orElseThrow())).containsExactly(feedback);
            assertThat(storage.feedback().findReceivedBetween(TimeRange.ALL, PageRequest.first()).items())
                    .containsExactly(feedback);
            assertThat(storage.followUps().get(followUp.id())).isEqualTo(storedFollowUp);
            assertThat(storage.followUps().findByIdempotencyKey(followUp.idempotencyKey())).contains(storedFollowUp);
            assertThat(storage.agents().get(agent.id())).isEqualTo(storedAgent);
            assertThat(storage.agents().findByTeam(TeamId.of("tier-2"), PageRequest.first()).items())
                    .containsExactly(storedAgent);
            assertThat(storage.agents().findByTeam(TeamId.of("other"), PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("hostile strings: quotes, semicolons, SQL fragments, emoji and 100,000 characters, verbatim")
        void hostileStrings() {
            String sql = "Robert'); DROP TABLE customer; -- \" ` $$ \\ %_ 😀👩‍👩‍👧 \u00e9\u0301";
            String longText = "x🙂;'\"".repeat(20_000);
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("sql", sql);
            attributes.put("json", "{\"a\":[1,2]}\\u0000 \\\" ");
            Customer customer = Samples.customer(sql).toBuilder().attributes(attributes).build();
            Interaction interaction = Samples.interaction(customer.id(), null, Samples.at(1), sql)
                    .toBuilder().summary(longText).build();

            storage.customers().insert(customer);
            storage.interactions().insert(interaction);

            Customer read = storage.customers().get(customer.id());
            assertThat(read.name()).isEqualTo(sql);
            assertThat(read.attributes()).isEqualTo(attributes);
            assertThat(storage.interactions().findByExternalId(sql)).contains(interaction);
            assertThat(storage.interactions().get(interaction.id()).summary()).contains(longText);
            assertThat(longText).hasSize(120_000);
        }

        @Test
        @DisplayName("pages walk every item once, ordered by time and then id")
        void paging() {
            for (int i = 0; i < 7; i++) {
                storage.customers().insert(Samples.customer("C" + i).toBuilder().createdAt(Samples.at(i % 3)).build());
            }

            List<Customer> seen = new java.util.ArrayList<>();
            PageRequest request = PageRequest.first(3);
            while (true) {
                var page = storage.customers().list(request);
                seen.addAll(page.items());
                if (page.nextRequest().isEmpty()) {
                    break;
                }
                request = page.nextRequest().get();
            }

            assertThat(seen).hasSize(7).extracting(Customer::id).doesNotHaveDuplicates();
            assertThat(seen).extracting(Customer::createdAt).isSorted();
        }

        @Test
        @DisplayName("follow-ups updated together keep times at both ends of the value domain to the microsecond, and times beyond it are refused by field, changing nothing")
        void followUpsUpdatedTogetherKeepExtremeTimes() {
            CustomerId customer = CustomerId.random();
            storage.customers().insert(Samples.customer("Ann").toBuilder().id(customer).build());
            FollowUp early = storage.followUps().insert(Samples.followUp(customer, Samples.at(1)));
            FollowUp late = storage.followUps().insert(Samples.followUp(customer, Samples.at(2)));
            FollowUp earlyChanged = early.toBuilder().dueAt(Instant.parse("0001-01-01T00:00:00.000001Z"))
                    .expiresAt(Instant.parse("9999-12-31T23:59:59.999999Z")).build();
            FollowUp lateChanged = late.toBuilder().dueAt(Instant.parse("0001-01-01T00:00:00Z"))
                    .leaseUntil(Instant.parse("1969-12-31T23:59:59.999999Z")).build();
            FollowUp beyond = late.toBuilder().dueAt(Instant.parse("-4712-01-01T00:00:00.000001Z"))
                    .expiresAt(Instant.parse("+20000-06-30T23:59:59.999999Z")).build();

            assertThatThrownBy(() -> storage.followUps().updateEach(List.of(early, beyond)))
                    .isInstanceOfSatisfying(dev.rapport.spi.ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("dueAt", "expiresAt"));
            assertThat(storage.followUps().get(early.id())).isEqualTo(early);
            assertThat(storage.followUps().get(late.id())).isEqualTo(late);

            var results = storage.followUps().updateEach(List.of(earlyChanged, lateChanged));

            assertThat(results).containsExactly(java.util.Optional.of(earlyChanged.withVersion(2)),
                    java.util.Optional.of(lateChanged.withVersion(2)));
            assertThat(storage.followUps().get(early.id())).isEqualTo(earlyChanged.withVersion(2));
            assertThat(storage.followUps().get(late.id())).isEqualTo(lateChanged.withVersion(2));
        }
    }

    @Nested
    @DisplayName("Failures are typed and change nothing")
    class Failures {

        @Test
        @DisplayName("a second customer with the same id is a duplicate on key id")
        void duplicateId() {
            Customer customer = storage.customers().insert(Samples.customer("Ann"));

            assertThatThrownBy(() -> storage.customers().insert(Samples.customer("Bob").toBuilder().id(customer.id()).build()))
                    .isInstanceOfSatisfying(DuplicateEntityException.class, e -> assertThat(e.keyName()).isEqualTo("id"));
            assertThat(storage.customers().get(customer.id()).name()).isEqualTo("Ann");
        }

        @Test
        @DisplayName("an identity held by another customer names the holder and stores nothing")
        void identityConflict() {
            Customer ann = storage.customers().insert(Samples.customer("Ann"));
            ContactIdentity annsEmail = ann.identities().get(0);
            Customer bob = Samples.customer("Bob").toBuilder()
                    .identities(List.of(ContactIdentity.of(Channel.EMAIL, annsEmail.value().toUpperCase()))).build();

            assertThatThrownBy(() -> storage.customers().insert(bob))
                    .isInstanceOfSatisfying(ContactIdentityConflictException.class,
                            e -> assertThat(e.holder()).isEqualTo(ann.id()))
                    .hasMessageNotContaining(annsEmail.value());
            assertThat(storage.customers().findById(bob.id())).isEmpty();
            assertThat(storage.customers().count()).isEqualTo(1);
        }

        @Test
        @DisplayName("an update taking another customer's identity is refused and the customer stays as it was")
        void identityConflictOnUpdate() {
            Customer ann = storage.customers().insert(Samples.customer("Ann"));
            Customer bob = storage.customers().insert(Samples.customer("Bob"));

            Customer stealing = bob.toBuilder().name("Bobby").identities(ann.identities()).build();

            assertThatThrownBy(() -> storage.customers().update(stealing))
                    .isInstanceOfSatisfying(ContactIdentityConflictException.class,
                            e -> assertThat(e.holder()).isEqualTo(ann.id()));
            assertThat(storage.customers().get(bob.id())).isEqualTo(bob);
        }

        @Test
        @DisplayName("a second interaction with the same external id names the stored one")
        void duplicateExternalId() {
            Interaction first = storage.interactions().insert(Samples.interaction(CustomerId.random(), null, Samples.at(1), "msg-9"));

            assertThatThrownBy(() -> storage.interactions().insert(
                    Samples.interaction(CustomerId.random(), null, Samples.at(2), "msg-9")))
                    .isInstanceOfSatisfying(DuplicateExternalIdException.class,
                            e -> assertThat(e.existing()).isEqualTo(first.id()));
        }

        @Test
        @DisplayName("a second follow-up with the same idempotency key names the stored one")
        void duplicateIdempotencyKey() {
            FollowUp first = storage.followUps().insert(Samples.followUp(CustomerId.random(), Samples.at(1)));
            FollowUp second = Samples.followUp(CustomerId.random(), Samples.at(1)).toBuilder()
                    .idempotencyKey(first.idempotencyKey()).build();

            assertThatThrownBy(() -> storage.followUps().insert(second))
                    .isInstanceOfSatisfying(DuplicateIdempotencyKeyException.class,
                            e -> assertThat(e.existing()).isEqualTo(first.id()));
        }

        @Test
        @DisplayName("an update based on an old version is stale; an unknown case is not found")
        void staleAndMissing() {
            Case stored = storage.cases().insert(Samples.supportCase(CustomerId.random(), Samples.at(0)));
            storage.cases().update(stored.toBuilder().subject("changed").build());

            assertThatThrownBy(() -> storage.cases().update(stored.toBuilder().subject("late").build()))
                    .isInstanceOf(StaleVersionException.class);
            assertThat(storage.cases().get(stored.id()).subject()).isEqualTo("changed");
            Case unknown = Samples.supportCase(CustomerId.random(), Samples.at(0));
            assertThatThrownBy(() -> storage.cases().update(unknown)).isInstanceOf(CaseNotFoundException.class);
        }

        @Test
        @DisplayName("a failing call inside a transaction changes nothing and the transaction goes on")
        void failingCallInsideTransaction() {
            Customer ann = storage.customers().insert(Samples.customer("Ann"));
            Customer bob = Samples.customer("Bob");

            storage.transactions().runInTransaction(() -> {
                Customer clash = Samples.customer("Clash").toBuilder()
                        .identities(List.of(Samples.customer("x").identities().get(0), ann.identities().get(0))).build();
                assertThatThrownBy(() -> storage.customers().insert(clash))
                        .isInstanceOf(ContactIdentityConflictException.class);
                storage.customers().insert(bob);
            });

            assertThat(storage.customers().count()).isEqualTo(2);
            assertThat(storage.customers().findById(bob.id())).isPresent();
        }

        @Test
        @DisplayName("in one transaction, writes before, between and after two failing calls are all kept, and the"
                + " failing calls leave nothing")
        void writesAroundFailingCallsInsideTransaction() {
            Customer ann = storage.customers().insert(Samples.customer("Ann"));
            Customer bob = Samples.customer("Bob");
            Customer cy = Samples.customer("Cy");
            Customer di = Samples.customer("Di");
            Customer clash = Samples.customer("Clash").toBuilder()
                    .identities(List.of(Samples.customer("x").identities().get(0), ann.identities().get(0))).build();

            storage.transactions().runInTransaction(() -> {
                storage.customers().insert(bob);
                storage.customers().update(bob.withVersion(1).toBuilder().name("Bob Renamed").build());
                assertThatThrownBy(() -> storage.customers().insert(clash))
                        .isInstanceOf(ContactIdentityConflictException.class);
                assertThatThrownBy(() -> storage.customers().insert(clash))
                        .isInstanceOf(ContactIdentityConflictException.class);
                storage.customers().insert(cy);
                assertThatThrownBy(() -> storage.customers().insert(ann))
                        .isInstanceOf(DuplicateEntityException.class);
                storage.customers().insert(di);
            });

            assertThat(storage.customers().count()).isEqualTo(4);
            assertThat(storage.customers().findById(bob.id()).orElseThrow().name()).isEqualTo("Bob Renamed");
            assertThat(storage.customers().findById(cy.id())).isPresent();
            assertThat(storage.customers().findById(di.id())).isPresent();
            assertThat(storage.customers().findById(clash.id())).isEmpty();
        }
    }

    @Nested
    @DisplayName("Transactions")
    class Transactions {

        @Test
        @DisplayName("work that throws leaves nothing behind, nested calls included, and the exception is unchanged")
        void rollback() {
            Customer ann = Samples.customer("Ann");
            Customer bob = Samples.customer("Bob");
            IllegalStateException boom = new IllegalStateException("boom");

            assertThatThrownBy(() -> storage.transactions().runInTransaction(() -> {
                storage.customers().insert(ann);
                storage.transactions().runInTransaction(() -> storage.customers().insert(bob));
                assertThat(storage.customers().findById(bob.id())).isPresent();
                throw boom;
            })).isSameAs(boom);

            assertThat(storage.customers().count()).isZero();
        }

        @Test
        @DisplayName("work that returns is committed, and its result is returned")
        void commit() {
            Customer ann = Samples.customer("Ann");

            Customer result = storage.transactions().inTransaction(() -> storage.customers().insert(ann));

            assertThat(result.version()).isEqualTo(1);
            assertThat(storage.customers().findById(ann.id())).contains(result);
        }
    }

    @Nested
    @DisplayName("Optimistic locking")
    class Locking {

        @Test
        @DisplayName("eight threads updating one case from the same version: one wins, seven get a stale version")
        void sameVersion() throws Exception {
            Case stored = storage.cases().insert(Samples.supportCase(CustomerId.random(), Samples.at(0)));
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            try {
                for (int t = 0; t < 8; t++) {
                    int n = t;
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            storage.cases().update(stored.toBuilder().subject("by " + n).build());
                            return true;
                        } catch (StaleVersionException e) {
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (var r : results) {
                    winners += r.get() ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(storage.cases().get(stored.id()).version()).isEqualTo(2);
        }

        @Test
        @DisplayName("eight threads each adding ten to one case, retrying when stale: no update is lost")
        void noLostUpdate() throws Exception {
            Case stored = storage.cases().insert(Samples.supportCase(CustomerId.random(), Samples.at(0)));
            java.util.concurrent.atomic.AtomicInteger stale = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            while (true) {
                                Case current = storage.cases().get(stored.id());
                                try {
                                    storage.cases().update(current.toBuilder()
                                            .reopenCount(current.reopenCount() + 1).build());
                                    break;
                                } catch (StaleVersionException e) {
                                    stale.incrementAndGet();
                                }
                            }
                        }
                    }));
                }
                for (var f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Case end = storage.cases().get(stored.id());
            assertThat(end.reopenCount()).isEqualTo(80);
            assertThat(end.version()).isEqualTo(81);
        }
    }

    @Nested
    @DisplayName("Claims by the database's clock")
    class Claims {

        @Test
        @DisplayName("only due follow-ups are claimed, under a lease no second claimer breaks")
        void claimDue() {
            FollowUp due = storage.followUps().insert(Samples.followUp(CustomerId.random(), Samples.now().minusSeconds(60)));
            FollowUp later = storage.followUps().insert(Samples.followUp(CustomerId.random(), Samples.now().plusSeconds(3_600)));

            List<FollowUp> claimed = storage.followUps().claimDue("node-a", Duration.ofMinutes(5), 10);

            assertThat(claimed).extracting(FollowUp::id).containsExactly(due.id());
            FollowUp mine = claimed.get(0);
            assertThat(mine.status()).isEqualTo(FollowUpStatus.CLAIMED);
            assertThat(mine.leaseOwner()).contains("node-a");
            assertThat(mine.leaseUntil().orElseThrow()).isAfter(Instant.now().plusSeconds(200));
            assertThat(mine.version()).isEqualTo(due.version() + 1);
            assertThat(storage.followUps().get(due.id())).isEqualTo(mine);
            assertThat(storage.followUps().claimDue("node-b", Duration.ofMinutes(5), 10)).isEmpty();
            assertThat(storage.followUps().get(later.id()).status()).isEqualTo(FollowUpStatus.SCHEDULED);
        }

        @Test
        @DisplayName("a claim whose lease lapsed is claimed again, and the late owner's update is stale")
        void lapsedLease() {
            FollowUp lapsed = storage.followUps().insert(Samples.followUp(CustomerId.random(), Samples.now().minusSeconds(600))
                    .toBuilder().status(FollowUpStatus.CLAIMED).leaseOwner("dead-node")
                    .leaseUntil(Samples.now().minusSeconds(30)).build());

            List<FollowUp> claimed = storage.followUps().claimDue("node-b", Duration.ofMinutes(1), 10);

            assertThat(claimed).extracting(FollowUp::id).containsExactly(lapsed.id());
            assertThat(claimed.get(0).leaseOwner()).contains("node-b");
            assertThatThrownBy(() -> storage.followUps().update(lapsed.toBuilder().status(FollowUpStatus.SENT).build()))
                    .isInstanceOf(StaleVersionException.class);
        }

        @Test
        @DisplayName("found by status in due order")
        void byStatus() {
            FollowUp a = storage.followUps().insert(Samples.followUp(CustomerId.random(), Samples.at(20)));
            FollowUp b = storage.followUps().insert(Samples.followUp(CustomerId.random(), Samples.at(10)));

            assertThat(storage.followUps().findByStatus(Set.of(FollowUpStatus.SCHEDULED), PageRequest.first()).items())
                    .containsExactly(b, a);
            assertThat(storage.followUps().findByCustomer(a.customerId(), PageRequest.first()).items()).containsExactly(a);
        }
    }

    @Nested
    @DisplayName("Complaints")
    class Complaints {

        @Test
        @DisplayName("an update that changes root causes and receipt time moves the complaint between root-cause lookups")
        void rootCauseLookupFollowsUpdates() {
            // given
            Instant received = Samples.at(0);
            Complaint v1 = storage.complaints().insert(TestData.complaint(CustomerId.random()).receivedAt(received)
                    .rootCauses(new LinkedHashSet<>(List.of("packaging", "courier"))).build());
            Instant later = received.plus(Duration.ofDays(30));

            // when
            Complaint v2 = storage.complaints().update(v1.toBuilder().receivedAt(later)
                    .rootCauses(new LinkedHashSet<>(List.of("warehouse", "packaging"))).build());

            // then
            TimeRange first = TimeRange.of(received, received.plusSeconds(1));
            TimeRange second = TimeRange.of(later, later.plusSeconds(1));
            assertThat(storage.complaints().findByRootCause("courier", TimeRange.ALL, PageRequest.first()).items())
                    .isEmpty();
            assertThat(storage.complaints().findByRootCause("packaging", first, PageRequest.first()).items())
                    .isEmpty();
            assertThat(storage.complaints().findByRootCause("packaging", second, PageRequest.first()).items())
                    .containsExactly(v2);
            assertThat(storage.complaints().findByRootCause("warehouse", second, PageRequest.first()).items())
                    .containsExactly(v2);
            assertThat(List.copyOf(storage.complaints().get(v1.id()).rootCauses()))
                    .containsExactly("warehouse", "packaging");
        }

        @Test
        @DisplayName("a taken reference inside a transaction is a typed duplicate that leaves nothing behind, and the transaction goes on")
        void duplicateReferenceInsideTransaction() {
            // given
            Complaint first = storage.complaints().insert(TestData.complaint(CustomerId.random())
                    .rootCauses(Set.of("billing")).build());
            Complaint clash = TestData.complaint(CustomerId.random()).reference(first.reference())
                    .rootCauses(Set.of("billing")).build();
            Complaint retry = clash.toBuilder().reference(TestData.complaintReference()).build();

            // when
            storage.transactions().runInTransaction(() -> {
                assertThatThrownBy(() -> storage.complaints().insert(clash))
                        .isInstanceOfSatisfying(DuplicateEntityException.class,
                                e -> assertThat(e.keyName()).isEqualTo("reference"));
                storage.complaints().insert(retry);
                storage.complaints().appendAudit(retry.id(), TestData.auditEntry());
            });

            // then
            assertThat(storage.complaints().findByRootCause("billing", TimeRange.ALL, PageRequest.first()).items())
                    .extracting(Complaint::id).containsExactlyInAnyOrder(first.id(), retry.id());
            assertThat(storage.complaints().getByReference(first.reference())).isEqualTo(first);
            assertThat(storage.complaints().auditTrail(retry.id())).hasSize(1);
        }

        @Test
        @DisplayName("hostile text in every free-text field of a complaint, its audit trail and its improvement item, verbatim")
        void hostileComplaintText() {
            // given
            String sql = "Robert'); DROP TABLE complaint; -- \" ` $$ \\ %_ 😀👩‍👩‍👧 \u00e9\u0301 {\"k\":[null]}";
            Complaint complaint = TestData.complaint(CustomerId.random()).description(sql).orderRef(sql)
                    .remedySought(sql).deadlines(List.of(ComplaintDeadline.due("reply", Samples.at(5))
                            .extend(Samples.at(9), sql)))
                    .escalations(List.of(new Escalation(EscalationLevel.OUTSIDE_BODY, sql, Optional.of(sql),
                            Samples.at(3))))
                    .outcome(ComplaintOutcome.decided(OutcomeDecision.REJECTED, sql,
                            List.of(new Remedy(RemedyType.APOLOGY, Optional.empty(), Optional.of(sql))),
                            Samples.at(4)))
                    .build();
            AuditEntry entry = AuditEntry.of(Samples.at(1), sql, AuditAction.NOTE, sql);
            ImprovementItem item = TestData.improvement(complaint.id());
            ImprovementItem planned = new ImprovementItem(item.id(), item.issue(), item.status(), item.round(),
                    item.detectedAt(), item.complaints(), Optional.of(sql), item.updatedAt(), 0);

            // when
            storage.complaints().insert(complaint);
            storage.complaints().appendAudit(complaint.id(), entry);
            storage.complaints().insertImprovement(planned);

            // then
            assertThat(storage.complaints().get(complaint.id())).isEqualTo(complaint.withVersion(1));
            assertThat(storage.complaints().auditTrail(complaint.id())).containsExactly(entry);
            assertThat(storage.complaints().findImprovementById(item.id())).contains(planned.withVersion(1));
        }
    }
}
