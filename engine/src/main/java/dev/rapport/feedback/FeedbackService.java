package dev.rapport.feedback;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import static dev.rapport.internal.Arguments.requireArgument;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.FeedbackReceived;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackNotFoundException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.interaction.Interaction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records CSAT, NPS and CES answers, each with the scale and direction it was given on, linked to the case,
 * interaction, order or agent it rates. Obtained from {@code Rapport#feedback()}.
 *
 * <p>The customer must be registered; a given case or interaction must exist and belong to that customer; a given
 * agent must exist. Otherwise a {@link ValidationException} names {@code customerId}, {@code caseId},
 * {@code interactionId} or {@code agentId}, and nothing is stored. {@code FeedbackReceived} is published after
 * commit. Times come from the Rapport's clock, truncated to microseconds.
 *
 * <p>Thread-safe: immutable, and safe to share between threads.
 */
public final class FeedbackService {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);

    private final RapportStorage storage;
    private final UnitOfWork unitOfWork;
    private final CommandValidator validator;
    private final EngineRuntime runtime;
    private final SurveyTokens surveys;

    /**
     * Creates the service over the runtime a Rapport shares between its services, with survey settings. The
     * facade's constructor: {@code Rapport} does this, hosts use {@code Rapport#feedback()}.
     *
     * @param runtime the shared runtime
     * @param surveys the survey secret, token lifetime and second-answer policy
     */
    public FeedbackService(EngineRuntime runtime, SurveySettings surveys) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.surveys = new SurveyTokens(Objects.requireNonNull(surveys, "surveys"));
        this.storage = runtime.storage();
        this.unitOfWork = runtime.unitOfWork();
        this.validator = runtime.commands();
    }

    /**
     * Records one answer; publishes {@code FeedbackReceived}.
     *
     * @param command the customer, metric, scale, score and optional references of the answer
     * @return the response as stored
     * @throws ValidationException naming every bad field of the command, or the reference that does not resolve
     */
    public Feedback record(RecordFeedback command) {
        validator.check(command);
        FeedbackId id = FeedbackId.random();
        Feedback stored = unitOfWork.run(events -> {
            checkReferences(command);
            Instant now = runtime.now();
            // Built from a checked command. Not validated again as a whole: Hibernate Validator rejects the
            // contract's Optional<@NotBlank String> components when they are empty.
            Feedback feedback = Feedback.builder()
                    .id(id)
                    .customerId(command.customerId())
                    .metric(command.metric())
                    .scale(command.scale())
                    .score(command.score())
                    .comment(command.comment().orElse(null))
                    .receivedAt(command.receivedAt().map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(now))
                    .caseId(command.caseId().orElse(null))
                    .interactionId(command.interactionId().orElse(null))
                    .orderRef(command.orderRef().orElse(null))
                    .agentId(command.agentId().orElse(null))
                    .channel(command.channel().orElse(null))
                    .build();
            Feedback inserted = storage.feedback().insert(feedback);
            events.add(new FeedbackReceived(UUID.randomUUID(), now, inserted.id(), inserted.customerId(),
                    inserted.metric(), inserted.score(), inserted.caseId()));
            return inserted;
        });
        LOG.debug("Recorded {} feedback {} from customer {}", stored.metric(), stored.id(), stored.customerId());
        return stored;
    }

    private void checkReferences(RecordFeedback command) {
        List<Violation> violations = new ArrayList<>();
        if (storage.customers().findById(command.customerId()).isEmpty()) {
            violations.add(new Violation("customerId", "Exists", "must name a registered customer"));
        }
        if (command.caseId().isPresent()) {
            Optional<Case> supportCase = storage.cases().findById(command.caseId().get());
            if (supportCase.isEmpty()) {
                violations.add(new Violation("caseId", "Exists", "must name an existing case"));
            } else if (!supportCase.get().customerId().equals(command.customerId())) {
                violations.add(new Violation("caseId", "SameCustomer", "must name a case of the same customer"));
            }
        }
        if (command.interactionId().isPresent()) {
            Optional<Interaction> interaction = storage.interactions().findById(command.interactionId().get());
            if (interaction.isEmpty()) {
                violations.add(new Violation("interactionId", "Exists", "must name a recorded interaction"));
            } else if (!interaction.get().customerId().equals(command.customerId())) {
                violations.add(new Violation("interactionId", "SameCustomer",
                        "must name an interaction of the same customer"));
            }
        }
        if (command.agentId().isPresent() && storage.agents().findById(command.agentId().get()).isEmpty()) {
            violations.add(new Violation("agentId", "Exists", "must name an existing agent"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(RecordFeedback.class.getSimpleName(), violations);
        }
    }

    /**
     * The response with the id, if recorded.
     *
     * @param feedbackId the response to look up
     * @return the response, or empty if none is recorded under the id
     * @throws ValidationException naming {@code feedbackId} if it is null
     */
    public Optional<Feedback> find(FeedbackId feedbackId) {
        requireArgument("find", "feedbackId", feedbackId);
        return storage.feedback().findById(feedbackId);
    }

    /**
     * The response with the id.
     *
     * @param feedbackId the response to look up
     * @return the response as stored
     * @throws ValidationException naming {@code feedbackId} if it is null
     * @throws FeedbackNotFoundException if none is recorded
     */
    public Feedback get(FeedbackId feedbackId) {
        requireArgument("get", "feedbackId", feedbackId);
        return storage.feedback().get(feedbackId);
    }

    /**
     * The responses about a case, ordered by receipt time, then id.
     *
     * @param caseId the case whose responses to list
     * @return the responses about the case, oldest first; empty if there are none
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public List<Feedback> findByCase(CaseId caseId) {
        requireArgument("findByCase", "caseId", caseId);
        return storage.feedback().findByCase(caseId);
    }

    /**
     * A customer's responses, ordered by receipt time, then id.
     *
     * @param customerId the customer whose responses to list
     * @param page which page to read, and its size
     * @return one page of the customer's responses
     * @throws ValidationException naming the argument that is null
     */
    public Page<Feedback> findByCustomer(CustomerId customerId, PageRequest page) {
        requireArgument("findByCustomer", "customerId", customerId);
        requireArgument("findByCustomer", "page", page);
        return storage.feedback().findByCustomer(customerId, page);
    }

    // ------------------------------------------------------------------------------------------- survey answers

    /**
     * Records a customer's answer to a survey follow-up, given with the token its message carried
     * ({@code surveyToken}): one response per answered question, each a {@link Feedback} linked to the follow-up
     * ({@link Feedback#followUpId()}), its customer and case, the agent assigned to that case when the answer is
     * recorded, and the channel (the command's, else the follow-up's). Publishes {@code FeedbackReceived} per
     * response after commit.
     *
     * <p>One answer per token: with {@link SecondAnswer#REFUSE} (the default) a second answer is refused; with
     * {@link SecondAnswer#REPLACE} it replaces the first. The store keeps this rule, so two nodes answering the same
     * token at once cannot both succeed.
     *
     * @param command the answer
     * @return the responses as stored, in the command's order
     * @throws ValidationException naming every bad field of the command ({@code responses[0].score} off its scale,
     *         {@code responses} with a metric twice), or the token: field {@code token} with rule {@code Format} (not
     *         a token), {@code Signature} (forged, altered, or surveys not configured), {@code Expired},
     *         {@code Exists} (no such follow-up) or {@code AlreadyAnswered}; nothing is stored
     */
    public List<Feedback> answerSurvey(SurveyAnswer command) {
        validator.check(command);
        checkResponses(command);
        Instant now = runtime.now();
        FollowUpId followUpId = surveys.verify(command.token(), now);
        boolean replace = surveys.settings().secondAnswer() == SecondAnswer.REPLACE;
        List<Feedback> stored;
        try {
            stored = storeAnswer(command, followUpId, replace);
        } catch (DuplicateEntityException e) {
            if (!replace || !"followUpId".equals(e.keyName())) {
                throw e;
            }
            // another node stored the first answer meanwhile: this one replaces it
            stored = storeAnswer(command, followUpId, true);
        }
        LOG.debug("Recorded a survey answer of {} response(s) to follow-up {}", stored.size(), followUpId);
        return stored;
    }

    private List<Feedback> storeAnswer(SurveyAnswer command, FollowUpId followUpId, boolean replace) {
        return unitOfWork.run(events -> {
            FollowUp followUp = storage.followUps().findById(followUpId).orElseThrow(() -> ValidationException.of(
                    SurveyAnswer.class.getSimpleName(), "token", "Exists", "names no survey of this Rapport"));
            if (!replace && !storage.feedback().findBySurvey(followUpId).isEmpty()) {
                throw alreadyAnswered();
            }
            Optional<Case> supportCase = followUp.caseId().flatMap(storage.cases()::findById);
            Instant now = runtime.now();
            List<Feedback> responses = new ArrayList<>();
            for (SurveyAnswer.Response r : command.responses()) {
                responses.add(Feedback.builder()
                        .id(FeedbackId.random())
                        .customerId(followUp.customerId())
                        .metric(r.metric())
                        .scale(r.scale())
                        .score(r.score())
                        .comment(r.comment().orElse(null))
                        .receivedAt(now)
                        .caseId(supportCase.map(Case::id).orElse(null))
                        .agentId(supportCase.flatMap(Case::assignee).orElse(null))
                        .channel(command.channel().orElse(followUp.channel()))
                        .followUpId(followUpId)
                        .build());
            }
            List<Feedback> inserted;
            try {
                inserted = replace ? storage.feedback().replaceSurveyAnswer(followUpId, responses)
                        : storage.feedback().insertSurveyAnswer(followUpId, responses);
            } catch (DuplicateEntityException e) {
                if (!replace && "followUpId".equals(e.keyName())) {
                    throw alreadyAnswered();
                }
                throw e;
            }
            for (Feedback f : inserted) {
                events.add(new FeedbackReceived(UUID.randomUUID(), now, f.id(), f.customerId(), f.metric(),
                        f.score(), f.caseId()));
            }
            return inserted;
        });
    }

    private static ValidationException alreadyAnswered() {
        return ValidationException.of(SurveyAnswer.class.getSimpleName(), "token", "AlreadyAnswered",
                "was answered before; one answer per survey");
    }

    /** Each response's score on its scale (NPS on 0 to 10), and no metric twice. */
    private static void checkResponses(SurveyAnswer command) {
        List<Violation> bad = new ArrayList<>();
        java.util.Set<dev.rapport.spi.feedback.FeedbackMetric> seen =
                java.util.EnumSet.noneOf(dev.rapport.spi.feedback.FeedbackMetric.class);
        for (int n = 0; n < command.responses().size(); n++) {
            SurveyAnswer.Response r = command.responses().get(n);
            dev.rapport.spi.feedback.Scale scale = r.scale();
            String at = "responses[" + n + "].";
            if (scale.min() >= scale.max()) {
                bad.add(new Violation(at + "scale", "ScoreOnScale", "min must be less than max"));
            } else if (r.metric() == dev.rapport.spi.feedback.FeedbackMetric.NPS
                    && !scale.equals(dev.rapport.spi.feedback.Scale.NPS_0_TO_10)) {
                bad.add(new Violation(at + "scale", "ScoreOnScale", "NPS must be on 0 to 10, higher is better"));
            } else if (!scale.contains(r.score())) {
                bad.add(new Violation(at + "score", "ScoreOnScale",
                        "must be between " + scale.min() + " and " + scale.max()));
            }
            if (!seen.add(r.metric())) {
                bad.add(new Violation("responses", "Unique", "must not answer " + r.metric() + " twice"));
            }
        }
        if (!bad.isEmpty()) {
            throw new ValidationException(SurveyAnswer.class.getSimpleName(), bad);
        }
    }

    /**
     * The survey token of a follow-up, as the dispatcher gives it to the message template, for hosts that send
     * surveys themselves.
     *
     * @param followUpId the survey follow-up
     * @return the token, good for the configured lifetime from now
     * @throws ValidationException naming {@code followUpId} if it is null
     * @throws IllegalStateException if no survey secret is configured
     */
    public String surveyToken(FollowUpId followUpId) {
        requireArgument("surveyToken", "followUpId", followUpId);
        return surveys.issue(followUpId, runtime.now());
    }
}
