package dev.rapport.complaint;

import dev.rapport.spi.ValidationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The root causes a host recognises, by code with a label, for example {@code "delivery.courier"} ("Courier
 * damaged or lost the parcel"). Complaints may only be given root causes from it, so recurring issues are counted
 * on a shared vocabulary. {@link #open()} accepts any well-formed code. Immutable and thread-safe.
 */
public final class RootCauseTaxonomy {

    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]{0,63}");
    private static final RootCauseTaxonomy OPEN = new RootCauseTaxonomy(Map.of(), true);

    private final Map<String, String> labels;
    private final boolean open;

    private RootCauseTaxonomy(Map<String, String> labels, boolean open) {
        this.labels = labels;
        this.open = open;
    }

    /**
     * A taxonomy that accepts any well-formed code; the default.
     *
     * @return the shared open taxonomy
     */
    public static RootCauseTaxonomy open() {
        return OPEN;
    }

    /**
     * A builder for a closed taxonomy; empty by default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a code may be used as a root cause.
     *
     * @param code a root-cause code
     * @return {@code true} if the code is listed or, for the open taxonomy, well formed; {@code false} for null
     */
    public boolean contains(String code) {
        return code != null && (open ? CODE.matcher(code).matches() : labels.containsKey(code));
    }

    /**
     * The label of a code, if the taxonomy lists it.
     *
     * @param code a root-cause code
     * @return the code's label; empty if the code is not listed, always for the open taxonomy
     */
    public Optional<String> label(String code) {
        return Optional.ofNullable(labels.get(code));
    }

    /**
     * The listed codes and labels, in the order added; empty for the open taxonomy.
     *
     * @return the codes mapped to their labels
     */
    public Map<String, String> codes() {
        return labels;
    }

    /**
     * Whether any well-formed code is accepted.
     *
     * @return {@code true} for {@link #open()}, {@code false} for a built taxonomy
     */
    public boolean isOpen() {
        return open;
    }

    /** Builds a {@link RootCauseTaxonomy}; not thread-safe. */
    public static final class Builder {
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a root cause.
         *
         * @param code 1 to 64 letters, digits, {@code _ . -}, starting with a letter or digit; replaces the label of a
         *         code added before
         * @param label what the code stands for; not blank
         * @return this builder
         * @throws ValidationException if the code is malformed or the label blank
         */
        public Builder add(String code, String label) {
            if (code == null || !CODE.matcher(code).matches()) {
                throw ValidationException.of("RootCauseTaxonomy", "code", "Code",
                        "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
            }
            if (label == null || label.isBlank()) {
                throw ValidationException.of("RootCauseTaxonomy", "label", "NotBlank", "must not be blank");
            }
            labels.put(code, label);
            return this;
        }

        /**
         * The taxonomy; closed, so only the added codes are accepted.
         *
         * @return the immutable taxonomy
         */
        public RootCauseTaxonomy build() {
            return new RootCauseTaxonomy(Collections.unmodifiableMap(new LinkedHashMap<>(labels)), false);
        }
    }

    @Override
    public String toString() {
        return open ? "RootCauseTaxonomy[open]" : "RootCauseTaxonomy" + labels.keySet();
    }

    /** Two taxonomies are equal when they accept the same codes with the same labels. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RootCauseTaxonomy t && t.open == open && t.labels.equals(labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(open, labels);
    }
}
