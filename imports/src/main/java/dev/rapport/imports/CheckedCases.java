package dev.rapport.imports;

import dev.rapport.cases.MoveCase;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.validation.Limits;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validator of the bulk path's services: the host's validator, except that a {@link Case} the services built
 * while importing a row is not checked by Jakarta Validation a second time when nothing in it can fail a check that
 * its parts have not passed already, and that the import's own {@link MoveCase} (a case and a state, by the system
 * actor, without a reason) is known valid; every other command, and every other value, is checked by the host's
 * validator. The commands an import builds for every row ({@code RegisterCustomer} and the {@code Customer} built
 * from it, {@code OpenCase}, {@code RecordInteraction}, {@code RecordFeedback}) are checked by
 * {@link CheckedCommands}' plain rules first, and by the host's validator only when those cannot tell that they pass.
 *
 * <p>Why that is exact: a case on an import's path is built by the case service from an {@code OpenCase} command
 * it checked just before (subject, category, type and language carry the same constraints on both records:
 * {@code CheckedCasesTest} pins that), then changed by the services with their own values (status, ids, counters,
 * history entries by the system actor) and the times of the row. So the only constraints of {@code Case} its parts
 * have not passed are those on its instants, checked here with the same rule ({@link Limits#isSupported(Instant)}),
 * on a language the service took from the customer rather than the command, checked here with the rule of
 * {@code @LanguageTag}, the not-null ones, checked here too, and those on what an import never fills (required
 * skills, tags, fields, a history entry's reason or another actor than the system). A case with any of those, or
 * with an instant or language out of range, goes to the host's validator, which then reports exactly what the row
 * path reports. Thread-safe if the host's validator is.
 */
final class CheckedCases implements Validator {

    private final Validator delegate;

    CheckedCases(Validator delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
        if (groups.length == 0 && (object instanceof Case supportCase && passesUnchecked(supportCase)
                || object instanceof MoveCase move && isPlainMove(move) || CheckedCommands.passes(object))) {
            return Set.of();
        }
        return delegate.validate(object, groups);
    }

    /** Whether the case's parts not checked before (its instants, and what an import never fills) are valid. */
    static boolean passesUnchecked(Case c) {
        if (c.id() == null || c.customerId() == null || c.subject() == null || c.category() == null
                || c.type() == null || c.priority() == null || c.originChannel() == null || c.language() == null
                || c.requiredSkills() == null || c.tags() == null || c.fields() == null || c.status() == null
                || c.assignee() == null || c.team() == null || c.createdAtQuality() == null || c.history() == null) {
            return false;
        }
        if (!c.requiredSkills().isEmpty() || !c.tags().isEmpty() || !c.fields().isEmpty() || c.reopenCount() < 0
                || c.version() < 0) {
            return false;
        }
        if (c.language().isPresent() && !Limits.isSupported(c.language().get())) {
            return false; // the case service may take the language from the customer rather than the command
        }
        if (!supported(c.createdAt()) || !supported(c.updatedAt()) || !supported(c.firstReplyAt())
                || !supported(c.firstResolvedAt()) || !supported(c.resolvedAt()) || !supported(c.closedAt())
                || !supported(c.snoozedUntil())) {
            return false;
        }
        for (StatusChange change : c.history()) {
            if (change == null || change.from() == null || change.to() == null || change.reason() == null
                    || change.reason().isPresent() || !Actor.system().equals(change.actor())
                    || !supported(change.at())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a move is the import's own: a case and a state, by the system actor (a valid constant), with no
     * reason; those are all of {@code MoveCase}'s constraints ({@code CheckedCasesTest} pins its components).
     */
    static boolean isPlainMove(MoveCase move) {
        return move.caseId() != null && move.to() != null && Actor.system().equals(move.actor())
                && move.reason() != null && move.reason().isEmpty();
    }

    private static boolean supported(Instant instant) {
        return instant != null && Limits.isSupported(instant);
    }

    private static boolean supported(Optional<Instant> instant) {
        return instant != null && (instant.isEmpty() || Limits.isSupported(instant.get()));
    }

    @Override
    public <T> Set<ConstraintViolation<T>> validateProperty(T object, String propertyName, Class<?>... groups) {
        return delegate.validateProperty(object, propertyName, groups);
    }

    @Override
    public <T> Set<ConstraintViolation<T>> validateValue(Class<T> beanType, String propertyName, Object value,
            Class<?>... groups) {
        return delegate.validateValue(beanType, propertyName, value, groups);
    }

    @Override
    public BeanDescriptor getConstraintsForClass(Class<?> clazz) {
        return delegate.getConstraintsForClass(clazz);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return delegate.unwrap(type);
    }

    @Override
    public ExecutableValidator forExecutables() {
        return delegate.forExecutables();
    }
}
