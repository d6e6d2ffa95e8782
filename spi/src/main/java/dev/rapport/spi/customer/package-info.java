/**
 * Customers: the {@link dev.rapport.spi.customer.Customer} aggregate with its contact identities, consents and
 * status, its repository port, the port that merges two customers into one, and the stored health standing each
 * customer was last evaluated in.
 */
package dev.rapport.spi.customer;
