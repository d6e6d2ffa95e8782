/**
 * The audit trail of customers and cases: who (an {@link dev.rapport.spi.cases.Actor}) changed what, and when, for
 * every change beyond a case's status moves, which its own history keeps. The port is {@link AuditTrails}.
 */
package dev.rapport.spi.audit;
