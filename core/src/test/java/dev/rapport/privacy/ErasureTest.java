package dev.rapport.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.customer.RegisterCustomer;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Erasing a customer")
class ErasureTest {

    private final PrivacyFixtures fx = new PrivacyFixtures().populate();
    private final TestRapport t = fx.t;

    @Nested
    @DisplayName("leaves nobody exposed")
    class NobodyExposed {

        @Test
        @DisplayName("before erasure the probe finds the customer's data in every kind of record")
        void probeSeesTheData() {
            // when
            List<String> leaks = fx.probe.scan(t.storage().delegate());

            // then
            assertThat(leaks).anyMatch(l -> l.contains(".customers.byId") && l.contains("name"))
                    .anyMatch(l -> l.contains(".customers.byIdentity") && l.contains("email"))
                    .anyMatch(l -> l.contains(".customers.byIdentity") && l.contains("phone"))
                    .anyMatch(l -> l.contains("birthday"))
                    .anyMatch(l -> l.contains(".interactions.byId") && l.contains("phone"))
                    .anyMatch(l -> l.contains(".cases.byId") && l.contains("name"))
                    .anyMatch(l -> l.contains(".feedback.byId") && l.contains("email"))
                    .anyMatch(l -> l.contains(".followUps.byId") && l.contains("name"))
                    .anyMatch(l -> l.contains(".followUps.byKey") && l.contains("email"))
                    .anyMatch(l -> l.contains(".complaints.byId") && l.contains("description") && l.contains("phone"))
                    .anyMatch(l -> l.contains(".complaints.byId") && l.contains("remedySought") && l.contains("email"))
                    .anyMatch(l -> l.contains(".complaints.byId") && l.contains("outcome") && l.contains("name"))
                    .anyMatch(l -> l.contains(".complaints.audit") && l.contains("phone"));
        }

        @Test
        @DisplayName("afterwards no value anywhere in the store holds their name, email, phone or birthday")
        void scanFindsNothing() {
            // when
            fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then every value in the adapter's own maps and indexes, and every record the ports return
            assertThat(fx.probe.scan(t.storage().delegate())).isEmpty();
            assertThat(fx.probe.scan(t.snapshot())).isEmpty();
            assertThat(fx.probe.stringsSeen()).isGreaterThan(50);
            assertThat(fx.probe.findIn(fx.privacy().export(fx.ann.id()))).isEmpty();
            // and a move's free-text reason went like the subject, while who made the move stays
            assertThat(t.rapport().cases().get(fx.parcel.id()).history()).anySatisfy(move -> {
                assertThat(move.actor()).isEqualTo(dev.rapport.spi.cases.Actor.agent(fx.agent.id()));
                assertThat(move.reason()).contains(PrivacyService.ERASED_TEXT);
            });
        }

        @Test
        @DisplayName("no address finds the customer any more, and the addresses are free for someone new")
        void addressesReleased() {
            // when
            fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            assertThat(t.rapport().customers().resolve(Channel.EMAIL, PrivacyFixtures.EMAIL)).isEmpty();
            assertThat(t.rapport().customers().resolve(Channel.SMS, "020 7946 0958")).isEmpty();
            Customer again = t.rapport().customers().register(RegisterCustomer.builder().name(PrivacyFixtures.NAME)
                    .identity(ContactIdentity.primary(Channel.EMAIL, PrivacyFixtures.EMAIL)).build());
            assertThat(again.id()).isNotEqualTo(fx.ann.id());
        }

