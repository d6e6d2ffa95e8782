package dev.rapport.routing;

import dev.rapport.spi.cases.CaseId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A piece of work in a router's backlog, as it stands at one moment.
 *
 * @param caseId the case
 * @param request what the work needs
 * @param requestedAt when the customer first asked; kept when the work is routed again
 * @param queuedAt when this router took the work
 * @param excluded agents who declined it, let an offer time out, or hold it already
 * @param offer the open offer, if any
 */
public record WorkItem(CaseId caseId, RoutingRequest request, Instant requestedAt, Instant queuedAt,
        List<Exclusion> excluded, Optional<Offer> offer) {

    /**
     * Copies the exclusions.
     *
     * @param caseId the case
     * @param request what the work needs
     * @param requestedAt when the customer first asked; kept when the work is routed again
     * @param queuedAt when this router took the work
     * @param excluded agents who declined it, let an offer time out, or hold it already
     * @param offer the open offer, if any
     */
    public WorkItem {
        excluded = List.copyOf(excluded);
    }
}
