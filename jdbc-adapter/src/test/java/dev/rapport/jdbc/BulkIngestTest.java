package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bulk ingest of interactions on one database. Subclassed per database. */
abstract class BulkIngestTest {

    abstract DataSource dataSource();

    /** Touches the database first, on the test's own thread, so a missing one skips the test. */
    @org.junit.jupiter.api.BeforeEach
    void databaseIsThere() {
        dataSource();
    }

    private JdbcStorage storage() {
        return JdbcStorage.builder().dataSource(dataSource()).tablePrefix(TestDatabases.freshPrefix())
                .ingestBatchSize(100).build();
    }

    @Test
    @DisplayName("stores a feed in batches and counts what it stored")
    void stores() {
        JdbcStorage storage = storage();
        CustomerId customer = CustomerId.random();
        List<Interaction> feed = Samples.feed(customer, 1_050, "msg");

        BulkIngestResult result = storage.ingestInteractions(feed);

        assertThat(result).isEqualTo(new BulkIngestResult(1_050, 0));
        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000)).items())
                .hasSize(1_000).containsExactlyElementsOf(feed.subList(0, 1_000));
        assertThat(storage.interactions().findByExternalId("msg-1049")).contains(feed.get(1_049));
    }

    @Test
    @DisplayName("is idempotent by external id: a feed ingested again, overlapping and repeating, is skipped")
    void idempotent() {
        JdbcStorage storage = storage();
        CustomerId customer = CustomerId.random();
        List<Interaction> first = Samples.feed(customer, 300, "msg");
        storage.ingestInteractions(first);
        List<Interaction> again = new ArrayList<>();
        for (Interaction i : Samples.feed(customer, 400, "msg")) {
            again.add(i); // same external ids for the first 300, with new interaction ids
        }
        again.add(again.get(350).toBuilder().id(dev.rapport.spi.interaction.InteractionId.random()).build());
        again.add(first.get(0).toBuilder().externalId("fresh").build()); // same id, new external id

        BulkIngestResult result = storage.ingestInteractions(again);

        assertThat(result).isEqualTo(new BulkIngestResult(100, 302));
        assertThat(storage.interactions().findByExternalId("msg-0")).contains(first.get(0));
        assertThat(storage.interactions().findByExternalId("msg-399")).contains(again.get(399));
        assertThat(storage.interactions().findByExternalId("fresh")).isEmpty();
        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000)).items())
                .hasSize(400);
    }

    @Test
    @DisplayName("writes nothing of a batch that fails, keeps the batches before it, and finishes when fed again")
    void failingBatchIsNotHalfWritten() {
        JdbcStorage storage = storage();
        CustomerId customer = CustomerId.random();
        List<Interaction> feed = Samples.feed(customer, 250, "msg");
        List<Interaction> broken = new ArrayList<>(feed);
        broken.set(150, feed.get(150).toBuilder().reason("x".repeat(100)).build()); // longer than the column

        assertThatThrownBy(() -> storage.ingestInteractions(broken)).isInstanceOf(StorageException.class);

        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000)).items())
                .containsExactlyElementsOf(feed.subList(0, 100));

        BulkIngestResult result = storage.ingestInteractions(feed);

        assertThat(result).isEqualTo(new BulkIngestResult(150, 100));
        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000)).items())
                .containsExactlyElementsOf(feed);
    }

    @Test
    @DisplayName("skips, in the middle of a batch, an interaction whose id is stored and one whose external id is")
    void skipsByIdAndByExternalIdInOneBatch() {
        JdbcStorage storage = storage();
        CustomerId customer = CustomerId.random();
        List<Interaction> stored = Samples.feed(customer, 2, "old");
        storage.ingestInteractions(stored);
        List<Interaction> next = new ArrayList<>(Samples.feed(customer, 50, "new"));
        next.add(20, stored.get(0).toBuilder().externalId("new-by-stored-id").build());
        next.add(30, next.get(29).toBuilder().id(InteractionId.random()).externalId("old-1").build());
        Interaction withoutExternalId = next.get(40).toBuilder().id(InteractionId.random()).externalId(null).build();
        next.add(withoutExternalId);

        BulkIngestResult result = storage.ingestInteractions(next);

        assertThat(result).isEqualTo(new BulkIngestResult(51, 2));
        assertThat(storage.interactions().findById(stored.get(0).id())).contains(stored.get(0));
        assertThat(storage.interactions().findByExternalId("old-1")).contains(stored.get(1));
        assertThat(storage.interactions().findByExternalId("new-by-stored-id")).isEmpty();
        assertThat(storage.interactions().findById(withoutExternalId.id())).contains(withoutExternalId);
        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000)).items())
                .hasSize(53);
    }

    @Test
    @DisplayName("stores hostile text, long text and edge instants exactly as given, truncated to the microsecond")
    void storesHostileTextExactly() {
        JdbcStorage storage = storage();
        CustomerId customer = CustomerId.random();
        String hostile = "quote ' double \" tab \t newline \n return \r backslash \\ \\N \\. end-marker\n\\.\n"
                + "null-marker \\N emoji \uD83D\uDE00\uD83D\uDC4D accents \u00e9\u00fc\u00df CJK \u4e2d\u6587 ;DROP TABLE x;--";
        String longText = "\u00e9\\\t".repeat(33_333) + "z";
        Instant beforeEpoch = Instant.parse("1969-07-20T20:17:40.123456789Z");
        Instant lastMicro = Instant.parse("9999-12-31T23:59:59.999999999Z");
        List<Interaction> feed = new ArrayList<>(Samples.feed(customer, 3, "plain"));
        feed.add(Samples.interaction(customer, null, beforeEpoch, "ext '\\ \uD83D\uDE00 \"x\" \\N")
                .toBuilder().summary(hostile).orderRef("\\N").recordedAt(lastMicro).build());
        feed.add(Samples.interaction(customer, null, Samples.at(10), "long").toBuilder().summary(longText)
                .orderRef(null).amount(null).reason(null).handleTime(null).agentId(null).build());
        feed.add(Samples.interaction(customer, null, Samples.at(11), "\\").toBuilder().summary("").build());

        BulkIngestResult result = storage.ingestInteractions(feed);

        assertThat(result).isEqualTo(new BulkIngestResult(6, 0));
        Interaction hostileRow = storage.interactions().findByExternalId("ext '\\ \uD83D\uDE00 \"x\" \\N").orElseThrow();
        assertThat(hostileRow).isEqualTo(feed.get(3).toBuilder().occurredAt(beforeEpoch.truncatedTo(ChronoUnit.MICROS))
                .recordedAt(lastMicro.truncatedTo(ChronoUnit.MICROS)).build());
        assertThat(hostileRow.summary()).contains(hostile);
        assertThat(storage.interactions().findByExternalId("long").orElseThrow().summary().orElseThrow())
                .hasSize(100_000).isEqualTo(longText);
        assertThat(storage.interactions().findByExternalId("long")).contains(feed.get(4));
        assertThat(storage.interactions().findByExternalId("\\")).contains(feed.get(5));
        assertThat(storage.interactions().findByExternalId("plain-2")).contains(feed.get(2));
    }

    @Test
    @DisplayName("stores each row once when two ingests of overlapping feeds run at the same time")
    void concurrentOverlappingIngests() throws Exception {
        JdbcStorage storage = storage();
        CustomerId customer = CustomerId.random();
        List<Interaction> all = Samples.feed(customer, 900, "msg");
        List<Interaction> left = all.subList(0, 600);
        List<Interaction> right = new ArrayList<>();
        for (Interaction i : all.subList(300, 900)) {
            right.add(i.toBuilder().id(InteractionId.random()).build()); // the same external ids, new ids
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<BulkIngestResult> ingestLeft = () -> {
                start.await();
                return storage.ingestInteractions(left);
            };
            Callable<BulkIngestResult> ingestRight = () -> {
                start.await();
                return storage.ingestInteractions(right);
            };
            Future<BulkIngestResult> a = pool.submit(ingestLeft);
            Future<BulkIngestResult> b = pool.submit(ingestRight);
            start.countDown();

            BulkIngestResult ra = a.get(60, TimeUnit.SECONDS);
            BulkIngestResult rb = b.get(60, TimeUnit.SECONDS);

            assertThat(ra.inserted() + rb.inserted()).isEqualTo(900);
            assertThat(ra.skipped() + rb.skipped()).isEqualTo(300);
            assertThat(ra.inserted() + ra.skipped()).isEqualTo(600);
            assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(1_000))
                    .items()).hasSize(900).extracting(i -> i.externalId().orElseThrow()).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("keeps calls' waits and abandonment through the bulk path (COPY on PostgreSQL)")
    void callDetails() {
        // given calls with waits below the microsecond and at the ends of the range, some abandoned
        JdbcStorage storage = storage();
        CustomerId customer = CustomerId.random();
        List<Interaction> feed = new ArrayList<>();
        List<java.time.Duration> waits = List.of(java.time.Duration.ZERO, java.time.Duration.ofNanos(1),
                java.time.Duration.ofHours(24), java.time.Duration.ofSeconds(61, 999_999_999));
        for (Interaction i : Samples.feed(customer, 8, "call")) {
            int n = feed.size();
            feed.add(i.toBuilder().kind(n % 2 == 0 ? dev.rapport.spi.interaction.InteractionKind.MISSED_CALL
                    : dev.rapport.spi.interaction.InteractionKind.CALL).waitTime(n < 4 ? waits.get(n) : null)
                    .abandoned(n % 4 == 0).build());
        }

        // when
        BulkIngestResult result = storage.ingestInteractions(feed);

        // then
        assertThat(result).isEqualTo(new BulkIngestResult(8, 0));
        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(100)).items())
                .containsExactlyInAnyOrderElementsOf(feed);
    }

    @Test
    @DisplayName("stores amounts exactly through the bulk path: zero, fractions, negatives and the widest allowed")
    void amountsExactly() {
        // given amounts whose digits fall on every side of PostgreSQL's base-10,000 groups
        JdbcStorage storage = storage();
        CustomerId customer = CustomerId.random();
        List<String> amounts = List.of("0", "0.0001", "-0.5", "1", "19.99", "10000", "100000000", "12345.0678",
                "-7000.0007", "123456789012345.6789", "-999999999999999.9999", "0.1234", "9999.9999");
        List<Interaction> feed = new ArrayList<>();
        List<Interaction> plain = Samples.feed(customer, amounts.size(), "amount");
        for (int k = 0; k < amounts.size(); k++) {
            feed.add(plain.get(k).toBuilder().amount(dev.rapport.spi.Money.of(amounts.get(k), "EUR")).build());
        }

        // when
        BulkIngestResult result = storage.ingestInteractions(feed);

        // then
        assertThat(result).isEqualTo(new BulkIngestResult(amounts.size(), 0));
        assertThat(storage.interactions().findByCustomer(customer, TimeRange.ALL, PageRequest.first(100)).items())
                .containsExactlyInAnyOrderElementsOf(feed);
    }
}
