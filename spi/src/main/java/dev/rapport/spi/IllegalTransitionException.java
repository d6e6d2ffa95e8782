package dev.rapport.spi;

import java.util.Objects;

/** Thrown when a lifecycle move is not allowed from the current state; names the from and to states. */
public class IllegalTransitionException extends RapportException {

    private static final long serialVersionUID = 1L;

    /** The aggregate's name, for example {@code "case"}. */
    private final String entity;
    /** The aggregate's id, as text. */
    private final String id;
    /** The state the aggregate is in. */
    private final Enum<?> from;
    /** The state that was asked for. */
    private final Enum<?> to;

    /**
     * Creates the exception.
     *
     * @param entity the aggregate's name, for example {@code "case"}
     * @param id the aggregate's id
     * @param from the state it is in
     * @param to the state that was asked for
     */
    public IllegalTransitionException(String entity, Object id, Enum<?> from, Enum<?> to) {
        super(entity + " " + id + " cannot move from " + from + " to " + to);
        this.entity = Objects.requireNonNull(entity, "entity");
        this.id = String.valueOf(id);
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
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
     * @return the id of the aggregate that was asked to move, as {@code String.valueOf} wrote it
     */
    public String id() {
        return id;
    }

    /**
     * The state the aggregate is in.
     *
     * @return the state the aggregate is in and stays in
     */
    public Enum<?> from() {
        return from;
    }

    /**
     * The state that was asked for.
     *
     * @return the state the move asked for, which the current state may not move to
     */
    public Enum<?> to() {
        return to;
    }
}
