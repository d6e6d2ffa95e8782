package dev.rapport.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.agent.RegisterAgent;
import dev.rapport.automation.Action;
import dev.rapport.automation.AutomationRule;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.imports.ColumnMapping;
import dev.rapport.imports.ImportReport;
import dev.rapport.imports.TicketImporter;
import dev.rapport.imports.TimeFormat;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.observe.RapportObserver;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.tck.memory.InMemoryStorage;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RapportMetrics")
class RapportMetricsTest {

    /** A weekday noon in UTC, outside every quiet hour; in the database's past, so what is due by it is due. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-03T12:00:00Z"), ZoneOffset.UTC);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RapportMetrics metrics = new RapportMetrics(registry, Tags.of("application", "shop"));
    private Rapport rapport;

    @AfterEach
    void close() {
        if (rapport != null) {
            rapport.close();
        }
    }

    private Rapport onH2(Rapport.Builder builder) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        rapport = builder.storage(JdbcStorage.builder().dataSource(dataSource).build()).clock(CLOCK)
                .observer(metrics).build();
        metrics.bindGauges(rapport);
        return rapport;
    }

    private Customer ann() {
        return rapport.customers().register(RegisterCustomer.builder().name("Ann Lee")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());
    }

    private double count(String name, String outcome) {
        return registry.get(name).tags("application", "shop", RapportMetrics.OUTCOME, outcome).counter().count();
    }

    @Test
    @DisplayName("counts routing decisions by outcome")
    void routingDecisions() {
        // given an engine with routing and one agent who takes one email at a time
        onH2(Rapport.builder().routing(RoutingPolicy.defaults()));
        rapport.agents().register(RegisterAgent.builder().name("Sam").presence(Presence.AVAILABLE)
                .capacity(Map.of(Channel.EMAIL, 1)).build());
        Customer ann = ann();

        // when two cases are opened, each routed at once
        rapport.cases().open(OpenCase.builder().customerId(ann.id()).subject("Parcel not delivered")
                .originChannel(Channel.EMAIL).build());
        rapport.cases().open(OpenCase.builder().customerId(ann.id()).subject("Invoice copy")
                .originChannel(Channel.EMAIL).build());

        // then the first was assigned and the second waits
        assertThat(count(RapportMetrics.ROUTING_DECISIONS, "assigned")).isEqualTo(1);
        assertThat(count(RapportMetrics.ROUTING_DECISIONS, "waiting")).isEqualTo(1);
        assertThat(count(RapportMetrics.ROUTING_DECISIONS, "dropped")).isZero();
    }

    @Test
    @DisplayName("counts dispatch rounds and follow-ups by outcome")
    void dispatch() {
        // given a due follow-up for a customer, and a messenger that takes every message
        onH2(Rapport.builder().messenger(message -> DeliveryReceipt.accepted(CLOCK.instant())));
        Customer ann = ann();
        rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(ann.id()).kind(FollowUpKind.THANK_YOU)
                .dueAt(CLOCK.instant()).build());

        // when the dispatcher runs
        rapport.followUpDispatcher().dispatchDue();

        // then its round and the sent follow-up are counted
        assertThat(registry.get(RapportMetrics.DISPATCH_ROUNDS).counter().count()).isEqualTo(1);
        assertThat(count(RapportMetrics.FOLLOW_UPS, "sent")).isEqualTo(1);
        assertThat(count(RapportMetrics.FOLLOW_UPS, "failed")).isZero();
    }

    @Test
    @DisplayName("gauges the outbox backlog and dead letters, and counts the relay's rounds and events")
    void outbox() {
        // given an event waiting in the outbox (the relay is not started)
        onH2(Rapport.builder());
        ann();
        double pending = registry.get(RapportMetrics.OUTBOX_PENDING).gauge().value();

        // when the relay runs a round
        rapport.outboxRelay().orElseThrow().relayOnce();

        // then the backlog was there and is gone, and the round and its delivery are counted
        assertThat(pending).isPositive();
        assertThat(registry.get(RapportMetrics.OUTBOX_PENDING).gauge().value()).isZero();
        assertThat(registry.get(RapportMetrics.OUTBOX_DEAD_LETTERS).gauge().value()).isZero();
        assertThat(registry.get(RapportMetrics.OUTBOX_ROUNDS).counter().count()).isEqualTo(1);
        assertThat(count(RapportMetrics.OUTBOX_EVENTS, "delivered")).isEqualTo(pending);
    }

    @Test
    @DisplayName("times KPI reports")
    void kpiReport() {
        // given
        onH2(Rapport.builder());

        // when a report is computed
        rapport.kpis().report(KpiRequest.over(TimeRange.of(CLOCK.instant().minus(Duration.ofDays(30)),
                CLOCK.instant())));

        // then the timer recorded it
        assertThat(registry.get(RapportMetrics.KPI_REPORT).timer().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("counts imported and rejected rows when an import finishes")
    void importRows() throws Exception {
        // given an export with one good row and one without its required values
        onH2(Rapport.builder());
        String csv = "id,subject,email,created\n"
                + "T-1,Parcel not delivered,ann@example.com,2026-05-01T10:00:00Z\n"
                + "T-2,,,\n";

        // when it is imported
        ImportReport report = TicketImporter.builder(rapport).mapping(ColumnMapping.builder().ticketId("id")
                .subject("subject").customerEmail("email").createdAt("created", TimeFormat.ISO)
                .defaultChannel(Channel.EMAIL).build()).build().importFrom(new StringReader(csv));

        // then the rows are counted by outcome
        assertThat(report.imported()).hasSize(1);
        assertThat(count(RapportMetrics.IMPORT_ROWS, "imported")).isEqualTo(1);
        assertThat(count(RapportMetrics.IMPORT_ROWS, "rejected")).isEqualTo(1);
        assertThat(count(RapportMetrics.IMPORT_ROWS, "skipped")).isZero();
    }

    @Test
    @DisplayName("counts the firings of each automation rule by its name, once per firing")
    void automationFirings() {
        // given a rule that raises every new case's priority, and two new cases
        AutomationRule raise = AutomationRule.builder("raise new cases").statuses(CaseStatus.NEW)
                .then(new Action.ChangePriority(Priority.HIGH)).build();
        onH2(Rapport.builder().automations(raise));
        Customer ann = ann();
        for (int i = 0; i < 2; i++) {
            rapport.cases().open(OpenCase.builder().customerId(ann.id()).subject("Parcel " + i)
                    .originChannel(Channel.EMAIL).build());
        }

        // when two rounds run (the second finds nothing new to fire on)
        int first = rapport.automations().runRound();
        int second = rapport.automations().runRound();

        // then each committed firing is counted under the rule's name
        assertThat(first + second).isEqualTo(2);
        assertThat(registry.get(RapportMetrics.AUTOMATION_FIRINGS)
                .tags("application", "shop", RapportMetrics.RULE, "raise new cases").counter().count()).isEqualTo(2);
    }

    @Test
    @DisplayName("registers no outbox gauges for a Rapport without an outbox")
    void noOutbox() {
        // given a Rapport with the outbox switched off
        rapport = Rapport.builder().storage(new InMemoryStorage(CLOCK)).clock(CLOCK).useOutbox(false)
                .observer(metrics).build();

        // when
        metrics.bindGauges(rapport);

        // then
        assertThat(registry.find(RapportMetrics.OUTBOX_PENDING).gauge()).isNull();
        assertThat(registry.find(RapportMetrics.OUTBOX_DEAD_LETTERS).gauge()).isNull();
    }

    @Test
    @DisplayName("is an observer whose counters exist, at zero, before anything happens")
    void countersStartAtZero() {
        // given / when
        RapportObserver observer = metrics;

        // then
        assertThat(observer).isInstanceOf(RapportObserver.class);
        assertThat(count(RapportMetrics.ROUTING_DECISIONS, "assigned")).isZero();
        assertThat(count(RapportMetrics.FOLLOW_UPS, "sent")).isZero();
        assertThat(registry.get(RapportMetrics.KPI_REPORT).timer().count()).isZero();
    }
}
