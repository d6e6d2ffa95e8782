package dev.rapport.jdbc;

import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.Escalation;
import dev.rapport.spi.complaint.EscalationLevel;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.complaint.RemedyType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The compact JSON encodings of a complaint's collection fields, written and read by {@link Json} in the value's
 * own order: arrays of objects whose absent optionals are {@code null}, instants as ISO-8601 strings
 * ({@link Instant#toString()}), enums by name, money as a plain decimal string and a currency code, ids as UUID
 * text. Stateless and thread-safe.
 */
final class ComplaintEncodings {

    private ComplaintEncodings() {
    }

    static String deadlines(List<ComplaintDeadline> deadlines) {
        List<Object> out = new ArrayList<>();
        for (ComplaintDeadline d : deadlines) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", d.code());
            item.put("dueAt", d.dueAt().toString());
            item.put("extendedTo", instant(d.extendedTo()));
            item.put("holdingReason", d.holdingReason().orElse(null));
            item.put("metAt", instant(d.metAt()));
            item.put("lastReminderAt", instant(d.lastReminderAt()));
            item.put("breachRaisedAt", instant(d.breachRaisedAt()));
            out.add(item);
        }
        return Json.write(out);
    }

    static List<ComplaintDeadline> readDeadlines(String json) {
        List<ComplaintDeadline> out = new ArrayList<>();
        for (Map<String, Object> item : objects(json)) {
            out.add(new ComplaintDeadline((String) item.get("code"), Instant.parse((String) item.get("dueAt")),
                    readInstant(item.get("extendedTo")), Optional.ofNullable((String) item.get("holdingReason")),
                    readInstant(item.get("metAt")), readInstant(item.get("lastReminderAt")),
                    readInstant(item.get("breachRaisedAt"))));
        }
        return out;
    }

    static String escalations(List<Escalation> escalations) {
        List<Object> out = new ArrayList<>();
        for (Escalation e : escalations) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("level", e.level().name());
            item.put("body", e.body());
            item.put("reason", e.reason().orElse(null));
            item.put("at", e.at().toString());
            out.add(item);
        }
        return Json.write(out);
    }

    static List<Escalation> readEscalations(String json) {
        List<Escalation> out = new ArrayList<>();
        for (Map<String, Object> item : objects(json)) {
            out.add(new Escalation(EscalationLevel.valueOf((String) item.get("level")), (String) item.get("body"),
                    Optional.ofNullable((String) item.get("reason")), Instant.parse((String) item.get("at"))));
        }
        return out;
    }

    static String remedies(List<Remedy> remedies) {
        List<Object> out = new ArrayList<>();
        for (Remedy r : remedies) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", r.type().name());
            item.put("amount", r.amount().map(m -> m.amount().toPlainString()).orElse(null));
            item.put("currency", r.amount().map(m -> m.currency().getCurrencyCode()).orElse(null));
            item.put("note", r.note().orElse(null));
            out.add(item);
        }
        return Json.write(out);
    }

    static List<Remedy> readRemedies(String json) {
        List<Remedy> out = new ArrayList<>();
        for (Map<String, Object> item : objects(json)) {
            String amount = (String) item.get("amount");
            Optional<Money> money = amount == null ? Optional.empty()
                    : Optional.of(new Money(new BigDecimal(amount), Currency.getInstance((String) item.get("currency"))));
            out.add(new Remedy(RemedyType.valueOf((String) item.get("type")), money,
                    Optional.ofNullable((String) item.get("note"))));
        }
        return out;
    }

    static String agentIds(Set<AgentId> ids) {
        List<Object> out = new ArrayList<>();
        ids.forEach(id -> out.add(id.value().toString()));
        return Json.write(out);
    }

    static Set<AgentId> readAgentIds(String json) {
        Set<AgentId> out = new LinkedHashSet<>();
        Json.readArray(json).forEach(v -> out.add(new AgentId(UUID.fromString((String) v))));
        return out;
    }

    static String complaintIds(List<ComplaintId> ids) {
        List<Object> out = new ArrayList<>();
        ids.forEach(id -> out.add(id.value().toString()));
        return Json.write(out);
    }

    static List<ComplaintId> readComplaintIds(String json) {
        List<ComplaintId> out = new ArrayList<>();
        Json.readArray(json).forEach(v -> out.add(new ComplaintId(UUID.fromString((String) v))));
        return out;
    }

    private static String instant(Optional<Instant> value) {
        return value.map(Instant::toString).orElse(null);
    }

    private static Optional<Instant> readInstant(Object value) {
        return Optional.ofNullable((String) value).map(Instant::parse);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(String json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : Json.readArray(json)) {
            out.add((Map<String, Object>) item);
        }
        return out;
    }
}
