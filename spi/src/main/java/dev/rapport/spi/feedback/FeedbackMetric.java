package dev.rapport.spi.feedback;

/** Which question a feedback score answers. */
public enum FeedbackMetric {
    /** Customer satisfaction: "How satisfied were you?" */
    CSAT,
    /** Net Promoter Score: "How likely are you to recommend us?", always on 0 to 10. */
    NPS,
    /** Customer effort: "How easy was it?"; vendors differ in scale and direction, so both are stored. */
    CES
}
