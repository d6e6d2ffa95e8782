package dev.rapport.examples;

import dev.rapport.spi.feedback.SurveyAnswers;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackNotFoundException;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUpId;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link FeedbackRepository} written from scratch, as an integrator would write one over a table of their own
 * survey system. A map stands in for the table; what matters is how each rule of the port's contract is met, as
 * docs/adapter-guide.md lists them:
 *
 * <ul>
 *   <li><b>values come back exactly as stored</b>: the records are immutable and kept as given;</li>
 *   <li><b>typed exceptions</b>: a second insert with the same id is a {@link DuplicateEntityException} with key
 *       {@code "id"}, and changes nothing; {@code get} of an unknown id is the port's not-found exception;</li>
 *   <li><b>total order</b>: by receipt time, then by id compared as an unsigned 128-bit number, as PostgreSQL and H2
 *       sort UUID columns, so that pages never skip or repeat a response;</li>
 *   <li><b>transactions</b>: while a transaction runs ({@link #inTransaction}), every insert and redaction is noted in an
 *       undo log, undone if the work throws anything, and hidden from other threads until the work is done.</li>
 * </ul>
 *
 * <p>Thread-safe: one lock guards the map; a transaction holds it from start to end.
 */
public final class SurveyTableFeedback implements FeedbackRepository {

    /** Unsigned, byte by byte: the order of UUID columns in PostgreSQL and H2, and of the canonical text. */
    private static final Comparator<UUID> UUID_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private static final Comparator<Feedback> ORDER =
            Comparator.comparing(Feedback::receivedAt).thenComparing(f -> f.id().value(), UUID_ORDER);

    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();
    private final Map<FeedbackId, Feedback> rows = new HashMap<>();
    /** The answered survey follow-ups: the table's unique key for "one answer per follow-up". */
    private final Set<FollowUpId> answered = new HashSet<>();

    /**
     * Runs work as one transaction of this table: joins the running one, or starts one that holds the lock, and
     * undoes every insert of the work if it throws anything, then rethrows it unchanged.
     */
    <T> T inTransaction(Supplier<T> work) {
        if (undoLog.get() != null) {
            return work.get();
        }
        lock.lock();
        Deque<Runnable> undo = new ArrayDeque<>();
        undoLog.set(undo);
        try {
            return work.get();
        } catch (Throwable e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        } finally {
            undoLog.remove();
            lock.unlock();
        }
    }

    @Override
    public Feedback insert(Feedback feedback) {
        Objects.requireNonNull(feedback, "feedback");
        // refuse by field what the survey table could not keep exactly (the spi's value domain), before writing
        ValueDomain.check(feedback);
        return inTransaction(() -> {
            if (rows.containsKey(feedback.id())) {
                throw DuplicateEntityException.ofId("feedback", feedback.id());
            }
            rows.put(feedback.id(), feedback);
            undoLog.get().push(() -> rows.remove(feedback.id()));
            return feedback;
        });
    }

    @Override
    public Optional<Feedback> findById(FeedbackId id) {
        return inTransaction(() -> Optional.ofNullable(rows.get(id)));
    }

    @Override
    public List<Feedback> findByCase(CaseId caseId) {
        return inTransaction(() -> matching(f -> f.caseId().filter(caseId::equals).isPresent()));
    }

    @Override
    public Page<Feedback> findByCustomer(CustomerId customerId, PageRequest page) {
        return inTransaction(() -> Page.slice(matching(f -> f.customerId().equals(customerId)), page));
    }

    @Override
    public Page<Feedback> findReceivedBetween(TimeRange received, PageRequest page) {
        return inTransaction(() -> Page.slice(matching(f -> received.contains(f.receivedAt())), page));
    }

    @Override
    public int redactForCustomer(CustomerId customerId, String placeholder) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(placeholder, "placeholder");
        return inTransaction(() -> {
            List<Feedback> matching = matching(f -> f.customerId().equals(customerId) && f.comment().isPresent()
                    && !f.comment().get().equals(placeholder));
            matching.forEach(f -> replace(f, f.toBuilder().comment(placeholder).build()));
            return matching.size();
        });
    }

    /**
     * Gives every response of one customer to another, for a customer merge; see
     * {@code CustomerMerges.reassign}.
     *
     * @return how many responses moved
     */
    public int reassignCustomer(CustomerId from, CustomerId into) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(into, "into");
        return inTransaction(() -> {
            List<Feedback> matching = matching(f -> f.customerId().equals(from));
            matching.forEach(f -> replace(f, f.toBuilder().customerId(into).build()));
            return matching.size();
        });
    }

    @Override
    public boolean redact(FeedbackId id, Optional<String> comment) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(comment, "comment");
        return inTransaction(() -> {
            Feedback current = rows.get(id);
            if (current == null) {
                throw new FeedbackNotFoundException(id);
            }
            if (current.comment().equals(comment)) {
                return false;
            }
            replace(current, current.toBuilder().comment(comment.orElse(null)).build());
            return true;
        });
    }

    @Override
    public List<Feedback> insertSurveyAnswer(FollowUpId followUpId, List<Feedback> responses) {
        SurveyAnswers.check(followUpId, responses);
        return inTransaction(() -> {
            if (answered.contains(followUpId)) {
                throw new DuplicateEntityException("feedback", "followUpId",
                        "survey follow-up " + followUpId + " is already answered");
            }
            return storeAnswer(followUpId, responses);
        });
    }

    @Override
    public List<Feedback> replaceSurveyAnswer(FollowUpId followUpId, List<Feedback> responses) {
        SurveyAnswers.check(followUpId, responses);
        return inTransaction(() -> {
            for (Feedback f : responses) {
                Feedback taken = rows.get(f.id());
                if (taken != null && !taken.followUpId().filter(followUpId::equals).isPresent()) {
                    throw DuplicateEntityException.ofId("feedback", f.id());
                }
            }
            for (Feedback old : matching(f -> f.followUpId().filter(followUpId::equals).isPresent())) {
                rows.remove(old.id());
                undoLog.get().push(() -> rows.put(old.id(), old));
            }
            return storeAnswer(followUpId, responses);
        });
    }

    @Override
    public List<Feedback> findBySurvey(FollowUpId followUpId) {
        Objects.requireNonNull(followUpId, "followUpId");
        return inTransaction(() -> matching(f -> f.followUpId().filter(followUpId::equals).isPresent()));
    }

    /** Notes the follow-up as answered and inserts the responses, every step undoable. Call inside a transaction. */
    private List<Feedback> storeAnswer(FollowUpId followUpId, List<Feedback> responses) {
        for (Feedback f : responses) {
            if (rows.containsKey(f.id())) {
                throw DuplicateEntityException.ofId("feedback", f.id());
            }
        }
        if (answered.add(followUpId)) {
            undoLog.get().push(() -> answered.remove(followUpId));
        }
        responses.forEach(this::insert);
        return List.copyOf(responses);
    }

    /** Replaces a stored response, noting the old one in the undo log. Call inside a transaction. */
    private void replace(Feedback old, Feedback next) {
        rows.put(next.id(), next);
        undoLog.get().push(() -> rows.put(old.id(), old));
    }

    /** How many responses the table holds. */
    public int size() {
        return inTransaction(rows::size);
    }

    private List<Feedback> matching(Predicate<Feedback> filter) {
        return rows.values().stream().filter(filter).sorted(ORDER).toList();
    }
}
