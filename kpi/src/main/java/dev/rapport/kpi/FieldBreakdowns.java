package dev.rapport.kpi;

import dev.rapport.field.FieldSchema;
import dev.rapport.field.FieldScope;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import java.util.Optional;

/**
 * Checks that a breakdown by a custom field ({@link Dimension#FIELD} for cases, {@link Dimension#CUSTOMER_FIELD} for
 * customers) names a field the host declared for that scope, so that a misspelt name is refused instead of putting
 * every record in the group with no value. Stateless.
 */
final class FieldBreakdowns {

    private FieldBreakdowns() {
    }

    /**
     * Why the breakdown's field cannot be grouped by, if it cannot.
     *
     * @param breakdown the breakdown asked for
     * @param schema the declared fields; null when the engine was given none, and nothing is checked
     * @return a violation on {@code breakdown.field} (rule {@code Declared}), or empty
     */
    static Optional<Violation> problem(Breakdown breakdown, FieldSchema schema) {
        if (schema == null || !breakdown.isByField()) {
            return Optional.empty();
        }
        FieldScope scope = breakdown.dimension() == Dimension.FIELD ? FieldScope.CASE : FieldScope.CUSTOMER;
        String name = breakdown.field().orElseThrow();
        if (schema.find(scope, name).isPresent()) {
            return Optional.empty();
        }
        String owners = scope == FieldScope.CASE ? "cases" : "customers";
        return Optional.of(new Violation("breakdown.field", "Declared",
                "'" + name + "' is no custom field declared for " + owners));
    }
}
