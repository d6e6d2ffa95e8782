package dev.rapport.complaint;

import static dev.rapport.internal.Arguments.requireArgument;
import static dev.rapport.internal.Arguments.requireElements;
import static dev.rapport.internal.Arguments.requireLimit;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The complaint process's reads: a complaint by id or reference, a customer's, those in some stages, the audit
 * trail, the complaint register and the compliment tally. Changes nothing. Thread-safe: immutable.
 */
final class ComplaintQueries {

    private final ComplaintWrites writes;

    /**
     * The queries.
     *
     * @param writes the shared runtime
     */
    ComplaintQueries(ComplaintWrites writes) {
        this.writes = Objects.requireNonNull(writes, "writes");
    }

    /** The complaint with the id, if it exists; see {@link ComplaintService#find}. */
    Optional<Complaint> find(ComplaintId complaintId) {
        requireArgument("find", "complaintId", complaintId);
        return writes.repo().findById(complaintId);
    }

    /** The complaint with the id; see {@link ComplaintService#get}. */
    Complaint get(ComplaintId complaintId) {
        requireArgument("get", "complaintId", complaintId);
        return writes.repo().get(complaintId);
    }

    /** The complaint with the reference the customer quotes; see {@link ComplaintService#getByReference}. */
    Complaint getByReference(String reference) {
        requireArgument("getByReference", "reference", reference);
        return writes.repo().getByReference(ComplaintReference.of(reference));
    }

    /** A customer's complaints and compliments, in receipt order; see {@link ComplaintService#findByCustomer}. */
    Page<Complaint> findByCustomer(CustomerId customerId, PageRequest page) {
        requireArgument("findByCustomer", "customerId", customerId);
        requireArgument("findByCustomer", "page", page);
        return writes.repo().findByCustomer(customerId, page);
    }

    /** The complaints in any of the stages, in receipt order; see {@link ComplaintService#findByStage}. */
    Page<Complaint> findByStage(Set<ComplaintStage> stages, PageRequest page) {
        requireElements("findByStage", "stages", stages);
        requireArgument("findByStage", "page", page);
        return writes.repo().findByStage(Set.copyOf(stages), page);
    }

    /** The complaints in any of the stages after an id, in id order; see {@link ComplaintService#listByStageAfter}. */
    List<Complaint> listByStageAfter(Set<ComplaintStage> stages, Optional<ComplaintId> after, int limit) {
        requireElements("listByStageAfter", "stages", stages);
        requireArgument("listByStageAfter", "after", after);
        requireLimit("listByStageAfter", limit);
        return writes.repo().listByStageAfter(Set.copyOf(stages), after, limit);
    }

    /** A complaint's audit trail, oldest first; see {@link ComplaintService#auditTrail}. */
    List<AuditEntry> auditTrail(ComplaintId complaintId) {
        requireArgument("auditTrail", "complaintId", complaintId);
        return writes.repo().auditTrail(complaintId);
    }

    /** The complaint register for the complaints received in the period; see {@link ComplaintService#register}. */
    ComplaintRegister register(TimeRange received) {
        requireArgument("register", "received", received);
        Instant asOf = writes.now();
        List<RegisterEntry> entries = new ArrayList<>();
        receivedIn(received).forEach(c -> {
            if (!c.isCompliment()) {
                entries.add(new RegisterEntry(c, asOf));
            }
        });
        return new ComplaintRegister(received, asOf, entries);
    }

    /** The compliments received in the period, counted; see {@link ComplaintService#complimentTally}. */
    ComplimentTally complimentTally(TimeRange received) {
        requireArgument("complimentTally", "received", received);
        long[] total = {0};
        Map<AgentId, Long> counts = new HashMap<>();
        receivedIn(received).forEach(c -> {
            if (c.isCompliment()) {
                total[0]++;
                c.agentIds().forEach(agent -> counts.merge(agent, 1L, Long::sum));
            }
        });
        Map<AgentId, Long> ordered = counts.entrySet().stream()
                .sorted(Map.Entry.<AgentId, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().toString()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new ComplimentTally(received, total[0], ordered);
    }

    /** The complaints and compliments received in the period, walked by receipt time. */
    private Iterable<Complaint> receivedIn(TimeRange received) {
        return PageWalk.byTime(received, PageRequest.MAX_LIMIT, writes.repo()::findReceivedBetween,
                Complaint::receivedAt);
    }
}
