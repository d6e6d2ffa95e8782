package dev.rapport.privacy;

import dev.rapport.spi.Transactions;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackNotFoundException;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionNotFoundException;
import dev.rapport.tck.memory.InMemoryStorage;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AppendOnlyRedaction} for the in-memory reference adapter. The adapter lives in spi-tck, which cannot see
 * core, and its append-only repositories have no update, so this reaches into its internals by reflection: it
 * replaces the stored record in the repository's own map through the adapter's own undo log, under its lock, so a
 * rollback restores the old text exactly as for any other write. It stands in for the method the storage contract
 * lacks until the contract and the reference adapter gain it. Thread-safe as the adapter is.
 */
public final class InMemoryRedaction implements AppendOnlyRedaction {

    private final Transactions transactions;
    private final Object state;
    private final Method put;
    private final Map<InteractionId, Interaction> interactions;
    private final Map<FeedbackId, Feedback> feedback;

    /** Redaction over the given store. */
    @SuppressWarnings("unchecked")
    public InMemoryRedaction(InMemoryStorage storage) {
        try {
            state = read(storage, "state");
            transactions = (Transactions) state;
            put = state.getClass().getDeclaredMethod("put", Map.class, Object.class, Object.class);
            put.setAccessible(true);
            interactions = (Map<InteractionId, Interaction>) read(read(storage, "interactions"), "byId");
            feedback = (Map<FeedbackId, Feedback>) read(read(storage, "feedback"), "byId");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the in-memory adapter's internals changed", e);
        }
    }

    @Override
    public void replaceSummary(InteractionId id, Optional<String> summary) {
        transactions.runInTransaction(() -> {
            Interaction current = interactions.get(id);
            if (current == null) {
                throw new InteractionNotFoundException(id);
            }
            write(interactions, id, current.toBuilder().summary(summary.orElse(null)).build());
        });
    }

    @Override
    public void replaceComment(FeedbackId id, Optional<String> comment) {
        transactions.runInTransaction(() -> {
            Feedback current = feedback.get(id);
            if (current == null) {
                throw new FeedbackNotFoundException(id);
            }
            write(feedback, id, current.toBuilder().comment(comment.orElse(null)).build());
        });
    }

    private void write(Map<?, ?> map, Object key, Object value) {
        try {
            put.invoke(state, map, key, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    static Object read(Object target, String fieldName) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(fieldName);
        field.setAccessible(true);
        return field.get(target);
    }
}
