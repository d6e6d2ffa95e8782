package dev.rapport.spi.kpi;

/**
 * Surveys sent and answered.
 *
 * @param sent survey follow-ups sent
 * @param answered of those, the ones with an answer stored
 */
public record SurveyResponses(long sent, long answered) {
    /** No survey. */
    public static final SurveyResponses EMPTY = new SurveyResponses(0, 0);
}
