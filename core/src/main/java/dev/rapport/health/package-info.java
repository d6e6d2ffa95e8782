/**
 * Customer health: a transparent score per customer from recent satisfaction ratings, complaints, repeat contacts,
 * SLA breaches and time since the last purchase and contact, each factor shown with its weight; the band it falls
 * in, kept in storage so that {@code CustomerAtRisk} is raised once per transition; and the customers at risk
 * ordered by lifetime value. See docs/customers.md.
 */
package dev.rapport.health;
