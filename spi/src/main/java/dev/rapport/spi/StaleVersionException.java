package dev.rapport.spi;

import java.util.Objects;

/**
 * Thrown by an update whose expected version is not the stored one: someone else changed the aggregate in the
 * meantime. Nothing is written; the caller reloads, reapplies its change and tries again.
 */
public class StaleVersionException extends RapportException {

    private static final long serialVersionUID = 1L;

    /** The aggregate's name. */
    private final String entity;
    /** The aggregate's id, as text. */
    private final String id;
    /** The version the rejected update was based on. */
    private final long expectedVersion;

    /**
     * Creates the exception.
     *
     * @param entity the aggregate's name
     * @param id the aggregate's id
     * @param expectedVersion the version the caller based its change on
     */
    public StaleVersionException(String entity, Object id, long expectedVersion) {
        super(entity + " " + id + " was modified concurrently; the update expected version " + expectedVersion);
        this.entity = Objects.requireNonNull(entity, "entity");
        this.id = String.valueOf(id);
        this.expectedVersion = expectedVersion;
    }

    /**
     * The aggregate's name.
     *
     * @return the aggregate's name, for example {@code "case"}
     */
    public String entity() {
        return entity;
    }

    /**
     * The aggregate's id, as text.
     *
     * @return the id of the aggregate whose update was rejected, as {@code String.valueOf} wrote it
     */
    public String id() {
        return id;
    }

    /**
     * The version the rejected update was based on.
     *
     * @return the version the caller read and based its change on; the stored one differs
     */
    public long expectedVersion() {
        return expectedVersion;
    }
}
