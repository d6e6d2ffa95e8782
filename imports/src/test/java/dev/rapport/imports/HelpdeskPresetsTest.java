package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.Rapport;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.testing.TestRapport;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each preset on a small export the project wrote in its product's layout (test resources presets/*.csv: the
 * product's documented headers where its documentation gives them, with columns the preset does not read, times in
 * the product's format and zone, statuses, priorities and channels in its vocabulary), imported into H2.
 */
@DisplayName("HelpdeskPresets")
class HelpdeskPresetsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private Rapport rapport;
    private JdbcStorage storage;
    private AgentId maya;
    private AgentId omar;

    @BeforeEach
    void setUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:presets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        storage = JdbcStorage.builder().dataSource(h2).build();
        rapport = Rapport.builder().storage(storage).build();
        maya = agent("Maya Patel");
        omar = agent("Omar Said");
    }

    @AfterEach
    void tearDown() {
        rapport.close();
    }

    private AgentId agent(String name) {
        Instant now = TestRapport.START_MICROS;
        return storage.agents().insert(Agent.builder().id(AgentId.random()).name(name)
                .presence(Presence.AVAILABLE).createdAt(now).updatedAt(now).build()).id();
    }

    private ImportReport importFixture(String preset, UnaryOperator<ColumnMapping.Builder> adjust, char delimiter)
            throws IOException {
        try (Reader file = new InputStreamReader(Objects.requireNonNull(getClass().getResourceAsStream(
                "/presets/" + preset + ".csv")), StandardCharsets.UTF_8)) {
            return TicketImporter.builder(rapport).mapping(adjust.apply(HelpdeskPresets.named(preset)).build())
                    .delimiter(delimiter).build().importFrom(file);
        }
    }

    private ImportReport importFixture(String preset, UnaryOperator<ColumnMapping.Builder> adjust)
            throws IOException {
        return importFixture(preset, adjust, ',');
    }

    private Case ticket(ImportReport report, String ticketId) {
        ImportReport.Imported row = report.imported().stream().filter(i -> i.ticketId().equals(ticketId))
                .findFirst().orElseThrow(() -> new AssertionError("ticket " + ticketId + " was not imported"));
        return storage.cases().get(row.caseId());
    }

    private Optional<Integer> rating(Case c) {
        List<Feedback> answers = rapport.feedback().findByCase(c.id());
        assertThat(answers).hasSizeLessThanOrEqualTo(1);
        return answers.stream().map(Feedback::score).findFirst();
    }

    private String customerName(Case c) {
        return storage.customers().get(c.customerId()).name();
    }

    /** What one imported ticket must look like. */
    private void expect(Case c, CaseStatus status, Channel channel, Priority priority, String createdAt,
            Optional<Integer> rating) {
        assertThat(c.status()).as("status of %s", c.subject()).isEqualTo(status);
        assertThat(c.originChannel()).as("channel of %s", c.subject()).isEqualTo(channel);
        assertThat(c.priority()).as("priority of %s", c.subject()).isEqualTo(priority);
        assertThat(c.createdAt()).as("creation time of %s", c.subject()).isEqualTo(Instant.parse(createdAt));
        assertThat(c.createdAtQuality()).isEqualTo(CreationTimeQuality.RECORDED);
        assertThat(rating(c)).as("rating of %s", c.subject()).isEqualTo(rating);
    }

    private static void everyRowImported(ImportReport report, int rows) {
        assertThat(report.rejected()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.imported()).hasSize(rows);
    }

    @Test
    @DisplayName("zendesk: read the CSV export's documented columns, its satisfaction values and local times")
    void zendesk() throws IOException {
        // given the CSV export of an account in Berlin time: solved and rated Good, open and not offered, pending
        // and offered, closed and rated Bad

        // when
        ImportReport report = importFixture("zendesk", p -> p.timeZone(BERLIN));

        // then
        everyRowImported(report, 4);
        Case parcel = ticket(report, "101");
        expect(parcel, CaseStatus.RESOLVED, Channel.EMAIL, Priority.HIGH, "2024-03-04T09:15:00Z", Optional.of(5));
        assertThat(parcel.firstReplyAt()).contains(Instant.parse("2024-03-04T09:50:00Z"));
        assertThat(parcel.resolvedAt()).contains(Instant.parse("2024-03-04T16:40:00Z"));
        assertThat(parcel.assignee()).contains(maya);
        assertThat(parcel.category()).contains("delivery");
        assertThat(customerName(parcel)).isEqualTo("Ann Lee");
        expect(ticket(report, "102"), CaseStatus.OPEN, Channel.WEB_FORM, Priority.NORMAL, "2024-03-05T10:00:00Z",
                Optional.empty());
        Case size = ticket(report, "103");
        expect(size, CaseStatus.PENDING_CUSTOMER, Channel.CHAT, Priority.LOW, "2024-03-06T11:30:00Z",
                Optional.empty());
        assertThat(size.assignee()).contains(omar);
        Case courier = ticket(report, "104");
        expect(courier, CaseStatus.CLOSED, Channel.PHONE, Priority.URGENT, "2024-03-07T07:05:00Z", Optional.of(1));
        assertThat(courier.resolvedAt()).contains(Instant.parse("2024-03-07T08:00:00Z"));
    }

    @Test
    @DisplayName("freshdesk: read statuses, priorities and sources in Freshdesk's vocabulary, and a caller known by"
            + " phone only")
    void freshdesk() throws IOException {
        // given a closed email ticket with a two-line description, an open portal one, a pending chat and a resolved
        // call from a customer who left only a phone number

        // when
        ImportReport report = importFixture("freshdesk", UnaryOperator.identity());

        // then
        everyRowImported(report, 4);
        Case parcel = ticket(report, "201");
        expect(parcel, CaseStatus.CLOSED, Channel.EMAIL, Priority.HIGH, "2024-03-04T09:15:00Z", Optional.empty());
        assertThat(parcel.firstReplyAt()).contains(Instant.parse("2024-03-04T09:50:00Z"));
        assertThat(parcel.firstResolvedAt()).contains(Instant.parse("2024-03-04T16:40:00Z"));
        assertThat(parcel.closedAt()).contains(Instant.parse("2024-03-05T09:00:00Z"));
        assertThat(parcel.assignee()).contains(maya);
        expect(ticket(report, "202"), CaseStatus.OPEN, Channel.WEB_FORM, Priority.NORMAL, "2024-03-05T10:00:00Z",
                Optional.empty());
        expect(ticket(report, "203"), CaseStatus.PENDING_CUSTOMER, Channel.CHAT, Priority.LOW,
                "2024-03-06T11:30:00Z", Optional.empty());
        Case call = ticket(report, "204");
        expect(call, CaseStatus.RESOLVED, Channel.PHONE, Priority.URGENT, "2024-03-07T07:05:00Z", Optional.empty());
        assertThat(customerName(call)).isEqualTo("Dee Moss");
    }

    @Test
    @DisplayName("zammad: read the reporting sheet's columns, saved as CSV, in the zone the sheet names")
    void zammad() throws IOException {
        // given the sheet's tickets in Berlin time: closed by email, open from the web, pending reminder by phone,
        // and a new one without an owner

        // when
        ImportReport report = importFixture("zammad", p -> p.timeZone(BERLIN));

        // then
        everyRowImported(report, 4);
        Case parcel = ticket(report, "31001");
        expect(parcel, CaseStatus.CLOSED, Channel.EMAIL, Priority.HIGH, "2024-03-04T09:15:00Z", Optional.empty());
        assertThat(parcel.firstReplyAt()).contains(Instant.parse("2024-03-04T09:50:00Z"));
        assertThat(parcel.resolvedAt()).contains(Instant.parse("2024-03-04T16:40:00Z"));
        assertThat(parcel.assignee()).contains(maya);
        expect(ticket(report, "31002"), CaseStatus.OPEN, Channel.WEB_FORM, Priority.NORMAL, "2024-03-05T10:00:00Z",
                Optional.empty());
        expect(ticket(report, "31003"), CaseStatus.PENDING_CUSTOMER, Channel.PHONE, Priority.LOW,
                "2024-03-06T11:30:00Z", Optional.empty());
        Case courier = ticket(report, "31004");
        expect(courier, CaseStatus.NEW, Channel.EMAIL, Priority.NORMAL, "2024-03-07T07:05:00Z", Optional.empty());
        assertThat(courier.assignee()).isEmpty();
    }

    @Test
    @DisplayName("freescout: read Active, Pending and Closed conversations by email, phone and chat")
    void freeScout() throws IOException {
        // given a closed email conversation, an active call and a pending chat

        // when
        ImportReport report = importFixture("freescout", UnaryOperator.identity());

        // then
        everyRowImported(report, 3);
        Case parcel = ticket(report, "401");
        expect(parcel, CaseStatus.CLOSED, Channel.EMAIL, Priority.NORMAL, "2024-03-04T09:15:00Z", Optional.empty());
        assertThat(parcel.resolvedAt()).contains(Instant.parse("2024-03-04T16:40:00Z"));
        expect(ticket(report, "402"), CaseStatus.OPEN, Channel.PHONE, Priority.NORMAL, "2024-03-05T10:00:00Z",
                Optional.empty());
        expect(ticket(report, "403"), CaseStatus.PENDING_CUSTOMER, Channel.CHAT, Priority.NORMAL,
                "2024-03-06T11:30:00Z", Optional.empty());
    }

    @Test
    @DisplayName("osticket: read the default export fields, with a byte-order mark and semicolons")
    void osTicket() throws IOException {
        // given an export from a decimal-comma locale: closed by email, open from the web, an emergency call
        // resolved

        // when
        ImportReport report = importFixture("osticket", UnaryOperator.identity(), ';');

        // then
        everyRowImported(report, 3);
        Case parcel = ticket(report, "501234");
        expect(parcel, CaseStatus.CLOSED, Channel.EMAIL, Priority.HIGH, "2024-03-04T09:15:00Z", Optional.empty());
        assertThat(parcel.category()).contains("delivery");
        assertThat(parcel.assignee()).contains(maya);
        expect(ticket(report, "501235"), CaseStatus.OPEN, Channel.WEB_FORM, Priority.NORMAL,
                "2024-03-05T10:00:00Z", Optional.empty());
        Case size = ticket(report, "501236");
        expect(size, CaseStatus.RESOLVED, Channel.PHONE, Priority.URGENT, "2024-03-06T11:30:00Z", Optional.empty());
        assertThat(size.resolvedAt()).contains(Instant.parse("2024-03-06T12:00:00Z"));
    }

    @Test
    @DisplayName("jira-service-management: read Jira's columns, its default date format and the satisfaction field")
    void jiraServiceManagement() throws IOException {
        // given requests exported by a user in Berlin time, with the repeated columns Jira writes (Watchers,
        // Comment): resolved and rated 5, waiting for support, waiting for the customer, and canceled and rated 2

        // when
        ImportReport report = importFixture("jira-service-management", p -> p.timeZone(BERLIN));

        // then
        everyRowImported(report, 4);
        Case parcel = ticket(report, "SUP-1");
        expect(parcel, CaseStatus.RESOLVED, Channel.WEB_FORM, Priority.HIGH, "2024-03-04T08:15:00Z",
                Optional.of(5));
        assertThat(parcel.resolvedAt()).contains(Instant.parse("2024-03-04T15:40:00Z"));
        assertThat(parcel.category()).contains("service_request");
        expect(ticket(report, "SUP-2"), CaseStatus.OPEN, Channel.WEB_FORM, Priority.NORMAL, "2024-03-05T09:00:00Z",
                Optional.empty());
        expect(ticket(report, "SUP-3"), CaseStatus.PENDING_CUSTOMER, Channel.WEB_FORM, Priority.LOW,
                "2024-03-06T10:30:00Z", Optional.empty());
        expect(ticket(report, "SUP-4"), CaseStatus.CLOSED, Channel.WEB_FORM, Priority.URGENT,
                "2024-03-07T06:05:00Z", Optional.of(2));
    }

    @Test
    @DisplayName("hubspot: read the property labels, the default pipeline's statuses and the sources")
    void hubSpot() throws IOException {
        // given a closed email ticket, a new one from a form, one waiting on the contact, and an urgent call
        // waiting on the team

        // when
        ImportReport report = importFixture("hubspot", UnaryOperator.identity());

        // then
        everyRowImported(report, 4);
        Case parcel = ticket(report, "7001");
        expect(parcel, CaseStatus.CLOSED, Channel.EMAIL, Priority.HIGH, "2024-03-04T09:15:00Z", Optional.empty());
        assertThat(parcel.resolvedAt()).contains(Instant.parse("2024-03-04T16:40:00Z"));
        assertThat(parcel.assignee()).contains(maya);
        assertThat(customerName(parcel)).isEqualTo("Ann Lee");
        expect(ticket(report, "7002"), CaseStatus.NEW, Channel.WEB_FORM, Priority.NORMAL, "2024-03-05T10:00:00Z",
                Optional.empty());
        expect(ticket(report, "7003"), CaseStatus.PENDING_CUSTOMER, Channel.CHAT, Priority.LOW,
                "2024-03-06T11:30:00Z", Optional.empty());
        expect(ticket(report, "7004"), CaseStatus.OPEN, Channel.PHONE, Priority.URGENT, "2024-03-07T07:05:00Z",
                Optional.empty());
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
