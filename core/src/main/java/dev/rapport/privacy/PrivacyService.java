package dev.rapport.privacy;

import dev.rapport.Rapport;
import dev.rapport.followup.CancellationReason;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.validation.Limits;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's rights over their data: {@link #export(CustomerId) export} everything held about them, and
 * {@link #erase(EraseCustomer) erase} their personal data while counts and KPIs keep working. Built with
 * {@link #builder(Rapport)} next to a Rapport, or with {@link #builder(RapportStorage)} on its own.
 *
 * <p><b>Export</b> writes one JSON document (described field by field in {@code docs/privacy.md}): the customer
 * with identities, consents and attributes, then their interactions, cases with lifecycle history, feedback and
 * follow-ups, each in the order the repositories return them, fields always in the same order. Read in one
 * transaction, so the parts agree with each other.
 *
 * <p><b>Erasure</b> anonymises in one transaction, all or nothing:
 * <ul>
 *   <li>the customer: name {@value #ERASED_NAME}; identities removed (so no address finds them any more);
 *       preferred channel, birthday and segment cleared; locale {@link Locale#ROOT}; time zone UTC; attributes
 *       replaced by the one attribute {@value #ERASURE_REASON_ATTRIBUTE} holding the reason code; status
 *       {@link CustomerStatus#ERASED}. Kept: id, consents, acquisition cost, creation time.</li>
 *   <li>free text that may hold personal data: interaction summaries and feedback comments removed, case subjects
 *       replaced by {@value #ERASED_TEXT}, follow-up personalisation values removed; for records the
 *       {@link LegalHold} holds, the text is kept but minimised (the customer's name, addresses and telephone
 *       numbers in it replaced by {@value #ERASED_TEXT}).</li>
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
 * <p>Interactions and feedback are append-only in the storage contract, so rewriting their text needs an
 * {@link AppendOnlyRedaction}; without one, erasing a customer who has such text throws
 * {@link RedactionUnsupportedException} and changes nothing.
 *
 * <p>When another writer changes one of the customer's records meanwhile ({@link StaleVersionException}), the whole
 * erasure is run again, up to {@link #MAX_ATTEMPTS} times in all. Logs carry ids, counts and the reason code only.
 *
 * <p>Thread-safe: immutable, and safe to share between threads.
 */
public final class PrivacyService {

    /** The name an erased customer is left with. */
    public static final String ERASED_NAME = "erased customer";

    /** What replaces a case subject, and each identifier masked in text kept under legal hold. */
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
    private final Optional<AppendOnlyRedaction> redaction;

    private PrivacyService(Builder b) {
        storage = b.storage;
        unitOfWork = UnitOfWork.over(storage, b.eventPublisher, () -> { });
        validator = new CommandValidator(b.validator != null ? b.validator : DefaultValidator.get());
        clock = b.clock;
        legalHold = b.legalHold;
        redaction = Optional.ofNullable(b.redaction)
                .or(() -> storage instanceof AppendOnlyRedaction r ? Optional.of(r) : Optional.empty());
    }

    /**
     * A builder that takes the storage, clock, event publisher and validator of a Rapport.
     *
     * @param rapport the Rapport whose data the service works on
     */
    public static Builder builder(Rapport rapport) {
        Objects.requireNonNull(rapport, "rapport");
        return new Builder(rapport.storage()).clock(rapport.clock()).eventPublisher(rapport.eventPublisher())
                .validator(rapport.validator());
    }

    /**
     * A builder over a storage adapter, with the system clock, no event publisher and the default validator until
     * set otherwise.
     *
     * @param storage where the customers' data is kept
     */
    public static Builder builder(RapportStorage storage) {
        return new Builder(storage);
    }

    /** The legal hold policy erasures consult. */
    public LegalHold legalHold() {
        return legalHold;
    }

    /** Whether erasure can rewrite interaction summaries and feedback comments. */
    public boolean canRedactAppendOnlyText() {
        return redaction.isPresent();
    }

    // ------------------------------------------------------------------------------------------------ export

    /**
     * Everything held about a customer, as one JSON document; see the type's documentation and
     * {@code docs/privacy.md}.
     *
     * @throws ValidationException naming {@code customerId} if it is null
     * @throws CustomerNotFoundException if no customer has the id
     */
    public String export(CustomerId customerId) {
        if (customerId == null) {
            throw ValidationException.of("export", "customerId", "NotNull", "must not be null");
        }
        String json = unitOfWork.run(events -> CustomerExport.write(storage, customerId, now()));
        LOG.debug("Exported the data of customer {}", customerId);
        return json;
    }

    // ------------------------------------------------------------------------------------------------ erasure

    /**
     * Erases a customer's personal data; short for {@code erase(new EraseCustomer(customerId, reason))}.
     *
     * @throws ValidationException naming {@code customerId} or {@code reason}
     * @throws CustomerNotFoundException if no customer has the id
     * @throws RedactionUnsupportedException if text must be rewritten and the storage cannot
     */
    public ErasureReport erase(CustomerId customerId, String reason) {
        return erase(new EraseCustomer(customerId, reason));
    }

    /**
     * Erases a customer's personal data, in one transaction; see the type's documentation.
     *
     * @return what was changed
     * @throws ValidationException naming every bad field of the command; nothing is changed
     * @throws CustomerNotFoundException if no customer has the id
     * @throws RedactionUnsupportedException if text must be rewritten and the storage cannot; nothing is changed
     * @throws StaleVersionException if other writers changed the customer's records on every attempt
     */
    public ErasureReport erase(EraseCustomer command) {
        validator.check(command);
        for (int attempt = 1; ; attempt++) {
            try {
                ErasureReport report = unitOfWork.run(events -> eraseIn(command, events));
                if (report.changedAnything()) {
                    LOG.info("Erased customer {} ({}): customer {}, {} interaction(s), {} case(s), {} feedback, "
                                    + "{} follow-up(s) redacted, {} cancelled, {} record(s) held",
                            report.customerId(), report.reason(), report.customerAnonymised() ? "anonymised" : "kept",
                            report.interactionsRedacted(), report.casesRedacted(), report.feedbackRedacted(),
                            report.followUpsRedacted(), report.followUpsCancelled().size(), report.recordsHeld());
                } else {
                    LOG.debug("Customer {} was already erased; nothing changed", report.customerId());
                }
                return report;
            } catch (StaleVersionException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Records of customer {} changed concurrently; erasing again (attempt {})",
                        command.customerId(), attempt + 1);
            }
        }
    }

    private ErasureReport eraseIn(EraseCustomer command, List<DomainEvent> events) {
        CustomerId id = command.customerId();
        Instant now = now();
        Customer current = storage.customers().get(id);
        PersonalDataMask mask = PersonalDataMask.of(current);
        int[] held = new int[1];

        Map<InteractionId, Optional<String>> summaries = new LinkedHashMap<>();
        for (Interaction interaction : all(page -> storage.interactions().findByCustomer(id, TimeRange.ALL, page))) {
            Optional<String> target = minimise(interaction.summary(), legalHold.holds(interaction), mask,
                    Limits.TEXT, held);
            if (!target.equals(interaction.summary())) {
                summaries.put(interaction.id(), target);
            }
        }
        Map<FeedbackId, Optional<String>> comments = new LinkedHashMap<>();
        for (Feedback feedback : all(page -> storage.feedback().findByCustomer(id, page))) {
            Optional<String> target = minimise(feedback.comment(), legalHold.holds(feedback), mask, Limits.TEXT,
                    held);
            if (!target.equals(feedback.comment())) {
                comments.put(feedback.id(), target);
            }
        }
        if ((!summaries.isEmpty() || !comments.isEmpty()) && redaction.isEmpty()) {
            throw new RedactionUnsupportedException(id, summaries.size() + comments.size());
        }

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
                .build();
        boolean customerChanged = !anonymous.equals(current);
        if (customerChanged) {
            storage.customers().update(anonymous.toBuilder().updatedAt(now).build());
        }

        int cases = 0;
        for (Case supportCase : all(page -> storage.cases().findByCustomer(id, page))) {
            boolean hold = legalHold.holds(supportCase);
            held[0] += hold ? 1 : 0;
            String subject = hold ? fit(mask.apply(supportCase.subject()), Limits.SUBJECT) : ERASED_TEXT;
            if (subject.isBlank()) {
                subject = ERASED_TEXT;
            }
            if (!subject.equals(supportCase.subject())) {
                storage.cases().update(supportCase.toBuilder().subject(subject).updatedAt(now).build());
                cases++;
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
                    .idempotencyKey(ERASED_KEY_PREFIX + followUp.id());
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

        summaries.forEach((interaction, summary) -> redaction.get().replaceSummary(interaction, summary));
        comments.forEach((feedback, comment) -> redaction.get().replaceComment(feedback, comment));

        ErasureReport report = new ErasureReport(id, reason, now, customerChanged, summaries.size(), cases,
                comments.size(), followUpsRedacted, cancelled, held[0]);
        if (report.changedAnything()) {
            events.add(new CustomerUpdated(UUID.randomUUID(), now, id));
            cancelled.forEach(f -> events.add(new FollowUpCancelled(UUID.randomUUID(), now, f, CANCEL_REASON)));
        }
        return report;
    }

    /** The text a record keeps: none, or for a held record the text with the customer's identifiers masked. */
    private static Optional<String> minimise(Optional<String> text, boolean hold, PersonalDataMask mask, int limit,
            int[] held) {
        if (hold) {
            held[0]++;
            return text.map(t -> fit(mask.apply(t), limit));
        }
        return Optional.empty();
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
        Optional<PageRequest> request = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
        while (request.isPresent()) {
            Page<T> page = query.apply(request.get());
            items.addAll(page.items());
            request = page.nextRequest();
        }
        return items;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ------------------------------------------------------------------------------------------------ builder

    /** Builds {@link PrivacyService}s; not thread-safe. */
    public static final class Builder {
        private final RapportStorage storage;
        private EventPublisher eventPublisher = EventPublisher.NONE;
        private Clock clock = Clock.systemUTC();
        private Validator validator;
        private LegalHold legalHold = LegalHold.NONE;
        private AppendOnlyRedaction redaction;

        private Builder(RapportStorage storage) {
            this.storage = storage;
        }

        /**
         * Sets where {@code CustomerUpdated} and {@code FollowUpCancelled} go after commit; default
         * {@link EventPublisher#NONE}, or the Rapport's publisher with {@link PrivacyService#builder(Rapport)}.
         */
        public Builder eventPublisher(EventPublisher value) { eventPublisher = value; return this; }
        /** Sets the clock erasures and exports are stamped with; default {@link Clock#systemUTC()}, or the Rapport's. */
        public Builder clock(Clock value) { clock = value; return this; }
        /**
         * Sets the Jakarta validator commands are checked with; default the default Jakarta validator of the class
         * path, or the Rapport's.
         */
        public Builder validator(Validator value) { validator = value; return this; }
        /** Sets the legal hold policy; default {@link LegalHold#NONE}, which holds nothing. */
        public Builder legalHold(LegalHold value) { legalHold = value; return this; }
        /**
         * Sets what rewrites interaction summaries and feedback comments; default the storage itself if it
         * implements {@link AppendOnlyRedaction}, otherwise none.
         */
        public Builder redaction(AppendOnlyRedaction value) { redaction = value; return this; }

        /**
         * The service.
         *
         * @throws ValidationException naming each property at fault: {@code storage}, {@code eventPublisher},
         *         {@code clock} or {@code legalHold} when null
         */
        public PrivacyService build() {
            List<Violation> violations = new ArrayList<>();
            requireNonNull(violations, "storage", storage);
            requireNonNull(violations, "eventPublisher", eventPublisher);
            requireNonNull(violations, "clock", clock);
            requireNonNull(violations, "legalHold", legalHold);
            if (!violations.isEmpty()) {
                throw new ValidationException("PrivacyService", violations);
            }
            return new PrivacyService(this);
        }

        private static void requireNonNull(List<Violation> violations, String field, Object value) {
            if (value == null) {
                violations.add(new Violation(field, "NotNull", "must not be null"));
            }
        }
    }

    /** The Jakarta validator used when the host gives none, built once on first use. */
    private static final class DefaultValidator {
        private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

        static Validator get() {
            return VALIDATOR;
        }
    }
}
