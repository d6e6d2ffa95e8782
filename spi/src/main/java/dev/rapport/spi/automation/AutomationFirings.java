package dev.rapport.spi.automation;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Holds the firings of case automation rules, and finds the cases the rules should look at. Implemented by storage
 * adapters; proven by the spi-tck.
 *
 * <p>Contract: values come back exactly as stored; a failing call changes nothing; a failure of the store itself
 * is a {@link StorageException}; calls inside a transaction take part in it (so a firing and the action it records
 * commit or roll back together); implementations are thread-safe. Two transactions that record the same key
 * concurrently, on any nodes, do not both commit: the second fails with a {@link DuplicateEntityException}.
 */
public interface AutomationFirings {

    /**
     * Stores a firing and returns it.
     *
     * @param firing the firing; not null
     * @return the firing as stored
     * @throws DuplicateEntityException (key {@code "occasion"}) if the rule already fired on the case for that
     *         occasion; nothing is stored
     * @throws dev.rapport.spi.ValidationException naming the field if a value is outside the value domain
     */
    AutomationFiring record(AutomationFiring firing);

    /**
     * Whether the rule already fired on the case for the occasion.
     *
     * @param ruleName the rule
     * @param caseId the case
     * @param occasion the occasion
     * @return whether a firing with that key is stored
     */
    boolean hasFired(String ruleName, CaseId caseId, Instant occasion);

    /**
     * The firings on a case, ordered by firing time, then rule name.
     *
     * @param caseId the case
     * @return its firings; empty if none
     */
    List<AutomationFiring> findByCase(CaseId caseId);

    /**
     * A page of the cases automation rules should look at: those in any of the given states that are not snoozed
     * at {@code now} (no snooze, or one that ends at or before {@code now}), ordered by id (ids compared as
     * unsigned 128-bit numbers), starting after the given id. Paging is by key, so cases added or changed between
     * pages are neither skipped twice nor visited twice; adapters should answer from an index on status and id.
     *
     * @param statuses the states; an empty set finds nothing
     * @param now the time the snoozes are compared with
     * @param after the id the previous page ended with; empty for the first page
     * @param limit the most cases to return; 1 to 1,000
     * @return the cases, as stored, in id order
     * @throws IllegalArgumentException if the limit is out of range
     */
    List<Case> candidates(Set<CaseStatus> statuses, Instant now, Optional<CaseId> after, int limit);
}
