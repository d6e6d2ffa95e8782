package dev.rapport.privacy;

import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.interaction.Interaction;

/**
 * The host's policy for records that must be kept when their customer is erased, because the law or a regulator
 * requires it: a complaint within its retention period, the interactions and cases that document it, a disputed
 * purchase. {@link PrivacyService#erase} keeps the free text of a held record instead of replacing it, but
 * minimised: the customer's name, addresses and telephone numbers in it are replaced by
 * {@value PrivacyService#ERASED_TEXT}. Everything that is no free text is kept on every record anyway, held or not
 * (ids, times, channels, kinds, scores, amounts), so that counts and KPIs keep working.
 *
 * <p>Each method answers for one kind of record and defaults to "not held", so a host overrides only what its
 * policy covers; {@link #NONE} holds nothing. The methods are asked inside the erasure's transaction and must not
 * write to the store; they may read it (for example to look up whether a case belongs to an open complaint).
 * Implementations must be thread-safe.
 */
public interface LegalHold {

    /** Holds nothing: every free text of an erased customer is replaced. The default. */
    LegalHold NONE = new LegalHold() {
    };

    /**
     * Whether an interaction's summary is kept, minimised, rather than replaced; default false.
     *
     * @param interaction an interaction of the customer being erased
     * @return {@code true} to keep its summary minimised, {@code false} to replace it
     */
    default boolean holds(Interaction interaction) {
        return false;
    }

    /**
     * Whether a case's subject is kept, minimised, rather than replaced; default false.
     *
     * @param supportCase a case of the customer being erased
     * @return {@code true} to keep its subject minimised, {@code false} to replace it
     */
    default boolean holds(Case supportCase) {
        return false;
    }

    /**
     * Whether a feedback comment is kept, minimised, rather than replaced; default false.
     *
     * @param feedback a feedback response of the customer being erased
     * @return {@code true} to keep its comment minimised, {@code false} to replace it
     */
    default boolean holds(Feedback feedback) {
        return false;
    }

    /**
     * Whether a complaint (or compliment) is kept with its text minimised rather than erased; default false. Typically
     * true while the complaint is within the retention period a regulator requires. Either way the complainant's own
     * words (description, remedy sought) are replaced by {@value PrivacyService#ERASED_TEXT} and the reference,
     * stages, deadlines, assessment, escalations, outcome decision, remedies and times are kept; a held complaint
     * keeps the business's text about it (impact, reasons, remedy notes, audit trail details) with the customer's
     * identifiers masked, one not held has that text replaced too.
     *
     * @param complaint a complaint or compliment of the customer being erased
     * @return {@code true} to keep the business's text about it with the customer's identifiers masked, {@code false}
     *        to replace that text too
     */
    default boolean holds(Complaint complaint) {
        return false;
    }

    /**
     * Whether a follow-up's personalisation values are kept, minimised, rather than removed; default false. A held
     * follow-up that is still pending is cancelled all the same: an erased customer is never contacted.
     *
     * @param followUp a follow-up of the customer being erased
     * @return {@code true} to keep its personalisation values minimised, {@code false} to remove them
     */
    default boolean holds(FollowUp followUp) {
        return false;
    }
}