        @Test
        @DisplayName("the customer keeps only the placeholder name, consents, cost, creation time and the reason")
        void customerAnonymised() {
            // when
            ErasureReport report = fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            Customer erased = t.rapport().customers().get(fx.ann.id());
            assertThat(erased.name()).isEqualTo(PrivacyService.ERASED_NAME);
            assertThat(erased.status()).isEqualTo(CustomerStatus.ERASED);
            assertThat(erased.identities()).isEmpty();
            assertThat(erased.preferredChannel()).isEmpty();
            assertThat(erased.birthday()).isEmpty();
            assertThat(erased.segment()).isEmpty();
            assertThat(erased.locale()).isEqualTo(Locale.ROOT);
            assertThat(erased.timeZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(erased.attributes()).containsExactly(Map.entry(PrivacyService.ERASURE_REASON_ATTRIBUTE,
                    "gdpr_request"));
            assertThat(erased.consents()).isEqualTo(Map.of(Channel.EMAIL, ConsentStatus.OPTED_IN, Channel.SMS,
                    ConsentStatus.OPTED_OUT));
            assertThat(erased.acquisitionCost()).isEqualTo(fx.ann.acquisitionCost());
            assertThat(erased.createdAt()).isEqualTo(fx.ann.createdAt());
            assertThat(erased.updatedAt()).isEqualTo(report.erasedAt());
            assertThat(report.customerAnonymised()).isTrue();
            assertThat(report.reason()).isEqualTo("gdpr_request");
        }

        @Test
        @DisplayName("summaries, comments and case subjects are replaced, follow-up values and keys cleared")
        void freeTextBlanked() {
            // when
            ErasureReport report = fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            StoreSnapshot after = t.snapshot();
            assertThat(ofCustomer(after.interactions(), Interaction::customerId, fx.ann.id()))
                    .extracting(Interaction::summary).containsExactly(Optional.of(PrivacyService.ERASED_TEXT),
                            Optional.empty(), Optional.of(PrivacyService.ERASED_TEXT),
                            Optional.of(PrivacyService.ERASED_TEXT));
            assertThat(ofCustomer(after.feedback(), Feedback::customerId, fx.ann.id()))
                    .extracting(Feedback::comment).containsExactlyInAnyOrder(Optional.of(PrivacyService.ERASED_TEXT),
                            Optional.empty());
            assertThat(t.rapport().cases().get(fx.parcel.id()).subject()).isEqualTo(PrivacyService.ERASED_TEXT);
            assertThat(ofCustomer(after.followUps(), FollowUp::customerId, fx.ann.id())).hasSize(3)
                    .allSatisfy(f -> {
                        assertThat(f.values()).isEmpty();
                        assertThat(f.idempotencyKey()).isEqualTo(PrivacyService.ERASED_KEY_PREFIX + f.id());
                    });
            assertThat(report.interactionsRedacted()).isEqualTo(3);
            assertThat(report.feedbackRedacted()).isEqualTo(1);
            assertThat(report.casesRedacted()).isEqualTo(1);
            assertThat(report.followUpsRedacted()).isEqualTo(3);
            assertThat(report.complaintsRedacted()).isEqualTo(1);
            assertThat(report.recordsHeld()).isZero();
        }
    }

    @Nested
    @DisplayName("keeps counts and KPIs working")
    class CountsKept {

