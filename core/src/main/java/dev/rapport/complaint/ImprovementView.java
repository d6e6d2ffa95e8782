package dev.rapport.complaint;

import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ImprovementItem;
import java.util.List;

/**
 * An improvement item with its complaints: one line of the "add it to the plans" list.
 *
 * @param item the item
 * @param complaints its complaints, in the item's order
 */
public record ImprovementView(ImprovementItem item, List<Complaint> complaints) {

    /**
     * Copies the complaints.
     *
     * @param item the item
     * @param complaints its complaints, in the item's order
     */
    public ImprovementView {
        complaints = List.copyOf(complaints);
    }
}
