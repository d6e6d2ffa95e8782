/**
 * Privacy: a customer's data exported as one JSON document, and erased (personal data anonymised, records under
 * legal hold kept with personal data minimised, pending follow-ups cancelled) while counts and KPIs keep working.
 * Start at {@link dev.rapport.privacy.PrivacyService}; the host's retention rules plug in as a
 * {@link dev.rapport.privacy.LegalHold}. Append-only records are rewritten through the repositories' own redaction
 * methods, which every storage adapter implements and the spi-tck proves.
 */
package dev.rapport.privacy;