        @Test
        @DisplayName("every interaction, case and feedback stays, with ids, times, channels, kinds, scores and amounts")
        void kpiFieldsUnchanged() {
            // given
            StoreSnapshot before = t.snapshot();

            // when
            fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            StoreSnapshot after = t.snapshot();
            assertThat(after.customers()).hasSameSizeAs(before.customers());
            assertThat(after.interactions()).containsExactlyElementsOf(before.interactions().stream()
                    .map(i -> i.customerId().equals(fx.ann.id()) && i.summary().isPresent()
                            ? i.toBuilder().summary(PrivacyService.ERASED_TEXT).build() : i)
                    .toList());
            assertThat(after.feedback()).containsExactlyElementsOf(before.feedback().stream()
                    .map(f -> f.customerId().equals(fx.ann.id()) && f.comment().isPresent()
                            ? f.toBuilder().comment(PrivacyService.ERASED_TEXT).build() : f)
                    .toList());
            assertThat(after.feedback()).extracting(Feedback::score).containsExactlyInAnyOrder(2, 9);
            assertThat(after.cases()).hasSameSizeAs(before.cases());
            Case parcelBefore = before.cases().get(0);
            Case parcelAfter = after.cases().get(0);
            assertThat(parcelAfter.toBuilder().subject("x").history(List.of()).updatedAt(null).version(0).build())
                    .isEqualTo(parcelBefore.toBuilder().subject("x").history(List.of()).updatedAt(null).version(0)
                            .build());
            assertThat(parcelAfter.history()).hasSize(3);
            // every move keeps its states, time and actor; only free-text reasons went
            assertThat(parcelAfter.history()).extracting(m -> m.from(), m -> m.to(), m -> m.at(), m -> m.actor())
                    .isEqualTo(parcelBefore.history().stream().map(m -> org.assertj.core.groups.Tuple.tuple(m.from(),
                            m.to(), m.at(), m.actor())).toList());
            assertThat(parcelAfter.reopenCount()).isEqualTo(1);
            assertThat(parcelAfter.firstReplyAt()).isEqualTo(parcelBefore.firstReplyAt()).isPresent();
            assertThat(after.followUps()).extracting(FollowUp::id, FollowUp::kind, FollowUp::channel,
                    FollowUp::dueAt, FollowUp::attempts, FollowUp::createdAt)
                    .containsExactlyElementsOf(before.followUps().stream().map(f -> org.assertj.core.groups.Tuple
                            .tuple(f.id(), f.kind(), f.channel(), f.dueAt(), f.attempts(), f.createdAt())).toList());
            assertThat(after.agents()).isEqualTo(before.agents());
        }

        @Test
        @DisplayName("another customer's data stays exactly as it was")
        void othersUntouched() {
            // given
            StoreSnapshot before = t.snapshot();

            // when
            fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            StoreSnapshot after = t.snapshot();
            assertThat(ofCustomer(after.customers(), Customer::id, fx.bob.id()))
                    .isEqualTo(ofCustomer(before.customers(), Customer::id, fx.bob.id())).hasSize(1);
            assertThat(ofCustomer(after.interactions(), Interaction::customerId, fx.bob.id()))
                    .isEqualTo(ofCustomer(before.interactions(), Interaction::customerId, fx.bob.id())).hasSize(1);
        }
    }

    @Nested
    @DisplayName("stops every contact")
    class FollowUps {

        @Test
        @DisplayName("pending follow-ups, scheduled or claimed, are cancelled as customer_erased; sent ones stay sent")
        void pendingCancelled() {
            // when
            ErasureReport report = fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            FollowUp scheduled = t.storage().followUps().get(fx.scheduled.id());
            FollowUp claimed = t.storage().followUps().get(fx.claimed.id());
            FollowUp sent = t.storage().followUps().get(fx.sent.id());
            assertThat(List.of(scheduled, claimed)).allSatisfy(f -> {
                assertThat(f.status()).isEqualTo(FollowUpStatus.CANCELLED);
                assertThat(f.cancelReason()).contains("customer_erased");
                assertThat(f.leaseOwner()).isEmpty();
                assertThat(f.leaseUntil()).isEmpty();
            });
            assertThat(sent.status()).isEqualTo(FollowUpStatus.SENT);
            assertThat(report.followUpsCancelled()).containsExactlyInAnyOrder(fx.scheduled.id(), fx.claimed.id());
        }

        @Test
        @DisplayName("the dispatcher sends nothing more, and its late completion of a claimed one is refused")
        void nothingSentAfterwards() {
            // given
            fx.privacy().erase(fx.ann.id(), "gdpr_request");
            int sentBefore = fx.sentKeys.size();

            // when the clock passes every due time and lease
            t.clock().advance(Duration.ofDays(4));
            fx.dispatcher.dispatchDue();

            // then
            assertThat(fx.sentKeys).hasSize(sentBefore);
            assertThatThrownBy(() -> t.storage().followUps().update(fx.claimed.toBuilder()
                    .status(FollowUpStatus.SENT).build())).isInstanceOf(StaleVersionException.class);
        }

