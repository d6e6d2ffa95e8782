package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the walk over cases in some statuses by key ({@link CaseRepository#listByStatusAfter}),
 * which a sweep over every unresolved case pages with ({@link PageWalk#byKey}): only cases in the statuses, in id
 * order as the store compares ids, each page after the id given, none for no statuses, and a limit out of range is
 * refused. Run by {@link RapportStorageContract} as its nested group "Cases in some statuses by key"; not meant to
 * be run on its own.
 */
public abstract class CaseStatusKeyContract {

    private static final Set<CaseStatus> UNRESOLVED = EnumSet.of(CaseStatus.NEW, CaseStatus.OPEN,
            CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD);

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected CaseStatusKeyContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private CaseRepository cases() {
        return storage.get().cases();
    }

    /** Stores one case in each status on the list, for one customer, and returns them. */
    private List<Case> stored(CaseStatus... statuses) {
        Customer customer = storage.get().customers().insert(TestData.customer().build());
        List<Case> out = new ArrayList<>();
        for (CaseStatus status : statuses) {
            out.add(cases().insert(TestData.supportCase(customer.id()).status(status).build()));
        }
        return out;
    }

    /** Every case in the statuses, walked by key in pages of the given size. */
    private List<Case> walked(Set<CaseStatus> statuses, int pageSize) {
        List<Case> all = new ArrayList<>();
        PageWalk.<Case>byKey(pageSize, (last, size) -> cases().listByStatusAfter(statuses, last.map(Case::id), size))
                .forEach(all::add);
        return all;
    }

    @Test
    @DisplayName("a walk by key visits every case in the statuses once, and no case in another status")
    void walkVisitsEveryCaseInTheStatusesOnce() {
        // given cases in every status, several in the unresolved ones
        List<Case> all = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            all.addAll(stored(CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD,
                    CaseStatus.OPEN));
        }

        // when the unresolved ones are walked in pages of 4 and of the largest size
        List<Case> small = walked(UNRESOLVED, 4);
        List<Case> large = walked(UNRESOLVED, PageRequest.MAX_LIMIT);

        // then each walk holds exactly the stored unresolved cases, each once, and both agree
        assertThat(small).extracting(Case::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(all.stream().map(Case::id).toList());
        assertThat(small).extracting(Case::status).allMatch(UNRESOLVED::contains);
        assertThat(large).extracting(Case::id).containsExactlyElementsOf(small.stream().map(Case::id).toList());
    }

    @Test
    @DisplayName("each page holds the cases whose id comes after the given one, in the order the store gives ids")
    void pagesFollowTheIdsGiven() {
        // given eight open cases and two new ones among them
        stored(CaseStatus.OPEN, CaseStatus.OPEN, CaseStatus.OPEN, CaseStatus.OPEN, CaseStatus.OPEN);
        stored(CaseStatus.NEW, CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.OPEN, CaseStatus.OPEN);
        Set<CaseStatus> open = EnumSet.of(CaseStatus.OPEN);

        // when the first page of three is read, then the page after its last id
        List<Case> first = cases().listByStatusAfter(open, Optional.empty(), 3);
        CaseId last = first.get(first.size() - 1).id();
        List<Case> second = cases().listByStatusAfter(open, Optional.of(last), 3);
        List<Case> everything = cases().listByStatusAfter(open, Optional.empty(), PageRequest.MAX_LIMIT);

        // then the pages are the first six of all open cases, in the store's id order
        assertThat(first).hasSize(3);
        assertThat(second).hasSize(3);
        List<CaseId> pages = new ArrayList<>(first.stream().map(Case::id).toList());
        pages.addAll(second.stream().map(Case::id).toList());
        assertThat(pages).containsExactlyElementsOf(everything.stream().map(Case::id).limit(6).toList());
        assertThat(everything).hasSize(8);
        assertThat(everything).extracting(c -> c.id().value().toString())
                .isSortedAccordingTo(Comparator.comparing(
                        (String id) -> java.util.UUID.fromString(id).getMostSignificantBits(), Long::compareUnsigned)
                        .thenComparing(id -> java.util.UUID.fromString(id).getLeastSignificantBits(),
                                Long::compareUnsigned));
    }

    @Test
    @DisplayName("no statuses find no cases, and a limit below 1 or above the largest page is refused")
    void noStatusesAndBadLimits() {
        // given an open case
        stored(CaseStatus.OPEN);

        // when / then
        assertThat(cases().listByStatusAfter(Set.of(), Optional.empty(), 10)).isEmpty();
        assertThatThrownBy(() -> cases().listByStatusAfter(UNRESOLVED, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cases().listByStatusAfter(UNRESOLVED, Optional.empty(), PageRequest.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
