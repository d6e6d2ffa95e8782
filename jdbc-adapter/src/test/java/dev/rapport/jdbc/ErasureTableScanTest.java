package dev.rapport.jdbc;

import dev.rapport.internal.EngineRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.complaint.AddNote;
import dev.rapport.complaint.AssessComplaint;
import dev.rapport.complaint.ChangeStage;
import dev.rapport.complaint.ReceiveComplaint;
import dev.rapport.complaint.RemedyOffer;
import dev.rapport.complaint.RespondToComplaint;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.SendWindow;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.privacy.ErasureReport;
import dev.rapport.privacy.LegalHold;
import dev.rapport.privacy.PrivacyService;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.test.SettableClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Erasure proven on the database itself: a whole customer life is stored through the {@code Rapport} facade on
 * {@link JdbcStorage} (interactions, a case, feedback, follow-ups sent and pending, a complaint with its audit trail,
 * outbox events), the customer is erased, and then every column of every table of Rapport's schema, found through
 * {@link DatabaseMetaData} and restricted to the storage's table prefix, is read as text and searched for the
 * customer's name, email and telephone number. Nothing may be found, while the KPI report counts exactly what it
 * counted before, and a second customer's rows are unchanged and still found by the same scan.
 */
@DisplayName("Erasure on a real database")
class ErasureTableScanTest {

    private static final String NAME = "Annika Lindqvist";
    private static final String EMAIL = "Annika.Lindqvist@Example.org";
    private static final String PHONE = "+44 20 7946 0321";
    private static final String PHONE_DIGITS = "2079460321";

    private static final String OTHER_NAME = "Bruno Marchetti";
    private static final String OTHER_EMAIL = "bruno.marchetti@example.net";