        @Test
        @DisplayName("publishes CustomerUpdated and one FollowUpCancelled per cancelled follow-up, ids only, after commit")
        void events() {
            // when
            fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            List<DomainEvent> events = t.events().events();
            assertThat(events).hasSize(3);
            assertThat(events.get(0)).isInstanceOfSatisfying(CustomerUpdated.class,
                    e -> assertThat(e.customerId()).isEqualTo(fx.ann.id()));
            assertThat(t.events().events(FollowUpCancelled.class))
                    .extracting(FollowUpCancelled::followUpId, FollowUpCancelled::reason)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(fx.scheduled.id(), "customer_erased"),
                            org.assertj.core.groups.Tuple.tuple(fx.claimed.id(), "customer_erased"));
            assertThat(t.events().publications()).noneMatch(p -> p.duringTransaction());
            assertThat(events).allSatisfy(e -> assertThat(fx.probe.findIn(e.toString())).isEmpty());
        }
    }

    @Nested
    @DisplayName("is idempotent")
    class Idempotent {

        @Test
        @DisplayName("erasing again changes nothing, publishes nothing and keeps the first reason")
        void again() {
            // given
            fx.privacy().erase(fx.ann.id(), "gdpr_request");
            StoreSnapshot before = t.snapshot();
            t.events().clear();
            t.clock().advance(Duration.ofMinutes(1));

            // when
            ErasureReport second = fx.privacy().erase(fx.ann.id(), "account_closed");

            // then
            assertThat(second.changedAnything()).isFalse();
            assertThat(second.reason()).isEqualTo("gdpr_request");
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("erasing again anonymises what was recorded about the customer since")
        void recordedSince() {
            // given
            fx.privacy().erase(fx.ann.id(), "gdpr_request");
            Interaction late = t.rapport().interactions().record(RecordInteraction.builder()
                    .customerId(fx.ann.id()).channel(Channel.PHONE).summary("caller said she is Ann Lee").build());

            // when
            ErasureReport second = fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            assertThat(second.interactionsRedacted()).isEqualTo(1);
            assertThat(second.customerAnonymised()).isFalse();
            assertThat(t.rapport().interactions().get(late.id()).summary()).contains(PrivacyService.ERASED_TEXT);
            assertThat(fx.probe.scan(t.storage().delegate())).isEmpty();
        }
    }

    @Nested
    @DisplayName("with a legal hold")
    class WithLegalHold {

        /** Holds complaints and the cases they belong to. */
        private final LegalHold complaints = new LegalHold() {
            @Override
            public boolean holds(Interaction interaction) {
                return interaction.kind() == InteractionKind.COMPLAINT;
            }

            @Override
            public boolean holds(Case supportCase) {
                return t.storage().interactions().findByCase(supportCase.id()).stream()
                        .anyMatch(i -> i.kind() == InteractionKind.COMPLAINT);
            }

            @Override
            public boolean holds(FollowUp followUp) {
                return followUp.id().equals(fx.sent.id());
            }
        };

        @Test
        @DisplayName("keeps the held records' text, with the customer's identifiers masked")
        void minimised() {
            // when
            ErasureReport report = fx.privacy(complaints).erase(fx.ann.id(), "gdpr_request");

            // then
            Interaction complaint = t.rapport().interactions().get(fx.interactions.get(3).id());
            assertThat(complaint.summary()).contains("Still missing! Call [erased], [erased]");
            assertThat(t.rapport().cases().get(fx.parcel.id()).subject()).isEqualTo("Missing parcel for [erased]");
            assertThat(t.storage().followUps().get(fx.sent.id()).values()).isEqualTo(Map.of(
                    "customerName", "[erased]", "callBackOn", "[erased]", "order", "order-1001"));
            assertThat(t.rapport().interactions().get(fx.interactions.get(0).id()).summary())
                    .contains(PrivacyService.ERASED_TEXT);
            assertThat(report.recordsHeld()).isEqualTo(3);
            assertThat(fx.probe.scan(t.storage().delegate())).isEmpty();
        }

