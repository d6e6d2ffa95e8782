/**
 * Complaints handled on the ISO 10002 model, and compliments through the same door: receipt with a reference on any
 * channel, acknowledgement, deadlines from a regime counted on a business calendar (with holding responses and
 * reminders), assessment with priority and an optional case for routing, the response with its decision and
 * remedies, the customer's answer, escalation, root causes with recurring-issue detection, an append-only audit
 * trail, the complaint register for auditors, and complaint KPIs. The rules of the preset regimes are stated in
 * {@code docs/complaints.md}.
 *
 * <p>Main types: {@link dev.rapport.complaint.ComplaintService} (the process), its commands such as
 * {@link dev.rapport.complaint.ReceiveComplaint} and {@link dev.rapport.complaint.RespondToComplaint},
 * {@link dev.rapport.complaint.ComplaintPolicy} (how a host handles complaints),
 * {@link dev.rapport.complaint.ComplaintRegime}, {@link dev.rapport.complaint.DeadlineRule},
 * {@link dev.rapport.complaint.DeadlineTerm} and {@link dev.rapport.complaint.ComplaintRegimes} (deadlines and
 * presets), {@link dev.rapport.complaint.ComplaintRegister} (the register, as CSV or JSON) and
 * {@link dev.rapport.complaint.ComplaintKpiCalculator} (complaint KPIs for the KPI engine).
 */
package dev.rapport.complaint;
