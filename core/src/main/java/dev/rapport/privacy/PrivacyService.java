package dev.rapport.privacy;

import dev.rapport.followup.CancellationReason;
import dev.rapport.internal.Arguments;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.Retry;
import dev.rapport.spi.PageWalk;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Assessment;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.Escalation;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.validation.Limits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's rights over their data: {@link #export(CustomerId) export} everything held about them, and
 * {@link #erase(EraseCustomer) erase} their personal data while counts and KPIs keep working. Hosts get it
 * from the facade, {@code rapport.privacy()}, which runs it in the engine's runtime.
 *
 * <p><b>Export</b> writes one JSON document (described field by field in {@code docs/privacy.md}): the customer
 * with identities, consents and attributes, then their interactions, cases with lifecycle history, feedback,
 * follow-ups and complaints with their audit trails, each in the order the repositories return them, fields always in the same order. Read in one
 * transaction, so the parts agree with each other.
 *
 * <p><b>Erasure</b> anonymises in one transaction, all or nothing:
 * <ul>
 *   <li>the customer: name {@value #ERASED_NAME}; identities removed (so no address finds them any more);
 *       preferred channel, birthday and segment cleared; locale {@link Locale#ROOT}; time zone UTC; attributes
 *       replaced by the one attribute {@value #ERASURE_REASON_ATTRIBUTE} holding the reason code; tags and custom
 *       field values removed; status {@link CustomerStatus#ERASED}. Kept: id, consents, acquisition cost, creation
 *       time, churn reason code.</li>
 *   <li>free text that may hold personal data is replaced by {@value #ERASED_TEXT}: interaction summaries and
 *       feedback comments (through the repositories' redaction, see
 *       {@link dev.rapport.spi.interaction.InteractionRepository#redactForCustomer}), case subjects and text custom
 *       field values of cases (removed; kept minimised under a legal hold); follow-up
 *       personalisation values are removed. For records the {@link LegalHold} holds, the text is kept but minimised
 *       (the customer's name, addresses and telephone numbers in it replaced by {@value #ERASED_TEXT}).</li>
 *   <li>complaints and compliments: the complainant's own words (description, remedy sought) are always replaced by
 *       {@value #ERASED_TEXT}; the business's text about them (assessment impact, escalation reasons, holding
 *       reasons, outcome reasons, remedy notes, audit trail details) is replaced too, or, for a complaint the
 *       {@link LegalHold} holds (one still within its retention period), kept minimised. Reference, kind, channel,
 *       stages, deadlines, severity, assessment, escalations, outcome decision, remedies and amounts, root causes
 *       and every time stay, so the complaint register and its KPIs stay complete.</li>
 *   <li>follow-ups: pending ones ({@code SCHEDULED}, {@code CLAIMED}) cancelled with reason
 *       {@code customer_erased}; every follow-up's idempotency key replaced by {@value #ERASED_KEY_PREFIX} and its
 *       id, since keys may carry a date of birth or a host's own key.</li>
 *   <li>kept everywhere: ids, times, channels, directions, kinds, statuses, priorities, scores and scales, amounts,
 *       handle times, codes (categories, reasons), external ids and order references, so every count and KPI
 *       stays the same.</li>
 * </ul>
 * Events after commit: {@code CustomerUpdated} (ids only) when anything changed, and {@code FollowUpCancelled} for
 * each follow-up cancelled. Erasure is idempotent: erasing an erased customer changes nothing and publishes
 * nothing, unless records were added since, which it then anonymises. A follow-up a dispatcher is sending at that
 * moment may still reach the customer; its completion is refused afterwards (the version moved on).
 *
 * <p>When another writer changes one of the customer's records meanwhile ({@link StaleVersionException}), the whole
 * erasure is run again, up to {@link #MAX_ATTEMPTS} times in all. Logs carry ids, counts and the reason code only.
 *
 * <p>Thread-safe: immutable, and safe to share between threads.
 */
public final class PrivacyService {

    /** The name an erased customer is left with. */
    public static final String ERASED_NAME = "erased customer";

    /** What replaces erased free text, and each identifier masked in text kept under legal hold. */
    public static final String ERASED_TEXT = "[erased]";

    /** The attribute an erased customer keeps: the reason code of the erasure. */
    public static final String ERASURE_REASON_ATTRIBUTE = "erasure_reason";

    /** The prefix of the idempotency keys of an erased customer's follow-ups; the follow-up's id follows. */
    public static final String ERASED_KEY_PREFIX = "erased/";

    /** The reason stored on, and published for, the follow-ups an erasure cancels. */
    public static final String CANCEL_REASON = CancellationReason.CUSTOMER_ERASED.code();

    /** The value of the export's {@code format} field. */
    public static final String EXPORT_FORMAT = "rapport.customer-export";

    /** The value of the export's {@code version} field; raised when a field changes meaning or goes away. */
    public static final int EXPORT_VERSION = 1;

    /** How often an erasure is tried in all when other writers keep changing the customer's records. */
    public static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(PrivacyService.class);

    private static final Set<FollowUpStatus> PENDING = EnumSet.of(FollowUpStatus.SCHEDULED, FollowUpStatus.CLAIMED);

    private final RapportStorage storage;
    private final UnitOfWork unitOfWork;
    private final CommandValidator validator;
    private final Clock clock;
    private final LegalHold legalHold;

    /**
     * Creates the service; {@code Rapport} does this and hands it to hosts as {@code rapport.privacy()}.
     *
     * @param runtime the storage, clock, validator and unit of work shared by every service
     * @param legalHold which records of an erased customer must be kept, minimised ({@link LegalHold#NONE} holds
     *        nothing)
     * @throws ValidationException naming {@code runtime} or {@code legalHold} when null
     */
    public PrivacyService(EngineRuntime runtime, LegalHold legalHold) {
        List<Violation> violations = new ArrayList<>();
        if (runtime == null) {
            violations.add(new Violation("runtime", "NotNull", "must not be null"));
        }
        if (legalHold == null) {
            violations.add(new Violation("legalHold", "NotNull", "must not be null"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("PrivacyService", violations);
        }
        storage = runtime.storage();
        unitOfWork = runtime.unitOfWork();
        validator = runtime.commands();
        clock = runtime.clock();
        this.legalHold = legalHold;
    }

    /**
     * The legal hold policy erasures consult.
     *
     * @return the legal hold erasures consult; {@link LegalHold#NONE} unless the builder set another
     */
    public LegalHold legalHold() {
        return legalHold;
    }

    // ------------------------------------------------------------------------------------------------ export

    /**
     * Everything held about a customer, as one JSON document; see the type's documentation and
     * {@code docs/privacy.md}.
     *
     * @param customerId the customer whose data to export
     * @return the customer's data as one JSON document
     * @throws ValidationException naming {@code customerId} if it is null
     * @throws CustomerNotFoundException if no customer has the id
     */
    public String export(CustomerId customerId) {
        Arguments.requireArgument("export", "customerId", customerId);
        String json = unitOfWork.run(events -> CustomerExport.write(storage, customerId, now()));
        LOG.debug("Exported the data of customer {}", customerId);
        return json;
    }

    // ------------------------------------------------------------------------------------------------ erasure

    /**
     * Erases a customer's personal data; short for {@code erase(new EraseCustomer(customerId, reason))}.
     *
     * @param customerId the customer to erase
     * @param reason why, as a code that is safe to store and log, for example {@code "gdpr_request"}
     * @return what the erasure changed, kept and cancelled
     * @throws ValidationException naming {@code customerId} or {@code reason}
     * @throws CustomerNotFoundException if no customer has the id
     */
    public ErasureReport erase(CustomerId customerId, String reason) {
        return erase(new EraseCustomer(customerId, reason));
    }

    /**
     * Erases a customer's personal data, in one transaction; see the type's documentation.
     *
     * @param command the customer to erase and the reason
     * @return what was changed
     * @throws ValidationException naming every bad field of the command; nothing is changed
     * @throws CustomerNotFoundException if no customer has the id
     * @throws StaleVersionException if other writers changed the customer's records on every attempt
     */
    public ErasureReport erase(EraseCustomer command) {
        validator.check(command);
        return Retry.onStaleVersion(MAX_ATTEMPTS, "Records of customer " + command.customerId(), () -> {
            ErasureReport report = unitOfWork.run(events -> eraseIn(command, events));
            if (report.changedAnything()) {
                LOG.info("Erased customer {} ({}): customer {}, {} interaction(s), {} case(s), {} feedback, "
                                + "{} complaint(s), {} follow-up(s) redacted, {} cancelled, {} record(s) held",
                        report.customerId(), report.reason(), report.customerAnonymised() ? "anonymised" : "kept",
                        report.interactionsRedacted(), report.casesRedacted(), report.feedbackRedacted(),
                        report.complaintsRedacted(), report.followUpsRedacted(),
                        report.followUpsCancelled().size(), report.recordsHeld());
            } else {
                LOG.debug("Customer {} was already erased; nothing changed", report.customerId());
            }
            return report;
        });
    }

    private ErasureReport eraseIn(EraseCustomer command, List<DomainEvent> events) {
        CustomerId id = command.customerId();
        Instant now = now();
        Customer current = storage.customers().get(id);
        PersonalDataMask mask = PersonalDataMask.of(current);
        int[] held = new int[1];

        String reason = current.status() == CustomerStatus.ERASED
                ? current.attributes().getOrDefault(ERASURE_REASON_ATTRIBUTE, command.reason()) : command.reason();
        Customer anonymous = current.toBuilder()
                .name(ERASED_NAME)
                .identities(List.of())
                .preferredChannel(null)
                .locale(Locale.ROOT)
                .timeZone(ZoneOffset.UTC)
                .birthday(null)
                .segment(null)
                .attributes(Map.of(ERASURE_REASON_ATTRIBUTE, reason))
                .status(CustomerStatus.ERASED)
                .tags(java.util.Set.of())
                .fields(Map.of())
                .build();
        boolean customerChanged = !anonymous.equals(current);
        if (customerChanged) {
            storage.customers().update(anonymous.toBuilder().updatedAt(now).build());
        }

        int interactions = redactInteractions(id, mask, held);
        int feedback = redactFeedback(id, mask, held);

        int cases = 0;
        for (Case supportCase : all(page -> storage.cases().findByCustomer(id, page))) {
            boolean hold = legalHold.holds(supportCase);
            held[0] += hold ? 1 : 0;
            String subject = hold ? fit(mask.apply(supportCase.subject()), Limits.SUBJECT) : ERASED_TEXT;
            if (subject.isBlank()) {
                subject = ERASED_TEXT;
            }
            // a case's tags and number, date and choice values are codes, kept for KPIs; text values may hold
            // personal data: removed, or under a legal hold minimised
            Map<String, dev.rapport.spi.field.FieldValue> fields = new java.util.TreeMap<>();
            for (Map.Entry<String, dev.rapport.spi.field.FieldValue> e : supportCase.fields().entrySet()) {
                if (!(e.getValue() instanceof dev.rapport.spi.field.FieldValue.TextValue text)) {
                    fields.put(e.getKey(), e.getValue());
                } else if (hold) {
                    String masked = fit(mask.apply(text.value()), Limits.FIELD_TEXT);
                    fields.put(e.getKey(), dev.rapport.spi.field.FieldValue.text(masked.isBlank() ? ERASED_TEXT
                            : masked));
                }
            }
            // a move's reason is free text a host or agent wrote, so it goes like the subject; actors stay
            UnaryOperator<String> reasonMask = hold
                    ? text -> fit(mask.apply(text), Limits.HOST_TEXT) : text -> ERASED_TEXT;
            List<dev.rapport.spi.cases.StatusChange> history = supportCase.history().stream()
                    .map(m -> m.reason().isEmpty() ? m : new dev.rapport.spi.cases.StatusChange(m.from(), m.to(),
                            m.at(), m.reason().map(reasonMask).filter(r -> !r.isBlank()).or(() -> Optional.of(
                                    ERASED_TEXT)), m.actor()))
                    .toList();
            if (!subject.equals(supportCase.subject()) || !fields.equals(supportCase.fields())
                    || !history.equals(supportCase.history())) {
                storage.cases().update(supportCase.toBuilder().subject(subject).fields(fields).history(history)
                        .updatedAt(now)
                        .build());
                cases++;
            }
        }

        // who did what: the trails of the customer, of the customers merged into them, and of their cases
        UnaryOperator<String> erased = text -> ERASED_TEXT;
        TrailRedaction.redact(storage, dev.rapport.spi.audit.AuditSubject.of(id), erased);
        for (dev.rapport.spi.customer.CustomerMerge merge : storage.customerMerges().findInto(id)) {
            TrailRedaction.redact(storage, dev.rapport.spi.audit.AuditSubject.of(merge.merged()), erased);
        }
        for (Case supportCase : all(page -> storage.cases().findByCustomer(id, page))) {
            TrailRedaction.redact(storage, dev.rapport.spi.audit.AuditSubject.of(supportCase.id()),
                    legalHold.holds(supportCase) ? text -> fit(mask.apply(text), Limits.HOST_TEXT) : erased);
        }
        if (customerChanged) {
            dev.rapport.internal.AuditLog.customer(storage, id, now, command.actor(),
                    dev.rapport.spi.audit.TrailAction.ERASED, null, null, reason);
        }

        int complaints = 0;
        for (Complaint complaint : all(page -> storage.complaints().findByCustomer(id, page))) {
            boolean hold = legalHold.holds(complaint);
            held[0] += hold ? 1 : 0;
            if (redactComplaint(complaint, hold ? text -> fit(mask.apply(text), Limits.TEXT) : text -> ERASED_TEXT,
                    now)) {
                complaints++;
            }
        }

        int followUpsRedacted = 0;
        List<FollowUpId> cancelled = new ArrayList<>();
        for (FollowUp followUp : all(page -> storage.followUps().findByCustomer(id, page))) {
            boolean hold = legalHold.holds(followUp);
            held[0] += hold ? 1 : 0;
            Map<String, String> values = new LinkedHashMap<>();
            if (hold) {
                followUp.values().forEach((key, value) -> values.put(key, fit(mask.apply(value),
                        Limits.ATTRIBUTE_VALUE)));
            }
            FollowUp.Builder next = followUp.toBuilder().values(values)
                    .idempotencyKey(ERASED_KEY_PREFIX + followUp.id()).occasionDate(null);
            boolean cancel = PENDING.contains(followUp.status());
            if (cancel) {
                next.status(FollowUpStatus.CANCELLED).cancelReason(CANCEL_REASON).leaseOwner(null).leaseUntil(null);
            }
            FollowUp changed = next.build();
            if (!changed.equals(followUp)) {
                storage.followUps().update(changed.toBuilder().updatedAt(now).build());
                followUpsRedacted++;
                if (cancel) {
                    cancelled.add(followUp.id());
                }
            }
        }

        ErasureReport report = new ErasureReport(id, reason, now, customerChanged, interactions, cases, feedback,
                complaints, followUpsRedacted, cancelled, held[0]);
        if (report.changedAnything()) {
            events.add(new CustomerUpdated(UUID.randomUUID(), now, id));
            cancelled.forEach(f -> events.add(new FollowUpCancelled(UUID.randomUUID(), now, f, CANCEL_REASON)));
        }
        return report;
    }

    /**
     * Redacts the customer's interaction summaries: all of them with one bulk call when the hold keeps none, else
     * one by one, the held ones minimised.
     */
    private int redactInteractions(CustomerId id, PersonalDataMask mask, int[] held) {
        List<Interaction> interactions = all(page -> storage.interactions().findByCustomer(id, TimeRange.ALL, page));
        List<Interaction> holding = interactions.stream().filter(legalHold::holds).toList();
        held[0] += holding.size();
        if (holding.isEmpty()) {
            return storage.interactions().redactForCustomer(id, ERASED_TEXT);
        }
        int changed = 0;
        for (Interaction interaction : interactions) {
            Optional<String> target = holding.contains(interaction)
                    ? interaction.summary().map(text -> fit(mask.apply(text), Limits.TEXT))
                    : interaction.summary().map(text -> ERASED_TEXT);
            if (!target.equals(interaction.summary()) && storage.interactions().redact(interaction.id(), target)) {
                changed++;
            }
        }
        return changed;
    }

    /** Redacts the customer's feedback comments, as {@link #redactInteractions} does summaries. */
    private int redactFeedback(CustomerId id, PersonalDataMask mask, int[] held) {
        List<Feedback> responses = all(page -> storage.feedback().findByCustomer(id, page));
        List<Feedback> holding = responses.stream().filter(legalHold::holds).toList();
        held[0] += holding.size();
        if (holding.isEmpty()) {
            return storage.feedback().redactForCustomer(id, ERASED_TEXT);
        }
        int changed = 0;
        for (Feedback response : responses) {
            Optional<String> target = holding.contains(response)
                    ? response.comment().map(text -> fit(mask.apply(text), Limits.TEXT))
                    : response.comment().map(text -> ERASED_TEXT);
            if (!target.equals(response.comment()) && storage.feedback().redact(response.id(), target)) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * Redacts one complaint: the complainant's own words always become {@value #ERASED_TEXT}; the business's text
     * about it, and its audit trail's details, go through {@code keep} (erased, or minimised under hold).
     *
     * @return whether the complaint or its audit trail changed
     */
    private boolean redactComplaint(Complaint complaint, UnaryOperator<String> keep, Instant now) {
        Complaint next = complaint.toBuilder()
                .description(ERASED_TEXT)
                .remedySought(complaint.remedySought().map(text -> ERASED_TEXT).orElse(null))
                .assessment(complaint.assessment().map(a -> new Assessment(a.severity(), a.complexity(),
                        a.priority(), a.impact().map(keep).filter(t -> !t.isBlank()), a.assessedBy(), a.assessedAt()))
                        .orElse(null))
                .deadlines(complaint.deadlines().stream().map(d -> new ComplaintDeadline(d.code(), d.dueAt(),
                        d.extendedTo(), d.holdingReason().map(keep).filter(t -> !t.isBlank()), d.metAt(),
                        d.lastReminderAt(), d.breachRaisedAt())).toList())
                .escalations(complaint.escalations().stream().map(e -> new Escalation(e.level(), e.body(),
                        e.reason().map(keep).filter(t -> !t.isBlank()), e.at())).toList())
                .outcome(complaint.outcome().map(o -> new ComplaintOutcome(o.decision(), nonBlank(keep.apply(
                        o.reasons())), o.remedies().stream().map(r -> new Remedy(r.type(), r.amount(),
                        r.note().map(keep).map(t -> fit(t, Limits.ATTRIBUTE_VALUE)).filter(t -> !t.isBlank())))
                        .toList(), o.decidedAt(), o.customerAccepted(), o.customerRepliedAt())).orElse(null))
                .build();
        boolean changed = false;
        if (!next.equals(complaint)) {
            storage.complaints().update(next.toBuilder().updatedAt(now).build());
            changed = true;
        }
        List<AuditEntry> trail = storage.complaints().auditTrail(complaint.id());
        Map<Integer, Optional<String>> details = new LinkedHashMap<>();
        for (int position = 0; position < trail.size(); position++) {
            Optional<String> detail = trail.get(position).detail();
            Optional<String> target = detail.map(keep).filter(t -> !t.isBlank());
            if (!target.equals(detail)) {
                details.put(position, target);
            }
        }
        if (!details.isEmpty() && storage.complaints().redactAuditDetails(complaint.id(), details) > 0) {
            changed = true;
        }
        return changed;
    }

    private static String nonBlank(String text) {
        return text.isBlank() ? ERASED_TEXT : text;
    }

    /** The text cut to the limit, without splitting a surrogate pair; masking may make a text longer. */
    static String fit(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end);
    }

    /** Every item of a paged query. */
    static <T> List<T> all(Function<PageRequest, Page<T>> query) {
        List<T> items = new ArrayList<>();
        PageWalk.byOffset(PageRequest.MAX_LIMIT, query).forEach(items::add);
        return items;
    }

    private Instant now() {
        return Arguments.now(clock);
    }

    // ------------------------------------------------------------------------------------------------ builder
}
