package dev.rapport.internal;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.HostText;
import dev.rapport.spi.validation.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the entries of the audit trails of customers and cases ({@link dev.rapport.spi.audit.AuditTrails}) for the
 * services, inside the transaction of the change they record, with values made storable: one line, plain text, cut
 * to {@link Limits#HOST_TEXT} characters; blank values are left out. Stateless and thread-safe.
 */
public final class AuditLog {

    private AuditLog() {
    }

    /**
     * Appends an entry to a customer's trail in the running transaction.
     *
     * @param storage where the trail is kept
     * @param customerId the customer
     * @param at when the change happened
     * @param actor who made it
     * @param action what changed
     * @param from the value before, or null
     * @param to the value after, or null
     * @param detail what else an auditor needs, or null
     */
    public static void customer(RapportStorage storage, CustomerId customerId, Instant at, Actor actor,
            TrailAction action, String from, String to, String detail) {
        append(storage, AuditSubject.of(customerId), at, actor, action, from, to, detail);
    }

    /**
     * Appends an entry to a case's trail in the running transaction.
     *
     * @param storage where the trail is kept
     * @param caseId the case
     * @param at when the change happened
     * @param actor who made it
     * @param action what changed
     * @param from the value before, or null
     * @param to the value after, or null
     * @param detail what else an auditor needs, or null
     */
    public static void supportCase(RapportStorage storage, CaseId caseId, Instant at, Actor actor,
            TrailAction action, String from, String to, String detail) {
        append(storage, AuditSubject.of(caseId), at, actor, action, from, to, detail);
    }

    private static void append(RapportStorage storage, AuditSubject subject, Instant at, Actor actor,
            TrailAction action, String from, String to, String detail) {
        storage.auditTrails().append(new TrailEntry(java.util.UUID.randomUUID(), subject, at,
                actor == null ? Actor.system() : actor, action, line(from), line(to), text(detail)));
    }

    /**
     * The tags in {@code a} that are not in {@code b}, sorted and comma-separated; null when there are none.
     *
     * @param a one set of tags
     * @param b the other
     * @return the difference as a value, or null
     */
    public static String missingFrom(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out.isEmpty() ? null : String.join(", ", out);
    }

    /**
     * The names of the fields a change sets and clears, as a detail: {@code "set: a, b; cleared: c"}; null when none.
     *
     * @param set the names of fields given values
     * @param cleared the names of fields cleared
     * @return the detail, or null
     */
    public static String fieldNames(Collection<String> set, Collection<String> cleared) {
        List<String> parts = new ArrayList<>(2);
        if (!set.isEmpty()) {
            parts.add("set: " + set.stream().sorted().collect(Collectors.joining(", ")));
        }
        if (!cleared.isEmpty()) {
            parts.add("cleared: " + cleared.stream().sorted().collect(Collectors.joining(", ")));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /**
     * What a change of custom field values did, as a detail of {@link #fieldNames}: the fields given a new value and
     * the fields cleared, by name only (values may be personal).
     *
     * @param before the values before the change, by field name
     * @param after the values after the change, by field name
     * @param <V> the value type
     * @return the detail, or null when the values are equal
     */
    public static <V> String changedFields(java.util.Map<String, V> before, java.util.Map<String, V> after) {
        List<String> set = new ArrayList<>();
        after.forEach((name, value) -> {
            if (!value.equals(before.get(name))) {
                set.add(name);
            }
        });
        List<String> cleared = before.keySet().stream().filter(n -> !after.containsKey(n)).toList();
        return fieldNames(set, cleared);
    }

    /**
     * Every entry of a subject's trail, oldest first.
     *
     * @param storage where the trail is kept
     * @param subject whose trail
     * @return the entries
     */
    public static List<TrailEntry> all(RapportStorage storage, AuditSubject subject) {
        List<TrailEntry> out = new ArrayList<>();
        PageWalk.byOffset(PageRequest.MAX_LIMIT, page -> storage.auditTrails().find(subject, page)).forEach(out::add);
        return out;
    }

    /** One line of storable text, or empty for null or blank. */
    static Optional<String> line(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String cleaned = HostText.clean(value, Limits.HOST_TEXT).replace('\n', ' ').replace('\r', ' ')
                .replace('\t', ' ');
        return cleaned.isBlank() ? Optional.empty() : Optional.of(cleaned);
    }

    /** Storable text, lines allowed, or empty for null or blank. */
    static Optional<String> text(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String cleaned = HostText.clean(value, Limits.HOST_TEXT);
        return cleaned.isBlank() ? Optional.empty() : Optional.of(cleaned);
    }
}
