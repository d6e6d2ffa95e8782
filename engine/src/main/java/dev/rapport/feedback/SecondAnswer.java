package dev.rapport.feedback;

/** What becomes of a second answer given with the same survey token; set on {@link SurveySettings}. */
public enum SecondAnswer {
    /** The second answer is refused with a {@code ValidationException} (field {@code token}, rule {@code AlreadyAnswered}). */
    REFUSE,
    /** The second answer replaces the first: the first answer's responses are removed and the new ones stored. */
    REPLACE
}
