package dev.rapport.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rapport.cases.AssignCase;
import dev.rapport.cases.CaseTags;
import dev.rapport.cases.SetCaseFields;
import dev.rapport.customer.AddContactIdentity;
import dev.rapport.customer.CustomerTags;
import dev.rapport.customer.MergeCustomers;
import dev.rapport.customer.UpdateCustomerDetails;
import dev.rapport.field.FieldSchema;
import dev.rapport.spi.Channel;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.testing.TestRapport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The audit trails of customers and cases under the privacy rules")
class AuditTrailPrivacyTest {

    private static final Actor ANN = Actor.hostUser("user:ann");

    /** Holds the cases tagged "dispute", as a retention rule for disputed cases would. */
    private static final LegalHold DISPUTES = new LegalHold() {
        @Override
        public boolean holds(Case supportCase) {
            return supportCase.tags().contains("dispute");
        }
    };

    private final TestRapport t = new TestRapport(builder -> builder.legalHold(DISPUTES)
            .customFields(FieldSchema.builder().caseText("note", 200).build()));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private Customer zoe() {
        return t.customer("Zoë Lee", ContactIdentity.primary(Channel.EMAIL, "zoe.lee@example.com"));
    }

    @Test
    @DisplayName("the export holds the customer's trail, each case's trail and the trails of customers merged in")
    void exportHoldsTheTrails() {
        // given
        Customer zoe = zoe();
        Customer duplicate = t.customer("Zoe L.", ContactIdentity.primary(Channel.PHONE, "+41 44 668 18 00"));
        Case supportCase = t.openCase(zoe.id());
        t.rapport().cases().assign(new AssignCase(supportCase.id(), t.agent(null).id(), ANN));
        t.rapport().customers().addTags(CustomerTags.of(zoe.id(), "vip").by(ANN));
        t.rapport().customers().merge(new MergeCustomers(zoe.id(), duplicate.id(), "user:ann"));

        // when
        Map<String, Object> export = StrictJson.object(t.rapport().privacy().export(zoe.id()));

        // then
        List<Map<String, Object>> customerTrail = list(export.get("auditTrail"));
        assertThat(customerTrail).extracting(e -> e.get("action"), e -> e.get("actorKind"), e -> e.get("actor"))
                .startsWith(tuple("CUSTOMER_REGISTERED", "SYSTEM", "rapport"),
                        tuple("CUSTOMER_TAGS_CHANGED", "HOST_USER", "user:ann"),
                        tuple("MERGED", "HOST_USER", "user:ann"));
        assertThat(customerTrail.get(0).keySet()).containsExactly("id", "at", "actorKind", "actor", "action", "from",
                "to", "detail");
        Map<String, Object> exportedCase = list(export.get("cases")).get(0);
        assertThat(list(exportedCase.get("auditTrail"))).extracting(e -> e.get("action"))
                .containsExactly("CASE_ASSIGNED");
        Map<String, Object> merge = list(export.get("merges")).get(0);
        assertThat(list(merge.get("auditTrail"))).extracting(e -> e.get("action"))
                .containsExactly("CUSTOMER_REGISTERED", "MERGED");
    }

