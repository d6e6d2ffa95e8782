package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.spi.StorageException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.event.EventOutbox.Entry;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Storage failures name their entity and field on PostgreSQL")
class PostgresStorageFailureLocationTest extends StorageFailureLocationTest {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }

    @Override
    String shortenColumn(String table, String column, int length) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE VARCHAR(" + length + ")";
    }

    @Test
    @DisplayName("a NUL in text the outbox is handed directly names state 22021, OutboxEvent and lastError")
    void nulInText() {
        // given
        EventOutbox outbox = storage.outbox().orElseThrow();
        outbox.append(List.of(SampleEvents.ofCustomer(CustomerId.random(), 1)));
        Entry entry = outbox.claim("relay", Duration.ofMinutes(1), 10).get(0);

        // when
        Throwable thrown = catchThrowable(() -> outbox.recordFailure(entry, "broker said \u0000", Duration.ZERO, 3));

        // then
        assertThat(thrown).isInstanceOf(StorageException.class);
        StorageException e = (StorageException) thrown;
        assertThat(e.sqlState()).contains("22021");
        assertThat(e.entity()).contains("OutboxEvent");
        assertThat(e.field()).contains("lastError");
    }
}
