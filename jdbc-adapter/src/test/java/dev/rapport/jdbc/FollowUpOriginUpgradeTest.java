package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Version 14 on a database that holds follow-ups written under version 13: their rule and occasion date, until then
 * kept only in the idempotency key, are filled in from it. Subclassed per database.
 */
abstract class FollowUpOriginUpgradeTest {

    /** The version before the rule and occasion date became columns. */
    private static final int BEFORE = 13;

    abstract DataSource dataSource();

    /** Touches the database first, on the test's own thread, so a missing one skips the test. */
    @BeforeEach
    void databaseIsThere() {
        dataSource();
    }

    /** Brings a fresh prefix to the given version with the shipped scripts, recording them as the migrator does. */
    private void migrateTo(String prefix, int version) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            Dialect dialect = Dialect.detect(c.getMetaData()).orElseThrow();
            st.execute("CREATE TABLE " + prefix + "schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL,"
                    + " installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            for (SchemaMigrator.Script script : SchemaMigrator.scripts(dialect).subList(0, version)) {
                for (String sql : SchemaMigrator.statements(
                        script.text().replace(SchemaMigrator.PREFIX_PLACEHOLDER, prefix))) {
                    st.execute(sql);
                }
                st.executeUpdate("INSERT INTO " + prefix + "schema_version VALUES (" + script.version() + ", '"
                        + script.description() + "', '" + script.checksum() + "', CURRENT_TIMESTAMP)");
            }
        }
    }

    /** Stores a scheduled follow-up with version 13's columns only, as Rapport did before version 14. */
    private FollowUpId insertBeforeTheUpgrade(String prefix, UUID customerId, String key) throws SQLException {
        FollowUpId id = FollowUpId.random();
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "follow_up (id, customer_id,"
                     + " case_id, kind, channel, due_at, expires_at, status, attempts, idempotency_key, lease_owner,"
                     + " lease_until, last_error, cancel_reason, item_values, created_at, updated_at, version)"
                     + " VALUES (?, ?, NULL, 'survey', 'email', TIMESTAMP WITH TIME ZONE '2026-06-01 09:00:00+00',"
                     + " NULL, 'SCHEDULED', 0, ?, NULL, NULL, NULL, NULL, '{}',"
                     + " TIMESTAMP WITH TIME ZONE '2026-05-01 09:00:00+00',"
                     + " TIMESTAMP WITH TIME ZONE '2026-05-01 09:00:00+00', 1)")) {
            ps.setObject(1, id.value());
            ps.setObject(2, customerId);
            ps.setString(3, key);
            ps.executeUpdate();
        }
        return id;
    }

    @Test
    @DisplayName("follow-ups written under version 13 read back after the upgrade with the rule and date of their"
            + " keys, and those the host scheduled or erasure rewrote with neither")
    void upgradeBackfillsRuleAndOccasionDate() throws Exception {
        // given follow-ups of every kind of key, written under version 13
        String prefix = TestDatabases.freshPrefix();
        migrateTo(prefix, BEFORE);
        UUID customer = UUID.randomUUID();
        FollowUpId birthday = insertBeforeTheUpgrade(prefix, customer,
                "birthday-greeting/customer:" + customer + ":2027-03-04");
        FollowUpId lastDay = insertBeforeTheUpgrade(prefix, customer,
                "renewal_2/customer:" + customer + ":9999-12-31");
        FollowUpId survey = insertBeforeTheUpgrade(prefix, customer,
                "survey-after-resolution/case:" + UUID.randomUUID());
        FollowUpId direct = insertBeforeTheUpgrade(prefix, customer, "direct/thanks/order-7");
        FollowUpId erased = insertBeforeTheUpgrade(prefix, customer, "erased/" + UUID.randomUUID());
        FollowUpId released = insertBeforeTheUpgrade(prefix, customer,
                "released/" + UUID.randomUUID() + "/check-in/customer:" + customer + ":2026-02-28");
        FollowUpId noRule = insertBeforeTheUpgrade(prefix, customer, "Not A Rule/customer:" + customer + ":2026-01-01");

        // when the storage is built, which applies version 14
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource()).tablePrefix(prefix).build();

        // then each reads back with what its key said, and nothing else changed
        assertThat(storage.migrator().currentVersion()).isEqualTo(storage.migrator().latestVersion())
                .isGreaterThan(BEFORE);
        FollowUp birthdayRead = storage.followUps().get(birthday);
        assertThat(birthdayRead.ruleId()).contains("birthday-greeting");
        assertThat(birthdayRead.occasionDate()).contains(LocalDate.of(2027, 3, 4));
        assertThat(birthdayRead.status()).isEqualTo(FollowUpStatus.SCHEDULED);
        assertThat(birthdayRead.version()).isEqualTo(1);
        assertThat(storage.followUps().get(lastDay).ruleId()).contains("renewal_2");
        assertThat(storage.followUps().get(lastDay).occasionDate()).contains(LocalDate.of(9999, 12, 31));
        assertThat(storage.followUps().get(survey).ruleId()).contains("survey-after-resolution");
        assertThat(storage.followUps().get(survey).occasionDate()).isEmpty();
        assertThat(storage.followUps().get(released).ruleId()).contains("check-in");
        assertThat(storage.followUps().get(released).occasionDate()).contains(LocalDate.of(2026, 2, 28));
        for (FollowUpId none : new FollowUpId[] {direct, erased, noRule}) {
            assertThat(storage.followUps().get(none).ruleId()).as(none.toString()).isEmpty();
            assertThat(storage.followUps().get(none).occasionDate()).as(none.toString()).isEmpty();
        }
    }

    @Test
    @DisplayName("a backfilled follow-up is updated and read back like one written after the upgrade")
    void backfilledFollowUpUpdates() throws Exception {
        // given a date rule's follow-up written under version 13, then the upgrade
        String prefix = TestDatabases.freshPrefix();
        migrateTo(prefix, BEFORE);
        UUID customer = UUID.randomUUID();
        FollowUpId id = insertBeforeTheUpgrade(prefix, customer, "renewal/customer:" + customer + ":2026-12-01");
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource()).tablePrefix(prefix).build();

        // when it is cancelled
        FollowUp cancelled = storage.followUps().update(storage.followUps().get(id).toBuilder()
                .status(FollowUpStatus.CANCELLED).cancelReason("date_changed").build());

        // then its origin is kept
        assertThat(storage.followUps().get(id)).isEqualTo(cancelled);
        assertThat(cancelled.ruleId()).contains("renewal");
        assertThat(cancelled.occasionDate()).contains(LocalDate.of(2026, 12, 1));
    }
}
