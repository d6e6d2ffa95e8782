package dev.rapport.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Exporting a customer")
class ExportTest {

    private final PrivacyFixtures fx = new PrivacyFixtures().populate();
    private final TestRapport t = fx.t;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @Test
    @DisplayName("gives valid JSON with the parts in a fixed order and every field of the customer")
    void customerPart() {
        // when
        Map<String, Object> export = StrictJson.object(fx.privacy().export(fx.ann.id()));

        // then
        assertThat(export.keySet()).containsExactly("format", "version", "exportedAt", "customer", "interactions",
                "cases", "feedback", "followUps", "complaints", "merges", "health", "auditTrail");
        assertThat(export).containsEntry("format", "rapport.customer-export")
                .containsEntry("version", BigDecimal.ONE)
                .containsEntry("exportedAt", t.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                        .toString());
        Map<String, Object> customer = map(export.get("customer"));
        assertThat(customer.keySet()).containsExactly("id", "name", "status", "identities", "preferredChannel",
                "locale", "timeZone", "birthday", "segment", "ownAgent", "consents", "acquisitionCost", "attributes",
                "createdAt", "updatedAt", "version", "churnReason", "tags", "fields");
        assertThat(customer).containsEntry("id", fx.ann.id().toString())
                .containsEntry("name", "Ann Lee")
                .containsEntry("status", "ACTIVE")
                .containsEntry("preferredChannel", "email")
                .containsEntry("locale", "en-GB")
                .containsEntry("timeZone", "Europe/London")
                .containsEntry("birthday", "1985-06-02")
                .containsEntry("segment", "gold")
                .containsEntry("ownAgent", null)
                .containsEntry("consents", Map.of("email", "OPTED_IN", "sms", "OPTED_OUT"))
                .containsEntry("acquisitionCost", Map.of("amount", "25", "currency", "EUR"))
                .containsEntry("attributes", Map.of("loyalty_id", "L-1234",
                        "note", "Ann Lee prefers calls on 020 7946 0958"))
                .containsEntry("createdAt", fx.ann.createdAt().toString())
                .containsEntry("version", BigDecimal.ONE);
        assertThat(list(customer.get("identities"))).containsExactly(
                Map.of("channel", "email", "value", "Ann.Lee@Example.com", "primary", true, "verified", false),
                Map.of("channel", "phone", "value", "+44 20 7946 0958", "primary", true, "verified", false),
                Map.of("channel", "whatsapp", "value", "0044 (20) 7946-0958", "primary", false, "verified", false));
        assertThat(map(customer.get("attributes")).keySet()).containsExactly("loyalty_id", "note");
    }

    @Test
    @DisplayName("holds the customer's own agent, the customers merged into them and the stored health standing")
    void relationshipPart() {
        // given
        dev.rapport.spi.agent.Agent agent = t.agent(null);
        t.rapport().customers().setOwnAgent(new dev.rapport.customer.SetOwnAgent(fx.ann.id(), java.util.Optional.of(agent.id())));
        dev.rapport.spi.customer.Customer duplicate = t.customer();
        t.rapport().customers().merge(new dev.rapport.customer.MergeCustomers(fx.ann.id(), duplicate.id(),
                "user:lead"));
        dev.rapport.health.CustomerHealth health = t.rapport().health().evaluate(fx.ann.id());
        String now = t.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();

        // when
        Map<String, Object> export = StrictJson.object(fx.privacy().export(fx.ann.id()));

        // then
        assertThat(map(export.get("customer"))).containsEntry("ownAgent", agent.id().toString());
        assertThat(list(export.get("merges"))).singleElement().satisfies(merge -> {
            assertThat(map(merge).keySet()).containsExactly("merged", "mergedAt", "actor", "auditTrail");
            assertThat(map(merge)).containsEntry("merged", duplicate.id().toString()).containsEntry("mergedAt", now)
                    .containsEntry("actor", "user:lead");
        });
        assertThat(map(export.get("health"))).containsExactly(Map.entry("band", health.band().name()),
                Map.entry("score", BigDecimal.valueOf(health.score())), Map.entry("evaluatedAt", now),
                Map.entry("since", now));
    }

