package dev.rapport.interaction;

import dev.rapport.internal.CaseHooks;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.internal.Retry;
import static dev.rapport.internal.Arguments.requireArgument;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.InteractionNotFoundException;
import dev.rapport.spi.interaction.Visibility;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records interactions on any channel and applies their effects to the case they belong to, in the same
 * transaction. Obtained from {@code Rapport#interactions()}.
 *
 * <p><b>Idempotency.</b> An interaction with an external id (a webhook's message id, a call id) is recorded once:
 * recording the same external id again, even concurrently, returns the first interaction, stores nothing and
 * publishes nothing. The repeat's content is not compared with the first.
 *
 * <p><b>References.</b> The customer must be registered, a given case must exist and belong to that customer, and
 * a given agent must exist; otherwise a {@link ValidationException} names {@code customerId}, {@code caseId} or
 * {@code agentId}, and nothing is stored.
 *
 * <p><b>Effects on the case.</b>
 * <ul>
 *   <li>A public reply by a human agent ({@link Interaction#isHumanPublicReply()}) sets the case's
 *       {@code firstReplyAt} to when it occurred, if the case has none yet or this reply occurred earlier. Replies
 *       by bots and automatic messages, and internal notes, never count as replies.</li>
 *   <li>A public message from the customer, handled by a human, of a kind that asks for an answer
 *       ({@link #CUSTOMER_MESSAGE_KINDS}), moves a case that waits on the customer ({@code PENDING_CUSTOMER}) back to
 *       {@code OPEN}, and reopens a {@code RESOLVED} case ({@code RESOLVED -> OPEN}, counted in its reopen count).
 *       Compliments, feedback and purchases do not reopen a case. A closed case stays closed.</li>
 * </ul>
 * Events: {@code InteractionRecorded}, then {@code CaseStatusChanged} when the case moved, after commit.
 *
 * <p>Thread-safe: immutable, and safe to share between threads.
 */
public final class InteractionService {

    /** How often a recording is tried in all when other writers keep changing the case it belongs to. */
    public static final int MAX_ATTEMPTS = 5;

    /** The kinds of inbound interaction that ask the business for an answer, and so move or reopen a case. */
    public static final Set<InteractionKind> CUSTOMER_MESSAGE_KINDS = Set.copyOf(EnumSet.of(
            InteractionKind.MESSAGE, InteractionKind.QUESTION, InteractionKind.REQUEST, InteractionKind.COMPLAINT,
            InteractionKind.CALL, InteractionKind.MISSED_CALL));

    private static final Logger LOG = LoggerFactory.getLogger(InteractionService.class);

    private final RapportStorage storage;
    private final UnitOfWork unitOfWork;
    private final CommandValidator validator;
    private final EngineRuntime runtime;
    private final CaseHooks hooks;

    /**
     * Creates the service over the runtime a Rapport shares between its services: its storage, unit of work,
     * validator and clock, and its case hooks, which run in every transaction in which a message moves or reopens
     * a case. The facade's constructor: {@code Rapport} does this, hosts use {@code Rapport#interactions()}.
     *
     * @param runtime the shared runtime
     */
    public InteractionService(EngineRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.storage = runtime.storage();
        this.unitOfWork = runtime.unitOfWork();
        this.validator = runtime.commands();
        this.hooks = runtime.caseHooks();
    }

    /**
     * Records an interaction and applies its effects to its case; see the type's documentation.
     *
     * @param command the customer, channel, direction, kind and optional details of what happened
     * @return the interaction as stored, or the one stored first under the same external id
     * @throws ValidationException naming every bad field of the command, or the reference that does not resolve
     */
    public Interaction record(RecordInteraction command) {
        validator.check(command);
        Optional<Interaction> first = command.externalId().flatMap(storage.interactions()::findByExternalId);
        if (first.isPresent()) {
            return first.get();
        }
        InteractionId id = InteractionId.random();
        return Retry.onStaleVersion(MAX_ATTEMPTS, "Case of interaction " + id, () -> {
            try {
                boolean[] statusChanged = new boolean[1];
                Interaction stored = unitOfWork.run(events -> {
                    statusChanged[0] = false;
                    return recordIn(id, command, events, statusChanged);
                });
                if (statusChanged[0]) {
                    hooks.committed();
                }
                LOG.debug("Recorded interaction {} for customer {}", stored.id(), stored.customerId());
                return stored;
            } catch (DuplicateExternalIdException e) {
                return storage.interactions().get(e.existing());
            }
        });
    }

    private Interaction recordIn(InteractionId id, RecordInteraction command, List<DomainEvent> events,
            boolean[] statusChanged) {
        Optional<Interaction> first = command.externalId().flatMap(storage.interactions()::findByExternalId);
        if (first.isPresent()) {
            return first.get();
        }
        Optional<Case> supportCase = checkReferences(command);
        Instant now = runtime.now();
        // Built from a checked command. Not validated again as a whole: Hibernate Validator rejects the contract's
        // Optional<@NotBlank String> components when they are empty.
        Interaction interaction = Interaction.builder()
                .id(id)
                .customerId(command.customerId())
                .channel(command.channel())
                .direction(command.direction())
                .occurredAt(command.occurredAt().map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(now))
                .agentId(command.agentId().orElse(null))
                .caseId(command.caseId().orElse(null))
                .kind(command.kind())
                .handledBy(command.handledBy())
                .visibility(command.visibility())
                .handleTime(command.handleTime().orElse(null))
                .summary(command.summary().orElse(null))
                .externalId(command.externalId().orElse(null))
                .orderRef(command.orderRef().orElse(null))
                .amount(command.amount().orElse(null))
                .reason(command.reason().orElse(null))
                .recordedAt(now)
                .waitTime(command.waitTime().orElse(null))
                .abandoned(command.abandoned())
                .build();
        Interaction stored = storage.interactions().insert(interaction);
        events.add(new InteractionRecorded(UUID.randomUUID(), now, stored.id(), stored.customerId(),
                stored.caseId(), stored.channel(), stored.kind(), stored.direction()));
        supportCase.ifPresent(c -> statusChanged[0] = applyToCase(c, stored, now, events));
        return stored;
    }

    /** The case the interaction belongs to, after checking every reference resolves. */
    private Optional<Case> checkReferences(RecordInteraction command) {
        List<Violation> violations = new ArrayList<>();
        if (storage.customers().findById(command.customerId()).isEmpty()) {
            violations.add(new Violation("customerId", "Exists", "must name a registered customer"));
        }
        Optional<Case> supportCase = command.caseId().flatMap(storage.cases()::findById);
        if (command.caseId().isPresent()) {
            if (supportCase.isEmpty()) {
                violations.add(new Violation("caseId", "Exists", "must name an existing case"));
            } else if (!supportCase.get().customerId().equals(command.customerId())) {
                violations.add(new Violation("caseId", "SameCustomer", "must name a case of the same customer"));
            }
        }
        if (command.agentId().isPresent() && storage.agents().findById(command.agentId().get()).isEmpty()) {
            violations.add(new Violation("agentId", "Exists", "must name an existing agent"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(RecordInteraction.class.getSimpleName(), violations);
        }
        return supportCase;
    }

    /** Applies the interaction to its case; whether the case's status changed (the hooks then ran). */
    private boolean applyToCase(Case current, Interaction interaction, Instant now, List<DomainEvent> events) {
        Case next = current;
        if (interaction.isHumanPublicReply() && current.firstReplyAt()
                .map(at -> interaction.occurredAt().isBefore(at)).orElse(true)) {
            next = next.toBuilder().firstReplyAt(interaction.occurredAt()).updatedAt(now).build();
        }
        boolean waitsOnCustomer = current.status() == CaseStatus.PENDING_CUSTOMER
                || current.status() == CaseStatus.RESOLVED;
        if (isCustomerMessage(interaction) && waitsOnCustomer) {
            // the customer's own message moves the case: the move is theirs
            next = next.moveTo(CaseStatus.OPEN, now, dev.rapport.spi.cases.Actor.customer(interaction.customerId()),
                    java.util.Optional.empty());
        }
        if (next.equals(current)) {
            return false;
        }
        Case updated = storage.cases().update(next);
        if (updated.status() == current.status()) {
            return false;
        }
        events.add(new CaseStatusChanged(UUID.randomUUID(), now, current.id(), current.status(), updated.status()));
        hooks.statusChanged(current, updated, events);
        return true;
    }

    private static boolean isCustomerMessage(Interaction interaction) {
        return interaction.direction() == Direction.INBOUND && interaction.visibility() == Visibility.PUBLIC
                && interaction.handledBy() == Handler.HUMAN && CUSTOMER_MESSAGE_KINDS.contains(interaction.kind());
    }

    /**
     * The interaction with the id, if recorded.
     *
     * @param interactionId the interaction to look up
     * @return the interaction, or empty if none is recorded under the id
     * @throws ValidationException naming {@code interactionId} if it is null
     */
    public Optional<Interaction> find(InteractionId interactionId) {
        requireArgument("find", "interactionId", interactionId);
        return storage.interactions().findById(interactionId);
    }

    /**
     * The interaction with the id.
     *
     * @param interactionId the interaction to look up
     * @return the interaction as stored
     * @throws ValidationException naming {@code interactionId} if it is null
     * @throws InteractionNotFoundException if none is recorded
     */
    public Interaction get(InteractionId interactionId) {
        requireArgument("get", "interactionId", interactionId);
        return storage.interactions().get(interactionId);
    }

    /**
     * The interaction recorded under a source system's id, if any; the comparison is exact.
     *
     * @param externalId the source system's id, compared exactly
     * @return the interaction recorded under it, or empty if none
     * @throws ValidationException naming {@code externalId} if it is null
     */
    public Optional<Interaction> findByExternalId(String externalId) {
        requireArgument("findByExternalId", "externalId", externalId);
        return storage.interactions().findByExternalId(externalId);
    }

    /**
     * Every interaction of a case, the whole story, ordered by occurrence time, then id.
     *
     * @param caseId the case whose interactions to list
     * @return the case's interactions, oldest first; empty if it has none or does not exist
     * @throws ValidationException naming {@code caseId} if it is null
     */
    public List<Interaction> findByCase(CaseId caseId) {
        requireArgument("findByCase", "caseId", caseId);
        return storage.interactions().findByCase(caseId);
    }

    /**
     * A customer's interactions that occurred in the range, ordered by occurrence time, then id.
     *
     * @param customerId the customer whose interactions to list
     * @param occurred the half-open range of occurrence times to include; {@link TimeRange#ALL} for every time
     * @param page which page to read, and its size
     * @return one page of the customer's interactions in the range
     * @throws ValidationException naming the argument that is null
     */
    public Page<Interaction> findByCustomer(CustomerId customerId, TimeRange occurred, PageRequest page) {
        requireArgument("findByCustomer", "customerId", customerId);
        requireArgument("findByCustomer", "occurred", occurred);
        requireArgument("findByCustomer", "page", page);
        return storage.interactions().findByCustomer(customerId, occurred, page);
    }
}
