package dev.rapport.spi.routing;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.cases.CaseId;
import java.util.List;
import java.util.Optional;

/**
 * Holds routing's shared state: the work waiting for an agent (with its open offers) and the capacity agents hold
 * for the cases routing assigned them. Every node's router reads and writes it, so work queued or capacity freed on
 * one node is seen by all, and nothing is lost with the node that queued it. Implemented by storage adapters; proven
 * by the spi-tck.
 *
 * <p>Contract: values come back exactly as stored; a failing call changes nothing; a failure of the store itself is
 * a {@link StorageException}; calls inside a transaction take part in it; implementations are thread-safe. Waiting
 * work is versioned like an aggregate; holdings are plain rows keyed by case. Routing state names cases and agents by
 * id only: implementations must not require them to be stored (no foreign keys), and the spi-tck does not store them.
 */
public interface RoutingRepository {

    /**
     * Stores new waiting work and returns it as stored, with version 1.
     *
     * @param work the waiting work to store, with version 0
     * @return the stored work, equal to the argument but with version 1
     * @throws DuplicateEntityException if work for the same case is stored (entity {@code "routing_work"}, key
     *         {@code "id"})
     */
    RoutingWork insertWork(RoutingWork work);

    /**
     * Replaces stored waiting work if its version is still the stored one; returns it with the version increased by
     * one.
     *
     * @param work the changed work, carrying the version it was read with
     * @return the stored work, with its version one more than the argument's
     * @throws RoutingWorkNotFoundException (a {@link NotFoundException} with entity {@code "routing_work"}) if no
     *         work is stored for its case
     * @throws StaleVersionException with entity {@code "routing_work"} if the stored version differs
     */
    RoutingWork updateWork(RoutingWork work);

    /**
     * Removes waiting work if its version is still the stored one: the step that hands it to an agent. Of several
     * callers handing out the same version at once exactly one succeeds; the others get one of the two exceptions.
     *
     * @param work the work to remove, carrying the version it was read with
     * @throws RoutingWorkNotFoundException (a {@link NotFoundException} with entity {@code "routing_work"}) if no
     *         work is stored for its case
     * @throws StaleVersionException with entity {@code "routing_work"} if the stored version differs
     */
    void deleteWork(RoutingWork work);

    /**
     * Removes the waiting work of a case whatever its version, returning what was stored, if anything.
     *
     * @param caseId the case whose waiting work to remove
     * @return the work as it was stored before removal, or empty if none waited for the case
     */
    Optional<RoutingWork> removeWork(CaseId caseId);

    /**
     * The waiting work of a case, if any.
     *
     * @param caseId the case the work is for
     * @return the stored waiting work of the case, or empty if none waits
     */
    Optional<RoutingWork> findWork(CaseId caseId);

    /**
     * The waiting work holding the open offer with this id, if any: how an agent's answer finds its work.
     *
     * @param offerId the id of the offer the agent answers
     * @return the work whose open offer has that id, or empty if no open offer has it (answered, withdrawn or unknown)
     */
    Optional<RoutingWork> findWorkByOffer(java.util.UUID offerId);

    /**
     * Waiting work in order of case id (as unsigned 128-bit numbers, the order of the ids' text), starting after the
     * given case, at most {@code limit} items: a walk by key whose cost does not grow with the pages already read.
     *
     * @param after the last case id of the previous page; empty for the first page
     * @param limit how many at most, 1 to {@link dev.rapport.spi.PageRequest#MAX_LIMIT}
     * @return up to {@code limit} pieces of waiting work in that order; empty when none follows {@code after}
     * @throws dev.rapport.spi.ValidationException if the limit is out of range (field {@code limit}, rule
     *         {@code Range})
     */
    List<RoutingWork> listWork(Optional<CaseId> after, int limit);

    /**
     * How much work waits, offered or not.
     *
     * @return the number of stored pieces of waiting work, offered ones included
     */
    long countWork();

    /**
     * Stores the capacity an agent holds for a case, replacing what was stored for that case.
     *
     * @param holding the agent, channel and capacity units held for its case
     */
    void putHolding(RoutingHolding holding);

    /**
     * What an agent holds for a case, if routing assigned it and it was not given back yet.
     *
     * @param caseId the case routing assigned
     * @return the stored holding of the case, or empty if none is held
     */
    Optional<RoutingHolding> findHolding(CaseId caseId);

    /**
     * Removes and returns what an agent holds for a case, if anything.
     *
     * @param caseId the case whose capacity is given back
     * @return the holding as it was stored before removal, or empty if none was held
     */
    Optional<RoutingHolding> removeHolding(CaseId caseId);
}