    @Test
    @DisplayName("holds every interaction, case with its history, feedback and follow-up of the customer, and no one else's")
    void records() {
        // given
        StoreSnapshot store = t.snapshot();

        // when
        Map<String, Object> export = StrictJson.object(fx.privacy().export(fx.ann.id()));

        // then
        List<Object> interactions = list(export.get("interactions"));
        assertThat(interactions).extracting(i -> map(i).get("id")).containsExactlyElementsOf(
                store.interactions().stream().filter(i -> i.customerId().equals(fx.ann.id()))
                        .map(i -> i.id().toString()).toList());
        Map<String, Object> first = map(interactions.get(0));
        assertThat(first.keySet()).containsExactly("id", "occurredAt", "recordedAt", "channel", "direction", "kind",
                "handledBy", "visibility", "caseId", "agentId", "summary", "externalId", "orderRef", "amount",
                "reason", "handleTime", "waitTime", "abandoned");
        assertThat(first).containsEntry("summary", "Hi, this is Ann Lee (ANN.LEE@EXAMPLE.COM), my parcel is missing")
                .containsEntry("externalId", "msg-1").containsEntry("reason", "delivery")
                .containsEntry("amount", null).containsEntry("caseId", null);
        assertThat(map(interactions.get(1))).containsEntry("amount", Map.of("amount", "49.9", "currency", "EUR"))
                .containsEntry("kind", "PURCHASE").containsEntry("orderRef", "order-1001");
        assertThat(map(interactions.get(2))).containsEntry("handleTime",
                Map.of("talk", "PT4M", "hold", "PT0S", "afterContactWork", "PT0S"))
                .containsEntry("agentId", fx.agent.id().toString()).containsEntry("direction", "OUTBOUND");

        Map<String, Object> supportCase = map(list(export.get("cases")).get(0));
        assertThat(list(export.get("cases"))).hasSize(1);
        assertThat(supportCase).containsEntry("id", fx.parcel.id().toString())
                .containsEntry("subject", "Missing parcel for Ann Lee").containsEntry("status", "RESOLVED")
                .containsEntry("reopenCount", BigDecimal.ONE).containsEntry("category", "delivery");
        assertThat(list(supportCase.get("history"))).extracting(h -> map(h).get("from") + "->" + map(h).get("to"))
                .containsExactly("NEW->RESOLVED", "RESOLVED->OPEN", "OPEN->RESOLVED");

        assertThat(list(export.get("feedback"))).extracting(f -> map(f).get("score"))
                .containsExactlyInAnyOrder(new BigDecimal(2), new BigDecimal(9));
        assertThat(list(export.get("feedback"))).anySatisfy(f -> assertThat(map(f))
                .containsEntry("comment", "Ann Lee is unhappy, write to ann.lee@example.com")
                .containsEntry("scale", Map.of("min", BigDecimal.ONE, "max", new BigDecimal(5),
                        "direction", "HIGHER_IS_BETTER")));

        List<Object> followUps = list(export.get("followUps"));
        assertThat(followUps).extracting(f -> map(f).get("status"))
                .containsExactlyInAnyOrder("SENT", "SCHEDULED", "CLAIMED");
        assertThat(followUps).anySatisfy(f -> assertThat(map(f))
                .containsEntry("idempotencyKey", "direct/thanks/Ann.Lee@Example.com")
                .containsEntry("values", Map.of("customerName", "Ann Lee", "callBackOn", "+44 20 7946 0958",
                        "order", "order-1001")));
        assertThat(fx.privacy().export(fx.ann.id())).doesNotContain("Bob Stone", fx.bob.id().toString());
    }

