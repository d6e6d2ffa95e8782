/**
 * Complaints and compliments: the {@link dev.rapport.spi.complaint.Complaint} aggregate from receipt to closure with
 * its deadlines, assessment, escalations, outcome and append-only audit trail, the improvement items opened for
 * recurring issues, and the repository port that keeps them.
 */
package dev.rapport.spi.complaint;
