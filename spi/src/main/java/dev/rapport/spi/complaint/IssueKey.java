package dev.rapport.spi.complaint;

import dev.rapport.spi.validation.Code;
import jakarta.validation.constraints.NotNull;

/**
 * What a recurring issue is about: a root cause or a product, by code. At most one improvement item exists per key.
 *
 * @param dimension root cause or product
 * @param code the root cause's or product's code
 */
public record IssueKey(@NotNull IssueDimension dimension, @NotNull @Code String code) {

    /**
     * The key of a root cause.
     *
     * @param code the code of the root cause in the host's root-cause taxonomy
     * @return the key of dimension {@link IssueDimension#ROOT_CAUSE} with that code
     */
    public static IssueKey rootCause(String code) {
        return new IssueKey(IssueDimension.ROOT_CAUSE, code);
    }

    /**
     * The key of a product.
     *
     * @param code the host's product code
     * @return the key of dimension {@link IssueDimension#PRODUCT} with that code
     */
    public static IssueKey product(String code) {
        return new IssueKey(IssueDimension.PRODUCT, code);
    }

    @Override
    public String toString() {
        return dimension.name().toLowerCase(java.util.Locale.ROOT) + ":" + code;
    }
}
