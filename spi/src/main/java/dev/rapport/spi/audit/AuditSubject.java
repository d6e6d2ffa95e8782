package dev.rapport.spi.audit;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * Whose audit trail an entry belongs to: a customer or a case, by id. A customer's trail outlives the customer (a
 * merged customer is removed, its trail stays under its id).
 *
 * @param kind whether the id is a customer's or a case's
 * @param id the customer's or the case's id
 */
public record AuditSubject(@NotNull Kind kind, @NotNull UUID id) {

    /** Whether a trail is a customer's or a case's. */
    public enum Kind {
        /** A customer's trail, keyed by the customer's id. */
        CUSTOMER,
        /** A case's trail, keyed by the case's id. */
        CASE
    }

    /**
     * Checks the subject.
     *
     * @param kind whether the id is a customer's or a case's
     * @param id the customer's or the case's id
     * @throws ValidationException naming {@code kind} or {@code id} if it is null
     */
    public AuditSubject {
        if (kind == null) {
            throw ValidationException.of("AuditSubject", "kind", "NotNull", "must not be null");
        }
        if (id == null) {
            throw ValidationException.of("AuditSubject", "id", "NotNull", "must not be null");
        }
    }

    /**
     * A customer's trail.
     *
     * @param customerId the customer; not null
     * @return the subject
     * @throws ValidationException naming {@code id} if the customer id is null
     */
    public static AuditSubject of(CustomerId customerId) {
        return new AuditSubject(Kind.CUSTOMER, customerId == null ? null : customerId.value());
    }

    /**
     * A case's trail.
     *
     * @param caseId the case; not null
     * @return the subject
     * @throws ValidationException naming {@code id} if the case id is null
     */
    public static AuditSubject of(CaseId caseId) {
        return new AuditSubject(Kind.CASE, caseId == null ? null : caseId.value());
    }

    /** The subject as {@code kind:id}, for example {@code CASE:0b6f...}. */
    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