        @Test
        @DisplayName("still cancels a held follow-up that is pending")
        void heldPendingCancelled() {
            // given
            LegalHold everything = new LegalHold() {
                @Override
                public boolean holds(FollowUp followUp) {
                    return true;
                }
            };

            // when
            fx.privacy(everything).erase(fx.ann.id(), "gdpr_request");

            // then
            assertThat(t.storage().followUps().get(fx.scheduled.id()).status()).isEqualTo(FollowUpStatus.CANCELLED);
        }
    }

    @Nested
    @DisplayName("is all or nothing")
    class AllOrNothing {

        @Test
        @DisplayName("a store failure half-way leaves everything as it was and publishes nothing")
        void failureHalfWay() {
            // given
            StoreSnapshot before = t.snapshot();
            t.storage().failNext("followUps.update", 1, () -> new StorageException("disk full"));

            // when / then
            assertThatThrownBy(() -> fx.privacy().erase(fx.ann.id(), "gdpr_request"))
                    .isInstanceOf(StorageException.class);
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("a store failure while redacting the complaint's audit trail undoes the redacted summaries too")
        void failureInAuditRedaction() {
            // given
            StoreSnapshot before = t.snapshot();
            Complaint complaintBefore = t.storage().complaints().get(fx.complaint.id());
            List<AuditEntry> trailBefore = t.storage().complaints().auditTrail(fx.complaint.id());
            t.storage().failNext("complaints.redactAuditDetails", 1, () -> new StorageException("disk full"));

            // when / then
            assertThatThrownBy(() -> fx.privacy().erase(fx.ann.id(), "gdpr_request"))
                    .isInstanceOf(StorageException.class);
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.storage().complaints().get(fx.complaint.id())).isEqualTo(complaintBefore);
            assertThat(t.storage().complaints().auditTrail(fx.complaint.id())).isEqualTo(trailBefore);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("a record changed by another writer meanwhile makes it erase again, and succeed")
        void staleRetried() {
            // given
            t.storage().failNext("cases.update", 1,
                    () -> new StaleVersionException("case", fx.parcel.id(), fx.parcel.version()));

            // when
            ErasureReport report = fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            assertThat(report.casesRedacted()).isEqualTo(1);
            assertThat(fx.probe.scan(t.storage().delegate())).isEmpty();
            assertThat(t.events().events(CustomerUpdated.class)).hasSize(1);
        }
    }

    @Nested
    @DisplayName("handles complaints")
    class Complaints {

        private final LegalHold retained = new LegalHold() {
            @Override
            public boolean holds(Complaint complaint) {
                return true;
            }
        };

        @Test
        @DisplayName("outside retention, every free text of the complaint and its audit trail is replaced; the register keeps the rest")
        void anonymisedOutsideRetention() {
            // given
            Complaint before = t.storage().complaints().get(fx.complaint.id());
            List<AuditEntry> trailBefore = t.storage().complaints().auditTrail(fx.complaint.id());

            // when
            ErasureReport report = fx.privacy().erase(fx.ann.id(), "gdpr_request");

            // then
            Complaint after = t.storage().complaints().get(fx.complaint.id());
            String erased = PrivacyService.ERASED_TEXT;
            assertThat(after.description()).isEqualTo(erased);
            assertThat(after.remedySought()).contains(erased);
            assertThat(after.assessment().orElseThrow().impact()).contains(erased);
            assertThat(after.outcome().orElseThrow().reasons()).isEqualTo(erased);
            assertThat(after.outcome().orElseThrow().remedies()).singleElement()
                    .satisfies(r -> assertThat(r.note()).contains(erased));
            assertKeptForTheRegister(before, after);
            List<AuditEntry> trail = t.storage().complaints().auditTrail(fx.complaint.id());
            assertThat(trail).hasSameSizeAs(trailBefore)
                    .allSatisfy(e -> assertThat(e.detail()).isIn(Optional.empty(), Optional.of(erased)));
            assertSameButDetails(trail, trailBefore);
            assertThat(report.complaintsRedacted()).isEqualTo(1);
            assertThat(fx.probe.scan(t.storage().delegate())).isEmpty();
        }

