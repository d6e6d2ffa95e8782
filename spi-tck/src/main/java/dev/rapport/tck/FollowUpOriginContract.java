package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of a follow-up's origin: the rule that planned it ({@link FollowUp#ruleId()}) and, for a
 * date rule, the date it was planned for ({@link FollowUp#occasionDate()}). Both are kept exactly, absent or present,
 * for the edge dates of the supported range too, through every way a follow-up is written and read: insert, update,
 * the batch update of a dispatch round, a claim, and the lookups by id, key and customer. Run by
 * {@link RapportStorageContract} as its nested group "Follow-up origins"; not meant to be run on its own.
 */
public abstract class FollowUpOriginContract {

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected FollowUpOriginContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private FollowUpRepository followUps() {
        return storage.get().followUps();
    }

    private Customer storedCustomer() {
        return storage.get().customers().insert(TestData.customer().build());
    }

    /** Every way the store reads one follow-up back. */
    private List<FollowUp> readBack(FollowUp stored) {
        FollowUp byCustomer = followUps().findByCustomer(stored.customerId(), PageRequest.first(100)).items().stream()
                .filter(f -> f.id().equals(stored.id())).findFirst().orElseThrow();
        return List.of(followUps().get(stored.id()),
                followUps().findByIdempotencyKey(stored.idempotencyKey()).orElseThrow(), byCustomer);
    }

    @Test
    @DisplayName("a follow-up a date rule planned reads back with its rule and occasion date")
    void ruleAndOccasionDateRoundTrip() {
        // given a follow-up with both fields
        Customer customer = storedCustomer();
        FollowUp planned = TestData.followUp(customer.id()).ruleId("birthday-greeting")
                .occasionDate(LocalDate.of(2027, 3, 4)).build();

        // when it is stored
        FollowUp stored = followUps().insert(planned);

        // then every read gives both back
        assertThat(readBack(stored)).allSatisfy(f -> {
            assertThat(f).isEqualTo(stored);
            assertThat(f.ruleId()).contains("birthday-greeting");
            assertThat(f.occasionDate()).contains(LocalDate.of(2027, 3, 4));
        });
    }

    @Test
    @DisplayName("a follow-up the host scheduled directly reads back with neither rule nor occasion date")
    void absentOriginRoundTrips() {
        // given a follow-up with neither field
        Customer customer = storedCustomer();

        // when it is stored
        FollowUp stored = followUps().insert(TestData.followUp(customer.id()).build());

        // then every read gives both back empty
        assertThat(readBack(stored)).allSatisfy(f -> {
            assertThat(f).isEqualTo(stored);
            assertThat(f.ruleId()).isEmpty();
            assertThat(f.occasionDate()).isEmpty();
        });
    }

    @Test
    @DisplayName("a follow-up an event rule planned reads back with its rule, of the longest length, and no date")
    void ruleWithoutDateRoundTrips() {
        // given a rule id of 64 characters and no date
        Customer customer = storedCustomer();
        String longest = "r" + "a-_9".repeat(15) + "xyz";

        // when it is stored
        FollowUp stored = followUps().insert(TestData.followUp(customer.id()).ruleId(longest).build());

        // then
        assertThat(longest).hasSize(64);
        assertThat(readBack(stored)).allSatisfy(f -> {
            assertThat(f).isEqualTo(stored);
            assertThat(f.ruleId()).contains(longest);
            assertThat(f.occasionDate()).isEmpty();
        });
    }

    @Test
    @DisplayName("the first and last dates of the supported range and a leap day read back equal")
    void edgeDatesRoundTrip() {
        // given follow-ups planned for the edge dates
        Customer customer = storedCustomer();
        List<LocalDate> dates = List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(2028, 2, 29), LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 15));

        for (LocalDate date : dates) {
            // when each is stored
            FollowUp stored = followUps().insert(TestData.followUp(customer.id()).ruleId("renewal")
                    .occasionDate(date).build());

            // then it reads back with the same date
            assertThat(readBack(stored)).allSatisfy(f -> assertThat(f.occasionDate()).contains(date));
        }
    }

    @Test
    @DisplayName("an update sets, changes and clears the rule and occasion date")
    void updateChangesOrigin() {
        // given a follow-up without an origin
        Customer customer = storedCustomer();
        FollowUp stored = followUps().insert(TestData.followUp(customer.id()).build());

        // when an update sets both, and another changes the date and clears the rule
        FollowUp set = followUps().update(stored.toBuilder().ruleId("renewal")
                .occasionDate(LocalDate.of(2030, 1, 31)).build());
        FollowUp setRead = followUps().get(stored.id());
        FollowUp changed = followUps().update(set.toBuilder().ruleId(null)
                .occasionDate(LocalDate.of(2030, 2, 28)).build());

        // then each read gives back what was written
        assertThat(setRead).isEqualTo(set);
        assertThat(setRead.ruleId()).contains("renewal");
        assertThat(followUps().get(stored.id())).isEqualTo(changed);
        assertThat(changed.ruleId()).isEmpty();
        assertThat(changed.occasionDate()).contains(LocalDate.of(2030, 2, 28));
    }

    @Test
    @DisplayName("the batch update of a dispatch round keeps, sets and clears the origin of each follow-up")
    void updateEachKeepsOrigin() {
        // given one follow-up with an origin and one without
        Customer customer = storedCustomer();
        FollowUp dated = followUps().insert(TestData.followUp(customer.id()).ruleId("birthday-greeting")
                .occasionDate(LocalDate.of(9999, 12, 31)).build());
        FollowUp direct = followUps().insert(TestData.followUp(customer.id()).build());

        // when one batch sends the first unchanged in origin and gives the second one
        List<Optional<FollowUp>> results = followUps().updateEach(List.of(
                dated.toBuilder().status(FollowUpStatus.SENT).attempts(1).build(),
                direct.toBuilder().ruleId("thank-you").occasionDate(LocalDate.of(1, 1, 1)).build()));

        // then both were written, and read back as written
        assertThat(results).allSatisfy(r -> assertThat(r).isPresent());
        FollowUp datedRead = followUps().get(dated.id());
        FollowUp directRead = followUps().get(direct.id());
        assertThat(datedRead).isEqualTo(results.get(0).orElseThrow());
        assertThat(datedRead.occasionDate()).contains(LocalDate.of(9999, 12, 31));
        assertThat(directRead).isEqualTo(results.get(1).orElseThrow());
        assertThat(directRead.ruleId()).contains("thank-you");
        assertThat(directRead.occasionDate()).contains(LocalDate.of(1, 1, 1));
    }

    @Test
    @DisplayName("a claimed follow-up comes back from the claim with its rule and occasion date")
    void claimKeepsOrigin() {
        // given a due follow-up planned by a date rule
        Customer customer = storedCustomer();
        FollowUp due = followUps().insert(TestData.followUp(customer.id()).ruleId("renewal")
                .occasionDate(LocalDate.of(2026, 12, 1)).dueAt(TestData.now().minus(Duration.ofHours(1))).build());

        // when a dispatcher claims it
        List<FollowUp> claimed = followUps().claimDue("node-a", Duration.ofMinutes(5), 10);

        // then the claim and the stored row both carry the origin
        assertThat(claimed).extracting(FollowUp::id).containsExactly(due.id());
        assertThat(claimed.get(0).ruleId()).contains("renewal");
        assertThat(claimed.get(0).occasionDate()).contains(LocalDate.of(2026, 12, 1));
        assertThat(followUps().get(due.id()).occasionDate()).contains(LocalDate.of(2026, 12, 1));
    }
}
