package dev.rapport.spi.audit;

/**
 * What an entry of a customer's or a case's audit trail records. Each names the subject it belongs to and what its
 * {@link TrailEntry#from() from} and {@link TrailEntry#to() to} values hold; {@code docs/customers.md} ("Who did
 * what") lists them with examples.
 */
public enum TrailAction {

    // --- a customer's trail

    /** The customer was registered. No values. */
    CUSTOMER_REGISTERED(AuditSubject.Kind.CUSTOMER),
    /** The customer's details changed; the detail names which (for example {@code "name, segment"}), never values. */
    PROFILE_CHANGED(AuditSubject.Kind.CUSTOMER),
    /** An address was added, or its flags merged into a known one; to: {@code channel:address}. */
    IDENTITY_ADDED(AuditSubject.Kind.CUSTOMER),
    /** An address was taken away; from: {@code channel:address}. */
    IDENTITY_REMOVED(AuditSubject.Kind.CUSTOMER),
    /** The consent on a channel changed; from and to: {@code channel:STATUS}, from empty when none was recorded. */
    CONSENT_CHANGED(AuditSubject.Kind.CUSTOMER),
    /** The customer's tags changed; from: the tags taken away, to: the tags added, each comma-separated. */
    CUSTOMER_TAGS_CHANGED(AuditSubject.Kind.CUSTOMER),
    /** The customer's custom field values changed; the detail names the fields set and cleared, never values. */
    CUSTOMER_FIELDS_CHANGED(AuditSubject.Kind.CUSTOMER),
    /** The customer's own agent was named or cleared; from and to: agent ids, empty for none. */
    OWN_AGENT_SET(AuditSubject.Kind.CUSTOMER),
    /**
     * A customer was merged into another; recorded on both. From: the merged customer's id, to: the surviving
     * customer's id.
     */
    MERGED(AuditSubject.Kind.CUSTOMER),
    /** The customer's personal data was erased; the detail is the reason code. */
    ERASED(AuditSubject.Kind.CUSTOMER),

    // --- a case's trail

    /** The case got an agent when it had none; to: the agent's id. */
    CASE_ASSIGNED(AuditSubject.Kind.CASE),
    /** The case moved from one agent to another; from and to: agent ids. */
    CASE_REASSIGNED(AuditSubject.Kind.CASE),
    /**
     * The capacity an agent held for the case was given back (the agent released it, or it was resolved, closed or
     * left waiting on the customer); from: the agent's id. The case keeps its assignee for reporting.
     */
    CASE_RELEASED(AuditSubject.Kind.CASE),
    /** The case's priority changed; from and to: priority names. */
    PRIORITY_CHANGED(AuditSubject.Kind.CASE),
    /** The case's team changed; from and to: team ids, from empty for none. */
    TEAM_CHANGED(AuditSubject.Kind.CASE),
    /** The case's tags changed; from: the tags taken away, to: the tags added, each comma-separated. */
    CASE_TAGS_CHANGED(AuditSubject.Kind.CASE),
    /** The case's custom field values changed; the detail names the fields set and cleared, never values. */
    CASE_FIELDS_CHANGED(AuditSubject.Kind.CASE),
    /** The case was snoozed; from: the end of the snooze before, if any, to: the new end, ISO-8601 instants. */
    SNOOZED(AuditSubject.Kind.CASE),
    /** The case's snooze was ended early; from: the end it had. */
    UNSNOOZED(AuditSubject.Kind.CASE),
    /** The case moved to another customer by a merge; from and to: the customers' ids. */
    MOVED_BY_MERGE(AuditSubject.Kind.CASE);

    private final AuditSubject.Kind subject;

    TrailAction(AuditSubject.Kind subject) {
        this.subject = subject;
    }

    /**
     * Whose trail the action belongs in.
     *
     * @return the kind of subject
     */
    public AuditSubject.Kind subject() {
        return subject;
    }
}
