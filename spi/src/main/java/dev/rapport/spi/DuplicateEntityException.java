package dev.rapport.spi;

import java.util.Objects;

/**
 * Thrown when a write would store a second aggregate under a key that must be unique: an id, an external id,
 * an idempotency key or a contact identity. Nothing is written when it is thrown.
 */
public class DuplicateEntityException extends RapportException {

    private static final long serialVersionUID = 1L;

    /** The aggregate's name, for example {@code "interaction"}. */
    private final String entity;
    /** The unique key that clashed, for example {@code "id"}. */
    private final String keyName;

    /**
     * Creates the exception.
     *
     * @param entity the aggregate's name, for example {@code "interaction"}
     * @param keyName the unique key that clashed, for example {@code "id"} or {@code "externalId"}
     * @param message the explanation; it must not contain personal data
     */
    public DuplicateEntityException(String entity, String keyName, String message) {
        super(message);
        this.entity = Objects.requireNonNull(entity, "entity");
        this.keyName = Objects.requireNonNull(keyName, "keyName");
    }

    /**
     * Convenience for a clash on the aggregate id.
     *
     * @param entity the aggregate's name, for example {@code "interaction"}
     * @param id the id already stored; written into the message, so it must not be personal data
     * @return an exception with key name {@code "id"} and a message naming the aggregate and the id
     */
    public static DuplicateEntityException ofId(String entity, Object id) {
        return new DuplicateEntityException(entity, "id", entity + " " + id + " already exists");
    }

    /**
     * The aggregate's name.
     *
     * @return the aggregate's name, for example {@code "interaction"}
     */
    public String entity() {
        return entity;
    }

    /**
     * Which unique key clashed.
     *
     * @return the name of the unique key, for example {@code "id"} or {@code "externalId"}
     */
    public String keyName() {
        return keyName;
    }
}
