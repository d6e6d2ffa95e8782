package dev.rapport.privacy;

import dev.rapport.internal.AuditLog;
import dev.rapport.spi.Money;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.complaint.Assessment;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.Escalation;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerMerge;
import dev.rapport.spi.customer.HealthStanding;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.json.JsonWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the export document of one customer; the layout is documented in {@code docs/privacy.md} and must change
 * only together with {@link PrivacyService#EXPORT_VERSION}. Times are ISO-8601 instants, durations ISO-8601
 * durations, dates ISO-8601 dates, enums by name, channels and kinds by code, locales as language tags, amounts as
 * decimal strings (so no reader rounds them); absent values are {@code null}; map entries are sorted by key.
 */
final class CustomerExport {

    private CustomerExport() {
    }

    /** The document for the customer, read from the storage; call inside a transaction for a consistent read. */
    static String write(RapportStorage storage, CustomerId customerId, Instant exportedAt) {
        Customer customer = storage.customers().get(customerId);
        JsonWriter json = JsonWriter.indented().beginObject()
                .field("format", PrivacyService.EXPORT_FORMAT)
                .field("version", PrivacyService.EXPORT_VERSION)
                .fieldText("exportedAt", exportedAt);
        json.name("customer");
        customer(json, customer);
        json.name("interactions").beginArray();
        PrivacyService.all(page -> storage.interactions().findByCustomer(customerId, TimeRange.ALL, page))
                .forEach(i -> interaction(json, i));
        json.endArray();
        json.name("cases").beginArray();
        PrivacyService.all(page -> storage.cases().findByCustomer(customerId, page))
                .forEach(c -> supportCase(json, c, AuditLog.all(storage, AuditSubject.of(c.id()))));
        json.endArray();
        json.name("feedback").beginArray();
        PrivacyService.all(page -> storage.feedback().findByCustomer(customerId, page)).forEach(f -> feedback(json, f));
        json.endArray();
        json.name("followUps").beginArray();
        PrivacyService.all(page -> storage.followUps().findByCustomer(customerId, page))
                .forEach(f -> followUp(json, f));
        json.endArray();
        json.name("complaints").beginArray();
        PrivacyService.all(page -> storage.complaints().findByCustomer(customerId, page))
                .forEach(c -> complaint(json, c, storage.complaints().auditTrail(c.id())));
        json.endArray();
        relationship(json, storage, customerId);
        trail(json, AuditLog.all(storage, AuditSubject.of(customerId)));
        return json.endObject().toJson();
    }

    /** The customers merged into this one, and the stored health standing. */
    private static void relationship(JsonWriter json, RapportStorage storage, CustomerId customerId) {
        json.name("merges").beginArray();
        for (CustomerMerge merge : storage.customerMerges().findInto(customerId)) {
            json.beginObject()
                    .fieldText("merged", merge.merged())
                    .fieldText("mergedAt", merge.mergedAt())
                    .field("actor", merge.actor());
            trail(json, AuditLog.all(storage, AuditSubject.of(merge.merged())));
            json.endObject();
        }
        json.endArray();
        json.name("health");
        Optional<HealthStanding> health = storage.healthStandings().find(customerId);
        if (health.isEmpty()) {
            json.nullValue();
        } else {
            json.beginObject()
                    .fieldText("band", health.get().band())
                    .field("score", health.get().score())
                    .fieldText("evaluatedAt", health.get().evaluatedAt())
                    .fieldText("since", health.get().since())
                    .endObject();
        }
    }

    private static void customer(JsonWriter json, Customer c) {
        json.beginObject()
                .fieldText("id", c.id())
                .field("name", c.name())
                .fieldText("status", c.status());
        json.name("identities").beginArray();
        for (ContactIdentity identity : c.identities()) {
            json.beginObject()
                    .fieldText("channel", identity.channel())
                    .field("value", identity.value())
                    .field("primary", identity.primary())
                    .field("verified", identity.verified())
                    .endObject();
        }
        json.endArray();
        json.fieldText("preferredChannel", c.preferredChannel().orElse(null))
                .field("locale", c.locale().toLanguageTag())
                .field("timeZone", c.timeZone().getId())
                .fieldText("birthday", c.birthday().orElse(null))
                .field("segment", c.segment().orElse(null))
                .fieldText("ownAgent", c.ownAgent().orElse(null));
        json.name("consents").beginObject();
        Map<String, String> consents = new TreeMap<>();
        c.consents().forEach((channel, status) -> consents.put(channel.code(), status.name()));
        consents.forEach(json::field);
        json.endObject();
        json.name("acquisitionCost");
        money(json, c.acquisitionCost());
        json.name("attributes").beginObject();
        new TreeMap<>(c.attributes()).forEach(json::field);
        json.endObject();
        json.fieldText("createdAt", c.createdAt())
                .fieldText("updatedAt", c.updatedAt())
                .field("version", c.version())
                .field("churnReason", c.churnReason().orElse(null));
        labels(json, c.tags(), c.fields());
        json.endObject();
    }

    /** Tags, sorted, and custom field values by sorted name, each with its kind and canonical text. */
    private static void labels(JsonWriter json, java.util.Set<String> tags,
            Map<String, dev.rapport.spi.field.FieldValue> fields) {
        json.name("tags").beginArray();
        new java.util.TreeSet<>(tags).forEach(json::value);
        json.endArray();
        json.name("fields").beginObject();
        new TreeMap<>(fields).forEach((name, value) -> {
            json.name(name).beginObject()
                    .field("kind", value.kind().name())
                    .field("value", value.text())
                    .endObject();
        });
        json.endObject();
    }

    private static void interaction(JsonWriter json, Interaction i) {
        json.beginObject()
                .fieldText("id", i.id())
                .fieldText("occurredAt", i.occurredAt())
                .fieldText("recordedAt", i.recordedAt())
                .fieldText("channel", i.channel())
                .fieldText("direction", i.direction())
                .fieldText("kind", i.kind())
                .fieldText("handledBy", i.handledBy())
                .fieldText("visibility", i.visibility())
                .fieldText("caseId", i.caseId().orElse(null))
                .fieldText("agentId", i.agentId().orElse(null))
                .field("summary", i.summary().orElse(null))
                .field("externalId", i.externalId().orElse(null))
                .field("orderRef", i.orderRef().orElse(null));
        json.name("amount");
        money(json, i.amount());
        json.field("reason", i.reason().orElse(null));
        json.name("handleTime");
        if (i.handleTime().isPresent()) {
            HandleTime time = i.handleTime().get();
            json.beginObject()
                    .fieldText("talk", time.talk())
                    .fieldText("hold", time.hold())
                    .fieldText("afterContactWork", time.afterContactWork())
                    .endObject();
        } else {
            json.nullValue();
        }
        json.fieldText("waitTime", i.waitTime().orElse(null));
        json.name("abandoned").value(i.abandoned());
        json.endObject();
    }

    /** An audit trail of a customer or a case, as the field {@code auditTrail}. */
    private static void trail(JsonWriter json, List<TrailEntry> trail) {
        json.name("auditTrail").beginArray();
        for (TrailEntry e : trail) {
            json.beginObject()
                    .fieldText("id", e.id())
                    .fieldText("at", e.at())
                    .fieldText("actorKind", e.actor().kind())
                    .field("actor", e.actor().name())
                    .fieldText("action", e.action())
                    .field("from", e.from().orElse(null))
                    .field("to", e.to().orElse(null))
                    .field("detail", e.detail().orElse(null))
                    .endObject();
        }
        json.endArray();
    }

    private static void supportCase(JsonWriter json, Case c, List<TrailEntry> trail) {
        json.beginObject()
                .fieldText("id", c.id())
                .field("subject", c.subject())
                .fieldText("status", c.status())
                .fieldText("priority", c.priority())
                .field("category", c.category().orElse(null))
                .field("type", c.type().orElse(null))
                .fieldText("originChannel", c.originChannel())
                .field("language", c.language().map(Locale::toLanguageTag).orElse(null));
        json.name("requiredSkills").beginArray();
        c.requiredSkills().stream().sorted(Comparator.nullsFirst(Comparator.naturalOrder())).forEach(json::value);
        json.endArray();
        json.fieldText("assignee", c.assignee().orElse(null))
                .fieldText("team", c.team().orElse(null))
                .fieldText("createdAt", c.createdAt())
                .fieldText("firstReplyAt", c.firstReplyAt().orElse(null))
                .fieldText("firstResolvedAt", c.firstResolvedAt().orElse(null))
                .fieldText("resolvedAt", c.resolvedAt().orElse(null))
                .fieldText("closedAt", c.closedAt().orElse(null))
                .fieldText("snoozedUntil", c.snoozedUntil().orElse(null))
                .field("reopenCount", c.reopenCount());
        json.name("history").beginArray();
        for (StatusChange change : c.history()) {
            json.beginObject()
                    .fieldText("from", change.from())
                    .fieldText("to", change.to())
                    .fieldText("at", change.at())
                    .fieldText("actorKind", change.actor().kind())
                    .field("actor", change.actor().name())
                    .field("reason", change.reason().orElse(null))
                    .endObject();
        }
        json.endArray();
        trail(json, trail);
        json.fieldText("updatedAt", c.updatedAt())
                .field("version", c.version());
        labels(json, c.tags(), c.fields());
        json.endObject();
    }

    private static void feedback(JsonWriter json, Feedback f) {
        json.beginObject()
                .fieldText("id", f.id())
                .fieldText("receivedAt", f.receivedAt())
                .fieldText("metric", f.metric());
        json.name("scale").beginObject()
                .field("min", f.scale().min())
                .field("max", f.scale().max())
                .fieldText("direction", f.scale().direction())
                .endObject();
        json.field("score", f.score())
                .field("comment", f.comment().orElse(null))
                .fieldText("caseId", f.caseId().orElse(null))
                .fieldText("interactionId", f.interactionId().orElse(null))
                .field("orderRef", f.orderRef().orElse(null))
                .fieldText("agentId", f.agentId().orElse(null))
                .fieldText("channel", f.channel().orElse(null))
                .endObject();
    }

    private static void followUp(JsonWriter json, FollowUp f) {
        json.beginObject()
                .fieldText("id", f.id())
                .fieldText("kind", f.kind())
                .fieldText("channel", f.channel())
                .fieldText("status", f.status())
                .fieldText("caseId", f.caseId().orElse(null))
                .fieldText("dueAt", f.dueAt())
                .fieldText("expiresAt", f.expiresAt().orElse(null))
                .field("attempts", f.attempts())
                .field("idempotencyKey", f.idempotencyKey())
                .field("leaseOwner", f.leaseOwner().orElse(null))
                .fieldText("leaseUntil", f.leaseUntil().orElse(null))
                .field("lastError", f.lastError().orElse(null))
                .field("cancelReason", f.cancelReason().orElse(null));
        json.name("values").beginObject();
        new TreeMap<>(f.values()).forEach(json::field);
        json.endObject();
        json.field("ruleId", f.ruleId().orElse(null)).fieldText("occasionDate", f.occasionDate().orElse(null));
        json.fieldText("createdAt", f.createdAt())
                .fieldText("updatedAt", f.updatedAt())
                .field("version", f.version())
                .endObject();
    }

    private static void complaint(JsonWriter json, Complaint c, List<AuditEntry> trail) {
        json.beginObject()
                .fieldText("id", c.id())
                .fieldText("reference", c.reference())
                .fieldText("kind", c.kind())
                .fieldText("channel", c.channel())
                .field("description", c.description())
                .field("product", c.product().orElse(null))
                .field("orderRef", c.orderRef().orElse(null))
                .field("remedySought", c.remedySought().orElse(null))
                .fieldText("severity", c.severity())
                .fieldText("stage", c.stage())
                .field("regime", c.regime())
                .fieldText("receivedAt", c.receivedAt());
        json.name("deadlines").beginArray();
        for (ComplaintDeadline d : c.deadlines()) {
            json.beginObject()
                    .field("code", d.code())
                    .fieldText("dueAt", d.dueAt())
                    .fieldText("extendedTo", d.extendedTo().orElse(null))
                    .field("holdingReason", d.holdingReason().orElse(null))
                    .fieldText("metAt", d.metAt().orElse(null))
                    .endObject();
        }
        json.endArray();
        json.name("assessment");
        if (c.assessment().isPresent()) {
            Assessment a = c.assessment().get();
            json.beginObject()
                    .fieldText("severity", a.severity())
                    .fieldText("complexity", a.complexity())
                    .fieldText("priority", a.priority())
                    .field("impact", a.impact().orElse(null))
                    .field("assessedBy", a.assessedBy())
                    .fieldText("assessedAt", a.assessedAt())
                    .endObject();
        } else {
            json.nullValue();
        }
        json.fieldText("caseId", c.caseId().orElse(null));
        json.name("agentIds").beginArray();
        c.agentIds().stream().map(Object::toString).sorted().forEach(json::value);
        json.endArray();
        json.name("rootCauses").beginArray();
        c.rootCauses().stream().sorted().forEach(json::value);
        json.endArray();
        json.name("escalations").beginArray();
        for (Escalation e : c.escalations()) {
            json.beginObject()
                    .fieldText("level", e.level())
                    .field("body", e.body())
                    .field("reason", e.reason().orElse(null))
                    .fieldText("at", e.at())
                    .endObject();
        }
        json.endArray();
        json.name("outcome");
        if (c.outcome().isPresent()) {
            ComplaintOutcome o = c.outcome().get();
            json.beginObject()
                    .fieldText("decision", o.decision())
                    .field("reasons", o.reasons());
            json.name("remedies").beginArray();
            for (Remedy r : o.remedies()) {
                json.beginObject().fieldText("type", r.type());
                json.name("amount");
                money(json, r.amount());
                json.field("note", r.note().orElse(null)).endObject();
            }
            json.endArray();
            json.fieldText("decidedAt", o.decidedAt());
            json.name("customerAccepted");
            if (o.customerAccepted().isPresent()) {
                json.value(o.customerAccepted().get());
            } else {
                json.nullValue();
            }
            json.fieldText("customerRepliedAt", o.customerRepliedAt().orElse(null)).endObject();
        } else {
            json.nullValue();
        }
        json.fieldText("acknowledgedAt", c.acknowledgedAt().orElse(null))
                .fieldText("respondedAt", c.respondedAt().orElse(null))
                .fieldText("closedAt", c.closedAt().orElse(null))
                .field("reopenCount", c.reopenCount());
        json.name("auditTrail").beginArray();
        for (AuditEntry e : trail) {
            json.beginObject()
                    .fieldText("at", e.at())
                    .field("actor", e.actor())
                    .fieldText("action", e.action())
                    .fieldText("from", e.from().orElse(null))
                    .fieldText("to", e.to().orElse(null))
                    .field("detail", e.detail().orElse(null))
                    .endObject();
        }
        json.endArray();
        json.fieldText("updatedAt", c.updatedAt())
                .field("version", c.version())
                .endObject();
    }

    private static void money(JsonWriter json, Optional<Money> money) {
        if (money.isEmpty()) {
            json.nullValue();
            return;
        }
        Money m = money.get();
        json.beginObject()
                .field("amount", m.amount() == null ? null : m.amount().toPlainString())
                .field("currency", m.currency() == null ? null : m.currency().getCurrencyCode())
                .endObject();
    }
}
