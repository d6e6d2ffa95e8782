/**
 * Rapport for Spring Boot: {@link dev.rapport.spring.RapportAutoConfiguration} builds a Rapport from the
 * application's data source and {@code rapport.*} properties, joins Spring-managed transactions, binds the workers
 * to the context's lifecycle, and adds an Actuator health indicator and Micrometer metrics when those are present.
 */
package dev.rapport.spring;
