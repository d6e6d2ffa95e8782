package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the walk over follow-ups in some statuses by key
 * ({@link FollowUpRepository#listByStatusAfter}), which the streaming KPIs' survey count pages with
 * ({@link PageWalk#byKey}): only follow-ups in the statuses, in id order as the store compares ids, each page after
 * the id given, follow-ups stored during a walk seen if their id lies ahead of it, none for no statuses, and a limit out
 * of range refused. Run by {@link RapportStorageContract} as its nested group "Follow-ups in some statuses by key";
 * not meant to be run on its own.
 */
public abstract class FollowUpStatusKeyContract {

    private static final Comparator<UUID> ID_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected FollowUpStatusKeyContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private FollowUpRepository followUps() {
        return storage.get().followUps();
    }

    /** Stores one follow-up in each status on the list, for one new customer, and returns them. */
    private List<FollowUp> stored(FollowUpStatus... statuses) {
        Customer customer = storage.get().customers().insert(TestData.customer().build());
        List<FollowUp> out = new ArrayList<>();
        for (FollowUpStatus status : statuses) {
            out.add(followUps().insert(TestData.followUp(customer.id()).status(status).build()));
        }
        return out;
    }

    private static List<FollowUpId> ids(List<FollowUp> followUps) {
        return followUps.stream().map(FollowUp::id).toList();
    }

    @Test
    @DisplayName("a walk by key visits every follow-up in the statuses once, in id order, and none in another status")
    void walkVisitsEveryFollowUpInTheStatusesOnce() {
        // given sent and failed follow-ups, with scheduled and cancelled ones between them
        List<FollowUp> wanted = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            wanted.addAll(stored(FollowUpStatus.SENT, FollowUpStatus.FAILED, FollowUpStatus.SENT));
            stored(FollowUpStatus.SCHEDULED, FollowUpStatus.CANCELLED);
        }
        Set<FollowUpStatus> statuses = EnumSet.of(FollowUpStatus.SENT, FollowUpStatus.FAILED);

        // when they are walked in pages of 4 and in one page of the largest size
        List<FollowUp> small = new ArrayList<>();
        PageWalk.<FollowUp>byKey(4, (last, size) -> followUps().listByStatusAfter(statuses,
                last.map(FollowUp::id), size)).forEach(small::add);
        List<FollowUp> large = followUps().listByStatusAfter(statuses, Optional.empty(), PageRequest.MAX_LIMIT);

        // then each walk holds exactly the sent and failed follow-ups, each once, in the store's id order
        assertThat(ids(small)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(wanted));
        assertThat(small).extracting(FollowUp::status).allMatch(statuses::contains);
        assertThat(ids(large)).containsExactlyElementsOf(ids(small));
        assertThat(small).extracting(f -> f.id().value()).isSortedAccordingTo(ID_ORDER);
    }

    @Test
    @DisplayName("a walk while follow-ups are stored sees every earlier one once, never goes back, and sees every one"
            + " ahead of the page it asks for")
    void followUpsStoredDuringAWalk() {
        // given twelve sent follow-ups
        List<FollowUp> before = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            before.addAll(stored(FollowUpStatus.SENT, FollowUpStatus.SENT, FollowUpStatus.SENT));
        }
        Set<FollowUpStatus> sent = EnumSet.of(FollowUpStatus.SENT);

        // when a walk in pages of 5 stores three more sent follow-ups after each of the first ten items it reads (the
        // first two pages)
        List<FollowUp> walked = new ArrayList<>();
        int added = 0;
        for (FollowUp f : PageWalk.<FollowUp>byKey(5, (last, size) -> followUps().listByStatusAfter(sent,
                last.map(FollowUp::id), size))) {
            walked.add(f);
            if (walked.size() <= 10) {
                added += stored(FollowUpStatus.SENT, FollowUpStatus.SENT, FollowUpStatus.SENT).size();
            }
        }

        // then every follow-up stored before came once, the ids only rose, and every follow-up whose id lies after
        // the last of the second page (where the storing stopped) was seen
        List<FollowUp> all = followUps().listByStatusAfter(sent, Optional.empty(), PageRequest.MAX_LIMIT);
        assertThat(all).hasSize(before.size() + added);
        assertThat(ids(walked)).doesNotHaveDuplicates().containsAll(ids(before)).isSubsetOf(ids(all));
        assertThat(walked).extracting(f -> f.id().value()).isSortedAccordingTo(ID_ORDER);
        UUID endOfSecondPage = walked.get(9).id().value();
        assertThat(ids(walked)).containsAll(all.stream()
                .filter(f -> ID_ORDER.compare(f.id().value(), endOfSecondPage) > 0).map(FollowUp::id).toList());
    }

    @Test
    @DisplayName("no statuses find no follow-ups, and a limit below 1 or above the largest page is refused")
    void noStatusesAndBadLimits() {
        // given a sent follow-up
        stored(FollowUpStatus.SENT);
        Set<FollowUpStatus> sent = EnumSet.of(FollowUpStatus.SENT);

        // when / then
        assertThat(followUps().listByStatusAfter(Set.of(), Optional.empty(), 10)).isEmpty();
        assertThat(followUps().listByStatusAfter(sent, Optional.empty(), 10)).hasSize(1);
        assertThatThrownBy(() -> followUps().listByStatusAfter(sent, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> followUps().listByStatusAfter(sent, Optional.empty(), PageRequest.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
