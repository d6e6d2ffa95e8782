package dev.rapport.complaint;

import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.event.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The routing seam: called when a complaint is assessed, inside the assessment's transaction, to open or update the
 * case the complaint is worked in, so that whatever routes cases (Rapport's router, or the host's own) routes it.
 * {@link #none()} keeps complaints out of the case queue; {@link #openCases(CaseRepository)} opens a case of type
 * {@value #CASE_TYPE} with the assessed priority. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ComplaintCaseHook {

    /** The type code of cases opened for complaints. */
    String CASE_TYPE = "complaint";

    /**
     * Opens or updates the complaint's case.
     *
     * @param complaint the complaint as it is before the assessment is stored; its {@code caseId} is the case
     *        already linked, if any
     * @param priority the assessed priority
     * @param at the assessment time
     * @param events where to add events to publish after commit, for example {@code CaseOpened}
     * @return the case the complaint is worked in, or empty for none
     */
    Optional<CaseId> onAssessed(Complaint complaint, Priority priority, Instant at, List<DomainEvent> events);

    /**
     * No cases: complaints are handled on their own. The default.
     *
     * @return the hook that keeps the complaint's linked case, if any, and opens none
     */
    static ComplaintCaseHook none() {
        return (complaint, priority, at, events) -> complaint.caseId();
    }

    /**
     * Cases through the repository: a complaint without a case gets a new case of type {@value #CASE_TYPE}, with
     * the assessed priority, the complaint's channel and customer, and a subject naming the complaint's reference
     * ({@code CaseOpened} is raised); a complaint with a linked case has that case's priority raised to the assessed
     * one if it is lower.
     *
     * @param cases the repository cases are opened and updated in
     * @return the hook
     */
    static ComplaintCaseHook openCases(CaseRepository cases) {
        return new OpenCaseHook(Objects.requireNonNull(cases, "cases"));
    }

    /**
     * Cases as {@link #openCases(CaseRepository)} opens them, through the storage's case repository, with each raise
     * of a linked case's priority recorded in the case's audit trail as the system's ({@code PRIORITY_CHANGED}).
     *
     * @param storage the storage whose cases and audit trails to use
     * @return the hook
     */
    static ComplaintCaseHook openCases(RapportStorage storage) {
        return new OpenCaseHook(Objects.requireNonNull(storage, "storage"));
    }
}
