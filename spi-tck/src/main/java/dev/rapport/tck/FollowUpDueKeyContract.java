package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the walk over the follow-ups of one kind and status due in a range, by key
 * ({@link FollowUpRepository#listDueBetween}), which the streaming KPIs' survey count pages with
 * ({@link PageWalk#byKey}) to read the surveys sent in its period and no others: only follow-ups of the status, kind
 * and range, in (due time, id) order as the store compares ids, each page after the follow-up given, wherever that
 * lies, follow-ups stored during a walk seen if they lie ahead of it, and a limit out of range refused. Run by
 * {@link RapportStorageContract} as its nested group "Follow-ups due in a range by key"; not meant to be run on its
 * own.
 */
public abstract class FollowUpDueKeyContract {

    /** The order of the walk: due time, then id as the stores compare UUIDs (two halves, unsigned). */
    private static final Comparator<FollowUp> WALK_ORDER = Comparator.comparing(FollowUp::dueAt)
            .thenComparing(f -> f.id().value().getMostSignificantBits(), Long::compareUnsigned)
            .thenComparing(f -> f.id().value().getLeastSignificantBits(), Long::compareUnsigned);

    private static final Instant START = Instant.parse("2031-05-05T00:00:00Z");
    private static final TimeRange WEEK = TimeRange.of(START, START.plus(Duration.ofDays(7)));
    private static final FollowUpStatus SENT = FollowUpStatus.SENT;
    private static final FollowUpKind SURVEY = FollowUpKind.SURVEY;

    private final Supplier<RapportStorage> storage;
    private Customer customer;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected FollowUpDueKeyContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private FollowUpRepository followUps() {
        return storage.get().followUps();
    }

    /** Stores a follow-up of the kind and status, due at the time, for the test's customer. */
    private FollowUp stored(FollowUpKind kind, FollowUpStatus status, Instant due) {
        if (customer == null) {
            customer = storage.get().customers().insert(TestData.customer().build());
        }
        return followUps().insert(TestData.followUp(customer.id()).kind(kind).status(status).dueAt(due).build());
    }

    private List<FollowUp> walk(TimeRange range, int pageSize) {
        List<FollowUp> out = new ArrayList<>();
        PageWalk.<FollowUp>byKey(pageSize, (last, size) -> followUps().listDueBetween(SENT, SURVEY, range, last, size))
                .forEach(out::add);
        return out;
    }

    private static List<FollowUpId> ids(List<FollowUp> followUps) {
        return followUps.stream().map(FollowUp::id).toList();
    }

    @Test
    @DisplayName("a walk by key visits every follow-up of the status and kind due in the range once, in due time and"
            + " id order, and no other")
    void walkVisitsEveryFollowUpOfTheRangeOnce() {
        // given sent surveys due in the week, four of them at one instant and one at its very start, with sent
        // surveys due just before and at its end, scheduled surveys and sent thank-yous due in it between them
        List<FollowUp> wanted = new ArrayList<>();
        wanted.add(stored(SURVEY, SENT, WEEK.from()));
        for (int i = 0; i < 4; i++) {
            wanted.add(stored(SURVEY, SENT, START.plus(Duration.ofDays(2))));
        }
        for (int i = 0; i < 6; i++) {
            wanted.add(stored(SURVEY, SENT, START.plus(Duration.ofHours(7L * i + 1)).plusNanos(1_000L * i)));
            stored(SURVEY, FollowUpStatus.SCHEDULED, START.plus(Duration.ofHours(7L * i + 2)));
            stored(FollowUpKind.THANK_YOU, SENT, START.plus(Duration.ofHours(7L * i + 3)));
        }
        stored(SURVEY, SENT, WEEK.from().minusNanos(1_000));
        stored(SURVEY, SENT, WEEK.to());

        // when they are walked in pages of 3 and read in one page of the largest size
        List<FollowUp> small = walk(WEEK, 3);
        List<FollowUp> large = followUps().listDueBetween(SENT, SURVEY, WEEK, Optional.empty(), PageRequest.MAX_LIMIT);

        // then each holds exactly the week's sent surveys, each once, in due time and id order
        assertThat(ids(small)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(wanted));
        assertThat(small).isSortedAccordingTo(WALK_ORDER);
        assertThat(ids(large)).containsExactlyElementsOf(ids(small));
        assertThat(small).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(SENT);
            assertThat(f.kind()).isEqualTo(SURVEY);
            assertThat(WEEK.contains(f.dueAt())).isTrue();
        });
    }

    @Test
    @DisplayName("a page after a follow-up places the walk by that follow-up's due time and id alone, stored or not,"
            + " inside the range or outside it")
    void pageAfterAnyFollowUp() {
        // given eight sent surveys due in the week and sent surveys before and after it
        List<FollowUp> week = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            week.add(stored(SURVEY, SENT, START.plus(Duration.ofHours(10L * i + 5))));
        }
        FollowUp before = stored(SURVEY, SENT, START.minus(Duration.ofDays(3)));
        FollowUp after = stored(SURVEY, SENT, WEEK.to().plus(Duration.ofDays(3)));
        week.sort(WALK_ORDER);
        FollowUp unstored = TestData.followUp(week.get(0).customerId()).kind(FollowUpKind.CALL_BACK)
                .status(FollowUpStatus.CANCELLED).dueAt(week.get(4).dueAt()).build();

        // when pages are asked for after a follow-up before the range, after the third of the week, after one not
        // stored due with the fifth, and after one due after the range
        List<FollowUp> afterBefore = followUps().listDueBetween(SENT, SURVEY, WEEK, Optional.of(before), 100);
        List<FollowUp> afterThird = followUps().listDueBetween(SENT, SURVEY, WEEK, Optional.of(week.get(2)), 2);
        List<FollowUp> afterUnstored = followUps().listDueBetween(SENT, SURVEY, WEEK, Optional.of(unstored), 100);
        List<FollowUp> afterAfter = followUps().listDueBetween(SENT, SURVEY, WEEK, Optional.of(after), 100);

        // then the first gives the whole week, the second the fourth and fifth, the third those after the unstored
        // one in (due time, id) order, and the last none
        assertThat(ids(afterBefore)).containsExactlyElementsOf(ids(week));
        assertThat(ids(afterThird)).containsExactlyElementsOf(ids(week.subList(3, 5)));
        assertThat(ids(afterUnstored)).containsExactlyElementsOf(ids(week.stream()
                .filter(f -> WALK_ORDER.compare(f, unstored) > 0).toList()));
        assertThat(afterAfter).isEmpty();
    }

    @Test
    @DisplayName("a walk while follow-ups are stored sees every earlier one once, never goes back, and sees every one"
            + " ahead of the page it asks for")
    void followUpsStoredDuringAWalk() {
        // given twelve sent surveys due in the first half of the week
        List<FollowUp> before = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            before.add(stored(SURVEY, SENT, START.plus(Duration.ofHours(6L * i))));
        }

        // when a walk in pages of 5 stores after each of the first ten items it reads a sent survey due in the second
        // half of the week and one due before the week
        List<FollowUp> walked = new ArrayList<>();
        List<FollowUp> ahead = new ArrayList<>();
        int i = 0;
        for (FollowUp f : PageWalk.<FollowUp>byKey(5, (last, size) -> followUps().listDueBetween(SENT, SURVEY, WEEK,
                last, size))) {
            walked.add(f);
            if (walked.size() <= 10) {
                ahead.add(stored(SURVEY, SENT, START.plus(Duration.ofDays(4)).plus(Duration.ofMinutes(i++))));
                stored(SURVEY, SENT, START.minus(Duration.ofMinutes(i)));
            }
        }

        // then every survey stored before came once, the walk only went forward, and every one stored ahead of it
        // was seen, but none due before the week
        assertThat(ids(walked)).doesNotHaveDuplicates().containsAll(ids(before)).containsAll(ids(ahead))
                .hasSize(before.size() + ahead.size());
        assertThat(walked).isSortedAccordingTo(WALK_ORDER);
    }

    @Test
    @DisplayName("an empty range finds no follow-ups, and a limit below 1 or above the largest page, or a missing"
            + " argument, is refused")
    void emptyRangeAndBadArguments() {
        // given a sent survey due at the start of the week
        stored(SURVEY, SENT, START);

        // when / then
        assertThat(followUps().listDueBetween(SENT, SURVEY, TimeRange.of(START, START), Optional.empty(), 10))
                .isEmpty();
        assertThat(followUps().listDueBetween(SENT, SURVEY, TimeRange.ALL, Optional.empty(), 10)).hasSize(1);
        assertThat(followUps().listDueBetween(SENT, FollowUpKind.THANK_YOU, WEEK, Optional.empty(), 10)).isEmpty();
        assertThat(followUps().listDueBetween(FollowUpStatus.FAILED, SURVEY, WEEK, Optional.empty(), 10)).isEmpty();
        assertThatThrownBy(() -> followUps().listDueBetween(SENT, SURVEY, WEEK, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> followUps().listDueBetween(SENT, SURVEY, WEEK, Optional.empty(),
                PageRequest.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> followUps().listDueBetween(SENT, SURVEY, null, Optional.empty(), 10))
                .isInstanceOf(NullPointerException.class);
    }
}
