package dev.rapport.spi.complaint;

import dev.rapport.spi.NotFoundException;
import java.util.Optional;

/** Thrown when no complaint has the given id or reference. */
public class ComplaintNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private final ComplaintId complaintId;
    private final ComplaintReference reference;

    /** Creates the exception for a missing id. */
    public ComplaintNotFoundException(ComplaintId complaintId) {
        super("complaint", complaintId);
        this.complaintId = complaintId;
        this.reference = null;
    }

    /** Creates the exception for a missing reference. */
    public ComplaintNotFoundException(ComplaintReference reference) {
        super("complaint", reference);
        this.complaintId = null;
        this.reference = reference;
    }

    /** The id that was not found, when looked up by id. */
    public Optional<ComplaintId> complaintId() {
        return Optional.ofNullable(complaintId);
    }

    /** The reference that was not found, when looked up by reference. */
    public Optional<ComplaintReference> reference() {
        return Optional.ofNullable(reference);
    }
}
