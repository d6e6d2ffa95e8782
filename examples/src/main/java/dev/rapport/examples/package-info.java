/**
 * Runnable examples of embedding Rapport: the quick start, a shop integration, a custom storage adapter, a customer
 * merge with the health list, a ticket import and the KPI dashboard of an example month. Each {@code *Main} closes
 * Rapport when it is done; the README's example command runs one.
 */
package dev.rapport.examples;
