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
    /**
     * The signed, expiring token a survey follow-up's answer comes back with ({@code FeedbackService#answerSurvey});
     * present on follow-ups of kind {@code survey} when a survey secret is configured.
     */
    public static final String SURVEY_TOKEN = "surveyToken";
    /** The survey link: the configured link prefix followed by {@link #SURVEY_TOKEN}; present when a prefix is set. */
    public static final String SURVEY_LINK = "surveyLink";

    /**
     * The key of the template a follow-up's message is written from, stored in the follow-up's values when its rule
     * names one ({@link FollowUpRule#template()}) or by the acknowledgement of a new case.
     */
    public static final String TEMPLATE = "template";
    /**
     * The message's text rendered from its template in the customer's locale, cleaned; present when the message
     * names a template and the dispatcher renders templates (it does inside {@code Rapport}).
     */
    public static final String TEXT = "text";

    private MessageValues() {
    }
}
