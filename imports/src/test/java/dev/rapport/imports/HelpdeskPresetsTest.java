package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.testing.TestRapport;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each preset on a small export written in its product's layout (test resources presets/*.csv): a resolved or
 * closed ticket answered by a known agent, an open one, and one waiting.
 */
@DisplayName("HelpdeskPresets")
class HelpdeskPresetsTest {

    private final TestRapport t = new TestRapport();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zendesk", "freshdesk", "zammad", "freescout", "osticket", "jira-service-management",
            "hubspot"})
    @DisplayName("import the product's own export layout, every row, without a warning")
    void importsItsFixture(String preset) throws IOException {
        // given the agent the exports name
        Instant now = TestRapport.START_MICROS;
        t.storage().agents().insert(Agent.builder().id(AgentId.random()).name("Maya Patel")
                .presence(Presence.AVAILABLE).createdAt(now).updatedAt(now).build());

        // when
        ImportReport report;
        try (Reader file = new InputStreamReader(Objects.requireNonNull(getClass().getResourceAsStream(
                "/presets/" + preset + ".csv")), StandardCharsets.UTF_8)) {
            report = TicketImporter.builder(t.rapport()).mapping(HelpdeskPresets.named(preset).build()).build()
                    .importFrom(file);
        }

        // then
        assertThat(report.rejected()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.imported()).hasSize(3);
        Case parcel = t.storage().cases().get(report.imported().get(0).caseId());
        assertThat(parcel.subject()).isEqualTo("Parcel not delivered");
        assertThat(parcel.createdAt()).isEqualTo(Instant.parse("2024-03-04T09:15:00Z"));
        assertThat(parcel.createdAtQuality()).isEqualTo(CreationTimeQuality.RECORDED);
        assertThat(parcel.status()).isIn(CaseStatus.RESOLVED, CaseStatus.CLOSED);
        assertThat(parcel.firstResolvedAt()).contains(Instant.parse("2024-03-04T16:40:00Z"));
        assertThat(parcel.assignee()).isPresent();
        Case refund = t.storage().cases().get(report.imported().get(1).caseId());
        assertThat(refund.status().isUnresolved()).isTrue();
        assertThat(t.storage().customers().get(report.imported().get(0).customerId()).name()).isEqualTo("Ann Lee");
    }

    @Test
    @DisplayName("name the presets it knows when asked for another")
    void unknownPreset() {
        assertThatThrownBy(() -> HelpdeskPresets.named("kayako"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> assertThat(v.message()).contains("zendesk", "hubspot")));
        assertThat(HelpdeskPresets.names()).hasSize(7);
    }
}
