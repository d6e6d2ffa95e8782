package dev.rapport.privacy;

import dev.rapport.spi.StorageException;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackNotFoundException;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionNotFoundException;
import java.util.Optional;

/**
 * The one write erasure needs that the storage contract does not offer: replacing the free text of an append-only
 * record. {@link dev.rapport.spi.interaction.InteractionRepository} and
 * {@link dev.rapport.spi.feedback.FeedbackRepository} only insert, so a storage adapter that supports erasure
 * implements this interface as well, on the same object as its {@link dev.rapport.spi.RapportStorage} (which
 * {@link PrivacyService} then finds by itself) or on a separate one given to
 * {@link PrivacyService.Builder#redaction(AppendOnlyRedaction)}.
 *
 * <p>Contract: each method changes exactly the one field it names and nothing else (not the id, the times, the
 * indexes such as the external id, nor any version); it takes part in the transaction running on the calling
 * thread, so that a rollback restores the old text; a failure of the store is a {@link StorageException}.
 * Implementations are thread-safe.
 */
public interface AppendOnlyRedaction {

    /**
     * Replaces the summary of a stored interaction.
     *
     * @param id the interaction
     * @param summary the new summary; empty to remove it
     * @throws InteractionNotFoundException if no interaction has the id
     */
    void replaceSummary(InteractionId id, Optional<String> summary);

    /**
     * Replaces the comment of a stored feedback response.
     *
     * @param id the response
     * @param comment the new comment; empty to remove it
     * @throws FeedbackNotFoundException if no response has the id
     */
    void replaceComment(FeedbackId id, Optional<String> comment);
}