    @Test
    @DisplayName("erasure removes addresses, the customer's tags and every detail, and keeps who did what and when")
    void erasureRedactsTheTrails() {
        // given
        Customer zoe = zoe();
        t.rapport().customers().addIdentity(new AddContactIdentity(zoe.id(),
                ContactIdentity.of(Channel.PHONE, "+41 44 668 18 00"), ANN));
        t.rapport().customers().addTags(CustomerTags.of(zoe.id(), "vip").by(ANN));
        t.rapport().customers().updateDetails(UpdateCustomerDetails.from(t.rapport().customers().get(zoe.id()))
                .segment("gold").actor(ANN).build());
        Case supportCase = t.openCase(zoe.id());
        t.rapport().cases().addTags(CaseTags.of(supportCase.id(), "late").by(ANN));
        t.rapport().cases().setFields(SetCaseFields.of(supportCase.id(), Map.of("note",
                FieldValue.text("Zoë called"))).by(ANN));
        List<TrailEntry> before = t.rapport().customers().auditTrail(zoe.id());

        // when
        t.rapport().privacy().erase(new EraseCustomer(zoe.id(), "gdpr_request", ANN));

        // then the facts stay, the personal values and details go
        List<TrailEntry> after = t.rapport().customers().auditTrail(zoe.id());
        assertThat(after.subList(0, before.size())).extracting(TrailEntry::id, TrailEntry::at, TrailEntry::actor,
                TrailEntry::action).isEqualTo(before.stream().map(e -> tuple(e.id(), e.at(), e.actor(), e.action()))
                .toList());
        assertThat(after).extracting(TrailEntry::action, TrailEntry::from, TrailEntry::to, TrailEntry::detail)
                .containsSubsequence(
                        tuple(TrailAction.IDENTITY_ADDED, Optional.empty(), Optional.of("phone:[erased]"),
                                Optional.of("[erased]")),
                        tuple(TrailAction.CUSTOMER_TAGS_CHANGED, Optional.empty(), Optional.of("[erased]"),
                                Optional.empty()),
                        tuple(TrailAction.PROFILE_CHANGED, Optional.empty(), Optional.empty(),
                                Optional.of("[erased]")));
        assertThat(after).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(TrailAction.ERASED);
            assertThat(e.actor()).isEqualTo(ANN);
            assertThat(e.detail()).contains("gdpr_request");
        });
        assertThat(after).flatExtracting(TrailEntry::from, TrailEntry::to, TrailEntry::detail)
                .noneMatch(value -> value.toString().contains("668") || value.toString().contains("vip"));
        assertThat(t.rapport().cases().auditTrail(supportCase.id())).extracting(TrailEntry::action,
                        TrailEntry::to, TrailEntry::detail)
                .containsExactly(tuple(TrailAction.CASE_TAGS_CHANGED, Optional.of("late"), Optional.empty()),
                        tuple(TrailAction.CASE_FIELDS_CHANGED, Optional.empty(), Optional.of("[erased]")));
    }

    @Test
    @DisplayName("erasing again changes no trail and records no second erasure")
    void erasureIsIdempotent() {
        // given
        Customer zoe = zoe();
        t.rapport().privacy().erase(zoe.id(), "gdpr_request");
        List<TrailEntry> once = t.rapport().customers().auditTrail(zoe.id());

        // when
        t.rapport().privacy().erase(zoe.id(), "gdpr_request");

        // then
        assertThat(t.rapport().customers().auditTrail(zoe.id())).isEqualTo(once);
        assertThat(once).extracting(TrailEntry::action).containsExactly(TrailAction.CUSTOMER_REGISTERED,
                TrailAction.ERASED);
    }

    @Test
    @DisplayName("under a legal hold a case's trail keeps its details, minimised, while other cases' are erased")
    void legalHoldWins() {
        // given
        Customer zoe = zoe();
        Case held = t.openCase(zoe.id());
        Case free = t.openCase(zoe.id());
        t.rapport().cases().addTags(CaseTags.of(held.id(), "dispute").by(ANN));
        t.rapport().cases().setFields(SetCaseFields.of(held.id(), Map.of("note", FieldValue.text("x"))));
        t.rapport().cases().setFields(SetCaseFields.of(free.id(), Map.of("note", FieldValue.text("x"))));

        // when
        t.rapport().privacy().erase(zoe.id(), "gdpr_request");

        // then
        assertThat(t.rapport().cases().auditTrail(held.id())).extracting(TrailEntry::detail)
                .contains(Optional.of("set: note"));
        assertThat(t.rapport().cases().auditTrail(free.id())).extracting(TrailEntry::detail)
                .containsExactly(Optional.of("[erased]"));
    }
}