        @Test
        @DisplayName("under legal hold, the complainant's own words are replaced and the rest is kept with the customer's identifiers masked")
        void minimisedUnderHold() {
            // given
            Complaint before = t.storage().complaints().get(fx.complaint.id());
            List<AuditEntry> trailBefore = t.storage().complaints().auditTrail(fx.complaint.id());

            // when
            ErasureReport report = fx.privacy(retained).erase(fx.ann.id(), "gdpr_request");

            // then
            Complaint after = t.storage().complaints().get(fx.complaint.id());
            assertThat(after.description()).isEqualTo(PrivacyService.ERASED_TEXT);
            assertThat(after.remedySought()).contains(PrivacyService.ERASED_TEXT);
            assertThat(after.assessment().orElseThrow().impact()).contains("[erased] lost a birthday present");
            assertThat(after.outcome().orElseThrow().reasons())
                    .isEqualTo("Dear [erased], we are sorry the parcel was lost");
            assertThat(after.outcome().orElseThrow().remedies()).singleElement()
                    .satisfies(r -> assertThat(r.note()).contains("Refund to [erased]'s card"));
            assertKeptForTheRegister(before, after);
            List<AuditEntry> trail = t.storage().complaints().auditTrail(fx.complaint.id());
            assertThat(trail).extracting(AuditEntry::detail)
                    .contains(Optional.of("Spoke to [erased] on [erased]"));
            assertSameButDetails(trail, trailBefore);
            assertThat(report.complaintsRedacted()).isEqualTo(1);
            assertThat(report.recordsHeld()).isEqualTo(1);
            assertThat(fx.probe.scan(t.storage().delegate())).isEmpty();
        }

        @Test
        @DisplayName("erasing again changes neither the complaint nor its audit trail, held or not")
        void idempotent() {
            for (LegalHold hold : List.of(LegalHold.NONE, retained)) {
                // given
                PrivacyFixtures fresh = new PrivacyFixtures().populate();
                fresh.privacy(hold).erase(fresh.ann.id(), "gdpr_request");
                Complaint once = fresh.t.storage().complaints().get(fresh.complaint.id());
                List<AuditEntry> trailOnce = fresh.t.storage().complaints().auditTrail(fresh.complaint.id());

                // when
                ErasureReport again = fresh.privacy(hold).erase(fresh.ann.id(), "gdpr_request");

                // then
                assertThat(again.complaintsRedacted()).isZero();
                assertThat(again.changedAnything()).isFalse();
                assertThat(fresh.t.storage().complaints().get(fresh.complaint.id())).isEqualTo(once);
                assertThat(fresh.t.storage().complaints().auditTrail(fresh.complaint.id())).isEqualTo(trailOnce);
            }
        }

