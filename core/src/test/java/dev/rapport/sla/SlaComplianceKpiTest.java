package dev.rapport.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SLA compliance KPIs")
class SlaComplianceKpiTest {

    static final Duration GOAL = Duration.ofHours(1);
    static final Instant FROM = Instant.parse("2025-03-03T00:00:00Z");
    static final Instant TO = Instant.parse("2025-03-10T00:00:00Z");

    final SettableClock clock = new SettableClock(Instant.parse("2025-03-09T12:00:00Z"));
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final Rapport rapport = Rapport.builder().storage(storage).clock(clock)
            .slaPolicy(SlaPolicy.builder().rule(SlaRule.builder().priorities(Priority.NORMAL, Priority.HIGH)
                    .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(GOAL))
                    .target(SlaTarget.NEXT_REPLY, SlaTargetSpec.calendarTime(GOAL)).build()).build())
            .build();
    final Customer customer = storage.customers().insert(Customer.builder().id(CustomerId.random()).name("Ada")
            .createdAt(FROM.minus(Duration.ofDays(30))).updatedAt(FROM.minus(Duration.ofDays(30))).build());

    /** One hand-built case: when it was created, when (if ever) an agent replied, its priority and channel. */
    record Given(String created, String reply, Priority priority, Channel channel, AgentId assignee) {
        Instant createdAt() {
            return Instant.parse(created);
        }

        Optional<Instant> replyAt() {
            return Optional.ofNullable(reply).map(Instant::parse);
        }
    }

    static final AgentId AMY = AgentId.random();

    final List<Given> scenario = List.of(
            new Given("2025-03-03T09:00:00Z", "2025-03-03T09:30:00Z", Priority.NORMAL, Channel.EMAIL, AMY),
            new Given("2025-03-03T10:00:00Z", "2025-03-03T11:30:00Z", Priority.HIGH, Channel.CHAT, AMY),
            new Given("2025-03-04T08:00:00Z", "2025-03-04T09:00:00Z", Priority.NORMAL, Channel.CHAT, null),
            new Given("2025-03-04T15:00:00Z", null, Priority.LOW, Channel.EMAIL, null),
            new Given("2025-03-05T10:00:00Z", null, Priority.NORMAL, Channel.EMAIL, AMY),
            new Given("2025-03-09T11:30:00Z", null, Priority.NORMAL, Channel.PHONE, null),
            new Given("2025-03-02T23:00:00Z", "2025-03-02T23:10:00Z", Priority.NORMAL, Channel.EMAIL, null));

    enum Expected { ACHIEVED, BREACHED, IN_PROGRESS, NO_TARGET, OUTSIDE }

    /** The outcome the definition gives, worked out from the data alone. */
    Expected expected(Given given) {
        Instant created = given.createdAt();
        if (created.isBefore(FROM) || !created.isBefore(TO)) {
            return Expected.OUTSIDE;
        }
        if (given.priority() == Priority.LOW) {
            return Expected.NO_TARGET;
        }
        Instant due = created.plus(GOAL);
        if (given.replyAt().isPresent()) {
            return given.replyAt().get().isAfter(due) ? Expected.BREACHED : Expected.ACHIEVED;
        }
        return clock.instant().isAfter(due) ? Expected.BREACHED : Expected.IN_PROGRESS;
    }

    void store() {
        for (Given given : scenario) {
            Case supportCase = storage.cases().insert(SlaFixtures.newCase(given.createdAt(), given.priority(),
                    given.channel()).toBuilder().customerId(customer.id()).assignee(given.assignee()).build());
            given.replyAt().ifPresent(at -> storage.interactions().insert(SlaFixtures.humanReply(supportCase, at)));
        }
    }

    Map<Expected, Long> tally(java.util.function.Predicate<Given> in) {
        Map<Expected, Long> counts = new HashMap<>();
        scenario.stream().filter(in).forEach(g -> counts.merge(expected(g), 1L, Long::sum));
        return counts;
    }

    static void assertFigure(KpiFigure figure, Map<Expected, Long> counts) {
        long achieved = counts.getOrDefault(Expected.ACHIEVED, 0L);
        long breached = counts.getOrDefault(Expected.BREACHED, 0L);
        assertThat(figure.numerator()).isEqualByComparingTo(BigDecimal.valueOf(achieved));
        assertThat(figure.denominator()).isEqualByComparingTo(BigDecimal.valueOf(achieved + breached));
        assertThat(figure.excluded().count(ExclusionReason.WINDOW_OPEN))
                .isEqualTo(counts.getOrDefault(Expected.IN_PROGRESS, 0L));
        assertThat(figure.statistic(SlaComplianceCalculator.NO_TARGET).orElseThrow())
                .isEqualByComparingTo(BigDecimal.valueOf(counts.getOrDefault(Expected.NO_TARGET, 0L)));
        if (achieved + breached == 0) {
            assertThat(figure.value()).isEmpty();
        } else {
            assertThat(figure.value()).hasValueSatisfying(v -> assertThat(v.doubleValue())
                    .isCloseTo((double) achieved / (achieved + breached), org.assertj.core.data.Offset.offset(1e-12)));
        }
    }

    @Test
    @DisplayName("first-reply compliance is achieved over achieved plus breached, with open clocks and cases without target set apart")
    void firstReplyTotal() {
        // given the scenario's cases
        store();

        // when first-reply compliance is computed over the week
        KpiResult result = rapport.kpis().compute(SlaComplianceCalculator.SLA_FIRST_REPLY, KpiRequest.over(FROM, TO));

        // then the total follows the outcomes worked out from the data
        Map<Expected, Long> counts = tally(g -> true);
        assertThat(counts.get(Expected.ACHIEVED)).isPositive();
        assertThat(counts.get(Expected.BREACHED)).isPositive();
        assertThat(counts.get(Expected.IN_PROGRESS)).isPositive();
        assertThat(counts.get(Expected.NO_TARGET)).isPositive();
        assertFigure(result.total(), counts);
        assertThat(result.total().statistic("breached").orElseThrow())
                .isEqualByComparingTo(BigDecimal.valueOf(counts.get(Expected.BREACHED)));
    }

    @Test
    @DisplayName("a daily breakdown lists every day of the period, empty days without value")
    void byDay() {
        // given the scenario's cases
        store();

        // when broken down by day in UTC
        KpiResult result = rapport.kpis().compute(SlaComplianceCalculator.SLA_FIRST_REPLY,
                KpiRequest.over(FROM, TO).byPeriod(Granularity.DAY, ZoneOffset.UTC));

        // then there are seven days, each with the outcomes of the cases created on it
        assertThat(result.groups()).hasSize(7);
        for (KpiFigure figure : result.groups()) {
            LocalDate day = LocalDate.parse(figure.group().label());
            assertFigure(figure, tally(g -> LocalDate.ofInstant(g.createdAt(), ZoneOffset.UTC).equals(day)));
        }
        assertThat(result.group("2025-03-06").orElseThrow().value()).isEmpty();
    }

    @Test
    @DisplayName("channel, priority and agent breakdowns group cases by origin channel, priority and assignee")
    void byChannelPriorityAgent() {
        // given the scenario's cases
        store();
        KpiRequest request = KpiRequest.over(FROM, TO);

        // when broken down by channel, priority and agent
        KpiResult channels = rapport.kpis().compute(SlaComplianceCalculator.SLA_FIRST_REPLY,
                request.by(Dimension.CHANNEL));
        KpiResult priorities = rapport.kpis().compute(SlaComplianceCalculator.SLA_FIRST_REPLY,
                request.by(Dimension.PRIORITY));
        KpiResult agents = rapport.kpis().compute(SlaComplianceCalculator.SLA_FIRST_REPLY,
                request.by(Dimension.AGENT));

        // then each group holds the outcomes of its own cases
        for (Channel channel : List.of(Channel.EMAIL, Channel.CHAT, Channel.PHONE)) {
            assertFigure(channels.group(channel.code()).orElseThrow(), tally(g -> g.channel().equals(channel)));
        }
        for (Priority priority : List.of(Priority.NORMAL, Priority.HIGH, Priority.LOW)) {
            assertFigure(priorities.group(priority.name()).orElseThrow(), tally(g -> g.priority() == priority));
        }
        assertFigure(agents.group(AMY.toString()).orElseThrow(), tally(g -> AMY.equals(g.assignee())));
        assertFigure(agents.group("(none)").orElseThrow(), tally(g -> g.assignee() == null));
    }

    @Test
    @DisplayName("next-reply compliance counts every wait for a reply once")
    void nextReplyPerWait() {
        // given a case answered at once, then waiting twice: once answered in 20 minutes, once in 2 hours,
        // and a third wait still open within its hour
        Case supportCase = storage.cases().insert(SlaFixtures.newCase(Instant.parse("2025-03-08T08:00:00Z"))
                .toBuilder().customerId(customer.id()).build());
        List<String[]> waits = List.of(new String[] {"2025-03-08T09:00:00Z", "2025-03-08T09:20:00Z"},
                new String[] {"2025-03-08T10:00:00Z", "2025-03-08T12:00:00Z"},
                new String[] {"2025-03-09T11:30:00Z", null});
        storage.interactions().insert(SlaFixtures.humanReply(supportCase, Instant.parse("2025-03-08T08:05:00Z")));
        List<Expected> outcomes = new ArrayList<>();
        for (String[] wait : waits) {
            Instant asked = Instant.parse(wait[0]);
            storage.interactions().insert(SlaFixtures.customerMessage(supportCase, asked));
            if (wait[1] != null) {
                Instant answered = Instant.parse(wait[1]);
                storage.interactions().insert(SlaFixtures.humanReply(supportCase, answered));
                outcomes.add(answered.isAfter(asked.plus(GOAL)) ? Expected.BREACHED : Expected.ACHIEVED);
            } else {
                outcomes.add(clock.instant().isAfter(asked.plus(GOAL)) ? Expected.BREACHED : Expected.IN_PROGRESS);
            }
        }

        // when next-reply compliance is computed
        KpiResult result = rapport.kpis().compute(SlaComplianceCalculator.SLA_NEXT_REPLY, KpiRequest.over(FROM, TO));

        // then each wait is one record
        Map<Expected, Long> counts = new HashMap<>();
        outcomes.forEach(o -> counts.merge(o, 1L, Long::sum));
        assertFigure(result.total(), counts);
        assertThat(result.total().denominator()).isEqualByComparingTo("2");
    }

    @Test
    @DisplayName("the facade registers all four SLA KPIs and reports them like built-in ones")
    void registered() {
        // given the scenario's cases
        store();
        List<Kpi> sla = List.of(SlaComplianceCalculator.SLA_FIRST_REPLY, SlaComplianceCalculator.SLA_NEXT_REPLY,
                SlaComplianceCalculator.SLA_FIRST_RESOLUTION, SlaComplianceCalculator.SLA_FULL_RESOLUTION);

        // when a report is asked for them
        KpiReport report = rapport.kpis().report(KpiRequest.over(FROM, TO), sla);

        // then the engine lists them, and the report holds them; no resolution target means every case lacks one
        assertThat(rapport.kpis().kpis()).containsAll(sla);
        assertThat(report.results()).extracting(KpiResult::kpi).containsExactlyElementsOf(sla);
        long inPeriod = scenario.stream().filter(g -> expected(g) != Expected.OUTSIDE).count();
        assertThat(report.result(SlaComplianceCalculator.SLA_FULL_RESOLUTION).orElseThrow().total()
                .statistic(SlaComplianceCalculator.NO_TARGET).orElseThrow())
                .isEqualByComparingTo(BigDecimal.valueOf(inPeriod));
        assertThat(report.toCsv()).contains("sla_first_resolution");
    }
}
