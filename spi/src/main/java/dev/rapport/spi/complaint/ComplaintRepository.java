package dev.rapport.spi.complaint;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.CustomerId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds complaints and compliments, their append-only audit trails (whose details only erasure may replace, see
 * {@link #redactAuditDetails}), the reference-number sequence and the
 * improvement items opened for recurring issues. Implemented by storage adapters; proven by the spi-tck.
 *
 * <p>Contract: values come back exactly as stored, every collection and optional included, and sets and lists in
 * the order they were stored; a failing call changes nothing; a failure of the store itself is a
 * {@link StorageException}; calls inside a transaction take part in it (a rollback undoes inserts, updates and
 * audit entries alike); implementations are thread-safe. Complaint queries are ordered by receipt time, then id
 * (ids as unsigned 128-bit numbers, see {@link dev.rapport.spi.RapportStorage}); improvement queries by detection
 * time, then id.
 */
public interface ComplaintRepository {

    /**
     * Stores a new complaint and returns it as stored, with version 1.
     *
     * @param complaint the complaint to store, with version 0
     * @return the stored complaint, equal to the argument but with version 1
     * @throws DuplicateEntityException if a complaint with the same id exists (key {@code "id"}) or another
     *         complaint has the same reference (key {@code "reference"})
     */
    Complaint insert(Complaint complaint);

    /**
     * Replaces a stored complaint if its version is still the stored one; returns it with the version increased by
     * one. Every field may change, the reference too.
     *
     * @param complaint the changed complaint, carrying the version it was read with
     * @return the stored complaint, with its version one more than the argument's
     * @throws ComplaintNotFoundException if no complaint has its id
     * @throws StaleVersionException if the stored version differs from {@code complaint.version()}
     * @throws DuplicateEntityException if another complaint holds its reference (key {@code "reference"})
     */
    Complaint update(Complaint complaint);

    /**
     * The complaint with the id, if stored.
     *
     * @param id the complaint's id
     * @return the stored complaint, or empty if none has the id
     */
    Optional<Complaint> findById(ComplaintId id);

    /**
     * The complaint with the id.
     *
     * @param id the complaint's id
     * @return the stored complaint; never null
     * @throws ComplaintNotFoundException if none is stored
     */
    default Complaint get(ComplaintId id) {
        return findById(id).orElseThrow(() -> new ComplaintNotFoundException(id));
    }

    /**
     * The complaint with the reference, if stored; references compare exactly.
     *
     * @param reference the reference the customer quotes
     * @return the stored complaint with exactly that reference, or empty if none has it
     */
    Optional<Complaint> findByReference(ComplaintReference reference);

    /**
     * The complaint with the reference.
     *
     * @param reference the reference the customer quotes
     * @return the stored complaint with exactly that reference; never null
     * @throws ComplaintNotFoundException if none is stored
     */
    default Complaint getByReference(ComplaintReference reference) {
        return findByReference(reference).orElseThrow(() -> new ComplaintNotFoundException(reference));
    }

    /**
     * A customer's complaints and compliments, ordered by receipt time, then id.
     *
     * @param customerId the customer who complained or complimented
     * @param page which slice of the ordered result to return
     * @return the requested page; empty for a customer without complaints
     */
    Page<Complaint> findByCustomer(CustomerId customerId, PageRequest page);

    /**
     * The complaints in any of the given stages, ordered by receipt time, then id; no stage finds none.
     *
     * @param stages the stages to match; empty matches nothing
     * @param page which slice of the ordered result to return
     * @return the requested page of complaints whose {@link Complaint#stage()} is in {@code stages}
     */
    Page<Complaint> findByStage(Set<ComplaintStage> stages, PageRequest page);

    /**
     * The complaints received in the half-open range, ordered by receipt time, then id.
     *
     * @param received the range of {@link Complaint#receivedAt()} to match, start included, end excluded
     * @param page which slice of the ordered result to return
     * @return the requested page of complaints received in the range
     */
    Page<Complaint> findReceivedBetween(TimeRange received, PageRequest page);

    /**
     * The complaints that carry the root cause among their {@link Complaint#rootCauses()} and were received in the
     * range, ordered by receipt time, then id. Codes compare exactly.
     *
     * @param rootCause the root-cause code, from the host's taxonomy
     * @param received the range of {@link Complaint#receivedAt()} to match, start included, end excluded
     * @param page which slice of the ordered result to return
     * @return the requested page of matching complaints
     */
    Page<Complaint> findByRootCause(String rootCause, TimeRange received, PageRequest page);

    /**
     * The complaints about the product that were received in the range, ordered by receipt time, then id. Codes
     * compare exactly.
     *
     * @param product the host's product code, matched against {@link Complaint#product()}
     * @param received the range of {@link Complaint#receivedAt()} to match, start included, end excluded
     * @param page which slice of the ordered result to return
     * @return the requested page of matching complaints; complaints without a product never match
     */
    Page<Complaint> findByProduct(String product, TimeRange received, PageRequest page);

    /**
     * Allocates the next number of a year's reference sequence: 1 for the first call of a year, and each call after
     * that returns a number greater than any returned before for that year, on every node sharing the store, even
     * when calls run at the same time. Sequences of different years are independent. Numbers may be skipped: an
     * adapter may, but need not, give a number again after the transaction that took it rolled back.
     *
     * @param year the year, 1000 to 9999
     * @return a positive number never returned before for that year by a committed transaction
     */
    long nextReferenceNumber(int year);

    /**
     * Appends an entry to a complaint's audit trail. There is no way to change or remove an entry.
     *
     * @param complaintId the complaint whose trail grows
     * @param entry the entry to append after every entry appended before
     * @throws ComplaintNotFoundException if no complaint has the id
     */
    void appendAudit(ComplaintId complaintId, AuditEntry entry);

    /**
     * A complaint's audit trail in the order its entries were appended; empty for an unknown complaint.
     *
     * @param complaintId the complaint whose trail to read
     * @return every entry of the trail, oldest first; empty if the complaint is unknown or has no entries
     */
    List<AuditEntry> auditTrail(ComplaintId complaintId);

    /**
     * Replaces the {@link AuditEntry#detail() details} of entries of a complaint's audit trail, for erasure of the
     * customer's personal data: the one change an audit trail allows. Entries are named by their position in
     * {@link #auditTrail(ComplaintId)}, 0 for the first appended; positions not named are untouched. Only the detail
     * changes: time, actor, action, stages, the order of the trail and its length stay as stored, and so do the
     * complaint itself and its version. A detail that already is the given one is left alone, so a second call
     * changes nothing.
     *
     * @param complaintId the complaint
     * @param details the new detail per position; empty removes the detail
     * @return how many entries changed
     * @throws ComplaintNotFoundException if no complaint has the id
     * @throws IllegalArgumentException if a position is negative or not less than the trail's length; nothing is
     *         changed
     * @throws NullPointerException if an argument, a key or a value is null
     */
    int redactAuditDetails(ComplaintId complaintId, Map<Integer, Optional<String>> details);

    /**
     * Stores a new improvement item and returns it as stored, with version 1.
     *
     * @param item the item to store, with version 0
     * @return the stored item, equal to the argument but with version 1
     * @throws DuplicateEntityException if an item with the same id exists (key {@code "id"}) or another item has
     *         the same issue (key {@code "issue"})
     */
    ImprovementItem insertImprovement(ImprovementItem item);

    /**
     * Replaces a stored improvement item if its version is still the stored one; returns it with the version
     * increased by one.
     *
     * @param item the changed item, carrying the version it was read with
     * @return the stored item, with its version one more than the argument's
     * @throws ImprovementNotFoundException if no item has its id
     * @throws StaleVersionException if the stored version differs from {@code item.version()}
     * @throws DuplicateEntityException if another item holds its issue (key {@code "issue"})
     */
    ImprovementItem updateImprovement(ImprovementItem item);

    /**
     * The improvement item with the id, if stored.
     *
     * @param id the item's id
     * @return the stored item, or empty if none has the id
     */
    Optional<ImprovementItem> findImprovementById(ImprovementId id);

    /**
     * The improvement item for the issue, if stored.
     *
     * @param issue the root cause or product the item is about
     * @return the stored item for that issue (at most one exists), or empty if none
     */
    Optional<ImprovementItem> findImprovementByIssue(IssueKey issue);

    /**
     * The improvement items in any of the given statuses, ordered by detection time, then id.
     *
     * @param statuses the statuses to match
     * @param page which slice of the ordered result to return
     * @return the requested page of items whose status is in {@code statuses}
     */
    Page<ImprovementItem> findImprovementsByStatus(Set<ImprovementStatus> statuses, PageRequest page);

    /**
     * Up to {@code limit} complaints in one of the stages whose id comes after the given one, in id order: for walking
     * every complaint in some stages by key ({@link dev.rapport.spi.PageWalk#byKey}), so that each page is found
     * through the primary key however far the walk has come. A complaint whose stage changes while a walk runs is
     * seen if it is in one of the stages when its id's page is read. The default filters {@link #findByStage} and
     * reads every such complaint per call; adapters override it with an indexed query.
     *
     * @param stages the stages; none gives none
     * @param after only complaints whose id comes after this one; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the complaints, in id order, at most {@code limit}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the limit is out of range
     */
    default java.util.List<Complaint> listByStageAfter(Set<ComplaintStage> stages,
            java.util.Optional<ComplaintId> after, int limit) {
        java.util.Objects.requireNonNull(stages, "stages");
        java.util.Objects.requireNonNull(after, "after");
        return dev.rapport.spi.PageWalk.afterId(page -> findByStage(stages, page), c -> c.id().value(),
                after.map(ComplaintId::value), limit);
    }
}