        private void assertKeptForTheRegister(Complaint before, Complaint after) {
            assertThat(after.reference()).isEqualTo(before.reference());
            assertThat(after.kind()).isEqualTo(before.kind());
            assertThat(after.channel()).isEqualTo(before.channel());
            assertThat(after.stage()).isEqualTo(before.stage());
            assertThat(after.severity()).isEqualTo(before.severity());
            assertThat(after.regime()).isEqualTo(before.regime());
            assertThat(after.receivedAt()).isEqualTo(before.receivedAt());
            assertThat(after.deadlines()).isEqualTo(before.deadlines());
            assertThat(after.orderRef()).isEqualTo(before.orderRef());
            assertThat(after.acknowledgedAt()).isEqualTo(before.acknowledgedAt());
            assertThat(after.respondedAt()).isEqualTo(before.respondedAt());
            assertThat(after.outcome().orElseThrow().decision()).isEqualTo(before.outcome().orElseThrow().decision());
            assertThat(after.outcome().orElseThrow().decidedAt())
                    .isEqualTo(before.outcome().orElseThrow().decidedAt());
            assertThat(after.outcome().orElseThrow().remedies()).extracting(r -> r.type(), r -> r.amount())
                    .containsExactlyElementsOf(before.outcome().orElseThrow().remedies().stream()
                            .map(r -> org.assertj.core.groups.Tuple.tuple(r.type(), r.amount())).toList());
            assertThat(after.assessment().orElseThrow().severity())
                    .isEqualTo(before.assessment().orElseThrow().severity());
            assertThat(after.customerId()).isEqualTo(before.customerId());
        }

        private void assertSameButDetails(List<AuditEntry> after, List<AuditEntry> before) {
            assertThat(after).extracting(AuditEntry::at, AuditEntry::actor, AuditEntry::action, AuditEntry::from,
                    AuditEntry::to).containsExactlyElementsOf(before.stream().map(e -> org.assertj.core.groups.Tuple
                            .tuple(e.at(), e.actor(), e.action(), e.from(), e.to())).toList());
        }
    }

    @Nested
    @DisplayName("refuses bad requests")
    class BadRequests {

        @ParameterizedTest(name = "reason \"{0}\"")
        @ValueSource(strings = {"", " ", "has space", "-lead", "Ann Lee asked", "ann.lee@example.com"})
        @DisplayName("a reason that is not a code is refused, naming reason, and nothing changes")
        void badReason(String reason) {
            // given
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> fx.privacy().erase(fx.ann.id(), reason))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("reason"));
            assertThat(t.snapshot()).isEqualTo(before);
        }

        @Test
        @DisplayName("missing parts are named")
        void missingParts() {
            assertThatThrownBy(() -> fx.privacy().erase(null, null)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.fields()).containsExactly("customerId", "reason"));
            assertThatThrownBy(() -> fx.privacy().erase(null)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.fields()).containsExactly("command"));
        }

        @Test
        @DisplayName("an unknown customer is not found, and nothing changes")
        void unknown() {
            // given
            CustomerId nobody = CustomerId.random();
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> fx.privacy().erase(nobody, "gdpr_request"))
                    .isInstanceOfSatisfying(CustomerNotFoundException.class,
                            e -> assertThat(e.customerId()).isEqualTo(nobody));
            assertThat(t.snapshot()).isEqualTo(before);
        }
    }

    private static <T, K> List<T> ofCustomer(List<T> items, Function<T, K> key, K customer) {
        return items.stream().filter(i -> key.apply(i).equals(customer)).toList();
    }

    @Test
    @DisplayName("is final: the customer's details, addresses and consents cannot be changed back afterwards")
    void erasureIsFinal() {
        // given
        fx.privacy().erase(fx.ann.id(), "gdpr_request");
        var erased = t.storage().customers().get(fx.ann.id());

        // when
        var attempt = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.rapport.spi.ValidationException.class,
                () -> t.rapport().customers().addIdentity(new dev.rapport.customer.AddContactIdentity(fx.ann.id(),
                        dev.rapport.spi.customer.ContactIdentity.primary(Channel.EMAIL, "ann.again@example.com"))));

        // then
        assertThat(attempt.fields()).containsExactly("customerId");
        assertThat(t.storage().customers().get(fx.ann.id())).isEqualTo(erased);
    }
}
