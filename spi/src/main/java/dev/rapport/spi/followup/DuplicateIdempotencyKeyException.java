package dev.rapport.spi.followup;

import dev.rapport.spi.DuplicateEntityException;

/** Thrown when a follow-up with the same idempotency key is already stored; carries the stored one's id. */
public class DuplicateIdempotencyKeyException extends DuplicateEntityException {

    private static final long serialVersionUID = 1L;

    /** The key that clashed. */
    private final String idempotencyKey;
    /** The follow-up already stored under the key. */
    private final FollowUpId existing;

    /**
     * Creates the exception.
     *
     * @param idempotencyKey the key that clashed
     * @param existing the follow-up already stored under it
     */
    public DuplicateIdempotencyKeyException(String idempotencyKey, FollowUpId existing) {
        super("follow-up", "idempotencyKey", "a follow-up with this idempotency key is already stored as " + existing);
        this.idempotencyKey = idempotencyKey;
        this.existing = existing;
    }

    /**
     * The key that clashed.
     *
     * @return the idempotency key another follow-up is already stored under
     */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /**
     * The follow-up already stored under the key.
     *
     * @return the id of the follow-up stored first under the key
     */
    public FollowUpId existing() {
        return existing;
    }
}
