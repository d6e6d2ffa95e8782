package dev.rapport.spi.routing;

import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.cases.CaseId;

/**
 * Thrown when no waiting work is stored for a case that a {@link RoutingRepository} was asked to change or remove by
 * version: the work was handed out or withdrawn meanwhile, for example by another node's router. Its entity is
 * {@code "routing_work"}; callers decide on the type, never on the entity's name.
 */
public class RoutingWorkNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The entity name this exception reports, as routing's other exceptions name waiting work. */
    public static final String ENTITY = "routing_work";

    /** The case no waiting work is stored for. */
    private final CaseId caseId;

    /**
     * Creates the exception for the case whose work is missing.
     *
     * @param caseId the case that no stored waiting work is for
     */
    public RoutingWorkNotFoundException(CaseId caseId) {
        super(ENTITY, caseId);
        this.caseId = caseId;
    }

    /**
     * The case whose waiting work was not found.
     *
     * @return the case that no stored waiting work is for
     */
    public CaseId caseId() {
        return caseId;
    }
}
