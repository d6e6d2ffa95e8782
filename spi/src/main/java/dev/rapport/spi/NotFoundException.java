package dev.rapport.spi;

import java.util.Objects;

/** Thrown when an aggregate asked for by id does not exist; typed subclasses exist per aggregate. */
public class NotFoundException extends RapportException {

    private static final long serialVersionUID = 1L;

    /** The aggregate's name, for example {@code "case"}. */
    private final String entity;
    /** The id that was looked up, as text. */
    private final String id;

    /**
     * Creates the exception.
     *
     * @param entity the aggregate's name, for example {@code "customer"}
     * @param id the id that was not found
     */
    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " does not exist");
        this.entity = Objects.requireNonNull(entity, "entity");
        this.id = String.valueOf(id);
    }

    /**
     * The aggregate's name, for example {@code "case"}.
     *
     * @return the aggregate's name, for example {@code "case"}
     */
    public String entity() {
        return entity;
    }

    /**
     * The id that was looked up, as text.
     *
     * @return the id that no stored aggregate has, as text
     */
    public String id() {
        return id;
    }
}
