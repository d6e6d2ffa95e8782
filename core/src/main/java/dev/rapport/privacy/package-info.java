/**
 * Privacy: a customer's data exported as one JSON document, and erased (personal data anonymised, records under
 * legal hold kept with personal data minimised, pending follow-ups cancelled) while counts and KPIs keep working.
 * Start at {@link dev.rapport.privacy.PrivacyService}; the host's retention rules plug in as a
 * {@link dev.rapport.privacy.LegalHold}; storage adapters add {@link dev.rapport.privacy.AppendOnlyRedaction}.
 */
package dev.rapport.privacy;
