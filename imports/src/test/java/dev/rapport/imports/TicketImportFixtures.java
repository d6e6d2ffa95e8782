package dev.rapport.imports;

import static dev.rapport.imports.Exports.zendeskMapping;

import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.testing.TestRapport;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the importer's tests share: a fresh {@link TestRapport} with two agents before each test, and the helpers
 * that build an importer, import a Zendesk-like export and read back what it stored.
 */
abstract class TicketImportFixtures {

    TestRapport t;
    Agent maya;
    Agent omar;

    @BeforeEach
    void setUp() {
        t = new TestRapport();
        maya = agent("Maya Patel");
        omar = agent("Omar Said");
    }

    Agent agent(String name) {
        return t.storage().agents().insert(Agent.builder().id(AgentId.random()).name(name)
                .presence(Presence.AVAILABLE).createdAt(t.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS))
                .updatedAt(t.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)).build());
    }

    TicketImporter.Builder importer(ColumnMapping.Builder mapping) {
        return TicketImporter.builder(t.rapport()).mapping(mapping.build());
    }

    ImportReport importZendesk(String csv) throws IOException {
        return importer(zendeskMapping()).build().importFrom(new StringReader(csv));
    }

    Case onlyCase() {
        return t.snapshot().cases().stream().reduce((a, b) -> {
            throw new AssertionError("more than one case");
        }).orElseThrow();
    }

    static Instant utc(String instant) {
        return Instant.parse(instant);
    }


    Map<String, Case> casesByTicket(ImportReport report) {
        return report.imported().stream().collect(java.util.stream.Collectors.toMap(
                ImportReport.Imported::ticketId, i -> t.rapport().cases().get(i.caseId())));
    }
}