    @Test
    @DisplayName("holds the customer's complaint with its deadlines, assessment, outcome and audit trail")
    void complaintPart() {
        // when
        Map<String, Object> export = StrictJson.object(fx.privacy().export(fx.ann.id()));

        // then
        List<Object> complaints = list(export.get("complaints"));
        assertThat(complaints).hasSize(1);
        Map<String, Object> complaint = map(complaints.get(0));
        assertThat(complaint.keySet()).containsExactly("id", "reference", "kind", "channel", "description", "product",
                "orderRef", "remedySought", "severity", "stage", "regime", "receivedAt", "deadlines", "assessment",
                "caseId", "agentIds", "rootCauses", "escalations", "outcome", "acknowledgedAt", "respondedAt",
                "closedAt", "reopenCount", "auditTrail", "updatedAt", "version");
        assertThat(complaint).containsEntry("id", fx.complaint.id().toString())
                .containsEntry("reference", fx.complaint.reference().toString())
                .containsEntry("kind", "COMPLAINT")
                .containsEntry("description", "Ann Lee here: my parcel never came, call 020 7946 0958")
                .containsEntry("remedySought", "A refund, confirmed to ann.lee@example.com")
                .containsEntry("stage", "RESPONDED");
        assertThat(map(complaint.get("assessment"))).containsEntry("impact", "Ann Lee lost a birthday present")
                .containsEntry("complexity", "SIMPLE");
        Map<String, Object> outcome = map(complaint.get("outcome"));
        assertThat(outcome).containsEntry("decision", "UPHELD")
                .containsEntry("reasons", "Dear Ann Lee, we are sorry the parcel was lost")
                .containsEntry("customerAccepted", null);
        assertThat(list(outcome.get("remedies"))).containsExactly(Map.of("type", "REFUND",
                "amount", Map.of("amount", "49.9", "currency", "EUR"), "note", "Refund to Ann Lee's card"));
        assertThat(list(complaint.get("deadlines"))).isNotEmpty();
        assertThat(list(complaint.get("auditTrail"))).hasSize(
                t.storage().complaints().auditTrail(fx.complaint.id()).size())
                .anySatisfy(e -> assertThat(map(e)).containsEntry("action", "NOTE")
                        .containsEntry("detail", "Spoke to Ann Lee on +44 20 7946 0958")
                        .containsEntry("actor", "agent:kim"));
    }

    @Test
    @DisplayName("gives the same document twice when nothing changed")
    void stable() {
        // when
        String first = fx.privacy().export(fx.ann.id());
        String second = fx.privacy().export(fx.ann.id());

        // then
        assertThat(second).isEqualTo(first);
    }

    @Test
    @DisplayName("after erasure shows only the anonymised data")
    void afterErasure() {
        // given
        fx.privacy().erase(fx.ann.id(), "gdpr_request");

        // when
        String json = fx.privacy().export(fx.ann.id());

        // then
        Map<String, Object> customer = map(StrictJson.object(json).get("customer"));
        assertThat(customer).containsEntry("name", PrivacyService.ERASED_NAME).containsEntry("status", "ERASED")
                .containsEntry("birthday", null).containsEntry("identities", List.of());
        assertThat(fx.probe.findIn(json)).isEmpty();
        assertThat(list(StrictJson.object(json).get("interactions"))).hasSize(4);
    }

    @Test
    @DisplayName("reads only and publishes nothing")
    void readsOnly() {
        // given
        StoreSnapshot before = t.snapshot();

        // when
        fx.privacy().export(fx.ann.id());

        // then
        assertThat(t.snapshot()).isEqualTo(before);
        assertThat(t.events().events()).isEmpty();
    }

    @Test
    @DisplayName("an unknown customer is not found; a missing id is named")
    void unknownOrMissing() {
        // given
        CustomerId nobody = CustomerId.random();

        // when / then
        assertThatThrownBy(() -> fx.privacy().export(nobody)).isInstanceOfSatisfying(CustomerNotFoundException.class,
                e -> assertThat(e.customerId()).isEqualTo(nobody));
        assertThatThrownBy(() -> fx.privacy().export(null)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields()).containsExactly("customerId"));
    }
}
