package dev.rapport.spi.complaint;

import dev.rapport.spi.NotFoundException;
import java.util.Optional;

/** Thrown when no complaint has the given id or reference. */
public class ComplaintNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The id looked up; null when the complaint was looked up by reference. */
    private final ComplaintId complaintId;
    /** The reference looked up; null when the complaint was looked up by id. */
    private final ComplaintReference reference;

    /**
     * Creates the exception for a missing id.
     *
     * @param complaintId the id of the complaint that is not stored
     */
    public ComplaintNotFoundException(ComplaintId complaintId) {
        super("complaint", complaintId);
        this.complaintId = complaintId;
        this.reference = null;
    }

    /**
     * Creates the exception for a missing reference.
     *
     * @param reference the reference no stored complaint has
     */
    public ComplaintNotFoundException(ComplaintReference reference) {
        super("complaint", reference);
        this.complaintId = null;
        this.reference = reference;
    }

    /**
     * The id that was not found, when looked up by id.
     *
     * @return the id looked up; empty when the complaint was looked up by reference
     */
    public Optional<ComplaintId> complaintId() {
        return Optional.ofNullable(complaintId);
    }

    /**
     * The reference that was not found, when looked up by reference.
     *
     * @return the reference looked up; empty when the complaint was looked up by id
     */
    public Optional<ComplaintReference> reference() {
        return Optional.ofNullable(reference);
    }
}
