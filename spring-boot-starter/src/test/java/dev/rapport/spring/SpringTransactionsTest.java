package dev.rapport.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.Rapport;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ContactIdentity;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rapport joins Spring-managed transactions on the application's data source: what it writes inside one (the change
 * and its outbox events) commits and rolls back with the host's own writes. Proven on H2 and on PostgreSQL.
 */
@DisplayName("Rapport in Spring-managed transactions")
class SpringTransactionsTest {

    abstract static class OnDatabase {

        /** A data source for an empty database of this kind. */
        abstract DataSource dataSource();

        private ApplicationContextRunner runner() {
            DataSource dataSource = dataSource();
            // the workers stay stopped, so the outbox keeps what the transactions wrote
            return new ApplicationContextRunner().withConfiguration(RapportAutoConfigurationTest.CONFIGURATIONS)
                    .withBean(DataSource.class, () -> dataSource).withPropertyValues("rapport.auto-startup=false");
        }

        private static void registerAnn(Rapport rapport) {
            rapport.customers().register(RegisterCustomer.builder().name("Ann Lee")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());
        }

        private static void createOrders(JdbcTemplate jdbc) {
            jdbc.execute("CREATE TABLE shop_order (id VARCHAR(36) PRIMARY KEY, customer_email VARCHAR(200))");
        }

        @Test
        @DisplayName("a rolled-back Spring transaction rolls back Rapport's writes and their events with the host's")
        void rollback() {
            runner().run(context -> {
                // given the host's own table and a Spring transaction
                Rapport rapport = context.getBean(Rapport.class);
                JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
                createOrders(jdbc);

                // when the host writes, Rapport registers a customer, and the transaction is rolled back
                transaction.executeWithoutResult(status -> {
                    jdbc.update("INSERT INTO shop_order VALUES (?, ?)", UUID.randomUUID().toString(),
                            "ann@example.com");
                    registerAnn(rapport);
                    assertThat(rapport.customers().resolve(Channel.EMAIL, "ann@example.com")).isPresent();
                    status.setRollbackOnly();
                });

                // then nothing of it is left: not the order, not the customer, not the event
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_order", Integer.class)).isZero();
                assertThat(rapport.customers().resolve(Channel.EMAIL, "ann@example.com")).isEmpty();
                assertThat(rapport.outboxRelay().orElseThrow().pendingCount()).isZero();
            });
        }

        @Test
        @DisplayName("an exception leaving a @Transactional-style block rolls back Rapport's writes too")
        void exceptionRollsBack() {
            runner().run(context -> {
                // given
                Rapport rapport = context.getBean(Rapport.class);
                TransactionTemplate transaction = context.getBean(TransactionTemplate.class);

                // when the host's code fails after Rapport wrote
                assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    registerAnn(rapport);
                    throw new IllegalStateException("payment declined");
                })).hasMessage("payment declined");

                // then
                assertThat(rapport.customers().resolve(Channel.EMAIL, "ann@example.com")).isEmpty();
                assertThat(rapport.outboxRelay().orElseThrow().pendingCount()).isZero();
            });
        }

        @Test
        @DisplayName("a committed Spring transaction commits Rapport's writes and their events with the host's")
        void commit() {
            runner().run(context -> {
                // given
                Rapport rapport = context.getBean(Rapport.class);
                JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
                createOrders(jdbc);

                // when
                transaction.executeWithoutResult(status -> {
                    jdbc.update("INSERT INTO shop_order VALUES (?, ?)", UUID.randomUUID().toString(),
                            "ann@example.com");
                    registerAnn(rapport);
                });

                // then
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shop_order", Integer.class)).isEqualTo(1);
                assertThat(rapport.customers().resolve(Channel.EMAIL, "ann@example.com")).isPresent();
                assertThat(rapport.outboxRelay().orElseThrow().pendingCount()).isPositive();
            });
        }

        @Test
        @DisplayName("outside a Spring transaction Rapport commits its own work at once")
        void ownTransaction() {
            runner().run(context -> {
                // given
                Rapport rapport = context.getBean(Rapport.class);

                // when
                registerAnn(rapport);

                // then
                assertThat(rapport.customers().resolve(Channel.EMAIL, "ann@example.com")).isPresent();
                assertThat(rapport.outboxRelay().orElseThrow().pendingCount()).isPositive();
            });
        }
    }

    @Nested
    @DisplayName("on H2")
    class OnH2 extends OnDatabase {
        @Override
        DataSource dataSource() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:spring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            return h2;
        }
    }

    @Nested
    @DisplayName("on PostgreSQL")
    class OnPostgres extends OnDatabase {
        @Override
        DataSource dataSource() {
            return EmbeddedPostgresDatabases.fresh();
        }
    }
}
