package dev.rapport.imports;

import dev.rapport.Rapport;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.testing.TestRapport;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A Rapport over one store as the import tests compare them: in memory or on a fresh in-memory H2 database, each
 * holding the agents the test exports name.
 */
record ImportStore(Rapport rapport, RapportStorage storage) {

    /** The agents the test exports assign tickets to. */
    static final List<String> AGENTS = List.of("Maya Patel", "Omar Said");

    /** The in-memory adapter with the agents. */
    static ImportStore memory() {
        TestRapport t = new TestRapport();
        return new ImportStore(t.rapport(), t.storage()).withAgents();
    }

    /** A fresh in-memory H2 database named after {@code name} behind the JDBC adapter, with the agents. */
    static ImportStore h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).build();
        Rapport rapport = Rapport.builder().storage(storage)
                .clock(Clock.fixed(TestRapport.START, ZoneOffset.UTC)).build();
        return new ImportStore(rapport, storage).withAgents();
    }

    /** Stores the agents the test exports name, available, and returns this store. */
    ImportStore withAgents() {
        for (String name : AGENTS) {
            storage.agents().insert(Agent.builder().id(AgentId.random()).name(name).presence(Presence.AVAILABLE)
                    .createdAt(rapport.clock().instant().truncatedTo(ChronoUnit.MICROS))
                    .updatedAt(rapport.clock().instant().truncatedTo(ChronoUnit.MICROS)).build());
        }
        return this;
    }
}
