package dev.rapport.spi.cases;

import dev.rapport.spi.NotFoundException;

/** Thrown when no case has the given id. */
public class CaseNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The id no stored case has. */
    private final CaseId caseId;

    /**
     * Creates the exception for the missing id.
     *
     * @param caseId the id that no stored case has
     */
    public CaseNotFoundException(CaseId caseId) {
        super("case", caseId);
        this.caseId = caseId;
    }

    /**
     * The id that was not found.
     *
     * @return the id that was looked up and is not stored
     */
    public CaseId caseId() {
        return caseId;
    }
}
