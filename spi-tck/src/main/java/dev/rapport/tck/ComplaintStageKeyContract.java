package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.customer.Customer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the walk over complaints in some stages by key
 * ({@link ComplaintRepository#listByStageAfter}), which the complaint sweep pages with ({@link PageWalk#byKey}): only
 * complaints in the stages, each page after the id given, every one once, none for no stages, and a limit out of
 * range refused. Run by {@link RapportStorageContract} as its nested group "Complaints in some stages by key"; not
 * meant to be run on its own.
 */
public abstract class ComplaintStageKeyContract {

    private static final Set<ComplaintStage> OPEN = EnumSet.complementOf(EnumSet.of(ComplaintStage.CLOSED));

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected ComplaintStageKeyContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private ComplaintRepository complaints() {
        return storage.get().complaints();
    }

    private List<Complaint> stored(ComplaintStage... stages) {
        Customer customer = storage.get().customers().insert(TestData.customer().build());
        List<Complaint> out = new ArrayList<>();
        for (ComplaintStage stage : stages) {
            out.add(complaints().insert(TestData.complaint(customer.id()).stage(stage).build()));
        }
        return out;
    }

    @Test
    @DisplayName("a walk by key visits every complaint in the stages once, and no complaint in another stage")
    void walkVisitsEveryComplaintInTheStagesOnce() {
        // given open complaints in several stages, and closed ones between them
        List<Complaint> open = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            open.addAll(stored(ComplaintStage.RECEIVED, ComplaintStage.ACKNOWLEDGED, ComplaintStage.INVESTIGATING));
            stored(ComplaintStage.CLOSED);
        }

        // when the open ones are walked in pages of 5
        List<Complaint> walked = new ArrayList<>();
        PageWalk.<Complaint>byKey(5, (last, size) -> complaints().listByStageAfter(OPEN, last.map(Complaint::id),
                size)).forEach(walked::add);

        // then each open complaint comes once, and no closed one
        assertThat(walked).extracting(Complaint::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(open.stream().map(Complaint::id).toList());
    }

    @Test
    @DisplayName("no stages find no complaints, and a limit below 1 or above the largest page is refused")
    void noStagesAndBadLimits() {
        // given an open complaint
        stored(ComplaintStage.RECEIVED);

        // when / then
        assertThat(complaints().listByStageAfter(Set.of(), Optional.empty(), 10)).isEmpty();
        assertThat(complaints().listByStageAfter(OPEN, Optional.empty(), 10)).hasSize(1);
        assertThatThrownBy(() -> complaints().listByStageAfter(OPEN, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> complaints().listByStageAfter(OPEN, Optional.empty(), PageRequest.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
