package dev.rapport.followup;

import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.internal.CaseHooks;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.spi.Channel;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FollowUpScheduled;
import dev.rapport.spi.followup.DuplicateIdempotencyKeyException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges new cases with a promised answer time, under an {@link AcknowledgementPolicy}: in the transaction
 * that opens a case, it schedules one follow-up of kind {@link FollowUpKind#ACKNOWLEDGEMENT}, due at once, with
 * idempotency key {@code "acknowledgement/case:<id>"}, so that it commits or rolls back with the case and is stored
 * once however many nodes open cases. The follow-up dispatcher then sends it like any follow-up (in the customer's
 * send window; worth sending until the promised time, after which it expires).
 *
 * <p>Its values are the promise ({@link PromisedAnswer#values}) in the customer's zone and the customer's locale, or
 * the case's language when the case is in another language than the customer's, {@code customerName} and {@code caseSubject} from the dispatcher, and
 * {@link MessageValues#TEMPLATE}: the policy's out-of-hours template when the business was closed at opening,
 * otherwise its template; the dispatcher renders it into {@link MessageValues#TEXT}.
 *
 * <p>The acknowledgement goes on the case's channel of origin when the customer may be contacted and has an address
 * there, else on the first of {@link FollowUpRule#DEFAULT_CHANNELS} that the customer may be contacted on. Nothing
 * is scheduled for an erased customer, a case whose first reply has no SLA target, or a customer with no usable
 * channel. Built by {@code Rapport}; thread-safe.
 */
public final class Acknowledgements implements CaseHooks {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledgements.class);

    /** The prefix of every acknowledgement's idempotency key; the case follows it. */
    public static final String KEY_PREFIX = "acknowledgement" + FollowUps.KEY_SEPARATOR + "case:";

    private final EngineRuntime runtime;
    private final AcknowledgementPolicy policy;
    private final SlaPolicy slaPolicy;
    private final BusinessCalendars calendars;

    /**
     * Hooks over the runtime's storage.
     *
     * @param runtime the shared runtime; its storage keeps the follow-ups
     * @param policy which cases to acknowledge and with which templates
     * @param slaPolicy where the first-reply target comes from
     * @param calendars the business calendars the SLA policy and the acknowledgement policy name
     */
    public Acknowledgements(EngineRuntime runtime, AcknowledgementPolicy policy, SlaPolicy slaPolicy,
            BusinessCalendars calendars) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.slaPolicy = Objects.requireNonNull(slaPolicy, "slaPolicy");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
    }

    /**
     * The idempotency key of a case's acknowledgement.
     *
     * @param supportCase the case
     * @return {@code "acknowledgement/case:<id>"}
     */
    public static String key(Case supportCase) {
        return KEY_PREFIX + supportCase.id();
    }

    @Override
    public void opened(Case opened, List<DomainEvent> events) {
        if (!policy.appliesTo(opened.originChannel())) {
            return;
        }
        String key = key(opened);
        if (runtime.storage().followUps().findByIdempotencyKey(key).isPresent()) {
            return;
        }
        Optional<Customer> found = runtime.storage().customers().findById(opened.customerId());
        if (found.isEmpty() || found.get().status() == CustomerStatus.ERASED) {
            return;
        }
        Customer customer = found.get();
        Optional<PromisedAnswer> promise;
        try {
            promise = PromisedAnswer.of(slaPolicy, calendars, opened, customer.segment(), policy.hoursCalendarId());
        } catch (NotFoundException | IllegalStateException e) {
            // a calendar the SLA names is missing or has no open time: the case opens, unacknowledged
            LOG.warn("Case {} is not acknowledged: its promised answer time cannot be computed ({})", opened.id(),
                    e.getMessage());
            return;
        }
        if (promise.isEmpty()) {
            LOG.debug("Case {} has no first-reply target; no acknowledgement", opened.id());
            return;
        }
        List<Channel> order = new ArrayList<>();
        order.add(opened.originChannel());
        order.addAll(FollowUpRule.DEFAULT_CHANNELS);
        Optional<Channel> channel = FollowUps.chooseChannel(customer, List.copyOf(new java.util.LinkedHashSet<>(order)),
                false);
        if (channel.isEmpty()) {
            LOG.debug("Case {}: the customer has no channel to acknowledge on", opened.id());
            return;
        }
        Instant now = runtime.now();
        Locale locale = MessageLocale.of(opened.language(), customer.locale());
        Map<String, String> values = new LinkedHashMap<>(promise.get().values(customer.timeZone(), locale, now));
        values.put(MessageValues.TEMPLATE, promise.get().outOfHours() ? policy.outOfHoursTemplate()
                : policy.template());
        Instant expires = promise.get().promisedBy().isAfter(now) ? FollowUps.truncate(promise.get().promisedBy())
                : null;
        FollowUp followUp = FollowUp.builder().id(FollowUpId.random()).customerId(customer.id()).caseId(opened.id())
                .kind(FollowUpKind.ACKNOWLEDGEMENT).channel(channel.get()).dueAt(now).expiresAt(expires)
                .idempotencyKey(key).values(values).createdAt(now).updatedAt(now).build();
        runtime.commands().check(followUp);
        try {
            FollowUp stored = runtime.storage().followUps().insert(followUp);
            events.add(new FollowUpScheduled(UUID.randomUUID(), now, stored.id(), stored.customerId(), stored.kind(),
                    stored.dueAt()));
        } catch (DuplicateIdempotencyKeyException e) {
            LOG.debug("Case {} was acknowledged already", opened.id());
        }
    }
}