    static List<Arguments> databases() {
        return List.of(Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2Memory),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::postgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("leaves no trace of the customer in any column of any table, and the KPIs unchanged")
    void noTraceLeft(String database, Supplier<DataSource> databaseSource) throws SQLException {
        // given
        DataSource dataSource = databaseSource.get();
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(TestDatabases.freshPrefix())
                .build();
        try (Scenario scenario = new Scenario(storage)) {
            scenario.live();
            List<String> before = scan(dataSource, storage.tablePrefix(), NAME, EMAIL, PHONE);
            Map<String, List<String>> otherBefore = rowsMentioning(dataSource, storage.tablePrefix(), OTHER_NAME,
                    OTHER_EMAIL);
            KpiReport kpisBefore = scenario.kpis();
            assertThat(count(dataSource, storage.tablePrefix() + "outbox")).as("outbox events").isGreaterThan(10);
            assertThat(count(dataSource, storage.tablePrefix() + "complaint_audit")).as("audit entries")
                    .isGreaterThan(5);

            // when
            ErasureReport report = new PrivacyService(EngineRuntime.direct(scenario.rapport.storage(),
                    scenario.rapport.clock(), scenario.rapport.validator(), scenario.rapport.eventPublisher()),
                    LegalHold.NONE)
                    .erase(scenario.annika.id(), "gdpr_request");

            // then the scan worked before: it found the customer in many tables
            assertThat(before).as("where the customer was found before erasure")
                    .anyMatch(hit -> hit.startsWith("customer."))
                    .anyMatch(hit -> hit.startsWith("customer_identity."))
                    .anyMatch(hit -> hit.startsWith("interaction.summary"))
                    .anyMatch(hit -> hit.startsWith("support_case.subject"))
                    .anyMatch(hit -> hit.startsWith("feedback.comment_text"))
                    .anyMatch(hit -> hit.startsWith("follow_up.item_values"))
                    .anyMatch(hit -> hit.startsWith("follow_up.idempotency_key"))
                    .anyMatch(hit -> hit.startsWith("complaint.description"))
                    .anyMatch(hit -> hit.startsWith("complaint.outcome_reasons"))
                    .anyMatch(hit -> hit.startsWith("complaint_audit.detail"));
            // and finds nothing after it, in any column of any table
            assertThat(scan(dataSource, storage.tablePrefix(), NAME, EMAIL, PHONE)).as("traces left after erasure")
                    .isEmpty();
            assertThat(report.customerAnonymised()).isTrue();
            assertThat(report.complaintsRedacted()).isEqualTo(1);
            // the other customer is still found, row for row unchanged
            assertThat(rowsMentioning(dataSource, storage.tablePrefix(), OTHER_NAME, OTHER_EMAIL))
                    .isEqualTo(otherBefore).isNotEmpty();
            // and the KPI report counts the anonymous records as before
            KpiReport kpisAfter = scenario.kpis();
            assertThat(totals(kpisAfter)).isEqualTo(totals(kpisBefore));
            KpiFigure csat = kpisAfter.result(Kpi.CSAT).orElseThrow().total();
            assertThat(csat.denominator()).isEqualByComparingTo("3");
            assertThat(kpisAfter.result(Kpi.AVERAGE_HANDLE_TIME).orElseThrow().total().denominator())
                    .isEqualByComparingTo("2");
            assertThat(scenario.rapport.storage().followUps().findByCustomer(scenario.annika.id(),
                    PageRequest.first()).items()).extracting(f -> f.status())
                    .containsExactlyInAnyOrder(FollowUpStatus.SENT, FollowUpStatus.CANCELLED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    @DisplayName("under a legal hold on complaints still leaves no trace of the customer, the complaint kept minimised")
    void noTraceLeftUnderHold(String database, Supplier<DataSource> databaseSource) throws SQLException {
        // given
        DataSource dataSource = databaseSource.get();
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(TestDatabases.freshPrefix())
                .build();
        try (Scenario scenario = new Scenario(storage)) {
            scenario.live();
            LegalHold retained = new LegalHold() {
                @Override
                public boolean holds(Complaint complaint) {
                    return true;
                }
            };

            // when
            ErasureReport report = new PrivacyService(EngineRuntime.direct(scenario.rapport.storage(),
                    scenario.rapport.clock(), scenario.rapport.validator(), scenario.rapport.eventPublisher()), retained)
                    .erase(scenario.annika.id(), "gdpr_request");

            // then
            assertThat(scan(dataSource, storage.tablePrefix(), NAME, EMAIL, PHONE)).isEmpty();
            assertThat(report.recordsHeld()).isEqualTo(1);
            Complaint complaint = storage.complaints().get(scenario.complaint.id());
            assertThat(complaint.outcome().orElseThrow().reasons()).isEqualTo("Dear [erased], we are sorry");
            assertThat(complaint.reference()).isEqualTo(scenario.complaint.reference());
            assertThat(complaint.stage()).isEqualTo(ComplaintStage.RESPONDED);
            assertThat(storage.complaints().auditTrail(complaint.id())).extracting(e -> e.detail())
                    .contains(Optional.of("Called [erased] back on [erased]"));
        }
    }

    // ------------------------------------------------------------------------------------------------ scenario

    /** A customer's whole life with the business, through the facade; and a second customer. */
    private static final class Scenario implements AutoCloseable {
        final SettableClock clock = new SettableClock(Instant.now().minus(Duration.ofHours(2))
                .truncatedTo(ChronoUnit.MICROS));
        final Rapport rapport;
        final Instant start = clock.instant();
        Customer annika;
        Customer bruno;
        Complaint complaint;

        Scenario(JdbcStorage storage) {
            rapport = Rapport.builder().storage(storage).clock(clock).useOutbox(true)
                    .messenger(message -> DeliveryReceipt.accepted(clock.instant()))
                    .sendWindow(SendWindow.anyTime()).followUpDispatcher(d -> d.jitter(0)).build();
            // the host's broker is down: every event stays in the outbox, payload and all, to be scanned
            rapport.outboxRelay().orElseThrow().close();
        }

        @Override
        public void close() {
            rapport.close();
        }

        void live() {
            Agent agent = rapport.storage().agents().insert(Agent.builder().id(AgentId.random()).name("Dana Agent")
                    .presence(Presence.AVAILABLE).capacity(Map.of(Channel.EMAIL, 5)).createdAt(start)
                    .updatedAt(start).build());
            annika = rapport.customers().register(RegisterCustomer.builder().name(NAME)
                    .identity(ContactIdentity.primary(Channel.EMAIL, EMAIL))
                    .identity(ContactIdentity.primary(Channel.PHONE, PHONE))
                    .identity(ContactIdentity.of(Channel.WHATSAPP, "0044 20 7946-0321"))
                    .preferredChannel(Channel.EMAIL).locale(Locale.UK).timeZone(ZoneId.of("Europe/London"))
                    .birthday(LocalDate.of(1988, 4, 17)).segment("gold")
                    .attribute("note", "Annika Lindqvist prefers calls on 020 7946 0321").build());
            bruno = rapport.customers().register(RegisterCustomer.builder().name(OTHER_NAME)
                    .identity(ContactIdentity.primary(Channel.EMAIL, OTHER_EMAIL)).build());

            Case parcel = rapport.cases().open(OpenCase.builder().customerId(annika.id())
                    .subject("Lost parcel of Annika Lindqvist").category("delivery").originChannel(Channel.EMAIL)
                    .build());
            record(RecordInteraction.builder().customerId(annika.id()).caseId(parcel.id()).channel(Channel.EMAIL)
                    .summary("Hello, Annika Lindqvist here (ANNIKA.LINDQVIST@EXAMPLE.ORG), where is my parcel?")
                    .externalId("mail-1").reason("delivery"));
            record(RecordInteraction.builder().customerId(annika.id()).caseId(parcel.id()).channel(Channel.EMAIL)
                    .direction(Direction.OUTBOUND).agentId(agent.id())
                    .handleTime(HandleTime.talk(Duration.ofMinutes(3)))
                    .summary("Dear Annika, we will call you on +44 (0)20 7946 0321"));
            record(RecordInteraction.builder().customerId(annika.id()).caseId(parcel.id()).channel(Channel.PHONE)
                    .kind(InteractionKind.CALL).direction(Direction.OUTBOUND).agentId(agent.id())
                    .handleTime(HandleTime.talk(Duration.ofMinutes(6)))
                    .summary("Called 02079460321, Ms Lindqvist confirmed her address"));
            record(RecordInteraction.builder().customerId(annika.id()).channel(Channel.WEB_FORM)
                    .kind(InteractionKind.PURCHASE).orderRef("order-7781").amount(Money.of("59.00", "EUR")));
            rapport.cases().resolve(parcel.id());
            record(RecordInteraction.builder().customerId(bruno.id()).channel(Channel.CHAT)
                    .summary("Bruno Marchetti asks about opening hours"));

            rapport.feedback().record(RecordFeedback.builder().customerId(annika.id()).metric(FeedbackMetric.CSAT)
                    .scale(Scale.CSAT_1_TO_5).score(2).caseId(parcel.id())
                    .comment("Annika Lindqvist: slow! Write to annika.lindqvist@example.org").build());
            rapport.feedback().record(RecordFeedback.builder().customerId(annika.id()).metric(FeedbackMetric.CSAT)
                    .scale(Scale.CSAT_1_TO_5).score(5).build());
            rapport.feedback().record(RecordFeedback.builder().customerId(bruno.id()).metric(FeedbackMetric.CSAT)
                    .scale(Scale.CSAT_1_TO_5).score(4).comment("Bruno Marchetti is happy").build());

            rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(annika.id())
                    .kind(FollowUpKind.THANK_YOU).dueAt(clock.instant()).caseId(parcel.id())
                    .values(Map.of("customerName", NAME, "phone", PHONE)).idempotencyKey("thanks/" + EMAIL).build());
            rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(annika.id())
                    .kind(FollowUpKind.SURVEY).dueAt(clock.instant().plus(Duration.ofDays(3))).caseId(parcel.id())
                    .values(Map.of("customerName", NAME)).build());
            clock.advance(Duration.ofSeconds(1));
            assertThat(rapport.followUpDispatcher().dispatchDue().sent()).as("follow-ups sent").isEqualTo(1);

            complaint = rapport.complaints().receive(ReceiveComplaint.builder().customerId(annika.id())
                    .channel(Channel.EMAIL).description("Annika Lindqvist: the parcel never came, call 020 7946 0321")
                    .remedySought("Refund, please confirm to annika.lindqvist@example.org").orderRef("order-7781")
                    .severity(Severity.HIGH).actor("agent:front-desk").build());
            if (rapport.complaints().get(complaint.id()).stage() == ComplaintStage.RECEIVED) {
                rapport.complaints().changeStage(new ChangeStage(complaint.id(), ComplaintStage.ACKNOWLEDGED,
                        Optional.empty(), "agent:dana"));
            }
            rapport.complaints().assess(new AssessComplaint(complaint.id(), Severity.HIGH, Complexity.SIMPLE,
                    Optional.of("Annika Lindqvist lost a gift"), "agent:dana"));
            rapport.complaints().addNote(new AddNote(complaint.id(), "Called Annika Lindqvist back on " + PHONE,
                    "agent:dana"));
            rapport.complaints().respond(new RespondToComplaint(complaint.id(), OutcomeDecision.UPHELD,
                    "Dear Annika Lindqvist, we are sorry", List.of(new RemedyOffer(RemedyType.REFUND,
                            new BigDecimal("59.00"), "EUR", Optional.of("Refund to the card of A. Lindqvist"))),
                    "agent:dana"));
            complaint = rapport.complaints().get(complaint.id());
            clock.advance(Duration.ofMinutes(1));
        }

        private void record(RecordInteraction.Builder command) {
            rapport.interactions().record(command.occurredAt(clock.instant()).build());
            clock.advance(Duration.ofMinutes(2));
        }

        KpiReport kpis() {
            return rapport.kpis().report(KpiRequest.over(TimeRange.of(start.minus(Duration.ofDays(1)),
                    start.plus(Duration.ofDays(1)))).in("EUR"));
        }
    }

    /** Each KPI's total: numerator, denominator, value, statistics and exclusions. */
    private static Map<String, KpiFigure> totals(KpiReport report) {
        Map<String, KpiFigure> totals = new LinkedHashMap<>();
        for (KpiResult result : report.results()) {
            totals.put(result.kpi().toString(), result.total());
        }
        return totals;
    }

    // ---------------------------------------------------------------------------------------------------- scan

    /**
     * Every place, as {@code table.column}, where a value of a table with the prefix holds one of the needles:
     * compared case-insensitively, and for a telephone number also by its digits in any formatting.
     */
    private static List<String> scan(DataSource dataSource, String prefix, String name, String email, String phone)
            throws SQLException {
        List<String> needles = new ArrayList<>();
        needles.add(name.toLowerCase(Locale.ROOT));
        needles.addAll(List.of(name.toLowerCase(Locale.ROOT).split(" ")));
        needles.add(email.toLowerCase(Locale.ROOT));
        needles.add(email.toLowerCase(Locale.ROOT).substring(0, email.indexOf('@')));
        needles.add(phone.toLowerCase(Locale.ROOT));
        List<String> hits = new ArrayList<>();
        forEachValue(dataSource, prefix, (table, column, value) -> {
            String lower = value.toLowerCase(Locale.ROOT);
            String digits = value.replaceAll("[^0-9]", "");
            for (String needle : needles) {
                if (lower.contains(needle)) {
                    hits.add(table + "." + column + " holds \"" + needle + "\"");
                }
            }
            if (digits.contains(PHONE_DIGITS)) {
                hits.add(table + "." + column + " holds the phone's digits");
            }
        });
        return hits;
    }

    /** Every row, as its column values in order, of every table that mentions one of the needles anywhere. */
    private static Map<String, List<String>> rowsMentioning(DataSource dataSource, String prefix, String... needles)
            throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : tables(c, prefix)) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    List<String> matching = new ArrayList<>();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT) + "=" + text(rs, i));
                        }
                        String joined = String.join(", ", row).toLowerCase(Locale.ROOT);
                        for (String needle : needles) {
                            if (joined.contains(needle.toLowerCase(Locale.ROOT))) {
                                matching.add(String.join(", ", row));
                                break;
                            }
                        }
                    }
                    matching.sort(null);
                    if (!matching.isEmpty()) {
                        rows.put(table.toLowerCase(Locale.ROOT), matching);
                    }
                }
            }
        }
        return rows;
    }

    private static long count(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What the scan does with one value. */
    private interface ValueVisitor {
        void visit(String table, String column, String value);
    }

    private static void forEachValue(DataSource dataSource, String prefix, ValueVisitor visitor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Set<String> tables = tables(c, prefix);
            assertThat(tables).as("Rapport's tables under the prefix").hasSizeGreaterThanOrEqualTo(14);
            int columnsRead = 0;
            for (String table : tables) {
                List<String> columns = columns(c, table);
                assertThat(columns).as("columns of %s", table).isNotEmpty();
                for (String column : columns) {
                    columnsRead++;
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT " + column + " FROM " + table)) {
                        while (rs.next()) {
                            String value = text(rs, 1);
                            if (value != null) {
                                visitor.visit(table.substring(prefix.length()).toLowerCase(Locale.ROOT),
                                        column.toLowerCase(Locale.ROOT), value);
                            }
                        }
                    }
                }
            }
            assertThat(columnsRead).as("columns read").isGreaterThan(150);
        }
    }

    /** The tables of the connection's current schema whose names start with the prefix, in any letter case. */
    private static Set<String> tables(Connection c, String prefix) throws SQLException {
        Set<String> tables = new TreeSet<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), null, new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (table.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), table, null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
            }
        }
        return columns;
    }

    /** A value read as text: character and JSON types as they are, binary ones decoded as UTF-8, others printed. */
    private static String text(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        return rs.getString(column);
    }
}
