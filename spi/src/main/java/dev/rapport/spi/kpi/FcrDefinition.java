package dev.rapport.spi.kpi;

/**
 * Which resolved cases count as resolved at first contact. Vendors define first-contact resolution differently;
 * the default is Rapport's own. Every definition requires the case never to have been reopened.
 */
public enum FcrDefinition {
    /** Exactly one public reply by a human agent, never reopened. The default. */
    ONE_AGENT_REPLY,
    /** At most one public reply by a human agent (a case solved without any reply counts too), never reopened. */
    AT_MOST_ONE_AGENT_REPLY,
    /** Exactly one message from the customer in the case, never reopened: the customer had to ask only once. */
    ONE_CUSTOMER_CONTACT,
    /**
     * Never reopened, and the customer made no new contact on the same category (on any category if the case has
     * none) within the repeat-contact window after the first resolution. Cases whose window has not ended are left
     * out as {@link ExclusionReason#WINDOW_OPEN}.
     */
    NO_REPEAT_CONTACT
}
