package dev.rapport.complaint;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.complaint.ComplaintReference;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a host handles complaints: the regimes deadlines come from, how priority is judged, whether complaints open
 * cases, which root causes exist, when complaints recur, and how references look. Immutable and thread-safe; built
 * with {@link #builder()}, every option defaulted.
 */
public final class ComplaintPolicy {

    /** The default reference prefix, giving references like {@code CMP-2026-000123}. */
    public static final String DEFAULT_REFERENCE_PREFIX = ComplaintReference.DEFAULT_PREFIX;

    /** The default zone whose calendar year numbers references: UTC. */
    public static final ZoneId DEFAULT_REFERENCE_ZONE = ZoneOffset.UTC;

    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,9}");

    private final Map<String, ComplaintRegime> regimes;
    private final String defaultRegime;
    private final PriorityPolicy priorityPolicy;
    private final ComplaintCaseHook caseHook;
    private final RootCauseTaxonomy taxonomy;
    private final RecurrencePolicy recurrence;
    private final String referencePrefix;
    private final ZoneId referenceZone;

    private ComplaintPolicy(Builder b, Map<String, ComplaintRegime> regimes, String defaultRegime) {
        this.regimes = regimes;
        this.defaultRegime = defaultRegime;
        this.priorityPolicy = b.priorityPolicy;
        this.caseHook = b.caseHook;
        this.taxonomy = b.taxonomy;
        this.recurrence = b.recurrence;
        this.referencePrefix = b.referencePrefix;
        this.referenceZone = b.referenceZone;
    }

    /**
     * The policy with every default.
     *
     * @return a policy with every option at its default
     */
    public static ComplaintPolicy defaults() {
        return builder().build();
    }

    /**
     * A builder with every default; see each method.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The regimes by code, in the order added.
     *
     * @return the regimes by code; never empty
     */
    public Map<String, ComplaintRegime> regimes() {
        return regimes;
    }

    /**
     * The regime with the code, if configured.
     *
     * @param code a regime's code
     * @return the regime; empty if none has the code
     */
    public Optional<ComplaintRegime> regime(String code) {
        return Optional.ofNullable(regimes.get(code));
    }

    /**
     * The code of the regime complaints get when the command names none.
     *
     * @return the code of a configured regime
     */
    public String defaultRegime() {
        return defaultRegime;
    }

    /**
     * How priority is judged at assessment.
     *
     * @return the priority policy
     */
    public PriorityPolicy priorityPolicy() {
        return priorityPolicy;
    }

    /**
     * The routing seam called at assessment.
     *
     * @return the case hook
     */
    public ComplaintCaseHook caseHook() {
        return caseHook;
    }

    /**
     * The root causes complaints may be given.
     *
     * @return the taxonomy; open unless the host gave one
     */
    public RootCauseTaxonomy taxonomy() {
        return taxonomy;
    }

    /**
     * When complaints count as a recurring issue.
     *
     * @return the recurrence policy
     */
    public RecurrencePolicy recurrence() {
        return recurrence;
    }

    /**
     * The reference prefix.
     *
     * @return 1 to 10 upper-case letters and digits, for example {@code CMP}
     */
    public String referencePrefix() {
        return referencePrefix;
    }

    /**
     * The zone whose calendar year numbers references.
     *
     * @return the zone
     */
    public ZoneId referenceZone() {
        return referenceZone;
    }

    /** Builds a {@link ComplaintPolicy}; not thread-safe. */
    public static final class Builder {
        private final Map<String, ComplaintRegime> regimes = new LinkedHashMap<>();
        private String defaultRegime;
        private PriorityPolicy priorityPolicy = PriorityPolicy.bySeverity();
        private ComplaintCaseHook caseHook = ComplaintCaseHook.none();
        private RootCauseTaxonomy taxonomy = RootCauseTaxonomy.open();
        private RecurrencePolicy recurrence = RecurrencePolicy.DEFAULT;
        private String referencePrefix = DEFAULT_REFERENCE_PREFIX;
        private ZoneId referenceZone = DEFAULT_REFERENCE_ZONE;

        private Builder() {
        }

        /**
         * Adds a regime, replacing one with the same code. Default: when none is added, the UK-style preset on
         * {@link ComplaintRegimes#weekdayOffice(ZoneId)} in Europe/London, without holidays.
         *
         * @param regime the regime
         * @return this builder
         */
        public Builder regime(ComplaintRegime regime) {
            regimes.put(Objects.requireNonNull(regime, "regime").code(), regime);
            return this;
        }

        /**
         * Sets the code of the regime used when a command names none; default the first regime added.
         *
         * @param code the code of a regime added to this builder
         * @return this builder
         */
        public Builder defaultRegime(String code) {
            defaultRegime = code;
            return this;
        }

        /**
         * Sets how priority is judged; default {@link PriorityPolicy#bySeverity()}.
         *
         * @param value how priority is judged
         * @return this builder
         */
        public Builder priorityPolicy(PriorityPolicy value) {
            priorityPolicy = value;
            return this;
        }

        /**
         * Sets the routing seam; default {@link ComplaintCaseHook#none()}.
         *
         * @param value the case hook
         * @return this builder
         */
        public Builder caseHook(ComplaintCaseHook value) {
            caseHook = value;
            return this;
        }

        /**
         * Sets the root-cause taxonomy; default {@link RootCauseTaxonomy#open()}.
         *
         * @param value the root causes complaints may be given
         * @return this builder
         */
        public Builder taxonomy(RootCauseTaxonomy value) {
            taxonomy = value;
            return this;
        }

        /**
         * Sets when complaints recur; default {@link RecurrencePolicy#DEFAULT} (three within 30 days).
         *
         * @param value when complaints count as a recurring issue
         * @return this builder
         */
        public Builder recurrence(RecurrencePolicy value) {
            recurrence = value;
            return this;
        }

        /**
         * Sets the reference prefix, 1 to 10 upper-case letters and digits; default {@code CMP}.
         *
         * @param value the prefix, starting with a letter
         * @return this builder
         */
        public Builder referencePrefix(String value) {
            referencePrefix = value;
            return this;
        }

        /**
         * Sets the zone whose year numbers references; default UTC.
         *
         * @param value the zone
         * @return this builder
         */
        public Builder referenceZone(ZoneId value) {
            referenceZone = value;
            return this;
        }

        /**
         * The policy.
         *
         * @return the immutable policy
         * @throws ValidationException naming the option at fault: a null option, a malformed {@code referencePrefix}
         *         or a {@code defaultRegime} that is not among the regimes
         */
        public ComplaintPolicy build() {
            requireSet("priorityPolicy", priorityPolicy);
            requireSet("caseHook", caseHook);
            requireSet("taxonomy", taxonomy);
            requireSet("recurrence", recurrence);
            requireSet("referenceZone", referenceZone);
            if (referencePrefix == null || !PREFIX.matcher(referencePrefix).matches()) {
                throw ValidationException.of("ComplaintPolicy", "referencePrefix", "Pattern",
                        "must be 1 to 10 upper-case letters and digits, starting with a letter");
            }
            Map<String, ComplaintRegime> all = new LinkedHashMap<>(regimes);
            if (all.isEmpty()) {
                ComplaintRegime uk = ComplaintRegimes.ukStyle(
                        ComplaintRegimes.weekdayOffice(ZoneId.of("Europe/London")));
                all.put(uk.code(), uk);
            }
            String chosen = defaultRegime == null ? all.keySet().iterator().next() : defaultRegime;
            if (!all.containsKey(chosen)) {
                throw ValidationException.of("ComplaintPolicy", "defaultRegime", "Exists",
                        "must be the code of a configured regime, one of " + all.keySet());
            }
            return new ComplaintPolicy(this, Collections.unmodifiableMap(all), chosen);
        }

        private static void requireSet(String option, Object value) {
            if (value == null) {
                throw ValidationException.of("ComplaintPolicy", option, "NotNull", "must not be null");
            }
        }
    }
}
