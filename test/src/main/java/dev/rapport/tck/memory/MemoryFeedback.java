package dev.rapport.tck.memory;

import dev.rapport.spi.feedback.SurveyAnswers;
import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.DuplicateEntityException;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemoryFeedback implements FeedbackRepository {

    private static final Comparator<Feedback> ORDER =
            Comparator.comparing(Feedback::receivedAt).thenComparing(f -> f.id().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<FeedbackId, Feedback> byId = new HashMap<>();
    /** The survey follow-ups answered: the store's "one answer per follow-up" key. */
    private final Map<FollowUpId, Boolean> answered = new HashMap<>();

    MemoryFeedback(MemoryState state) {
        this.state = state;
    }

    @Override
    public Feedback insert(Feedback feedback) {
        ValueDomain.check(feedback);
        Objects.requireNonNull(feedback, "feedback");
        return state.inTransaction(() -> {
            if (byId.containsKey(feedback.id())) {
                throw DuplicateEntityException.ofId("feedback", feedback.id());
            }
            state.put(byId, feedback.id(), feedback);
            return feedback;
        });
    }

    @Override
    public Optional<Feedback> findById(FeedbackId id) {
        return state.locked(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public List<Feedback> findByCase(CaseId caseId) {
        return state.locked(() -> byId.values().stream()
                .filter(f -> f.caseId().filter(caseId::equals).isPresent()).sorted(ORDER).toList());
    }

    @Override
    public Page<Feedback> findByCustomer(CustomerId customerId, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), f -> f.customerId().equals(customerId), ORDER, page));
    }

    @Override
    public Page<Feedback> findReceivedBetween(TimeRange received, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), f -> received.contains(f.receivedAt()), ORDER, page));
    }

    @Override
    public int redactForCustomer(CustomerId customerId, String placeholder) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(placeholder, "placeholder");
        return state.inTransaction(() -> {
            List<Feedback> matching = byId.values().stream().filter(f -> f.customerId().equals(customerId)
                    && f.comment().isPresent() && !f.comment().get().equals(placeholder)).toList();
            matching.forEach(f -> state.put(byId, f.id(), f.toBuilder().comment(placeholder).build()));
            return matching.size();
        });
    }

    @Override
    public boolean redact(FeedbackId id, Optional<String> comment) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(comment, "comment");
        return state.inTransaction(() -> {
            Feedback current = byId.get(id);
            if (current == null) {
                throw new FeedbackNotFoundException(id);
            }
            if (current.comment().equals(comment)) {
                return false;
            }
            state.put(byId, id, current.toBuilder().comment(comment.orElse(null)).build());
            return true;
        });
    }

    /** Gives the customer's feedback to another customer; for {@code CustomerMerges.reassign}. Call in a transaction. */
    int reassignCustomer(CustomerId from, CustomerId into) {
        int moved = 0;
        for (Feedback value : List.copyOf(byId.values())) {
            if (value.customerId().equals(from)) {
                state.put(byId, value.id(), value.toBuilder().customerId(into).build());
                moved++;
            }
        }
        return moved;
    }
    @Override
    public List<Feedback> insertSurveyAnswer(FollowUpId followUpId, List<Feedback> responses) {
        SurveyAnswers.check(followUpId, responses);
        return state.inTransaction(() -> {
            if (answered.containsKey(followUpId)) {
                throw new DuplicateEntityException("feedback", "followUpId",
                        "survey follow-up " + followUpId + " is already answered");
            }
            refuseTakenIds(responses, null);
            state.put(answered, followUpId, Boolean.TRUE);
            responses.forEach(this::insert);
            return List.copyOf(responses);
        });
    }

    @Override
    public List<Feedback> replaceSurveyAnswer(FollowUpId followUpId, List<Feedback> responses) {
        SurveyAnswers.check(followUpId, responses);
        return state.inTransaction(() -> {
            refuseTakenIds(responses, followUpId);
            for (Feedback old : List.copyOf(byId.values())) {
                if (old.followUpId().filter(followUpId::equals).isPresent()) {
                    state.remove(byId, old.id());
                }
            }
            state.put(answered, followUpId, Boolean.TRUE);
            responses.forEach(this::insert);
            return List.copyOf(responses);
        });
    }

    @Override
    public List<Feedback> findBySurvey(FollowUpId followUpId) {
        Objects.requireNonNull(followUpId, "followUpId");
        return state.locked(() -> byId.values().stream()
                .filter(f -> f.followUpId().filter(followUpId::equals).isPresent()).sorted(ORDER).toList());
    }

    /** Checks before any change that no stored response has one of the ids, but those of the answer replaced. */
    private void refuseTakenIds(List<Feedback> responses, FollowUpId replaced) {
        for (Feedback f : responses) {
            Feedback taken = byId.get(f.id());
            if (taken != null && (replaced == null || !taken.followUpId().filter(replaced::equals).isPresent())) {
                throw DuplicateEntityException.ofId("feedback", f.id());
            }
        }
    }
}
