package dev.rapport.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ContactIdentity;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@DisplayName("SpringConnectionProvider")
class SpringConnectionProviderTest {

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:provider-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static Rapport rapportOn(DataSource dataSource) {
        return Rapport.builder().storage(JdbcStorage.builder()
                .connectionProvider(new SpringConnectionProvider(dataSource)).build()).build();
    }

    private static void registerAnn(Rapport rapport) {
        rapport.customers().register(RegisterCustomer.builder().name("Ann Lee")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());
    }

    @Test
    @DisplayName("joins a transaction on its own data source, which then decides")
    void joinsItsDataSourcesTransaction() {
        // given Rapport and a transaction manager on the same data source
        DataSource shop = h2();
        Rapport rapport = rapportOn(shop);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(shop));

        // when Rapport writes in a transaction that is rolled back
        transaction.executeWithoutResult(status -> {
            registerAnn(rapport);
            status.setRollbackOnly();
        });

        // then the write is gone with it
        assertThat(rapport.customers().resolve(Channel.EMAIL, "ann@example.com")).isEmpty();
        rapport.close();
    }

    @Test
    @DisplayName("does not join a transaction on another data source: Rapport then commits its own work")
    void ignoresAnotherDataSourcesTransaction() {
        // given Rapport on one data source and a transaction manager on another
        Rapport rapport = rapportOn(h2());
        TransactionTemplate elsewhere = new TransactionTemplate(new DataSourceTransactionManager(h2()));

        // when Rapport writes during a transaction of the other data source, which is rolled back
        elsewhere.executeWithoutResult(status -> {
            registerAnn(rapport);
            status.setRollbackOnly();
        });

        // then Rapport's write was committed on its own and stays
        assertThat(rapport.customers().resolve(Channel.EMAIL, "ann@example.com")).isPresent();
        rapport.close();
    }
}
