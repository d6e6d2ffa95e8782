/**
 * Customers: registration, details, contact identities on every channel, consents, and finding one person by any
 * address they use. Start at {@link dev.rapport.customer.CustomerService}.
 */
package dev.rapport.customer;
