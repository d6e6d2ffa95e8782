package dev.rapport.internal;

import dev.rapport.spi.cases.Case;
import dev.rapport.spi.event.DomainEvent;
import java.util.List;

/**
 * What the engine does inside the transaction that opens a case or changes its status, such as queueing it for
 * routing or giving its agent's capacity back. Every path that opens a case or moves its status calls the runtime's
 * hooks in that transaction, so the reaction commits or rolls back with the change itself. A hook may read and write
 * storage and add events; an exception it throws rolls the change back. Internal to Rapport; not an API.
 */
public interface CaseHooks {

    /** Hooks that do nothing. */
    CaseHooks NONE = new CaseHooks() {
    };

    /**
     * Called in the transaction that stored a newly opened case.
     *
     * @param opened the case as stored
     * @param events the events of the transaction, to which the hook may add
     */
    default void opened(Case opened, List<DomainEvent> events) {
    }

    /**
     * Called in the transaction that stored a change of a case's status.
     *
     * @param before the case as it was
     * @param after the case as stored now
     * @param events the events of the transaction, to which the hook may add
     */
    default void statusChanged(Case before, Case after, List<DomainEvent> events) {
    }

    /** Called after the transaction that called one of the other methods committed, outside it. */
    default void committed() {
    }
}
