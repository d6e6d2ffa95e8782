package dev.rapport.followup;

/**
 * The names of the personalisation values the dispatcher puts in every {@link dev.rapport.spi.messaging.OutboundMessage}
 * it can fill, next to the follow-up's own values (which win on a clash, so a host can set, say, the agent's name
 * for a call-back). Use them as placeholders in templates: {@code "Hello {customerName}"}.
 */
public final class MessageValues {

    /** The customer's name, as they want to be addressed; always present. */
    public static final String CUSTOMER_NAME = "customerName";
    /** The name of the agent assigned to the follow-up's case; present when the case has an assignee. */
    public static final String AGENT_NAME = "agentName";
    /** The subject of the follow-up's case; present when the follow-up follows a case. */
    public static final String CASE_SUBJECT = "caseSubject";

    private MessageValues() {
    }
}
