package dev.rapport.spring;

import dev.rapport.Rapport;

/**
 * A last word on the {@link Rapport.Builder} before the auto-configured Rapport is built, for options the
 * {@code rapport.*} properties and the overridable beans do not cover (the follow-up dispatcher's lease, a validator,
 * a storage of your own...). Every such bean is applied, in {@code @Order}, after the properties and beans.
 */
@FunctionalInterface
public interface RapportBuilderCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder, with the properties and beans already applied
     */
    void customize(Rapport.Builder builder);
}
