package dev.rapport.spi;

import java.util.Optional;

/**
 * Thrown by a storage adapter when the store itself fails (connection lost, disk full, a constraint the adapter
 * could not map to a typed exception). The unit of work it happened in is rolled back. It carries, where the adapter
 * knows them, the store's SQL state (or a state of the same meaning for other stores), the entity being read or
 * written ({@code "Customer"}, {@code "Interaction"}, {@code "OutboxEvent"}...) and the field at fault.
 */
public class StorageException extends RapportException {

    private static final long serialVersionUID = 1L;

    /** The store's SQL state; null if it gave none. */
    private final String sqlState;
    /** The entity being read or written; null if not known. */
    private final String entity;
    /** The field at fault; null if not known. */
    private final String field;

    /**
     * Creates the exception with the store's own error as cause.
     *
     * @param message what failed; must not quote personal data
     * @param cause the store's own error; may be null
     */
    public StorageException(String message, Throwable cause) {
        this(message, cause, null, null, null);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed; must not quote personal data
     */
    public StorageException(String message) {
        this(message, null, null, null, null);
    }

    /**
     * Creates the exception with what the adapter knows of the failure.
     *
     * @param message what failed; must not quote personal data
     * @param cause the store's own error; may be null
     * @param sqlState the SQL state, for example {@code "22008"}; may be null
     * @param entity the entity read or written, for example {@code "Interaction"}; may be null
     * @param field the field at fault, for example {@code "occurredAt"}; may be null
     */
    public StorageException(String message, Throwable cause, String sqlState, String entity, String field) {
        super(message, cause);
        this.sqlState = sqlState;
        this.entity = entity;
        this.field = field;
    }

    /**
     * The SQL state of the failure, if the store gave one.
     *
     * @return the SQL state, for example {@code "22008"}, or empty if the store gave none
     */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /**
     * The entity being read or written, if known.
     *
     * @return the entity read or written, for example {@code "Interaction"}, or empty if not known
     */
    public Optional<String> entity() {
        return Optional.ofNullable(entity);
    }

    /**
     * The field at fault, if known.
     *
     * @return the field at fault, for example {@code "occurredAt"}, or empty if not known
     */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
