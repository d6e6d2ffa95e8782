package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Several nodes claiming follow-ups from one database. Subclassed per database. */
abstract class MultiNodeClaimTest {

    abstract DataSource dataSource();

    /** How many due follow-ups the two-claimer test spreads. */
    abstract int items();

    /** Touches the database first, on the test's own thread, so a missing one skips the test. */
    @org.junit.jupiter.api.BeforeEach
    void databaseIsThere() {
        dataSource();
    }

    private JdbcStorage node(String prefix) {
        return JdbcStorage.builder().dataSource(dataSource()).tablePrefix(prefix).build();
    }

    private List<FollowUpId> scheduleDue(JdbcStorage storage, int count) {
        Instant due = Samples.now().minusSeconds(3_600);
        List<FollowUpId> ids = new ArrayList<>();
        for (int from = 0; from < count; from += 1_000) {
            int to = Math.min(count, from + 1_000);
            storage.transactions().runInTransaction(() -> {
                for (int i = ids.size(); i < to; i++) {
                    ids.add(storage.followUps().insert(
                            Samples.followUp(CustomerId.random(), due.plusMillis(i % 500))).id());
                }
            });
        }
        return ids;
    }

    @Test
    @DisplayName("two claimers over many due items: none is lost and none is claimed twice")
    void twoClaimers() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        JdbcStorage a = node(prefix);
        JdbcStorage b = node(prefix);
        List<FollowUpId> scheduled = scheduleDue(a, items());
        ConcurrentLinkedQueue<FollowUpId> claims = new ConcurrentLinkedQueue<>();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        // both nodes take a first batch before either goes on, so both really compete for the rest
        java.util.concurrent.CyclicBarrier firstBatchTaken = new java.util.concurrent.CyclicBarrier(2);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (JdbcStorage node : List.of(a, b)) {
                String owner = node == a ? "node-a" : "node-b";
                done.add(pool.submit(() -> {
                    int batches = 0;
                    while (true) {
                        List<FollowUp> batch = node.followUps().claimDue(owner, Duration.ofMinutes(10), 100);
                        if (batch.isEmpty()) {
                            return batches;
                        }
                        batches++;
                        batch.forEach(f -> claims.add(f.id()));
                        if (batches == 1) {
                            firstBatchTaken.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        }
                    }
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(claims).hasSize(items());
        assertThat(new HashSet<>(claims)).containsExactlyInAnyOrderElementsOf(scheduled);
        assertThat(a.followUps().findByStatus(Set.of(FollowUpStatus.SCHEDULED), dev.rapport.spi.PageRequest.first())
                .items()).isEmpty();
    }

    @Test
    @DisplayName("a claimer stopped mid-batch: its leases lapse and the other node takes over")
    void stoppedClaimer() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        JdbcStorage a = node(prefix);
        JdbcStorage b = node(prefix);
        scheduleDue(a, 60);

        List<FollowUp> abandoned = a.followUps().claimDue("node-a", Duration.ofMillis(800), 40);
        List<FollowUp> rest = b.followUps().claimDue("node-b", Duration.ofMinutes(10), 100);

        assertThat(abandoned).hasSize(40);
        assertThat(rest).hasSize(20).extracting(FollowUp::id)
                .doesNotContainAnyElementsOf(abandoned.stream().map(FollowUp::id).toList());

        List<FollowUp> takenOver = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (takenOver.size() < 40 && System.nanoTime() < deadline) {
            takenOver.addAll(b.followUps().claimDue("node-b", Duration.ofMinutes(10), 100));
            Thread.sleep(100);
        }

        assertThat(takenOver).extracting(FollowUp::id)
                .containsExactlyInAnyOrderElementsOf(abandoned.stream().map(FollowUp::id).toList());
        assertThat(takenOver).allSatisfy(f -> assertThat(f.leaseOwner()).contains("node-b"));
        FollowUp late = abandoned.get(0);
        assertThatThrownBy(() -> a.followUps().update(late.toBuilder().status(FollowUpStatus.SENT).build()))
                .isInstanceOf(StaleVersionException.class);
    }
}
