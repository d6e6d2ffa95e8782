package dev.rapport.followup;

import dev.rapport.internal.Arguments;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.FollowUpFailed;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link FollowUpDispatcher} does with each claimed follow-up: reads what a batch needs in a few calls, then
 * expires, cancels, defers, sends, retries after a backoff or fails each one, as a {@link Decision} to store with
 * the round. Sends through the messenger; stores nothing. Thread-safe: holds only immutable configuration; a
 * {@link Batch} belongs to one round.
 */
final class DispatchDecisions {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpDispatcher.class);

    /** What became of one claimed follow-up. */
    enum Outcome { SENT, RETRIED, FAILED, EXPIRED, CANCELLED, DEFERRED, RELEASED, ABANDONED, LEASE_LOST }

    private final RapportStorage storage;
    private final CustomerMessenger messenger;
    private final Clock clock;
    private final SendWindow sendWindow;
    private final dev.rapport.feedback.SurveyTokens surveyTokens;
    private final Templates templates;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final double jitter;

    DispatchDecisions(RapportStorage storage, CustomerMessenger messenger, Clock clock, SendWindow sendWindow,
            dev.rapport.feedback.SurveyTokens surveyTokens, Templates templates, int maxAttempts,
            Duration backoffBase, Duration backoffMax, double jitter) {
        this.storage = storage;
        this.messenger = messenger;
        this.clock = clock;
        this.sendWindow = sendWindow;
        this.surveyTokens = surveyTokens;
        this.templates = templates;
        this.maxAttempts = maxAttempts;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.jitter = jitter;
    }

    /**
     * What a batch needs from the store, read up front in a few calls instead of several per follow-up: the
     * customers, the cases follow-ups refer to, and their assignees (read once per agent).
     */
    final class Batch {
        final Map<CustomerId, Customer> customers;
        final Map<CaseId, Case> cases;
        final Map<AgentId, Optional<Agent>> agents = new HashMap<>();

        Batch(Map<CustomerId, Customer> customers, Map<CaseId, Case> cases) {
            this.customers = customers;
            this.cases = cases;
        }

        Optional<Agent> agent(AgentId id) {
            return agents.computeIfAbsent(id, storage.agents()::findById);
        }
    }

    Batch load(List<FollowUp> claimed) {
        Set<CustomerId> customerIds = new LinkedHashSet<>();
        Set<CaseId> caseIds = new LinkedHashSet<>();
        for (FollowUp followUp : claimed) {
            customerIds.add(followUp.customerId());
            followUp.caseId().ifPresent(caseIds::add);
        }
        // both reads in one transaction: on a JDBC store one connection and one commit for the batch, not two
        return storage.transactions().inTransaction(() -> {
            Map<CaseId, Case> cases = caseIds.isEmpty() ? Map.of() : storage.cases().findAllById(caseIds);
            return new Batch(storage.customers().findAllById(customerIds), cases);
        });
    }

    Decision handle(FollowUp followUp, Batch batch) {
        Instant now = Arguments.now(clock);
        if (followUp.leaseUntil().isEmpty() || !now.isBefore(followUp.leaseUntil().get())) {
            return new Decision(followUp, null, null, Outcome.LEASE_LOST); // by our clock; another may hold it
        }
        if (isExpired(followUp, now)) {
            return decide(followUp, f -> f.status(FollowUpStatus.EXPIRED), null, Outcome.EXPIRED);
        }
        Customer customer = batch.customers.get(followUp.customerId());
        if (customer == null) {
            return cancel(followUp, CancellationReason.CUSTOMER_NOT_FOUND);
        }
        if (customer.status() == CustomerStatus.ERASED) {
            return cancel(followUp, CancellationReason.CUSTOMER_ERASED);
        }
        if (!customer.mayContactOn(followUp.channel())) {
            return cancel(followUp, CancellationReason.OPTED_OUT);
        }
        int attempt = followUp.attempts() + 1;
        Optional<ContactIdentity> address = customer.addressOn(followUp.channel());
        if (address.isEmpty()) {
            return fail(followUp, attempt, "no address on channel " + followUp.channel(), now);
        }
        ZoneId zone = customer.timeZone();
        if (!sendWindow.isAllowed(now, zone)) {
            Instant next = FollowUps.truncate(sendWindow.nextAllowed(now, zone));
            if (followUp.expiresAt().isPresent() && !next.isBefore(followUp.expiresAt().get())) {
                return decide(followUp, f -> f.status(FollowUpStatus.EXPIRED), null, Outcome.EXPIRED);
            }
            return decide(followUp, f -> f.status(FollowUpStatus.SCHEDULED).dueAt(next), null, Outcome.DEFERRED);
        }
        OutboundMessage message;
        try {
            message = message(followUp, customer, address.get(), batch);
        } catch (TemplateNotFoundException e) {
            return retry(followUp, attempt, FollowUps.errorText(e.getMessage()), zone); // the host may add it
        } catch (MissingTemplateValueException | ValidationException e) {
            return fail(followUp, attempt, FollowUps.errorText(e.getMessage()), now);
        }
        try {
            messenger.send(message);
        } catch (MessageDeliveryException e) {
            return e.retryable() ? retry(followUp, attempt, FollowUps.errorText(e.getMessage()), zone)
                    : fail(followUp, attempt, FollowUps.errorText(e.getMessage()), now);
        } catch (RuntimeException e) {
            return retry(followUp, attempt, e.getClass().getName(), zone);
        }
        Instant sentAt = Arguments.now(clock);
        return decide(followUp, f -> f.status(FollowUpStatus.SENT).attempts(attempt),
                new FollowUpSent(UUID.randomUUID(), sentAt, followUp.id(), attempt), Outcome.SENT);
    }

    private OutboundMessage message(FollowUp followUp, Customer customer, ContactIdentity address, Batch batch) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(MessageValues.CUSTOMER_NAME, customer.name());
        Optional<Case> supportCase = followUp.caseId().map(batch.cases::get);
        supportCase.ifPresent(c -> {
            values.put(MessageValues.CASE_SUBJECT, c.subject());
            c.assignee().flatMap(batch::agent).map(Agent::name)
                    .ifPresent(name -> values.put(MessageValues.AGENT_NAME, name));
        });
        if (surveyTokens.settings().enabled() && FollowUpKind.SURVEY.equals(followUp.kind())) {
            // the survey comes back through this token: FeedbackService.answerSurvey checks it
            String token = surveyTokens.issue(followUp.id(), Arguments.now(clock));
            values.put(MessageValues.SURVEY_TOKEN, token);
            surveyTokens.settings().linkPrefix().ifPresent(p -> values.put(MessageValues.SURVEY_LINK, p + token));
        }
        values.putAll(followUp.values());
        Locale locale = MessageLocale.of(supportCase.flatMap(Case::language), customer.locale());
        String template = values.get(MessageValues.TEMPLATE);
        if (templates != null && template != null) {
            values.put(MessageValues.TEXT, templates.render(template, locale, values));
        }
        return new OutboundMessage(FollowUpDispatcher.messageKey(followUp.id()), customer.id(), followUp.kind().code(),
                followUp.channel(), address.value(), locale, values);
    }

    private Decision retry(FollowUp followUp, int attempt, String error, ZoneId zone) {
        Instant now = Arguments.now(clock);
        if (attempt >= maxAttempts) {
            return fail(followUp, attempt, error, now);
        }
        Instant next = FollowUps.truncate(sendWindow.nextAllowed(now.plus(backoff(attempt)), zone));
        LOG.debug("Follow-up {} attempt {} failed; retrying at {}", followUp.id(), attempt, next);
        if (followUp.expiresAt().isPresent() && !next.isBefore(followUp.expiresAt().get())) {
            return decide(followUp, f -> f.status(FollowUpStatus.EXPIRED).attempts(attempt).lastError(error), null,
                    Outcome.EXPIRED);
        }
        return decide(followUp, f -> f.status(FollowUpStatus.SCHEDULED).attempts(attempt).lastError(error)
                .dueAt(next), null, Outcome.RETRIED);
    }

    private Decision fail(FollowUp followUp, int attempt, String error, Instant now) {
        LOG.warn("Follow-up {} failed after {} attempt(s); parked as failed", followUp.id(), attempt);
        return decide(followUp, f -> f.status(FollowUpStatus.FAILED).attempts(attempt).lastError(error),
                new FollowUpFailed(UUID.randomUUID(), now, followUp.id(), attempt, error), Outcome.FAILED);
    }

    private Decision cancel(FollowUp followUp, CancellationReason reason) {
        Instant now = Arguments.now(clock);
        return decide(followUp, f -> f.status(FollowUpStatus.CANCELLED).cancelReason(reason.code()),
                new FollowUpCancelled(UUID.randomUUID(), now, followUp.id(), reason.code()), Outcome.CANCELLED);
    }

    Decision release(FollowUp followUp) {
        return decide(followUp, f -> f.status(FollowUpStatus.SCHEDULED), null, Outcome.RELEASED);
    }

    /** A claimed follow-up's next state, lease cleared, with the event to raise once it is stored. */
    record Decision(FollowUp claimed, FollowUp next, DomainEvent event, Outcome outcome) { }

    private Decision decide(FollowUp claimed, UnaryOperator<FollowUp.Builder> change, DomainEvent event,
            Outcome outcome) {
        Instant now = Arguments.now(clock);
        FollowUp next = change.apply(claimed.toBuilder().leaseOwner(null).leaseUntil(null).updatedAt(now)).build();
        return new Decision(claimed, next, event, outcome);
    }

    private static boolean isExpired(FollowUp followUp, Instant now) {
        return followUp.expiresAt().isPresent() && !now.isBefore(followUp.expiresAt().get());
    }

    /** The delay before retry {@code attempt + 1}: base doubled per attempt, capped, shortened by jitter. */
    Duration backoff(int attempt) {
        Duration delay = backoffBase;
        for (int i = 1; i < attempt && delay.compareTo(backoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(backoffMax) > 0) {
            delay = backoffMax;
        }
        if (jitter > 0) {
            double share = jitter * ThreadLocalRandom.current().nextDouble();
            delay = delay.minusNanos((long) (delay.toNanos() * share));
        }
        return delay;
    }
}
