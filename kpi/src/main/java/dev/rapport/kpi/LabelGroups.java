package dev.rapport.kpi;

import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.GroupKey;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The groups of a record under a breakdown by the tags or a custom field of its case ({@link Dimension#TAG},
 * {@link Dimension#FIELD}) or of its customer ({@link Dimension#CUSTOMER_TAG}, {@link Dimension#CUSTOMER_FIELD}),
 * by the rules of {@code docs/kpis.md}: one group per tag (a record with several tags is in each), the field's
 * canonical text, and the group without value for a record without tags, value, case or customer. For
 * {@link KpiCalculator}s of other packages, so that they place records as the built-in KPIs do. Stateless.
 */
public final class LabelGroups {

    /** The dimensions this class places records for. */
    public static final Set<Dimension> DIMENSIONS = EnumSet.of(Dimension.TAG, Dimension.FIELD,
            Dimension.CUSTOMER_TAG, Dimension.CUSTOMER_FIELD);

    private LabelGroups() {
    }

    /**
     * Whether the breakdown groups by the tags or a custom field of a case or customer.
     *
     * @param breakdown the breakdown
     * @return whether {@link #of} places records for it
     */
    public static boolean applies(Breakdown breakdown) {
        return DIMENSIONS.contains(breakdown.dimension());
    }

    /**
     * The groups of a record.
     *
     * @param breakdown a breakdown by one of {@link #DIMENSIONS}
     * @param supportCase the record's case, if it has one (read by {@code TAG} and {@code FIELD})
     * @param customer the record's customer, if stored (read by {@code CUSTOMER_TAG} and {@code CUSTOMER_FIELD})
     * @return the groups, in group order; at least one
     * @throws IllegalArgumentException if the breakdown is by another dimension
     */
    public static List<GroupKey> of(Breakdown breakdown, Optional<Case> supportCase, Optional<Customer> customer) {
        Dimension dimension = breakdown.dimension();
        return switch (dimension) {
            case TAG -> tags(dimension, supportCase.map(Case::tags).orElse(Set.of()));
            case CUSTOMER_TAG -> tags(dimension, customer.map(Customer::tags).orElse(Set.of()));
            case FIELD -> List.of(GroupKey.of(dimension, supportCase
                    .flatMap(c -> text(c.fields(), breakdown.field().orElseThrow())).orElse(null)));
            case CUSTOMER_FIELD -> List.of(GroupKey.of(dimension, customer
                    .flatMap(c -> text(c.fields(), breakdown.field().orElseThrow())).orElse(null)));
            default -> throw new IllegalArgumentException("not a breakdown by tags or fields: " + dimension);
        };
    }

    private static List<GroupKey> tags(Dimension dimension, Set<String> tags) {
        if (tags.isEmpty()) {
            return List.of(GroupKey.of(dimension, null));
        }
        return tags.stream().sorted().map(tag -> GroupKey.of(dimension, tag)).toList();
    }

    private static Optional<String> text(Map<String, FieldValue> fields, String field) {
        return Optional.ofNullable(fields.get(field)).map(FieldValue::text);
    }
}
