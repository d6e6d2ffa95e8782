package dev.rapport.privacy;

import dev.rapport.internal.AuditLog;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.validation.Limits;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Erasure of the personal data in the audit trails of a customer and of their cases: what an entry records about
 * who did what, and when, stays (id, time, actor, action, and values that are codes or ids: consents, agents,
 * priorities, teams, case tags, snooze times, customer ids of merges); its detail, and the values that identify the
 * customer (addresses, the customer's own tags), go through {@code keep}: replaced by
 * {@value PrivacyService#ERASED_TEXT}, or, under a legal hold, minimised. An address keeps its channel
 * ({@code email:[erased]}). The record of an erasure itself is kept whole: its detail is the reason code. Stateless.
 */
final class TrailRedaction {

    /** The actions whose values identify the customer. */
    private static final Set<TrailAction> PERSONAL_VALUES = EnumSet.of(TrailAction.IDENTITY_ADDED,
            TrailAction.IDENTITY_REMOVED, TrailAction.CUSTOMER_TAGS_CHANGED);

    /** The actions whose values are addresses written as {@code channel:address}. */
    private static final Set<TrailAction> ADDRESSES = EnumSet.of(TrailAction.IDENTITY_ADDED,
            TrailAction.IDENTITY_REMOVED);

    private TrailRedaction() {
    }

    /**
     * Redacts one trail in the running transaction.
     *
     * @param storage where the trail is kept
     * @param subject whose trail
     * @param keep what becomes of personal text: erased, or minimised under a legal hold
     * @return how many entries changed
     */
    static int redact(RapportStorage storage, AuditSubject subject, UnaryOperator<String> keep) {
        List<TrailEntry> changed = new ArrayList<>();
        for (TrailEntry entry : AuditLog.all(storage, subject)) {
            if (entry.action() == TrailAction.ERASED) {
                continue; // its detail is the erasure's reason code, kept as the customer keeps it
            }
            Optional<String> detail = entry.detail().map(keep).map(t -> PrivacyService.fit(t, Limits.HOST_TEXT))
                    .filter(t -> !t.isBlank());
            Optional<String> from = entry.from();
            Optional<String> to = entry.to();
            if (PERSONAL_VALUES.contains(entry.action())) {
                boolean address = ADDRESSES.contains(entry.action());
                from = from.map(v -> value(v, address, keep));
                to = to.map(v -> value(v, address, keep));
            }
            TrailEntry next = entry.withValues(from, to, detail);
            if (!next.equals(entry)) {
                changed.add(next);
            }
        }
        return changed.isEmpty() ? 0 : storage.auditTrails().redact(subject, changed);
    }

    private static String value(String value, boolean address, UnaryOperator<String> keep) {
        int colon = value.indexOf(':');
        String kept;
        if (address && colon > 0) {
            kept = value.substring(0, colon + 1) + keep.apply(value.substring(colon + 1));
        } else {
            kept = keep.apply(value);
        }
        kept = PrivacyService.fit(kept.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '),
                Limits.HOST_TEXT);
        return kept.isBlank() ? PrivacyService.ERASED_TEXT : kept;
    }
}
