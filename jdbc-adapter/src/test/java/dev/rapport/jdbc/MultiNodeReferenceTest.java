package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.tck.TestData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Several application nodes, each with a connection pool of its own, taking complaint reference numbers from one
 * database. Subclassed per database.
 */
abstract class MultiNodeReferenceTest {

    private static final int YEAR = 2031;
    private static final String PREFIX = "CMP";

    private final List<DataSource> opened = new ArrayList<>();

    /** A data source to the test database with connections of its own, as a separate node would have. */
    abstract DataSource nodeDataSource();

    @AfterEach
    void closePools() throws SQLException {
        for (DataSource dataSource : opened) {
            if (dataSource instanceof TestDatabases.Pool pool) {
                pool.close();
            }
        }
    }

    private JdbcStorage node(String prefix) {
        DataSource dataSource = nodeDataSource();
        opened.add(dataSource);
        return JdbcStorage.builder().dataSource(dataSource).tablePrefix(prefix).build();
    }

    /** Thrown inside a receipt to roll it back after it took its number. */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("abandoned");
        }
    }

    /** Receives one complaint the way the complaint service does: number, insert and audit in one transaction. */
    private static Complaint receive(JdbcStorage node, CustomerId customer, boolean abandon) {
        return node.transactions().inTransaction(() -> {
            long number = node.complaints().nextReferenceNumber(YEAR);
            Complaint stored = node.complaints().insert(TestData.complaint(customer)
                    .reference(ComplaintReference.of(PREFIX, YEAR, number)).build());
            node.complaints().appendAudit(stored.id(), AuditEntry.of(stored.receivedAt(), AuditEntry.SYSTEM,
                    AuditAction.RECEIVED, "complaint " + stored.reference()));
            if (abandon) {
                throw new Abandoned();
            }
            return stored;
        });
    }

    private static long number(ComplaintReference reference) {
        String value = reference.value();
        return Long.parseLong(value.substring(value.lastIndexOf('-') + 1));
    }

    @Test
    @DisplayName("two nodes receiving complaints at the same time never give two the same reference, and leave no gap")
    void twoNodesNeverShareAReference() throws Exception {
        // given
        String prefix = TestDatabases.freshPrefix();
        List<JdbcStorage> nodes = List.of(node(prefix), node(prefix));
        CustomerId customer = CustomerId.random();
        int threadsPerNode = 4;
        int receiptsPerThread = 25;
        int threads = nodes.size() * threadsPerNode;
        CyclicBarrier start = new CyclicBarrier(threads);
        ConcurrentLinkedQueue<Complaint> received = new ConcurrentLinkedQueue<>();
        AtomicInteger abandoned = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);

        // when: every fifth receipt rolls back after taking its number
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JdbcStorage node = nodes.get(t % nodes.size());
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < receiptsPerThread; i++) {
                        try {
                            received.add(receive(node, customer, i % 5 == 4));
                        } catch (Abandoned e) {
                            abandoned.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        // then
        int committed = threads * receiptsPerThread - abandoned.get();
        List<ComplaintReference> references = received.stream().map(Complaint::reference).toList();
        assertThat(abandoned.get()).isEqualTo(threads * receiptsPerThread / 5);
        assertThat(references).hasSize(committed).doesNotHaveDuplicates();
        assertThat(references.stream().map(MultiNodeReferenceTest::number).sorted().toList())
                .as("a rolled-back number is given again, so the committed ones run 1, 2, 3... without a gap")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, committed).boxed().toList());
        assertThat(nodes.get(1).complaints().findByCustomer(customer, PageRequest.first(PageRequest.MAX_LIMIT))
                .items()).extracting(Complaint::reference).containsExactlyInAnyOrderElementsOf(references);
        assertThat(nodes.get(0).complaints().nextReferenceNumber(YEAR)).isEqualTo(committed + 1L);
    }

    @Test
    @DisplayName("a node asking while another node's transaction holds the year's first number gets the next one")
    void askingWhileAnotherTransactionHoldsTheCounter() throws Exception {
        // given
        String prefix = TestDatabases.freshPrefix();
        JdbcStorage a = node(prefix);
        JdbcStorage b = node(prefix);
        ExecutorService other = Executors.newSingleThreadExecutor();
        List<Future<Long>> asked = new ArrayList<>();

        // when
        long held;
        try {
            held = a.transactions().inTransaction(() -> {
                long number = a.complaints().nextReferenceNumber(YEAR);
                asked.add(other.submit(() -> b.complaints().nextReferenceNumber(YEAR)));
                return number;
            });
            asked.get(0).get(1, TimeUnit.MINUTES);
        } finally {
            other.shutdownNow();
        }

        // then
        assertThat(held).isEqualTo(1);
        assertThat(asked.get(0).get()).isEqualTo(2);
    }

    @Test
    @DisplayName("a number taken in a transaction that rolled back is given again, to the other node too")
    void rolledBackNumberIsGivenAgain() {
        // given
        String prefix = TestDatabases.freshPrefix();
        JdbcStorage a = node(prefix);
        JdbcStorage b = node(prefix);
        long first = a.complaints().nextReferenceNumber(YEAR);
        long[] taken = new long[1];

        // when
        assertThatThrownBy(() -> a.transactions().runInTransaction(() -> {
            taken[0] = a.complaints().nextReferenceNumber(YEAR);
            throw new Abandoned();
        })).isInstanceOf(Abandoned.class);
        long next = b.complaints().nextReferenceNumber(YEAR);

        // then
        assertThat(first).isEqualTo(1);
        assertThat(taken[0]).isEqualTo(2);
        assertThat(next).isEqualTo(2);
        assertThat(a.complaints().nextReferenceNumber(YEAR + 1)).as("another year starts at 1").isEqualTo(1);
    }
}
